import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agendaInput,
  barrierDetail,
  barrierInput,
  barrierList,
  barrierOptions,
  barrierPatch,
  barriersQuery,
  decisionInput,
  meeting,
  meetingInput,
  meetingOptions,
  meetingPatch,
  meetingSummary,
  mergeInput,
  proposal,
  proposalInput,
  proposalPatch,
  proposalsQuery,
  storiesQuery,
  story,
  storyInput,
  storyPatch,
  supportInput,
} from '../../../shared/policy.ts';
import { requireAuth } from '../../http/auth.ts';
import type { Services } from '../../services.ts';

const params = z.object({ id: z.uuid() });
const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const tags = ['policy'];

export const policyRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const p = services.policy;

    /* barriers: everyone signed in raises and supports; the service decides what each reader sees */
    app.get(
      '/policy/options',
      {
        schema: { tags, summary: 'What a barrier form needs: partners, places, group sessions, and what the reader may do', response: { 200: barrierOptions } },
      },
      (req) => p.barrierOptions(requireAuth(req)),
    );
    app.get(
      '/policy/barriers',
      {
        schema: {
          tags,
          summary: "Barriers the reader may see: staff of the place, participants of the place, one's own and supported ones, a partner's addressed ones",
          querystring: barriersQuery,
          response: { 200: barrierList },
        },
      },
      (req) => p.listBarriers(requireAuth(req), req.query),
    );
    app.post(
      '/policy/barriers',
      {
        schema: { tags, summary: 'Record a barrier: what blocks, the life domain, who could change it', body: barrierInput, response: { 201: barrierDetail } },
      },
      async (req, reply) => reply.status(201).send(await p.createBarrier(requireAuth(req), req.body)),
    );
    app.post(
      '/policy/barriers/merge',
      {
        config: { access: 'policy.manage' },
        schema: {
          tags,
          summary: 'Merge duplicates into one barrier; every text, raiser and supporter is kept',
          body: mergeInput,
          response: { 200: barrierDetail },
        },
      },
      (req) => p.merge(requireAuth(req), req.body),
    );
    app.get(
      '/policy/barriers/:id',
      { schema: { tags, summary: 'One barrier with its texts, supporters and history', params, response: { 200: barrierDetail } } },
      (req) => p.getBarrier(requireAuth(req), req.params.id),
    );
    app.patch(
      '/policy/barriers/:id',
      {
        schema: {
          tags,
          summary: 'Change a barrier (who raised it, while open), or its status and answer (matchmaker)',
          params,
          body: barrierPatch,
          response: { 200: barrierDetail },
        },
      },
      (req) => p.updateBarrier(requireAuth(req), req.params.id, req.body),
    );
    app.post(
      '/policy/barriers/:id/support',
      { schema: { tags, summary: '"This blocks me too": counted once per person', params, body: supportInput, response: { 200: barrierDetail } } },
      (req) => p.support(requireAuth(req), req.params.id, req.body.note),
    );
    app.delete('/policy/barriers/:id/support', { schema: { tags, summary: 'Take back one’s support', params, response: { 200: barrierDetail } } }, (req) =>
      p.withdrawSupport(requireAuth(req), req.params.id),
    );

    /* proposals */
    app.get(
      '/policy/proposals',
      {
        schema: {
          tags,
          summary: "Proposals: all for staff and the steering group, a partner's addressed ones for its workers",
          querystring: proposalsQuery,
          response: { 200: z.object({ items: z.array(proposal) }) },
        },
      },
      (req) => p.listProposals(requireAuth(req), req.query),
    );
    app.post(
      '/policy/proposals',
      {
        config: { access: 'policy.manage' },
        schema: { tags, summary: 'Shape a proposal from barriers, addressed to a local actor', body: proposalInput, response: { 201: proposal } },
      },
      async (req, reply) => reply.status(201).send(await p.createProposal(requireAuth(req), req.body)),
    );
    app.get('/policy/proposals/:id', { schema: { tags, summary: 'One proposal', params, response: { 200: proposal } } }, (req) =>
      p.getProposal(requireAuth(req), req.params.id),
    );
    app.patch(
      '/policy/proposals/:id',
      {
        config: { access: 'policy.manage' },
        schema: {
          tags,
          summary: "Change a proposal, its status or the actor's answer (an answer goes back to the barriers behind it)",
          params,
          body: proposalPatch,
          response: { 200: proposal },
        },
      },
      (req) => p.updateProposal(requireAuth(req), req.params.id, req.body),
    );

    /* steering group */
    app.get(
      '/policy/meetings',
      { schema: { tags, summary: 'Steering group meetings', response: { 200: z.object({ items: z.array(meetingSummary) }) } } },
      (req) => p.listMeetings(requireAuth(req)),
    );
    app.get(
      '/policy/meetings/options',
      {
        config: { access: 'policy.manage' },
        schema: { tags, summary: 'Who can be present: steering members and partner contacts', response: { 200: meetingOptions } },
      },
      (req) => p.meetingOptions(requireAuth(req)),
    );
    app.post(
      '/policy/meetings',
      { config: { access: 'policy.manage' }, schema: { tags, summary: 'Plan a steering group meeting', body: meetingInput, response: { 201: meeting } } },
      async (req, reply) => reply.status(201).send(await p.createMeeting(requireAuth(req), req.body)),
    );
    app.get('/policy/meetings/:id', { schema: { tags, summary: 'One meeting with members and agenda', params, response: { 200: meeting } } }, (req) =>
      p.getMeeting(requireAuth(req), req.params.id),
    );
    app.patch(
      '/policy/meetings/:id',
      {
        config: { access: 'policy.manage' },
        schema: { tags, summary: 'Change date, place, members or mark it held', params, body: meetingPatch, response: { 200: meeting } },
      },
      (req) => p.updateMeeting(requireAuth(req), req.params.id, req.body),
    );
    app.put(
      '/policy/meetings/:id/agenda',
      {
        config: { access: 'policy.manage' },
        schema: { tags, summary: 'Set the agenda, in order, from barriers and proposals', params, body: agendaInput, response: { 200: meeting } },
      },
      (req) => p.setAgenda(requireAuth(req), req.params.id, req.body),
    );
    app.post(
      '/policy/meetings/:id/agenda/:itemId/decision',
      {
        config: { access: 'policy.manage' },
        schema: {
          tags,
          summary: "Record the decision and the actor's answer on an agenda item; shown back to the people behind it",
          params: itemParams,
          body: decisionInput,
          response: { 200: meeting },
        },
      },
      (req) => p.decide(requireAuth(req), req.params.id, req.params.itemId, req.body),
    );
    app.get(
      '/policy/meetings/:id/minutes.pdf',
      {
        schema: {
          tags,
          summary: 'The minutes as PDF, in the language asked for',
          params,
          querystring: z.object({ locale: z.enum(['nl', 'en', 'fr', 'ar']).optional() }),
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const { bytes, filename } = await p.minutesPdf(auth, req.params.id, req.query.locale ?? auth.locale);
        return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(bytes);
      },
    );

    /* stories */
    app.get(
      '/policy/stories',
      {
        schema: {
          tags,
          summary: 'Stories and quotes: staff see those whose consent holds, a person their own',
          querystring: storiesQuery,
          response: { 200: z.object({ items: z.array(story) }) },
        },
      },
      (req) => p.listStories(requireAuth(req), req.query),
    );
    app.post(
      '/policy/stories',
      { schema: { tags, summary: 'Keep a story with its consent (staff, or the person for themselves)', body: storyInput, response: { 201: story } } },
      async (req, reply) => reply.status(201).send(await p.createStory(requireAuth(req), req.body)),
    );
    app.get('/policy/stories/:id', { schema: { tags, summary: 'One story', params, response: { 200: story } } }, (req) =>
      p.getStory(requireAuth(req), req.params.id),
    );
    app.patch(
      '/policy/stories/:id',
      {
        config: { access: 'policy.manage' },
        schema: { tags, summary: 'Change a story, its scope or how it is signed', params, body: storyPatch, response: { 200: story } },
      },
      (req) => p.updateStory(requireAuth(req), req.params.id, req.body),
    );
    app.post(
      '/policy/stories/:id/withdraw',
      { schema: { tags, summary: 'Withdraw consent: the story is hidden everywhere at once', params, response: { 200: story } } },
      (req) => p.withdrawStory(requireAuth(req), req.params.id),
    );
  };
