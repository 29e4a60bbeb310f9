/**
 * "Download everything held on me": the participant (or their team on their behalf) gets, in one
 * call, every record about them as JSON, a readable HTML page or a PDF, in their language.
 *
 * The participant's right of access (GDPR art. 15) covers the whole file, so every journal entry
 * is included, whatever its visibility, and the special categories too (that read is audited).
 * See docs/decisions/0005-pathways-access-and-privacy.md.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { can } from '../../../shared/permissions.ts';
import { type Locale, locales } from '../../../shared/schemas.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import {
  assessmentScores,
  assessments,
  consents,
  entryData,
  followUps,
  goals,
  instruments,
  journalEntries,
  networkEntries,
  networkSnapshots,
  organisations,
  partners,
  pathwayEvents,
  pathways,
  pathwayTeam,
  people,
  places,
  programmes,
  referralsIn,
  steps,
} from '../../db/schema/index.ts';
import { createPdf } from '../../export/pdf.ts';
import type { Auth } from '../../http/auth.ts';
import { AppError, errors } from '../../http/errors.ts';
import { t } from '../../i18n.ts';
import type { activitiesService } from '../activities/service.ts';
import { recordAudit } from '../audit/service.ts';
import type { matchingService } from '../matching/service.ts';
import { capacityOn } from './access.ts';
import type { cohortsService } from './cohorts.ts';
import type { referralsOutService } from './referrals-out.ts';

export interface DownloadDeps {
  activities: ReturnType<typeof activitiesService>;
  matching: ReturnType<typeof matchingService>;
  referrals: ReturnType<typeof referralsOutService>;
  cohorts: ReturnType<typeof cohortsService>;
}

type Plain<T> = { [K in Exclude<keyof T, 'organisationId'>]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
/** A row as plain JSON: dates as ISO strings, without the tenant column. */
function strip<T extends Record<string, unknown>>(row: T): Plain<T> {
  const { organisationId: _o, ...rest } = row;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as Plain<T>;
}

/** Runs a call into another module; a record that module does not show this caller becomes a note, not a failure. */
async function fromModule<T>(fn: () => Promise<T>): Promise<{ data: T | null; note: string | null }> {
  try {
    return { data: await fn(), note: null };
  } catch (e) {
    if (e instanceof AppError && (e.status === 404 || e.status === 403)) return { data: null, note: 'not-available-to-caller' };
    throw e;
  }
}

/**
 * Awaits query builders one after another: they only run when awaited, and one transaction's
 * connection takes one query at a time.
 */
async function inTurn<T extends readonly unknown[]>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const out: unknown[] = [];
  for (const q of queries) out.push(await q);
  return out as { -readonly [K in keyof T]: Awaited<T[K]> };
}

export function downloadService(db: Db, deps: DownloadDeps) {
  async function collect(tx: Tx, auth: Auth, personId: string) {
    const org = auth.organisationId;
    const [person] = await tx
      .select()
      .from(people)
      .where(and(eq(people.organisationId, org), eq(people.id, personId)));
    if (person?.kind !== 'participant') throw errors.notFound('Person');
    const pathwayRows = await tx
      .select({ p: pathways, placeName: places.name, programmeName: programmes.name })
      .from(pathways)
      .leftJoin(places, and(eq(places.organisationId, pathways.organisationId), eq(places.id, pathways.placeId)))
      .leftJoin(programmes, and(eq(programmes.organisationId, pathways.organisationId), eq(programmes.id, pathways.programmeId)))
      .where(and(eq(pathways.organisationId, org), eq(pathways.participantId, personId)))
      .orderBy(asc(pathways.createdAt));
    // Someone else than the participant downloads on their behalf only from a pathway they walk beside.
    if (auth.personId !== personId) {
      let team = false;
      for (const r of pathwayRows) team ||= (await capacityOn(tx, auth, r.p)) === 'team';
      if (!team) throw errors.notFound('Person');
    }
    const ids = pathwayRows.map((r) => r.p.id);
    const inIds = (col: Parameters<typeof eq>[0] & { name: string }) => inArray(col as typeof pathways.id, ids);
    const none = !ids.length;

    const [consentRows, refInRows, entryRows, teamRows, goalRows, journalRows, assessmentRows, snapshotRows, eventRows, followUpRows] = await inTurn([
      tx
        .select({ c: consents, partnerName: partners.name })
        .from(consents)
        .leftJoin(partners, and(eq(partners.organisationId, consents.organisationId), eq(partners.id, consents.partnerId)))
        .where(and(eq(consents.organisationId, org), eq(consents.participantId, personId)))
        .orderBy(asc(consents.givenAt)),
      tx
        .select({ r: referralsIn, partnerName: partners.name })
        .from(referralsIn)
        .leftJoin(partners, and(eq(partners.organisationId, referralsIn.organisationId), eq(partners.id, referralsIn.partnerId)))
        .where(and(eq(referralsIn.organisationId, org), eq(referralsIn.participantId, personId)))
        .orderBy(asc(referralsIn.referredOn)),
      none
        ? []
        : tx
            .select()
            .from(entryData)
            .where(and(eq(entryData.organisationId, org), inIds(entryData.pathwayId))),
      none
        ? []
        : tx
            .select({ m: pathwayTeam, givenName: people.givenName, familyName: people.familyName })
            .from(pathwayTeam)
            .innerJoin(people, and(eq(people.organisationId, pathwayTeam.organisationId), eq(people.id, pathwayTeam.personId)))
            .where(and(eq(pathwayTeam.organisationId, org), inIds(pathwayTeam.pathwayId)))
            .orderBy(asc(pathwayTeam.joinedOn)),
      none
        ? []
        : tx
            .select()
            .from(goals)
            .where(and(eq(goals.organisationId, org), inIds(goals.pathwayId)))
            .orderBy(asc(goals.position), asc(goals.createdAt)),
      none
        ? []
        : tx
            .select({ j: journalEntries, givenName: people.givenName, familyName: people.familyName })
            .from(journalEntries)
            .innerJoin(people, and(eq(people.organisationId, journalEntries.organisationId), eq(people.id, journalEntries.authorPersonId)))
            .where(and(eq(journalEntries.organisationId, org), inIds(journalEntries.pathwayId)))
            .orderBy(asc(journalEntries.occurredAt)),
      none
        ? []
        : tx
            .select({ a: assessments, instrumentName: instruments.name, instrumentKey: instruments.key })
            .from(assessments)
            .innerJoin(instruments, and(eq(instruments.organisationId, assessments.organisationId), eq(instruments.id, assessments.instrumentId)))
            .where(and(eq(assessments.organisationId, org), inIds(assessments.pathwayId)))
            .orderBy(asc(assessments.assessedOn)),
      none
        ? []
        : tx
            .select()
            .from(networkSnapshots)
            .where(and(eq(networkSnapshots.organisationId, org), inIds(networkSnapshots.pathwayId)))
            .orderBy(asc(networkSnapshots.takenOn)),
      none
        ? []
        : tx
            .select()
            .from(pathwayEvents)
            .where(and(eq(pathwayEvents.organisationId, org), inIds(pathwayEvents.pathwayId)))
            .orderBy(asc(pathwayEvents.occurredOn)),
      none
        ? []
        : tx
            .select()
            .from(followUps)
            .where(and(eq(followUps.organisationId, org), inIds(followUps.pathwayId))),
    ]);
    const goalIds = goalRows.map((g) => g.id);
    const assessmentIds = assessmentRows.map((a) => a.a.id);
    const snapshotIds = snapshotRows.map((s) => s.id);
    const [stepRows, scoreRows, networkRows] = await inTurn([
      goalIds.length
        ? tx
            .select()
            .from(steps)
            .where(and(eq(steps.organisationId, org), inArray(steps.goalId, goalIds)))
            .orderBy(asc(steps.position))
        : [],
      assessmentIds.length
        ? tx
            .select()
            .from(assessmentScores)
            .where(and(eq(assessmentScores.organisationId, org), inArray(assessmentScores.assessmentId, assessmentIds)))
        : [],
      snapshotIds.length
        ? tx
            .select()
            .from(networkEntries)
            .where(and(eq(networkEntries.organisationId, org), inArray(networkEntries.snapshotId, snapshotIds)))
        : [],
    ]);
    const referralsOut = await deps.referrals.forParticipant(tx, org, ids);
    const cohortRows = await deps.cohorts.forPathways(tx, org, ids);
    const [orgRow] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, org));

    if (entryRows.length) {
      await recordAudit(tx, org, auth.accountId, {
        action: 'read-special-categories',
        entityType: 'person',
        entityId: personId,
        changes: { via: 'download', pathwayIds: entryRows.map((e) => e.pathwayId) },
      });
    }
    await recordAudit(tx, org, auth.accountId, {
      action: 'download',
      entityType: 'person',
      entityId: personId,
      changes: { onBehalf: auth.personId !== personId },
    });

    const byPathway = <T extends { pathwayId: string }>(xs: T[], id: string) => xs.filter((x) => x.pathwayId === id);
    return {
      organisationName: orgRow?.name ?? '',
      person,
      record: {
        person: strip({ ...person, partnerId: undefined }),
        consents: consentRows.map((c) => ({ ...strip(c.c), partnerName: c.partnerName })),
        referralsIn: refInRows.map((r) => ({ ...strip(r.r), partnerName: r.partnerName })),
        pathways: pathwayRows.map(({ p, placeName, programmeName }) => ({
          ...strip(p),
          placeName,
          programmeName,
          entryData: (() => {
            const e = entryRows.find((x) => x.pathwayId === p.id);
            return e ? strip(e) : null;
          })(),
          team: byPathway(
            teamRows.map((m) => ({ ...m.m, name: `${m.givenName} ${m.familyName}` })),
            p.id,
          ).map((m) => ({ name: m.name, role: m.role, joinedOn: m.joinedOn, leftOn: m.leftOn })),
          plan: byPathway(goalRows, p.id).map((g) => ({ ...strip(g), steps: stepRows.filter((s) => s.goalId === g.id).map(strip) })),
          journal: journalRows.filter((j) => j.j.pathwayId === p.id).map((j) => ({ ...strip(j.j), author: `${j.givenName} ${j.familyName}` })),
          assessments: assessmentRows
            .filter((a) => a.a.pathwayId === p.id)
            .map((a) => ({
              ...strip(a.a),
              instrument: { key: a.instrumentKey, name: a.instrumentName },
              scores: scoreRows.filter((s) => s.assessmentId === a.a.id).map((s) => ({ domainKey: s.domainKey, level: s.level, note: s.note })),
            })),
          network: byPathway(snapshotRows, p.id).map((s) => ({ ...strip(s), entries: networkRows.filter((n) => n.snapshotId === s.id).map(strip) })),
          referralsOut: referralsOut.filter((r) => r.pathwayId === p.id).map(({ next: _n, canEdit: _c, ...r }) => r),
          events: byPathway(eventRows, p.id).map(strip),
          followUp: (() => {
            const f = followUpRows.find((x) => x.pathwayId === p.id);
            return f ? strip(f) : null;
          })(),
        })),
        cohorts: cohortRows,
      },
    };
  }

  /** What other modules hold, through their services with the caller's rights. */
  async function fromOtherModules(auth: Auth, personId: string) {
    const activities = can(auth.roles, 'activities.report')
      ? await fromModule(async () => (await deps.activities.attendanceCounts(auth, { personId })).items)
      : { data: null, note: 'activities-offers-no-own-history' };
    const profile = await fromModule(() => deps.matching.getProfile(auth, personId));
    const offers = await fromModule(async () => (await deps.matching.listItems(auth, 'offer', { personId, limit: 200, offset: 0 })).items);
    const requests = await fromModule(async () => (await deps.matching.listItems(auth, 'request', { personId, limit: 200, offset: 0 })).items);
    const dreams = await fromModule(() => deps.matching.listDreams(auth, personId));
    return {
      activityAttendance: activities.data,
      matching: { profile: profile.data, offers: offers.data, requests: requests.data, dreams: dreams.data },
      notes: Object.fromEntries(
        Object.entries({
          activityAttendance: activities.note,
          profile: profile.note,
          offers: offers.note,
          requests: requests.note,
          dreams: dreams.note,
        }).filter(([, v]) => v),
      ),
    };
  }

  return {
    /** Everything held on `personId`, for the participant themselves or their team. */
    async collect(auth: Auth, personId: string) {
      const core = await withOrganisation(db, auth.organisationId, (tx) => collect(tx, auth, personId));
      const other = await fromOtherModules(auth, personId);
      const locale = (locales as readonly string[]).includes(core.person.preferredLanguage ?? '')
        ? (core.person.preferredLanguage as Locale)
        : auth.personId === personId
          ? (auth.locale as Locale)
          : 'nl';
      return {
        locale,
        organisationName: core.organisationName,
        document: {
          generatedAt: new Date().toISOString(),
          organisation: core.organisationName,
          ...core.record,
          ...other,
        },
      };
    },
  };
}

export type Download = Awaited<ReturnType<ReturnType<typeof downloadService>['collect']>>;

// ---------- readable forms ----------

const esc = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

type Doc = Download['document'];
type Section = { title: string; rows?: [string, string][]; table?: { columns: string[]; rows: string[][] }; text?: string };

const label = (locale: string, key: string) => t(locale, `referrals.download.${key}`);
/** A stored value in words (`pathways.gender.woman`), or the value itself where the app has no words for it. */
const word = (locale: string, prefix: string, v: unknown) => {
  if (v === null || v === undefined || v === '') return '';
  const key = `${prefix}.${String(v)}`;
  const text = t(locale, key);
  return text === key ? String(v) : text;
};
const yesNo = (locale: string, v: unknown) => (v === null || v === undefined ? label(locale, 'notAsked') : word(locale, 'pathways.answer', v));
const nameOf = (l: string, v: unknown) =>
  v && typeof v === 'object' ? ((v as Record<string, string>)[l] ?? (v as Record<string, string>).nl ?? Object.values(v)[0]) : String(v ?? '');

/** The document as sections, shared by the HTML page and the PDF. */
function sections(doc: Doc, l: string): Section[] {
  const p = doc.person as Record<string, unknown>;
  const out: Section[] = [
    {
      title: label(l, 'person'),
      rows: [
        [label(l, 'name'), `${p.givenName} ${p.familyName}`],
        [label(l, 'email'), String(p.email ?? '')],
        [label(l, 'phone'), String(p.phone ?? '')],
        [label(l, 'birthDate'), String(p.birthDate ?? '')],
        [label(l, 'city'), String(p.city ?? '')],
        [label(l, 'languages'), ((p.languages as string[]) ?? []).join(', ')],
      ],
    },
    {
      title: label(l, 'consents'),
      table: {
        columns: [label(l, 'purpose'), label(l, 'partner'), label(l, 'given'), label(l, 'withdrawn')],
        rows: doc.consents.map((c) => [
          word(l, 'pathways.purpose', c.purpose),
          String(c.partnerName ?? ''),
          String(c.givenAt ?? '').slice(0, 10),
          String(c.withdrawnAt ?? '').slice(0, 10),
        ]),
      },
    },
    {
      title: label(l, 'referralsIn'),
      table: {
        columns: [label(l, 'date'), label(l, 'source'), label(l, 'status'), label(l, 'reason')],
        rows: doc.referralsIn.map((r) => [
          String(r.referredOn),
          `${word(l, 'pathways.source', r.source)}${r.partnerName ? ` (${r.partnerName})` : ''}`,
          word(l, 'pathways.referralStatus', r.status),
          String(r.reason ?? ''),
        ]),
      },
    },
  ];
  for (const pw of doc.pathways) {
    const e = pw.entryData as Record<string, unknown> | null;
    out.push({
      title: `${label(l, 'pathway')}: ${pw.programmeName ?? pw.placeName ?? ''} (${pw.startedOn ?? ''} – ${pw.endedOn ?? ''})`,
      rows: [
        [label(l, 'status'), word(l, 'pathways.status', pw.status)],
        [label(l, 'outcome'), word(l, 'pathways.outcome', pw.exitOutcome)],
        [label(l, 'team'), pw.team.map((m) => `${m.name} (${word(l, 'pathways.role', m.role)})`).join(', ')],
      ],
    });
    if (e) {
      out.push({
        title: label(l, 'entryData'),
        rows: [
          [word(l, 'pathways.intake', 'gender'), word(l, 'pathways.gender', e.gender)],
          [word(l, 'pathways.intake', 'isced'), e.isced === null || e.isced === undefined ? '' : `ISCED ${e.isced}`],
          [word(l, 'pathways.intake', 'employment'), word(l, 'pathways.employment', e.employmentAtEntry)],
          [word(l, 'pathways.intake', 'unemployedSince'), String(e.unemployedSince ?? '')],
          ...(['disability', 'minority', 'foreignBackground', 'thirdCountryNational', 'homeless', 'rural'] as const).map((k): [string, string] => [
            word(l, 'pathways.intake', k),
            yesNo(l, e[k]),
          ]),
        ],
      });
    }
    out.push({
      title: label(l, 'plan'),
      table: {
        columns: [label(l, 'domain'), label(l, 'goal'), label(l, 'steps')],
        rows: pw.plan.map((g) => [
          word(l, 'pathways.domain', g.lifeDomain),
          String(g.text),
          g.steps.map((s) => `${s.text} (${s.status}${s.dueOn ? `, ${s.dueOn}` : ''})`).join('; '),
        ]),
      },
    });
    out.push({
      title: label(l, 'journal'),
      table: {
        columns: [label(l, 'date'), label(l, 'author'), label(l, 'type'), label(l, 'note')],
        rows: pw.journal.map((j) => [
          String(j.occurredAt).slice(0, 16).replace('T', ' '),
          String(j.author),
          word(l, 'care.journal.types', j.type),
          String(j.note),
        ]),
      },
    });
    out.push({
      title: label(l, 'assessments'),
      table: {
        columns: [label(l, 'date'), label(l, 'instrument'), label(l, 'by'), label(l, 'scores')],
        rows: pw.assessments.map((a) => [
          String(a.assessedOn),
          nameOf(l, a.instrument.name),
          word(l, 'care.assessments.roles', a.assessorRole),
          a.scores.map((s) => `${s.domainKey}: ${s.level}`).join(', '),
        ]),
      },
    });
    out.push({
      title: label(l, 'network'),
      table: {
        columns: [label(l, 'date'), label(l, 'people')],
        rows: pw.network.map((s) => [
          String(s.takenOn),
          s.entries.map((n) => `${n.name} (${word(l, 'care.network.relations', n.relation)}, ${n.closeness})`).join(', '),
        ]),
      },
    });
    out.push({
      title: label(l, 'referralsOut'),
      table: {
        columns: [label(l, 'partner'), label(l, 'service'), label(l, 'status'), label(l, 'feedback')],
        rows: pw.referralsOut.map((r) => [r.partnerName, r.service, word(l, 'referrals.status', r.status), r.partnerFeedback ?? '']),
      },
    });
  }
  out.push({
    title: label(l, 'cohorts'),
    table: { columns: [label(l, 'name'), label(l, 'joined'), label(l, 'left')], rows: doc.cohorts.map((c) => [c.name, c.joinedOn, c.leftOn ?? '']) },
  });
  out.push({
    title: label(l, 'activities'),
    ...(doc.activityAttendance
      ? { table: { columns: [label(l, 'type'), label(l, 'attended')], rows: doc.activityAttendance.map((a) => [a.typeName, String(a.attended)]) } }
      : { text: label(l, 'activitiesNotIncluded') }),
  });
  const m = doc.matching;
  out.push({
    title: label(l, 'matching'),
    rows: [
      [label(l, 'offers'), (m.offers ?? []).map((o) => o.text).join('; ')],
      [label(l, 'requests'), (m.requests ?? []).map((o) => o.text).join('; ')],
      [label(l, 'dreams'), (m.dreams?.items ?? []).map((d) => d.text).join('; ')],
    ],
  });
  return out;
}

export function downloadHtml(d: Download): string {
  const l = d.locale;
  const dir = l === 'ar' ? 'rtl' : 'ltr';
  const body = sections(d.document, l)
    .map((s) => {
      let inner = '';
      if (s.rows) inner += `<dl>${s.rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd dir="auto">${esc(v) || '—'}</dd>`).join('')}</dl>`;
      if (s.table) {
        inner += s.table.rows.length
          ? `<table><thead><tr>${s.table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
              .map((r) => `<tr>${r.map((c) => `<td dir="auto">${esc(c)}</td>`).join('')}</tr>`)
              .join('')}</tbody></table>`
          : `<p>${esc(label(l, 'none'))}</p>`;
      }
      if (s.text) inner += `<p>${esc(s.text)}</p>`;
      return `<section><h2>${esc(s.title)}</h2>${inner}</section>`;
    })
    .join('\n');
  const title = label(l, 'title');
  return `<!doctype html>
<html lang="${l}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-block-start:1.6rem;border-block-end:1px solid #b5b5b5}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #b5b5b5;padding:.3rem .5rem;text-align:start;vertical-align:top}
th{background:#f0f0f0}@media print{section{break-inside:avoid-page}}
</style></head>
<body><main><h1>${esc(title)}</h1><p>${esc(d.organisationName)} · ${esc(label(l, 'generated'))} ${esc(d.document.generatedAt.slice(0, 10))}</p>
<p>${esc(label(l, 'intro'))}</p>
${body}
</main></body></html>
`;
}

export async function downloadPdf(d: Download): Promise<Buffer> {
  const l = d.locale;
  const pdf = createPdf({
    title: label(l, 'title'),
    organisationName: d.organisationName,
    locale: l,
    labels: { generated: label(l, 'generated'), page: (p, n) => `${p} / ${n}` },
  });
  pdf.paragraph(label(l, 'intro'), { muted: true });
  for (const s of sections(d.document, l)) {
    pdf.heading(s.title, 2);
    if (s.rows) pdf.keyValues(s.rows.map(([k, v]) => [k, v || '—']));
    if (s.table) pdf.table({ columns: s.table.columns.map((header) => ({ header })), rows: s.table.rows, empty: label(l, 'none') });
    if (s.text) pdf.paragraph(s.text);
  }
  return pdf.end();
}
