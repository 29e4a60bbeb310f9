/**
 * Assessment instruments as data. The built-in ones (instrument-defaults.ts) are written for an
 * organisation the first time it needs them; the partial unique key (organisation, key) makes
 * that safe when two requests do it at once. Admins (`instruments.manage`) add, edit and archive.
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Instrument, InstrumentDetail, InstrumentInput, InstrumentPatch, Labels } from '../../../shared/care.ts';
import { type Db, type Executor, withOrganisation } from '../../db/client.ts';
import { assessmentScores, assessments, instruments } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { diff, recordAudit } from '../audit/service.ts';
import { builtInInstruments } from './instrument-defaults.ts';

export type InstrumentRow = typeof instruments.$inferSelect;
type Domain = { key: string; labels: Labels; description?: Labels };
type Level = { value: number; labels: Labels; description?: Labels };

/** Drops empty translations so the fallback shows instead of an empty string. */
function clean<T extends Labels | undefined>(l: T): T {
  if (!l) return l;
  return Object.fromEntries(Object.entries(l).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as T;
}
const cleanDomains = (ds: InstrumentInput['domains']): Domain[] =>
  ds.map((d) => ({
    key: d.key,
    labels: clean(d.labels),
    ...(d.description && Object.keys(clean(d.description)).length ? { description: clean(d.description) } : {}),
  }));
const cleanLevels = (ls: InstrumentInput['levels']): Level[] =>
  ls.map((l) => ({
    value: l.value,
    labels: clean(l.labels),
    ...(l.description && Object.keys(clean(l.description)).length ? { description: clean(l.description) } : {}),
  }));

export function presentInstrument(row: InstrumentRow): Instrument {
  return {
    id: row.id,
    key: row.key,
    name: row.name as Record<string, string>,
    description: (row.description as Record<string, string> | null) ?? null,
    domains: row.domains as Instrument['domains'],
    levels: row.levels as Instrument['levels'],
    archived: row.archivedAt !== null,
  };
}

/** Writes the built-in instruments the organisation does not have yet (by key); archived ones stay archived. */
export async function ensureDefaultInstruments(tx: Executor, organisationId: string) {
  const have = await tx
    .select({ key: instruments.key })
    .from(instruments)
    .where(and(eq(instruments.organisationId, organisationId), isNotNull(instruments.key)));
  const missing = builtInInstruments.filter((b) => !have.some((h) => h.key === b.key));
  if (!missing.length) return;
  await tx
    .insert(instruments)
    .values(
      missing.map((b) => ({
        organisationId,
        key: b.key,
        name: b.name,
        description: b.description ?? null,
        domains: cleanDomains(b.domains),
        levels: cleanLevels(b.levels),
      })),
    )
    .onConflictDoNothing();
}

/** One instrument of the organisation, or 404; `lock` keeps domains and levels still while scores are written. */
export async function loadInstrument(tx: Executor, organisationId: string, id: string, lock?: 'share' | 'update') {
  const q = tx
    .select()
    .from(instruments)
    .where(and(eq(instruments.organisationId, organisationId), eq(instruments.id, id)))
    .limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  if (!row) throw errors.notFound('instrument');
  return row;
}

/** Which domains and levels of an instrument have scores, and in how many assessments. */
async function scored(tx: Executor, organisationId: string, instrumentId: string) {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(assessments)
    .where(and(eq(assessments.organisationId, organisationId), eq(assessments.instrumentId, instrumentId)));
  const used = n
    ? await tx
        .selectDistinct({ domainKey: assessmentScores.domainKey, level: assessmentScores.level })
        .from(assessmentScores)
        .innerJoin(assessments, and(eq(assessments.organisationId, assessmentScores.organisationId), eq(assessments.id, assessmentScores.assessmentId)))
        .where(and(eq(assessments.organisationId, organisationId), eq(assessments.instrumentId, instrumentId)))
    : [];
  return {
    assessments: n,
    domains: [...new Set(used.map((u) => u.domainKey))].sort(),
    levels: [...new Set(used.map((u) => u.level))].sort((a, b) => a - b),
  };
}

export function instrumentsService(db: Db) {
  return {
    /** The organisation's instruments (the built-in ones written on first use); archived ones on request. */
    async list(auth: Auth, opts: { archived?: boolean } = {}): Promise<Instrument[]> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await ensureDefaultInstruments(tx, auth.organisationId);
        const rows = await tx
          .select()
          .from(instruments)
          .where(and(eq(instruments.organisationId, auth.organisationId), opts.archived ? undefined : isNull(instruments.archivedAt)))
          .orderBy(sql`${instruments.key} is null`, asc(instruments.createdAt), asc(instruments.id));
        return rows.map(presentInstrument);
      });
    },

    async get(auth: Auth, id: string): Promise<InstrumentDetail> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await loadInstrument(tx, auth.organisationId, id);
        return { ...presentInstrument(row), scored: await scored(tx, auth.organisationId, id) };
      });
    },

    async create(auth: Auth, input: InstrumentInput): Promise<InstrumentDetail> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const [row] = await tx
          .insert(instruments)
          .values({
            organisationId: auth.organisationId,
            name: clean(input.name),
            description: input.description ? clean(input.description) : null,
            domains: cleanDomains(input.domains),
            levels: cleanLevels(input.levels),
          })
          .returning();
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'instrument',
          entityId: row.id,
          changes: { name: row.name, domains: input.domains.map((d) => d.key), levels: input.levels.map((l) => l.value) },
        });
        return { ...presentInstrument(row), scored: { assessments: 0, domains: [], levels: [] } };
      });
    },

    /**
     * Labels and descriptions may always change. Domains and levels may be added; one that has
     * scores cannot be removed (409 instrument_scored, naming them), so no score loses its meaning.
     */
    async update(auth: Auth, id: string, patch: InstrumentPatch): Promise<InstrumentDetail> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await loadInstrument(tx, auth.organisationId, id, 'update');
        const used = await scored(tx, auth.organisationId, id);
        const domains = patch.domains ? cleanDomains(patch.domains) : undefined;
        const levels = patch.levels ? cleanLevels(patch.levels) : undefined;
        const lostDomains = domains ? used.domains.filter((k) => !domains.some((d) => d.key === k)) : [];
        const lostLevels = levels ? used.levels.filter((v) => !levels.some((l) => l.value === v)) : [];
        if (lostDomains.length || lostLevels.length) {
          throw errors.conflict('instrument_scored', 'Domains or levels that have scores cannot be removed.', { domains: lostDomains, levels: lostLevels });
        }
        const values: Partial<typeof instruments.$inferInsert> = {};
        if (patch.name) values.name = clean(patch.name);
        if (patch.description !== undefined) values.description = clean(patch.description) ?? null;
        if (domains) values.domains = domains;
        if (levels) values.levels = levels;
        if (patch.archived !== undefined) values.archivedAt = patch.archived ? (before.archivedAt ?? new Date()) : null;
        const changes = diff(before as unknown as Record<string, unknown>, values as Record<string, unknown>);
        if (!Object.keys(changes).length) return { ...presentInstrument(before), scored: used };
        const [row] = await tx
          .update(instruments)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(instruments.organisationId, auth.organisationId), eq(instruments.id, id)))
          .returning();
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: patch.archived === true && !before.archivedAt ? 'archive' : patch.archived === false && before.archivedAt ? 'restore' : 'update',
          entityType: 'instrument',
          entityId: id,
          changes,
        });
        return { ...presentInstrument(row), scored: used };
      });
    },
  };
}

/** The instruments with these ids plus the active ones: what an assessments screen shows. */
export async function instrumentsForPathway(tx: Executor, organisationId: string, usedIds: string[]) {
  return tx
    .select()
    .from(instruments)
    .where(
      and(
        eq(instruments.organisationId, organisationId),
        usedIds.length ? or(isNull(instruments.archivedAt), inArray(instruments.id, usedIds)) : isNull(instruments.archivedAt),
      ),
    )
    .orderBy(sql`${instruments.key} is null`, asc(instruments.createdAt), asc(instruments.id));
}
