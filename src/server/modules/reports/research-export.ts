/**
 * The pseudonymised research export for an impact researcher (role researcher, permission
 * research.export; admins too), and the export keys the organisation keeps.
 *
 * What leaves the platform:
 *   - only participants with a standing research consent (purpose 'research', withdrawn_at null:
 *     a withdrawal takes effect in the very next export), and only at the places the researcher's
 *     role covers;
 *   - instead of a person: HMAC-SHA256(key secret, organisation id + ':' + person id), the first
 *     16 hex digits; the same person gets the same pseudonym with the same key, another one with
 *     another key (a pathway likewise, from its own id);
 *   - no names, e-mail addresses, phone numbers, addresses, birth dates (an age band at entry),
 *     free-text notes, journal, network maps, referral texts, or the special categories
 *     (disability, minority, foreign background);
 *   - dates as the month of entry and, after that, days since entry, so a pathway's timeline is
 *     whole but no exact calendar date points to a person;
 *   - aggregate tables whose cells from 1 to 4 can be suppressed (null; "<5" in CSV).
 * Every export is audited: who, which key label, which table, how many participants and rows.
 *
 * Reads: pathways, people (birth date only, to compute the age band), pathway_entry_data,
 * consents, places, programmes, instruments, assessments, assessment_scores, pathway_events,
 * follow_ups, registrations/occurrences/activities/activity_types, matches/matching_items.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type ageBands, type ResearchExport, type ResearchKey, type ResearchTable, researchTables, SMALL_CELL } from '../../../shared/dashboard.ts';
import { placesWith } from '../../../shared/permissions.ts';
import type { Db, Tx } from '../../db/client.ts';
import { withOrganisation } from '../../db/client.ts';
import { researchExportKeys } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { csvCell } from './esf-export.ts';

type KeyRow = typeof researchExportKeys.$inferSelect;
type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

/** The stable pseudonym of a record (a person or a pathway) under one key. */
export function pseudonym(secret: string, organisationId: string, id: string): string {
  return createHmac('sha256', secret).update(`${organisationId}:${id}`).digest('hex').slice(0, 16);
}

export function ageBand(age: number | null): (typeof ageBands)[number] {
  if (age === null || Number.isNaN(age)) return 'unknown';
  if (age < 18) return 'under-18';
  if (age < 25) return '18-24';
  if (age < 30) return '25-29';
  if (age < 45) return '30-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}

const presentKey = (k: KeyRow): ResearchKey => ({
  id: k.id,
  label: k.label,
  fingerprint: k.fingerprint,
  createdAt: k.createdAt.toISOString(),
  retiredAt: k.retiredAt?.toISOString() ?? null,
});

function newSecret() {
  const secret = randomBytes(32).toString('base64url');
  return { secret, fingerprint: createHash('sha256').update(secret).digest('hex').slice(0, 12) };
}

async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

export function researchService(db: Db, clock: () => Date = () => new Date()) {
  async function isLabelTaken(tx: Tx, organisationId: string, label: string) {
    const [taken] = await tx
      .select({ id: researchExportKeys.id })
      .from(researchExportKeys)
      .where(
        and(
          eq(researchExportKeys.organisationId, organisationId),
          isNull(researchExportKeys.retiredAt),
          sql`lower(${researchExportKeys.label}) = lower(${label})`,
        ),
      );
    return !!taken;
  }

  async function insertKey(tx: Tx, auth: Auth, label: string) {
    const { secret, fingerprint } = newSecret();
    const [row] = await tx
      .insert(researchExportKeys)
      .values({ organisationId: auth.organisationId, label, secret, fingerprint, createdBy: auth.accountId })
      .returning();
    return { row, secret };
  }

  /** The pathways the export may contain: started, at the researcher's places, with a standing research consent. */
  function consenting(auth: Auth): SQL {
    const allowed = placesWith(auth.roles, 'research.export');
    const places = allowed === 'all' ? sql`true` : sql`p.place_id = any(${uuidArray(allowed)}::uuid[])`;
    return sql`select p.id, p.participant_id, p.started_on, p.ended_on, p.status, p.exit_outcome, p.place_id, p.programme_id
      from pathways p
      where p.organisation_id = ${auth.organisationId} and p.started_on is not null and ${places}
        and exists (select 1 from consents c where c.organisation_id = p.organisation_id and c.participant_id = p.participant_id
                    and c.purpose = 'research' and c.withdrawn_at is null)`;
  }

  async function build(tx: Tx, auth: Auth, key: KeyRow, suppress: boolean): Promise<ResearchExport> {
    const org = auth.organisationId;
    const person = (id: string) => pseudonym(key.secret, org, id);
    const pathway = (id: string) => pseudonym(key.secret, org, `pathway:${id}`);
    const scope = consenting(auth);
    const small = (n: number) => (suppress && n > 0 && n < SMALL_CELL ? null : n);

    const pathwayRows = await rows<{
      id: string;
      participant_id: string;
      entry_month: string;
      exit_day: number | null;
      status: string;
      exit_outcome: string | null;
      place: string | null;
      programme: string | null;
      age: number | null;
      gender: string | null;
      isced: number | null;
      employment_at_entry: string | null;
      unemployed_months: number | null;
      third_country_national: string | null;
      homeless: string | null;
      rural: string | null;
    }>(
      tx,
      sql`with s as (${scope})
          select s.id, s.participant_id, to_char(s.started_on, 'YYYY-MM') as entry_month, (s.ended_on - s.started_on) as exit_day,
            s.status, s.exit_outcome, pl.name as place, pr.name as programme,
            date_part('year', age(s.started_on, pe.birth_date))::int as age,
            d.gender, d.isced::int as isced, d.employment_at_entry,
            case when d.unemployed_since is not null then date_part('year', age(s.started_on, d.unemployed_since))::int * 12
              + date_part('month', age(s.started_on, d.unemployed_since))::int end as unemployed_months,
            d.third_country_national, d.homeless, d.rural
          from s
          join people pe on pe.organisation_id = ${org} and pe.id = s.participant_id
          left join pathway_entry_data d on d.organisation_id = ${org} and d.pathway_id = s.id
          left join places pl on pl.organisation_id = ${org} and pl.id = s.place_id
          left join programmes pr on pr.organisation_id = ${org} and pr.id = s.programme_id
          order by s.started_on, s.id`,
    );
    const pathways: Row[] = pathwayRows.map((r) => ({
      participant: person(r.participant_id),
      pathway: pathway(r.id),
      place: r.place,
      programme: r.programme,
      entryMonth: r.entry_month,
      exitDay: r.exit_day,
      status: r.status,
      exitOutcome: r.exit_outcome,
      ageBandAtEntry: ageBand(r.age),
      gender: r.gender,
      isced: r.isced,
      employmentAtEntry: r.employment_at_entry,
      unemployedMonthsAtEntry: r.unemployed_months,
      thirdCountryNational: r.third_country_national,
      homeless: r.homeless,
      rural: r.rural,
    }));

    const assessments = (
      await rows<{ id: string; participant_id: string; instrument: string; day: number; assessor_role: string; domain_key: string; level: number }>(
        tx,
        sql`with s as (${scope})
            select s.id, s.participant_id, coalesce(i.key, i.id::text) as instrument, (a.assessed_on - s.started_on) as day,
              a.assessor_role, sc.domain_key, sc.level::int as level
            from s
            join assessments a on a.organisation_id = ${org} and a.pathway_id = s.id
            join instruments i on i.organisation_id = ${org} and i.id = a.instrument_id
            join assessment_scores sc on sc.organisation_id = ${org} and sc.assessment_id = a.id
            order by s.id, a.assessed_on, a.created_at, sc.domain_key`,
      )
    ).map((r) => ({
      participant: person(r.participant_id),
      pathway: pathway(r.id),
      instrument: r.instrument,
      day: r.day,
      assessorRole: r.assessor_role,
      domain: r.domain_key,
      level: r.level,
    }));

    const events = (
      await rows<{ id: string; participant_id: string; day: number; type: string }>(
        tx,
        sql`with s as (${scope})
            select s.id, s.participant_id, (e.occurred_on - s.started_on) as day, e.type
            from s join pathway_events e on e.organisation_id = ${org} and e.pathway_id = s.id
            order by s.id, e.occurred_on`,
      )
    ).map((r) => ({ participant: person(r.participant_id), pathway: pathway(r.id), day: r.day, type: r.type }));

    const followUps = (
      await rows<{
        id: string;
        participant_id: string;
        due_day: number;
        done_day: number | null;
        employed: boolean | null;
        improved_situation: boolean | null;
      }>(
        tx,
        sql`with s as (${scope})
            select s.id, s.participant_id, (f.due_on - s.started_on) as due_day, (f.done_on - s.started_on) as done_day, f.employed, f.improved_situation
            from s join follow_ups f on f.organisation_id = ${org} and f.pathway_id = s.id
            order by s.id`,
      )
    ).map((r) => ({
      participant: person(r.participant_id),
      pathway: pathway(r.id),
      dueDay: r.due_day,
      doneDay: r.done_day,
      employed: r.employed,
      improvedSituation: r.improved_situation,
    }));

    const attendance = (
      await rows<{ participant_id: string; type: string; attended: number }>(
        tx,
        sql`with s as (${scope})
            select r.person_id as participant_id, coalesce(t.key, t.name) as type, count(*)::int as attended
            from registrations r
            join occurrences o on o.organisation_id = r.organisation_id and o.id = r.occurrence_id
            join activities a on a.organisation_id = o.organisation_id and a.id = o.activity_id
            join activity_types t on t.organisation_id = a.organisation_id and t.id = a.type_id
            where r.organisation_id = ${org} and r.status = 'attended' and r.person_id in (select participant_id from s)
            group by 1, 2 order by 1, 2`,
      )
    ).map((r) => ({ participant: person(r.participant_id), activityType: r.type, attended: r.attended }));

    const matchCounts = (
      await rows<{ participant_id: string; proposed: number; connected: number; as_requester: number; as_offerer: number }>(
        tx,
        sql`with s as (${scope}), mine as (
              select q.person_id as participant_id, m.id, m.connected_at, 'requester' as side from matches m
              join matching_items q on q.organisation_id = m.organisation_id and q.id = m.request_id
              where m.organisation_id = ${org} and q.person_id in (select participant_id from s)
              union all
              select o.person_id, m.id, m.connected_at, 'offerer' from matches m
              join matching_items o on o.organisation_id = m.organisation_id and o.id = m.offer_id
              where m.organisation_id = ${org} and o.person_id in (select participant_id from s)
            )
            select participant_id, count(*)::int as proposed, (count(*) filter (where connected_at is not null))::int as connected,
              (count(*) filter (where side = 'requester'))::int as as_requester, (count(*) filter (where side = 'offerer'))::int as as_offerer
            from mine group by 1 order by 1`,
      )
    ).map((r) => ({
      participant: person(r.participant_id),
      proposed: r.proposed,
      connected: r.connected,
      asRequester: r.as_requester,
      asOfferer: r.as_offerer,
    }));

    // Aggregate tables, counted from the rows above (consenting participants only).
    const aggregates: Row[] = [];
    const tally = (measure: string, keyOf: (r: Row) => Record<string, Cell>, from: Row[]) => {
      const counts = new Map<string, { dims: Record<string, Cell>; n: number }>();
      for (const r of from) {
        const dims = keyOf(r);
        const k = JSON.stringify(dims);
        const e = counts.get(k) ?? { dims, n: 0 };
        e.n++;
        counts.set(k, e);
      }
      for (const { dims, n } of [...counts.values()].sort((a, b) => JSON.stringify(a.dims).localeCompare(JSON.stringify(b.dims))))
        aggregates.push({ measure, ...dims, count: small(n) });
    };
    tally('pathways-by-place-gender-age', (r) => ({ place: r.place, gender: r.gender, ageBand: r.ageBandAtEntry }), pathways);
    tally(
      'exit-outcomes-by-place',
      (r) => ({ place: r.place, exitOutcome: r.exitOutcome }),
      pathways.filter((r) => r.status === 'ended'),
    );
    // Ladder moves: the companion's first and last rung of each pathway scored twice or more (rows are in date order).
    const ladder = new Map<string, { first: number; last: number; n: number }>();
    for (const a of assessments) {
      if (a.instrument !== 'participation-ladder' || a.assessorRole !== 'companion') continue;
      const e = ladder.get(a.pathway) ?? { first: a.level, last: a.level, n: 0 };
      e.last = a.level;
      e.n++;
      ladder.set(a.pathway, e);
    }
    tally(
      'ladder-moves',
      (r) => ({ fromRung: r.fromRung, toRung: r.toRung }),
      [...ladder.values()].filter((v) => v.n >= 2).map((v) => ({ fromRung: v.first, toRung: v.last })),
    );

    return {
      generatedAt: clock().toISOString(),
      keyLabel: key.label,
      keyFingerprint: key.fingerprint,
      suppressedBelow: suppress ? SMALL_CELL : null,
      participants: new Set(pathwayRows.map((r) => r.participant_id)).size,
      tables: { pathways, assessments, events, 'follow-ups': followUps, attendance, matches: matchCounts, aggregates },
    };
  }

  async function activeKey(tx: Tx, auth: Auth, keyId: string) {
    const [key] = await tx
      .select()
      .from(researchExportKeys)
      .where(and(eq(researchExportKeys.organisationId, auth.organisationId), eq(researchExportKeys.id, keyId)));
    if (!key) throw errors.notFound('Export key');
    if (key.retiredAt) throw errors.conflict('key_retired', 'This export key was rotated: pick its current key.');
    return key;
  }

  return {
    async keys(auth: Auth): Promise<ResearchKey[]> {
      return withOrganisation(db, auth.organisationId, async (tx) =>
        (
          await tx
            .select()
            .from(researchExportKeys)
            .where(eq(researchExportKeys.organisationId, auth.organisationId))
            .orderBy(asc(researchExportKeys.retiredAt), asc(researchExportKeys.label), desc(researchExportKeys.createdAt))
        ).map(presentKey),
      );
    },

    /** A new key; its secret is in this answer only. */
    async createKey(auth: Auth, label: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        if (await isLabelTaken(tx, auth.organisationId, label))
          throw errors.conflict('label_taken', 'A key with this label exists: rotate it or pick another label.');
        const { row, secret } = await insertKey(tx, auth, label);
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'research-export-key',
          entityId: row.id,
          changes: { label, fingerprint: row.fingerprint },
        });
        return { key: presentKey(row), secret };
      });
    },

    /** Retires the key and makes a new secret under the same label: new exports get new pseudonyms. */
    async rotateKey(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const old = await activeKey(tx, auth, id);
        await tx
          .update(researchExportKeys)
          .set({ retiredAt: clock(), updatedAt: clock() })
          .where(and(eq(researchExportKeys.organisationId, auth.organisationId), eq(researchExportKeys.id, id)));
        const { row, secret } = await insertKey(tx, auth, old.label);
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'rotate',
          entityType: 'research-export-key',
          entityId: row.id,
          changes: { label: old.label, retired: old.id, fingerprint: row.fingerprint },
        });
        return { key: presentKey(row), secret };
      });
    },

    /** The whole export (JSON), or one table of it; audited either way. */
    async export(auth: Auth, q: { keyId: string; suppress: boolean }, format: 'json' | 'csv', table?: ResearchTable) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const key = await activeKey(tx, auth, q.keyId);
        const result = await build(tx, auth, key, q.suppress);
        const counts = Object.fromEntries(researchTables.map((t) => [t, result.tables[t].length]));
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'export',
          entityType: 'research-export',
          entityId: key.id,
          changes: {
            keyLabel: key.label,
            fingerprint: key.fingerprint,
            format,
            table: table ?? null,
            suppress: q.suppress,
            participants: result.participants,
            records: table ? counts[table] : counts,
          },
        });
        return result;
      });
    },
  };
}

/** One table as CSV (UTF-8 with BOM, CRLF), columns in the order of first appearance; a suppressed count reads "<5". */
export function researchCsv(result: ResearchExport, table: ResearchTable, separator: 'comma' | 'semicolon'): Buffer {
  const sep = separator === 'semicolon' ? ';' : ',';
  const data = result.tables[table];
  const columns = [...new Set(data.flatMap((r) => Object.keys(r)))];
  const value = (r: Row, c: string) => {
    const v = r[c];
    if (v === null || v === undefined) return c === 'count' && result.suppressedBelow && c in r ? `<${result.suppressedBelow}` : '';
    return typeof v === 'boolean' ? (v ? 'true' : 'false') : v;
  };
  const lines = [columns.map((c) => csvCell(c, sep)).join(sep), ...data.map((r) => columns.map((c) => csvCell(value(r, c), sep)).join(sep))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export type ResearchService = ReturnType<typeof researchService>;
