import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { activities } from './activities.ts';
import { id, orgId, partnerContacts, partners, places, stamps } from './organisations.ts';
import { people } from './people.ts';

/**
 * A barrier ("drempel"): what blocks someone, in their words, the life domain, who could change it
 * (a partner or free text), how many people it touches. A duplicate merged by the matchmaker keeps
 * its row and points to the survivor (`merged_into_id`), so every original text and raiser stays.
 */
export const policyBarriers = pgTable(
  'policy_barriers',
  {
    organisationId: orgId(),
    id: id(),
    text: text('text').notNull(),
    lang: text('lang'),
    domain: text('domain').notNull(),
    actorPartnerId: uuid('actor_partner_id'),
    actorText: text('actor_text'),
    peopleAffected: integer('people_affected').notNull().default(1),
    placeId: uuid('place_id'),
    /** the group session (or other activity) where it was raised */
    activityId: uuid('activity_id'),
    /** who raised it: a participant for themselves, staff for a group session, a partner worker */
    raisedByPersonId: uuid('raised_by_person_id').notNull(),
    source: text('source', { enum: ['self', 'group-session', 'staff', 'partner'] }).notNull(),
    status: text('status').notNull().default('open'),
    /** the last answer or decision, shown back to those who raised or support it */
    outcomeNote: text('outcome_note'),
    mergedIntoId: uuid('merged_into_id'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.actorPartnerId], foreignColumns: [partners.organisationId, partners.id] }),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }),
    foreignKey({ columns: [t.organisationId, t.activityId], foreignColumns: [activities.organisationId, activities.id] }).onDelete('set null'),
    foreignKey({ columns: [t.organisationId, t.raisedByPersonId], foreignColumns: [people.organisationId, people.id] }),
    foreignKey({ columns: [t.organisationId, t.mergedIntoId], foreignColumns: [t.organisationId, t.id] }),
    index('policy_barriers_place_idx').on(t.organisationId, t.placeId, t.status),
    index('policy_barriers_merged_idx').on(t.organisationId, t.mergedIntoId),
    index('policy_barriers_raised_by_idx').on(t.organisationId, t.raisedByPersonId),
    check('policy_barriers_people_check', sql`${t.peopleAffected} between 1 and 100000`),
    check('policy_barriers_merge_check', sql`${t.mergedIntoId} is null or ${t.mergedIntoId} <> ${t.id}`),
  ],
);

/** "This blocks me too": one per person per barrier, with an optional word. */
export const policyBarrierSupports = pgTable(
  'policy_barrier_supports',
  {
    organisationId: orgId(),
    barrierId: uuid('barrier_id').notNull(),
    personId: uuid('person_id').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.barrierId, t.personId] }),
    foreignKey({ columns: [t.organisationId, t.barrierId], foreignColumns: [policyBarriers.organisationId, policyBarriers.id] }),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
    index('policy_barrier_supports_person_idx').on(t.organisationId, t.personId),
  ],
);

/** What happened to a barrier: raised, supported, merged, taken into a proposal, on an agenda, answered. */
export const policyBarrierEvents = pgTable(
  'policy_barrier_events',
  {
    organisationId: orgId(),
    id: id(),
    barrierId: uuid('barrier_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status'),
    note: text('note'),
    byPersonId: uuid('by_person_id'),
    proposalId: uuid('proposal_id'),
    meetingId: uuid('meeting_id'),
    /** for a merge: the barrier merged in */
    otherBarrierId: uuid('other_barrier_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.barrierId], foreignColumns: [policyBarriers.organisationId, policyBarriers.id] }),
    index('policy_barrier_events_barrier_idx').on(t.organisationId, t.barrierId, t.createdAt),
  ],
);

/** A proposal ("verbetervoorstel") shaped from barriers, addressed to a local actor. */
export const policyProposals = pgTable(
  'policy_proposals',
  {
    organisationId: orgId(),
    id: id(),
    title: text('title').notNull(),
    change: text('change').notNull(),
    rationale: text('rationale'),
    actorPartnerId: uuid('actor_partner_id'),
    actorText: text('actor_text'),
    status: text('status').notNull().default('draft'),
    answer: text('answer'),
    answeredOn: date('answered_on'),
    createdByPersonId: uuid('created_by_person_id'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.actorPartnerId], foreignColumns: [partners.organisationId, partners.id] }),
    index('policy_proposals_status_idx').on(t.organisationId, t.status),
    check('policy_proposals_actor_check', sql`${t.actorPartnerId} is not null or ${t.actorText} is not null`),
  ],
);

export const policyProposalBarriers = pgTable(
  'policy_proposal_barriers',
  {
    organisationId: orgId(),
    proposalId: uuid('proposal_id').notNull(),
    barrierId: uuid('barrier_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.proposalId, t.barrierId] }),
    foreignKey({ columns: [t.organisationId, t.proposalId], foreignColumns: [policyProposals.organisationId, policyProposals.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.barrierId], foreignColumns: [policyBarriers.organisationId, policyBarriers.id] }),
    index('policy_proposal_barriers_barrier_idx').on(t.organisationId, t.barrierId),
  ],
);

/** A steering group ("stuurgroep") meeting. */
export const policyMeetings = pgTable(
  'policy_meetings',
  {
    organisationId: orgId(),
    id: id(),
    heldOn: date('held_on').notNull(),
    location: text('location'),
    status: text('status', { enum: ['planned', 'held'] })
      .notNull()
      .default('planned'),
    notes: text('notes'),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), index('policy_meetings_date_idx').on(t.organisationId, t.heldOn)],
);

/** Who was present: a steering member (a person with an account) or a partner's contact. */
export const policyMeetingMembers = pgTable(
  'policy_meeting_members',
  {
    organisationId: orgId(),
    id: id(),
    meetingId: uuid('meeting_id').notNull(),
    personId: uuid('person_id'),
    partnerContactId: uuid('partner_contact_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.meetingId], foreignColumns: [policyMeetings.organisationId, policyMeetings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }),
    foreignKey({ columns: [t.organisationId, t.partnerContactId], foreignColumns: [partnerContacts.organisationId, partnerContacts.id] }),
    uniqueIndex('policy_meeting_members_person_key').on(t.organisationId, t.meetingId, t.personId),
    uniqueIndex('policy_meeting_members_contact_key').on(t.organisationId, t.meetingId, t.partnerContactId),
    check('policy_meeting_members_who_check', sql`(${t.personId} is null) <> (${t.partnerContactId} is null)`),
  ],
);

/** One item on a meeting's agenda: a barrier or a proposal, in order, with the decision taken. */
export const policyAgendaItems = pgTable(
  'policy_agenda_items',
  {
    organisationId: orgId(),
    id: id(),
    meetingId: uuid('meeting_id').notNull(),
    position: integer('position').notNull(),
    barrierId: uuid('barrier_id'),
    proposalId: uuid('proposal_id'),
    note: text('note'),
    decision: text('decision'),
    actorAnswer: text('actor_answer'),
    /** the status the decision gave the barrier or proposal */
    outcome: text('outcome'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.meetingId], foreignColumns: [policyMeetings.organisationId, policyMeetings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.barrierId], foreignColumns: [policyBarriers.organisationId, policyBarriers.id] }),
    foreignKey({ columns: [t.organisationId, t.proposalId], foreignColumns: [policyProposals.organisationId, policyProposals.id] }),
    index('policy_agenda_items_meeting_idx').on(t.organisationId, t.meetingId, t.position),
    check('policy_agenda_items_subject_check', sql`(${t.barrierId} is null) <> (${t.proposalId} is null)`),
  ],
);

/**
 * A story or quote ("getuigenis") kept with consent. Withdrawing consent sets `withdrawn_at`: from
 * then on only the person who gave it sees it; lists, reports and pages leave it out.
 */
export const policyStories = pgTable(
  'policy_stories',
  {
    organisationId: orgId(),
    id: id(),
    personId: uuid('person_id').notNull(),
    text: text('text').notNull(),
    lang: text('lang'),
    consentOn: date('consent_on').notNull(),
    consentScope: text('consent_scope', { enum: ['internal', 'reports', 'public'] }).notNull(),
    attribution: text('attribution', { enum: ['first-name', 'anonymous', 'custom'] }).notNull(),
    attributionText: text('attribution_text'),
    domain: text('domain'),
    placeId: uuid('place_id'),
    recordedByPersonId: uuid('recorded_by_person_id'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }),
    index('policy_stories_person_idx').on(t.organisationId, t.personId),
    index('policy_stories_scope_idx').on(t.organisationId, t.consentScope).where(sql`${t.withdrawnAt} is null`),
  ],
);
