import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { orgId } from './organisations.ts';

/** The kinds of link between two ends: four the programme creates, and a referral in (a link that was there before). */
export const networkLinkKinds = ['match', 'referral-out', 'team', 'cohort', 'referral-in'] as const;

/**
 * Every link between two ends (two people, or a person and a partner) that the dashboard's network
 * picture counts, one row per link, kept by the database itself: triggers on matches,
 * matching_items, referrals_out, pathway_team, cohort_members, referrals_in and pathways call
 * `refresh_network_links_of(...)` (the migration *_network_links_security.sql). Nothing here is
 * written by the application: schakel_app may only read it.
 *
 *   match: a connected match between the requester and the offer's owner (a person, or a partner
 *     when the offer is a partner's), dated the day it was connected;
 *   referral-out: a referral out that was sent (sent, accepted, started, completed), dated sent;
 *   team: a partner's worker joining a pathway's team, dated joined;
 *   cohort: two participants in the same cohort, dated the later of their two joining days;
 *   referral-in: a partner that referred the person in, dated referred.
 *
 * The pair is (end_a, end_b, partner): end_b is a partner when `partner`, else a person, and two
 * people are stored in uuid order so that a pair is the same pair whichever way it was made.
 * Every link also carries when its pair was first linked (pair_first_on, and whether by a referral
 * in), across the whole organisation, so that the dashboard tells a bridging link (the first
 * between those two, made by the programme) without looking at the pair's other links.
 */
export const networkLinks = pgTable(
  'network_links',
  {
    organisationId: orgId(),
    kind: text('kind', { enum: networkLinkKinds }).notNull(),
    /** the match, referral out, team row, cohort or referral in this link comes from */
    sourceId: uuid('source_id').notNull(),
    endA: uuid('end_a').notNull(),
    endB: uuid('end_b').notNull(),
    partner: boolean('partner').notNull(),
    /** the requester (match) or participant (the rest): whose dashboard scope a match falls in */
    personId: uuid('person_id').notNull(),
    /** the pathway it belongs to (null for a match and a referral in before its intake) */
    pathwayId: uuid('pathway_id'),
    /** a cohort link: the other member's pathway */
    otherPathwayId: uuid('other_pathway_id'),
    /** a match: its place; a link of a pathway: the pathway's place (as the three columns below, copied so the dashboard need not join pathways) */
    placeId: uuid('place_id'),
    programmeId: uuid('programme_id'),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    onDate: date('on_date').notNull(),
    /** the day the two ends were first linked, by any kind of link (the same on every link of the pair) */
    pairFirstOn: date('pair_first_on'),
    /** a referral in is among the pair's links on that first day: they were linked before the programme did */
    pairFirstByReferralIn: boolean('pair_first_by_referral_in'),
  },
  (t) => [
    index('network_links_source_idx').on(t.organisationId, t.kind, t.sourceId),
    index('network_links_on_idx').on(t.organisationId, t.onDate),
    index('network_links_pair_idx').on(t.organisationId, t.endA, t.endB, t.partner, t.onDate),
    check('network_links_people_ordered', sql`${t.partner} or ${t.endA} < ${t.endB}`),
  ],
);
