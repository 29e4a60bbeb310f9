/**
 * Routes for the network around a pathway: referrals out, the partner worker's inbox, cohorts and
 * the download of everything held on a participant. Pathway-scoped routes are `signed-in`:
 * `openPathway` decides per record (a partner worker on the team has the team's capacity).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cohortDetail,
  cohortInput,
  cohortMemberInput,
  cohortPatch,
  cohortSummary,
  downloadQuery,
  partnerAnswer,
  partnerInboxQuery,
  partnerReferral,
  referralOut,
  referralOutInput,
  referralOutPatch,
  referralOutTransition,
} from '../../../shared/referrals.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { requireAuth } from '../../http/auth.ts';
import type { Mailer } from '../../mail.ts';
import type { Services } from '../../services.ts';
import type { activitiesService } from '../activities/service.ts';
import type { matchingService } from '../matching/service.ts';
import { cohortsService } from './cohorts.ts';
import { type Download, downloadHtml, downloadPdf, downloadService } from './download.ts';
import { referralsOutService } from './referrals-out.ts';

/**
 * The network services. Cohorts and the download ask the activities and matching services, which
 * are built beside this one: `using` connects them once (the routes do).
 */
export function networkService(db: Db, config: Pick<Config, 'publicUrl'>, mailer: Mailer) {
  const referrals = referralsOutService(db, config, mailer);
  let connected: { cohorts: ReturnType<typeof cohortsService>; download: ReturnType<typeof downloadService> } | undefined;
  return {
    referrals,
    using(deps: { activities: ReturnType<typeof activitiesService>; matching: ReturnType<typeof matchingService> }) {
      if (!connected) {
        const cohorts = cohortsService(db, deps.activities);
        connected = { cohorts, download: downloadService(db, { ...deps, referrals, cohorts }) };
      }
      return { referrals, ...connected };
    },
  };
}

const params = z.object({ id: z.uuid() });
const memberParams = z.object({ id: z.uuid(), pathwayId: z.uuid() });
const tags = ['pathways'];

function sendDownload(reply: import('fastify').FastifyReply, d: Download, format: 'json' | 'html' | 'pdf') {
  const stamp = d.document.generatedAt.slice(0, 10);
  if (format === 'html') {
    return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="schakel-${stamp}.html"`).send(downloadHtml(d));
  }
  if (format === 'pdf') {
    return downloadPdf(d).then((bytes) =>
      reply.type('application/pdf').header('content-disposition', `attachment; filename="schakel-${stamp}.pdf"`).send(bytes),
    );
  }
  return reply
    .type('application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="schakel-${stamp}.json"`)
    .send(JSON.stringify(d.document, null, 2));
}

export const networkRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const s = services.network.using({ activities: services.activities, matching: services.matching });

    // ---------- referrals out ----------

    app.get(
      '/pathways/:id/referrals-out',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: "A pathway's warm referrals to partner services", params, response: { 200: z.object({ items: z.array(referralOut) }) } },
      },
      (req) => s.referrals.list(requireAuth(req), req.params.id),
    );

    app.post(
      '/pathways/:id/referrals-out',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Propose a referral to a partner: the service asked, a handover note, the contact details the participant agreed to share',
          params,
          body: referralOutInput,
          response: { 201: referralOut },
        },
      },
      async (req, reply) => reply.status(201).send(await s.referrals.propose(requireAuth(req), req.params.id, req.body)),
    );

    app.get(
      '/referrals-out/:id',
      { config: { access: 'signed-in' }, schema: { tags, summary: 'One referral out', params, response: { 200: referralOut } } },
      (req) => s.referrals.get(requireAuth(req), req.params.id),
    );

    app.patch(
      '/referrals-out/:id',
      {
        config: { access: 'signed-in' },
        schema: { tags, summary: 'Change a referral while it is still proposed', params, body: referralOutPatch, response: { 200: referralOut } },
      },
      (req) => s.referrals.update(requireAuth(req), req.params.id, req.body),
    );

    app.post(
      '/referrals-out/:id/status',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary:
            "Move a referral on: send (409 consent_required without a standing share-with-partner consent; the partner contact is mailed), cancel, or record the partner's answer and feedback",
          params,
          body: referralOutTransition,
          response: { 200: referralOut },
        },
      },
      (req) => s.referrals.transition(requireAuth(req), req.params.id, req.body),
    );

    // ---------- the partner worker's inbox ----------

    app.get(
      '/partner/referrals',
      {
        config: { access: 'referrals.respond' },
        schema: {
          tags,
          summary: "Referrals addressed to the caller's partner, with only what the participant's consent covers",
          querystring: partnerInboxQuery,
          response: { 200: z.object({ partnerName: z.string().nullable(), items: z.array(partnerReferral) }) },
        },
      },
      (req) => s.referrals.inbox(requireAuth(req), req.query),
    );

    app.get(
      '/partner/referrals/:id',
      {
        config: { access: 'referrals.respond' },
        schema: { tags, summary: 'One referral in the partner inbox (read is audited)', params, response: { 200: partnerReferral } },
      },
      (req) => s.referrals.inboxItem(requireAuth(req), req.params.id),
    );

    app.post(
      '/partner/referrals/:id/answer',
      {
        config: { access: 'referrals.respond' },
        schema: {
          tags,
          summary: 'Accept or decline a referral, report a start or an end, give feedback',
          params,
          body: partnerAnswer,
          response: { 200: partnerReferral },
        },
      },
      (req) => s.referrals.answer(requireAuth(req), req.params.id, req.body),
    );

    // ---------- cohorts ----------

    app.get(
      '/cohorts',
      {
        config: { access: 'pathways.manage' },
        schema: { tags, summary: 'Cohorts at the places where you work with pathways', response: { 200: z.object({ items: z.array(cohortSummary) }) } },
      },
      (req) => s.cohorts.list(requireAuth(req)),
    );

    app.post(
      '/cohorts',
      {
        config: { access: 'pathways.manage' },
        schema: { tags, summary: 'Create a cohort linked to a weekly group session series', body: cohortInput, response: { 201: cohortDetail } },
      },
      async (req, reply) => reply.status(201).send(await s.cohorts.create(requireAuth(req), req.body)),
    );

    app.get(
      '/cohorts/:id',
      {
        config: { access: 'pathways.manage' },
        schema: { tags, summary: 'One cohort: its members and the group sessions each attended', params, response: { 200: cohortDetail } },
      },
      (req) => s.cohorts.get(requireAuth(req), req.params.id),
    );

    app.patch(
      '/cohorts/:id',
      { config: { access: 'pathways.manage' }, schema: { tags, summary: 'Change a cohort', params, body: cohortPatch, response: { 200: cohortDetail } } },
      (req) => s.cohorts.update(requireAuth(req), req.params.id, req.body),
    );

    app.post(
      '/cohorts/:id/members',
      {
        config: { access: 'pathways.manage' },
        schema: { tags, summary: 'Add a pathway you walk beside or lead to the cohort', params, body: cohortMemberInput, response: { 200: cohortDetail } },
      },
      (req) => s.cohorts.addMember(requireAuth(req), req.params.id, req.body),
    );

    app.delete(
      '/cohorts/:id/members/:pathwayId',
      {
        config: { access: 'pathways.manage' },
        schema: { tags, summary: 'A pathway leaves the cohort (kept with the day it left)', params: memberParams, response: { 200: cohortDetail } },
      },
      (req) => s.cohorts.removeMember(requireAuth(req), req.params.id, req.params.pathwayId),
    );

    // ---------- download everything held on me ----------

    app.get(
      '/me/download',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Everything held on me, as JSON, a readable HTML page or a PDF, in my language (audited)',
          querystring: downloadQuery,
          produces: ['application/json', 'text/html', 'application/pdf'],
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        return sendDownload(reply, await s.download.collect(auth, auth.personId), req.query.format);
      },
    );

    app.get(
      '/participants/:id/download',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: "Everything held on a participant, downloaded by their team on their behalf (audited); in the participant's language",
          params,
          querystring: downloadQuery,
          produces: ['application/json', 'text/html', 'application/pdf'],
        },
      },
      async (req, reply) => sendDownload(reply, await s.download.collect(requireAuth(req), req.params.id), req.query.format),
    );
  };
