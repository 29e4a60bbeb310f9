/**
 * An organisation's own concepts: admins add, edit and archive them, or import them from ESCO;
 * the matching engine of that organisation knows them beside the built-in list.
 */
import type { z } from 'zod';
import { can } from '../../../../shared/permissions.ts';
import {
  type Concept,
  type ConceptLanguage,
  type conceptInput,
  conceptLanguages,
  type conceptPatch,
  type conceptsQuery,
  type EscoImportResult,
} from '../../../../shared/taxonomy.ts';
import { type Db, type Tx, withOrganisation } from '../../../db/client.ts';
import type { Auth } from '../../../http/auth.ts';
import { errors } from '../../../http/errors.ts';
import { diff, recordAudit } from '../../audit/service.ts';
import { builtInConcepts, type Concept as EngineConcept } from '../engine/concepts.ts';
import { ownRef } from './engine.ts';
import { type EscoFile, readEscoFiles } from './esco.ts';
import { type ConceptRow, taxonomyRepo as repo } from './repo.ts';

export { ownRef };

const ownIdOf = (ref: string) => (/^c-[0-9a-f-]{36}$/.test(ref) ? ref.slice(2) : undefined);

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

const langRecord = <T>(f: (l: ConceptLanguage) => T) => Object.fromEntries(conceptLanguages.map((l) => [l, f(l)])) as Record<ConceptLanguage, T>;

/** An import that fails says which rows were wrong. */
export class EscoImportError extends Error {
  readonly problems: { file: string; row: number; reason: string }[];
  constructor(problems: { file: string; row: number; reason: string }[]) {
    super(`The import was not done: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the files.`);
    this.problems = problems;
  }
}

export function taxonomyService(db: Db, onChange: (organisationId: string) => void = () => {}) {
  const builtIn = () => builtInConcepts();
  const builtInById = () => new Map(builtIn().map((c) => [c.id, c]));

  const mayManage = (auth: Auth) => can(auth.roles, 'organisation.manage');

  function presentBuiltIn(c: EngineConcept): Concept {
    return {
      id: c.id,
      ref: c.id,
      source: 'built-in',
      kind: c.kind,
      labels: langRecord((l) => c.labels[l]),
      synonyms: langRecord((l) => c.terms[l].filter((t) => t !== c.labels[l])),
      broader: c.broader[0] ? { ref: c.broader[0], label: builtInById().get(c.broader[0])?.labels.nl ?? c.broader[0] } : null,
      escoUri: null,
      description: null,
      archived: false,
      updatedAt: null,
      can: { edit: false },
    };
  }

  async function broaderLabels(tx: Tx, organisationId: string, rows: ConceptRow[], locale: ConceptLanguage) {
    const own = await repo.byIds(tx, organisationId, [
      ...new Set(rows.map((r) => (r.broader ? ownIdOf(r.broader) : undefined)).filter((x): x is string => !!x)),
    ]);
    const ownById = new Map(own.map((r) => [ownRef(r.id), r]));
    const base = builtInById();
    return (ref: string) => {
      const o = ownById.get(ref);
      if (o) return o.labels[locale] || conceptLanguages.map((l) => o.labels[l]).find(Boolean) || ref;
      return base.get(ref)?.labels[locale] ?? ref;
    };
  }

  function present(auth: Auth, r: ConceptRow, broaderLabel: (ref: string) => string): Concept {
    return {
      id: r.id,
      ref: ownRef(r.id),
      source: r.source,
      kind: r.kind,
      labels: langRecord((l) => r.labels[l] ?? ''),
      synonyms: langRecord((l) => r.synonyms[l] ?? []),
      broader: r.broader ? { ref: r.broader, label: broaderLabel(r.broader) } : null,
      escoUri: r.escoUri,
      description: r.description,
      archived: !!r.archivedAt,
      updatedAt: r.updatedAt.toISOString(),
      can: { edit: mayManage(auth) },
    };
  }

  const localeOf = (auth: Auth): ConceptLanguage => {
    const base = auth.locale.slice(0, 2);
    return (conceptLanguages as readonly string[]).includes(base) ? (base as ConceptLanguage) : 'nl';
  };

  /** A label already used by another concept in the same language is a 409: two concepts nobody can tell apart. */
  async function checkLabels(tx: Tx, organisationId: string, labels: Partial<Record<ConceptLanguage, string>>, exceptId?: string) {
    for (const lang of conceptLanguages) {
      const label = labels[lang];
      if (!label) continue;
      const builtInHit = builtIn().find((c) => fold(c.labels[lang]) === fold(label));
      if (builtInHit)
        throw errors.conflict('concept_label_taken', `"${label}" is already the ${lang} label of the built-in concept ${builtInHit.id}.`, {
          language: lang,
          concept: builtInHit.id,
        });
      const [own] = await repo.withLabel(tx, organisationId, lang, label, exceptId);
      if (own)
        throw errors.conflict('concept_label_taken', `"${label}" is already the ${lang} label of another concept.`, {
          language: lang,
          concept: ownRef(own.id),
        });
    }
  }

  async function checkBroader(tx: Tx, organisationId: string, broader: string | null | undefined, selfId?: string) {
    if (!broader) return;
    const own = ownIdOf(broader);
    if (own) {
      if (own === selfId) throw errors.badRequest('concept_broader_self', 'A concept cannot be broader than itself.');
      const row = await repo.get(tx, organisationId, own);
      if (row) return;
    } else if (builtInById().has(broader)) return;
    throw errors.badRequest('concept_broader_unknown', `There is no concept "${broader}".`);
  }

  const cleanSynonyms = (s: Partial<Record<ConceptLanguage, string[]>> | undefined, labels: Partial<Record<ConceptLanguage, string>>) =>
    Object.fromEntries(
      conceptLanguages
        .map((l) => [l, [...new Set((s?.[l] ?? []).map((x) => x.trim()).filter((x) => x && fold(x) !== fold(labels[l] ?? '')))]] as const)
        .filter(([, v]) => v.length),
    );
  const cleanLabels = (labels: Partial<Record<ConceptLanguage, string | undefined>>) =>
    Object.fromEntries(conceptLanguages.filter((l) => labels[l]?.trim()).map((l) => [l, labels[l]?.trim() as string]));

  return {
    async list(auth: Auth, q: z.output<typeof conceptsQuery>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const locale = localeOf(auth);
        const folded = q.q ? fold(q.q) : '';
        const builtInMatches =
          q.source === 'own' || q.archived
            ? []
            : builtIn()
                .filter((c) => !folded || c.id.includes(folded) || conceptLanguages.some((l) => c.terms[l].some((t) => fold(t).includes(folded))))
                .sort((a, b) => a.labels[locale].localeCompare(b.labels[locale], locale));
        let own: { rows: ConceptRow[]; total: number } = { rows: [], total: 0 };
        if (q.source !== 'built-in') {
          own = await repo.list(tx, auth.organisationId, { q: q.q, archived: q.archived, limit: q.limit, offset: q.offset });
        }
        const label = await broaderLabels(tx, auth.organisationId, own.rows, locale);
        const items = own.rows.map((r) => present(auth, r, label));
        // Own concepts first, then the built-in ones: one list, paged as one.
        const builtInStart = Math.max(0, q.offset - own.total);
        const room = q.limit - items.length;
        if (room > 0) items.push(...builtInMatches.slice(builtInStart, builtInStart + room).map(presentBuiltIn));
        return { items, total: own.total + builtInMatches.length, own: own.total };
      });
    },

    async get(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await repo.get(tx, auth.organisationId, id);
        if (!row) throw errors.notFound('Concept');
        return present(auth, row, await broaderLabels(tx, auth.organisationId, [row], localeOf(auth)));
      });
    },

    async create(auth: Auth, input: z.output<typeof conceptInput>) {
      const id = await withOrganisation(db, auth.organisationId, async (tx) => {
        const labels = cleanLabels(input.labels);
        await checkLabels(tx, auth.organisationId, labels);
        await checkBroader(tx, auth.organisationId, input.broader);
        if (input.escoUri && (await repo.byEscoUris(tx, auth.organisationId)).some((r) => r.escoUri === input.escoUri))
          throw errors.conflict('concept_esco_uri_taken', 'Another concept has this ESCO address already.');
        const row = await repo.insert(tx, {
          organisationId: auth.organisationId,
          kind: input.kind,
          labels,
          synonyms: cleanSynonyms(input.synonyms, labels),
          broader: input.broader ?? null,
          escoUri: input.escoUri ?? null,
          description: input.description ?? null,
          source: 'admin',
        });
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'concept',
          entityId: row.id,
          changes: { labels: row.labels, synonyms: row.synonyms, broader: row.broader, escoUri: row.escoUri },
        });
        return row.id;
      });
      onChange(auth.organisationId);
      return this.get(auth, id);
    },

    async update(auth: Auth, id: string, patch: z.output<typeof conceptPatch>) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await repo.get(tx, auth.organisationId, id);
        if (!before) throw errors.notFound('Concept');
        const labels = patch.labels ? cleanLabels(patch.labels) : before.labels;
        const restoring = patch.archived === false && !!before.archivedAt;
        if (patch.labels || restoring) await checkLabels(tx, auth.organisationId, labels, id);
        if (patch.broader !== undefined) await checkBroader(tx, auth.organisationId, patch.broader, id);
        if (patch.escoUri && patch.escoUri !== before.escoUri && (await repo.byEscoUris(tx, auth.organisationId)).some((r) => r.escoUri === patch.escoUri))
          throw errors.conflict('concept_esco_uri_taken', 'Another concept has this ESCO address already.');
        const values = {
          ...(patch.kind ? { kind: patch.kind } : {}),
          ...(patch.labels ? { labels } : {}),
          ...(patch.synonyms || patch.labels ? { synonyms: cleanSynonyms(patch.synonyms ?? before.synonyms, labels) } : {}),
          ...(patch.broader !== undefined ? { broader: patch.broader } : {}),
          ...(patch.escoUri !== undefined ? { escoUri: patch.escoUri } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.archived !== undefined ? { archivedAt: patch.archived ? (before.archivedAt ?? new Date()) : null } : {}),
        };
        const after = await repo.update(tx, auth.organisationId, id, values);
        const changes = diff(before as unknown as Record<string, unknown>, values as Record<string, unknown>);
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: patch.archived === true && !before.archivedAt ? 'archive' : restoring ? 'restore' : 'update',
          entityType: 'concept',
          entityId: after.id,
          changes,
        });
      });
      onChange(auth.organisationId);
      return this.get(auth, id);
    },

    /**
     * ESCO files in, concepts out: all of it lands in one transaction, or, when any row is wrong,
     * nothing does and the problems say where. A concept imported before (same conceptUri) is
     * updated in the languages of these files; its other languages stay.
     */
    async importEsco(organisationId: string, accountId: string | null, files: EscoFile[]): Promise<EscoImportResult> {
      const read = await readEscoFiles(files);
      if (read.problems.length) throw new EscoImportError(read.problems);
      const result = await withOrganisation(db, organisationId, async (tx) => {
        const existing = new Map((await repo.byEscoUris(tx, organisationId)).map((r) => [r.escoUri as string, r]));
        const rows: Parameters<typeof repo.upsertByEscoUri>[1] = [];
        let created = 0;
        let updated = 0;
        let unchanged = 0;
        for (const c of read.concepts) {
          const before = existing.get(c.uri);
          const labels = { ...(before?.labels ?? {}), ...c.labels };
          const synonyms = { ...(before?.synonyms ?? {}), ...c.synonyms };
          // One description is kept: the English one when the files have it, else what was there, else any.
          const description = c.descriptions.en ?? before?.description ?? conceptLanguages.map((l) => c.descriptions[l]).find(Boolean) ?? null;
          if (before) {
            const same =
              JSON.stringify(sortKeys(labels)) === JSON.stringify(sortKeys(before.labels)) &&
              JSON.stringify(sortKeys(synonyms)) === JSON.stringify(sortKeys(before.synonyms)) &&
              description === before.description &&
              c.kind === before.kind;
            if (same) {
              unchanged++;
              continue;
            }
            updated++;
          } else created++;
          rows.push({ organisationId, kind: c.kind, labels, synonyms, escoUri: c.uri, description, source: 'esco' });
        }
        await repo.upsertByEscoUri(tx, rows);
        const summary = { concepts: read.concepts.length, created, updated, unchanged, files: read.files };
        await recordAudit(tx, organisationId, accountId, { action: 'import', entityType: 'concept', entityId: null, changes: summary });
        return summary;
      });
      if (result.created || result.updated) onChange(organisationId);
      return result;
    },

    async importEscoAs(auth: Auth, files: EscoFile[]) {
      try {
        return await this.importEsco(auth.organisationId, auth.accountId, files);
      } catch (e) {
        if (e instanceof EscoImportError) throw errors.badRequest('esco_import_invalid', e.message, { problems: e.problems });
        throw e;
      }
    },
  };
}

const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

export type TaxonomyService = ReturnType<typeof taxonomyService>;
