/**
 * Who may see and do what on one pathway: the one place where that is decided. Every pathways
 * service (plan, journal, assessments, network, referrals, download) asks `openPathway` first and
 * then `may(capacity, action)`; a pathway one has no capacity on is a 404, never a 403.
 *
 * Capacities:
 * - participant: the person whose pathway it is (at the helm: reads and edits their own plan).
 * - team: an active member of the pathway's team (companions of the organisation or of partners).
 * - lead: a coordinator or admin with `pathways.oversee` at the pathway's place: oversight without
 *   the journal or the special categories.
 * Everyone else (matchmakers, facilitators, other participants, partner workers not on the team,
 * steering members, researchers) has none. Partner workers reach referrals addressed to their
 * partner through `referralsOut`, not through the pathway.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { JournalVisibility } from '../../../shared/pathways.ts';
import { type PathwayAction, pathwayActions } from '../../../shared/pathways-api.ts';
import { can, type RoleAssignment } from '../../../shared/permissions.ts';
import type { Tx } from '../../db/client.ts';
import { consents, pathways, pathwayTeam } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';

export type Capacity = 'participant' | 'team' | 'lead';

export type { PathwayAction };
// The list lives in shared/pathways-api.ts so that the screens know the same actions.
export { pathwayActions };

/** The rules, one line per action: which capacities may. Tests walk this table for every role. */
const rules: Record<PathwayAction, readonly Capacity[]> = {
  'overview.read': ['participant', 'team', 'lead'],
  'plan.read': ['participant', 'team', 'lead'],
  'plan.write': ['participant', 'team'],
  'team.read': ['participant', 'team', 'lead'],
  'team.manage': ['team', 'lead'],
  'entry-data.read': ['participant', 'team', 'lead'],
  'entry-data.write': ['team'],
  'special-categories.read': ['participant', 'team'],
  'consent.read': ['participant', 'team', 'lead'],
  'consent.write': ['team'],
  // Per entry, `journalVisible` narrows further.
  'journal.read': ['participant', 'team'],
  'journal.write': ['team'],
  'assessment.read': ['participant', 'team', 'lead'],
  // The participant scores themselves, beside the companion.
  'assessment.write': ['participant', 'team'],
  'network.read': ['participant', 'team'],
  'network.write': ['participant', 'team'],
  'referral-out.read': ['participant', 'team', 'lead'],
  'referral-out.write': ['team'],
  'ending.write': ['team', 'lead'],
  'follow-up.write': ['team', 'lead'],
  'events.write': ['team', 'lead'],
};

export function may(capacity: Capacity, action: PathwayAction): boolean {
  return rules[action].includes(capacity);
}

/** Whether a journal entry is readable in this capacity (after `may(c, 'journal.read')`). */
export function journalVisible(capacity: Capacity, entry: { visibility: JournalVisibility; authorPersonId: string }, personId: string): boolean {
  if (entry.visibility === 'author') return entry.authorPersonId === personId;
  if (entry.visibility === 'team') return capacity === 'team';
  return capacity === 'team' || capacity === 'participant';
}

export type PathwayRow = typeof pathways.$inferSelect;

/** The capacity `auth` has on `pathway`, or null. */
export async function capacityOn(tx: Tx, auth: Auth, pathway: PathwayRow): Promise<Capacity | null> {
  if (pathway.participantId === auth.personId) return 'participant';
  const [member] = await tx
    .select({ id: pathwayTeam.id })
    .from(pathwayTeam)
    .where(
      and(
        eq(pathwayTeam.organisationId, auth.organisationId),
        eq(pathwayTeam.pathwayId, pathway.id),
        eq(pathwayTeam.personId, auth.personId),
        isNull(pathwayTeam.leftOn),
      ),
    )
    .limit(1);
  if (member) return 'team';
  if (oversees(auth.roles, pathway.placeId)) return 'lead';
  return null;
}

function oversees(roles: readonly RoleAssignment[], placeId: string | null) {
  // A pathway without a place is overseen organisation-wide only.
  return placeId ? can(roles, 'pathways.oversee', placeId) : roles.some((r) => r.placeId === null && can([r], 'pathways.oversee'));
}

/**
 * Loads a pathway with the caller's capacity, or throws 404 when it does not exist or the
 * caller has no capacity; with `action`, also 404 when the capacity does not allow it.
 */
export async function openPathway(tx: Tx, auth: Auth, pathwayId: string, action?: PathwayAction): Promise<{ pathway: PathwayRow; capacity: Capacity }> {
  const [pathway] = await tx
    .select()
    .from(pathways)
    .where(and(eq(pathways.organisationId, auth.organisationId), eq(pathways.id, pathwayId)))
    .limit(1);
  if (!pathway) throw errors.notFound('pathway');
  const capacity = await capacityOn(tx, auth, pathway);
  if (!capacity) throw errors.notFound('pathway');
  if (action && !may(capacity, action)) {
    // Capacities that can read the overview learn the action is not theirs; others never learn the pathway exists.
    if (may(capacity, 'overview.read')) throw errors.forbidden();
    throw errors.notFound('pathway');
  }
  return { pathway, capacity };
}

/**
 * Whether `personId` walks beside `participantId` now: on the team of one of their pathways that
 * has not ended. Other modules ask this ("my companion") instead of reading the team themselves.
 */
export async function isCompanionOf(tx: Tx, organisationId: string, personId: string, participantId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: pathwayTeam.id })
    .from(pathwayTeam)
    .innerJoin(pathways, and(eq(pathways.organisationId, pathwayTeam.organisationId), eq(pathways.id, pathwayTeam.pathwayId)))
    .where(
      and(
        eq(pathwayTeam.organisationId, organisationId),
        eq(pathwayTeam.personId, personId),
        eq(pathways.participantId, participantId),
        ne(pathways.status, 'ended'),
        isNull(pathwayTeam.leftOn),
      ),
    )
    .limit(1);
  return !!row;
}

/** Whether the participant's consent for `purpose` (and partner) stands right now. */
export async function hasConsent(
  tx: Tx,
  organisationId: string,
  participantId: string,
  purpose: (typeof consents.$inferSelect)['purpose'],
  partnerId?: string,
): Promise<boolean> {
  const conds = [
    eq(consents.organisationId, organisationId),
    eq(consents.participantId, participantId),
    eq(consents.purpose, purpose),
    isNull(consents.withdrawnAt),
  ];
  if (partnerId) conds.push(eq(consents.partnerId, partnerId));
  const [row] = await tx
    .select({ id: consents.id })
    .from(consents)
    .where(and(...conds))
    .limit(1);
  return !!row;
}
