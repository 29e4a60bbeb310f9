import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseloadItem,
  caseloadQuery,
  consent,
  consentInput,
  endInput,
  entryData,
  entryDataInput,
  eventInput,
  followUpDueItem,
  followUpInput,
  goal,
  goalInput,
  goalPatch,
  intakeInput,
  orderInput,
  pathwayEvent,
  pathwayOverview,
  referralIn,
  referralInInput,
  referralInPatch,
  referralsQuery,
  stepInput,
  stepPatch,
  teamCandidate,
  teamMember,
  teamMemberInput,
} from '../../../shared/pathways-api.ts';
import { requireAuth } from '../../http/auth.ts';
import { repeatWhileRunning } from '../../jobs.ts';
import type { Services } from '../../services.ts';

const tags = ['pathways'];
const id = z.object({ id: z.uuid() });
const planList = z.object({ items: z.array(goal) });
const teamList = z.object({ items: z.array(teamMember) });
const consentList = z.object({ items: z.array(consent) });
const eventList = z.object({ items: z.array(pathwayEvent) });

export const pathwaysRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const s = services.pathways;

    // Follow-up reminders: once shortly after start, then every hour. Each follow-up is reminded once.
    repeatWhileRunning(app, 'follow-up reminders', () => s.sendFollowUpReminders(), { firstDelayMs: 90_000, everyMs: 3_600_000 });

    // ---------- referrals in ----------
    app.get(
      '/referrals-in',
      {
        config: { access: 'pathways.manage' },
        schema: {
          tags,
          summary: 'Referrals in at the places where you take them in',
          querystring: referralsQuery,
          response: { 200: z.object({ items: z.array(referralIn), total: z.number() }) },
        },
      },
      (req) => s.referrals(requireAuth(req), req.query),
    );
    app.post(
      '/referrals-in',
      {
        config: { access: 'pathways.manage' },
        schema: { tags, summary: 'Record a referral in (creates the participant when new)', body: referralInInput, response: { 201: referralIn } },
      },
      async (req, reply) => reply.status(201).send(await s.createReferral(requireAuth(req), req.body)),
    );
    app.get(
      '/referrals-in/:id',
      { config: { access: 'pathways.manage' }, schema: { tags, summary: 'One referral in', params: id, response: { 200: referralIn } } },
      (req) => s.referral(requireAuth(req), req.params.id),
    );
    app.patch(
      '/referrals-in/:id',
      {
        config: { access: 'pathways.manage' },
        schema: {
          tags,
          summary: 'Plan the intake, or record that it did not start (with the reason)',
          params: id,
          body: referralInPatch,
          response: { 200: referralIn },
        },
      },
      (req) => s.updateReferral(requireAuth(req), req.params.id, req.body),
    );

    // ---------- intake and caseload ----------
    app.post(
      '/pathways',
      {
        config: { access: 'pathways.manage' },
        schema: {
          tags,
          summary: 'Intake: consents, the funder entry data, and the start of the pathway; you join as lead companion',
          body: intakeInput,
          response: { 201: pathwayOverview },
        },
      },
      async (req, reply) => reply.status(201).send(await s.intake(requireAuth(req), req.body)),
    );
    app.get(
      '/pathways',
      {
        config: { access: 'pathways.manage' },
        schema: {
          tags,
          summary: "Your caseload (scope=mine) or your places' pathways (scope=place)",
          querystring: caseloadQuery,
          response: { 200: z.object({ items: z.array(caseloadItem), total: z.number() }) },
        },
      },
      (req) => s.caseload(requireAuth(req), req.query),
    );
    app.get(
      '/pathways/follow-ups-due',
      {
        config: { access: 'pathways.manage' },
        schema: {
          tags,
          summary: 'Six-month follow-ups that are due on your pathways and places',
          response: { 200: z.object({ items: z.array(followUpDueItem) }) },
        },
      },
      (req) => s.followUpsDue(requireAuth(req)),
    );
    app.get(
      '/my-pathway',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Your own pathway and plan, as a participant',
          response: { 200: z.object({ pathway: pathwayOverview.nullable(), plan: z.array(goal) }) },
        },
      },
      (req) => s.mine(requireAuth(req)),
    );

    // ---------- one pathway ----------
    app.get(
      '/pathways/:id',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'The pathway file: overview, your capacity and what you may do', params: id, response: { 200: pathwayOverview } },
      },
      (req) => s.overview(requireAuth(req), req.params.id),
    );
    app.get(
      '/pathways/:id/entry-data',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'The funder entry data; special categories only to the team and the participant (audited)',
          params: id,
          response: { 200: entryData },
        },
      },
      (req) => s.entryData(requireAuth(req), req.params.id),
    );
    app.put(
      '/pathways/:id/entry-data',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Correct the funder entry data', params: id, body: entryDataInput, response: { 200: entryData } },
      },
      (req) => s.updateEntryData(requireAuth(req), req.params.id, req.body),
    );

    app.get(
      '/pathways/:id/consents',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: "The participant's consents, with withdrawn ones", params: id, response: { 200: consentList } },
      },
      (req) => s.consents(requireAuth(req), req.params.id),
    );
    app.post(
      '/pathways/:id/consents',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Record a consent for a purpose', params: id, body: consentInput, response: { 201: consentList } },
      },
      async (req, reply) => reply.status(201).send(await s.giveConsent(requireAuth(req), req.params.id, req.body)),
    );
    app.post(
      '/pathways/:id/consents/:consentId/withdraw',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Withdraw a consent (at once; the history stays)',
          params: z.object({ id: z.uuid(), consentId: z.uuid() }),
          response: { 200: consentList },
        },
      },
      (req) => s.withdrawConsent(requireAuth(req), req.params.id, req.params.consentId),
    );

    app.get(
      '/pathways/:id/team',
      { config: { access: 'signed-in' }, schema: { tags, summary: 'The team, with former members', params: id, response: { 200: teamList } } },
      (req) => s.team(requireAuth(req), req.params.id),
    );
    app.get(
      '/pathways/:id/team/candidates',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Staff and partner workers who can join the team',
          params: id,
          querystring: z.object({ q: z.string().trim().max(100).optional() }),
          response: { 200: z.object({ items: z.array(teamCandidate) }) },
        },
      },
      (req) => s.teamCandidates(requireAuth(req), req.params.id, req.query.q),
    );
    app.post(
      '/pathways/:id/team',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Add a companion or partner worker to the team', params: id, body: teamMemberInput, response: { 201: teamList } },
      },
      async (req, reply) => reply.status(201).send(await s.addMember(requireAuth(req), req.params.id, req.body)),
    );
    const member = z.object({ id: z.uuid(), memberId: z.uuid() });
    app.delete(
      '/pathways/:id/team/:memberId',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'A member leaves the team (the lead hands over first)', params: member, response: { 200: teamList } },
      },
      (req) => s.removeMember(requireAuth(req), req.params.id, req.params.memberId),
    );
    app.post(
      '/pathways/:id/team/:memberId/lead',
      { config: { access: 'signed-in' }, schema: { tags, summary: 'Hand the lead over to this member', params: member, response: { 200: teamList } } },
      (req) => s.makeLead(requireAuth(req), req.params.id, req.params.memberId),
    );

    app.get(
      '/pathways/:id/plan',
      { config: { access: 'signed-in' }, schema: { tags, summary: 'Goals per life domain with their steps', params: id, response: { 200: planList } } },
      (req) => s.plan(requireAuth(req), req.params.id),
    );
    app.post(
      '/pathways/:id/goals',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: "Add a goal in the participant's own words", params: id, body: goalInput, response: { 201: planList } },
      },
      async (req, reply) => reply.status(201).send(await s.addGoal(requireAuth(req), req.params.id, req.body)),
    );
    app.put(
      '/pathways/:id/goals/order',
      { config: { access: 'signed-in' }, schema: { tags, summary: 'Reorder the goals', params: id, body: orderInput, response: { 200: planList } } },
      (req) => s.reorderGoals(requireAuth(req), req.params.id, req.body),
    );
    const goalParams = z.object({ id: z.uuid(), goalId: z.uuid() });
    app.patch(
      '/pathways/:id/goals/:goalId',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Change a goal (text, life domain, status)', params: goalParams, body: goalPatch, response: { 200: planList } },
      },
      (req) => s.updateGoal(requireAuth(req), req.params.id, req.params.goalId, req.body),
    );
    app.post(
      '/pathways/:id/goals/:goalId/steps',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Add a step towards a goal', params: goalParams, body: stepInput, response: { 201: planList } },
      },
      async (req, reply) => reply.status(201).send(await s.addStep(requireAuth(req), req.params.id, req.params.goalId, req.body)),
    );
    app.put(
      '/pathways/:id/goals/:goalId/steps/order',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: "Reorder a goal's steps", params: goalParams, body: orderInput, response: { 200: planList } },
      },
      (req) => s.reorderSteps(requireAuth(req), req.params.id, req.params.goalId, req.body),
    );
    app.patch(
      '/pathways/:id/steps/:stepId',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Change a step (done, date, owner, text)',
          params: z.object({ id: z.uuid(), stepId: z.uuid() }),
          body: stepPatch,
          response: { 200: planList },
        },
      },
      (req) => s.updateStep(requireAuth(req), req.params.id, req.params.stepId, req.body),
    );

    app.post(
      '/pathways/:id/end',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'End the pathway: exit date and outcome; adds the ESF event and the follow-up in six months',
          params: id,
          body: endInput,
          response: { 200: pathwayOverview },
        },
      },
      (req) => s.end(requireAuth(req), req.params.id, req.body),
    );
    app.post(
      '/pathways/:id/reopen',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Reopen an ended pathway (a lead only; audited)', params: id, response: { 200: pathwayOverview } },
      },
      (req) => s.reopen(requireAuth(req), req.params.id),
    );
    app.get(
      '/pathways/:id/events',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Labour-market events around and after exit (ESF)', params: id, response: { 200: eventList } },
      },
      (req) => s.events(requireAuth(req), req.params.id),
    );
    app.post(
      '/pathways/:id/events',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Add an event (a job found within four weeks)', params: id, body: eventInput, response: { 201: eventList } },
      },
      async (req, reply) => reply.status(201).send(await s.addEvent(requireAuth(req), req.params.id, req.body)),
    );
    app.put(
      '/pathways/:id/follow-up',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Record the six-month follow-up once it is due', params: id, body: followUpInput, response: { 200: pathwayOverview } },
      },
      (req) => s.recordFollowUp(requireAuth(req), req.params.id, req.body),
    );
  };
