/**
 * Assessments: the companion and the participant each score an instrument on a date, side by side
 * over time. The overview gives per instrument a series per assessor role and the distance
 * travelled of each (computed by `distanceTravelled` in shared/care.ts, which reports reuse).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Assessment, type assessmentInput, distanceTravelled, type InstrumentSeries, JOURNAL_EDIT_HOURS } from '../../../shared/care.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import { assessmentScores, assessments, people } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { hasConsent, may, openPathway } from './access.ts';
import { ensureDefaultInstruments, instrumentsForPathway, loadInstrument, presentInstrument } from './instruments.ts';
import { requireGuidanceConsent } from './journal.ts';

const assessorName = sql<string>`${people.givenName} || ' ' || ${people.familyName}`;
/** An assessor may take back a scoring made by mistake for as long as a journal entry can change. */
const UNDO_MS = JOURNAL_EDIT_HOURS * 3_600_000;

/** Today in Brussels, where the work happens (a scoring just after midnight is today's). */
export const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Every assessment of a pathway with its scores, oldest first. */
async function pathwayAssessments(tx: Tx, organisationId: string, pathwayId: string, ids?: string[]): Promise<Assessment[]> {
  const rows = await tx
    .select({ a: assessments, assessorName })
    .from(assessments)
    .innerJoin(people, and(eq(people.organisationId, assessments.organisationId), eq(people.id, assessments.assessorPersonId)))
    .where(and(eq(assessments.organisationId, organisationId), eq(assessments.pathwayId, pathwayId), ids ? inArray(assessments.id, ids) : undefined))
    .orderBy(asc(assessments.assessedOn), asc(assessments.createdAt), asc(assessments.id));
  if (!rows.length) return [];
  const scores = await tx
    .select()
    .from(assessmentScores)
    .where(
      and(
        eq(assessmentScores.organisationId, organisationId),
        inArray(
          assessmentScores.assessmentId,
          rows.map((r) => r.a.id),
        ),
      ),
    );
  const byAssessment = new Map<string, typeof scores>();
  for (const s of scores) byAssessment.set(s.assessmentId, [...(byAssessment.get(s.assessmentId) ?? []), s]);
  return rows.map(({ a, assessorName: name }) => {
    const own = byAssessment.get(a.id) ?? [];
    return {
      id: a.id,
      instrumentId: a.instrumentId,
      assessedOn: a.assessedOn,
      assessorRole: a.assessorRole,
      assessor: { personId: a.assessorPersonId, name },
      note: a.note,
      scores: Object.fromEntries(own.map((s) => [s.domainKey, s.level])),
      notes: Object.fromEntries(own.filter((s) => s.note).map((s) => [s.domainKey, s.note as string])),
      createdAt: a.createdAt.toISOString(),
    };
  });
}

export function assessmentsService(db: Db) {
  return {
    /** Per instrument: both series and their distance travelled (within from/to when given). */
    async overview(auth: Auth, pathwayId: string, window: { from?: string; to?: string }) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway, capacity } = await openPathway(tx, auth, pathwayId, 'assessment.read');
        await ensureDefaultInstruments(tx, auth.organisationId);
        const all = await pathwayAssessments(tx, auth.organisationId, pathway.id);
        const rows = await instrumentsForPathway(tx, auth.organisationId, [...new Set(all.map((a) => a.instrumentId))]);
        const consentStands = await hasConsent(tx, auth.organisationId, pathway.participantId, 'guidance');
        const items: InstrumentSeries[] = rows.map((row) => {
          const instrument = presentInstrument(row);
          const keys = instrument.domains.map((d) => d.key);
          const companion = all.filter((a) => a.instrumentId === row.id && a.assessorRole === 'companion');
          const participant = all.filter((a) => a.instrumentId === row.id && a.assessorRole === 'participant');
          return {
            instrument,
            series: { companion, participant },
            distance: { companion: distanceTravelled(companion, keys, window), participant: distanceTravelled(participant, keys, window) },
          };
        });
        const scoreAs = !may(capacity, 'assessment.write') ? null : capacity === 'participant' ? 'participant' : consentStands ? 'companion' : null;
        return { items, scoreAs, consentWithdrawn: !consentStands } as const;
      });
    },

    /** Scores an instrument in the caller's role: the participant for themselves, a team member as companion. */
    async create(auth: Auth, pathwayId: string, input: z.output<typeof assessmentInput>): Promise<Assessment> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway, capacity } = await openPathway(tx, auth, pathwayId, 'assessment.write');
        const role = capacity === 'participant' ? 'participant' : 'companion';
        if (role === 'companion') await requireGuidanceConsent(tx, pathway);
        if (input.assessedOn > today()) throw errors.badRequest('date_in_future', 'An assessment cannot be dated in the future.');
        // Shared lock: an admin cannot remove a domain while it is being scored.
        const row = await loadInstrument(tx, auth.organisationId, input.instrumentId, 'share');
        if (row.archivedAt) throw errors.conflict('instrument_archived', 'This instrument is archived: it is no longer scored.');
        const instrument = presentInstrument(row);
        const problems: { field: string; code: string }[] = [];
        input.scores.forEach((s, i) => {
          if (!instrument.domains.some((d) => d.key === s.domainKey)) problems.push({ field: `scores.${i}.domainKey`, code: 'unknown_domain' });
          else if (!instrument.levels.some((l) => l.value === s.level)) problems.push({ field: `scores.${i}.level`, code: 'invalid_level' });
        });
        if (problems.length) throw errors.badRequest('invalid_scores', 'Some scores do not fit the instrument.', { errors: problems });
        const [a] = await tx
          .insert(assessments)
          .values({
            organisationId: auth.organisationId,
            pathwayId: pathway.id,
            instrumentId: row.id,
            assessedOn: input.assessedOn,
            assessorRole: role,
            assessorPersonId: auth.personId,
            note: input.note ?? null,
          })
          .returning();
        await tx.insert(assessmentScores).values(
          input.scores.map((s) => ({
            organisationId: auth.organisationId,
            assessmentId: a.id,
            domainKey: s.domainKey,
            level: s.level,
            note: s.note ?? null,
          })),
        );
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'assessment',
          entityId: a.id,
          changes: {
            pathwayId: pathway.id,
            instrumentId: row.id,
            assessedOn: a.assessedOn,
            assessorRole: role,
            scores: Object.fromEntries(input.scores.map((s) => [s.domainKey, s.level])),
          },
        });
        const [out] = await pathwayAssessments(tx, auth.organisationId, pathway.id, [a.id]);
        return out;
      });
    },

    /** The assessor takes back their own scoring, within a day; older ones stay as history. */
    async remove(auth: Auth, pathwayId: string, assessmentId: string) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await openPathway(tx, auth, pathwayId, 'assessment.read');
        const [row] = await tx
          .select()
          .from(assessments)
          .where(and(eq(assessments.organisationId, auth.organisationId), eq(assessments.pathwayId, pathway.id), eq(assessments.id, assessmentId)))
          .limit(1)
          .for('update');
        if (!row) throw errors.notFound('assessment');
        if (row.assessorPersonId !== auth.personId) throw errors.forbidden('Only the assessor may take back an assessment.');
        if (Date.now() > row.createdAt.getTime() + UNDO_MS)
          throw errors.conflict('assessment_locked', 'An assessment can be taken back only on the day it was made.');
        await tx.delete(assessments).where(and(eq(assessments.organisationId, auth.organisationId), eq(assessments.id, assessmentId)));
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'delete',
          entityType: 'assessment',
          entityId: assessmentId,
          changes: { pathwayId: pathway.id, instrumentId: row.instrumentId, assessedOn: row.assessedOn, assessorRole: row.assessorRole },
        });
      });
    },
  };
}
