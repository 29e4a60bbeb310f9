import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessment,
  assessmentInput,
  assessmentsOverview,
  assessmentsQuery,
  compareQuery,
  instrument,
  instrumentDetail,
  instrumentInput,
  instrumentPatch,
  journalEntry,
  journalInput,
  journalPage,
  journalPatch,
  journalQuery,
  networkComparison,
  networkOverview,
  snapshot,
  snapshotInput,
  snapshotPatch,
} from '../../../shared/care.ts';
import { requireAuth } from '../../http/auth.ts';
import type { Services } from '../../services.ts';

const pathwayParams = z.object({ id: z.uuid() });
const entryParams = z.object({ id: z.uuid(), entryId: z.uuid() });
const assessmentParams = z.object({ id: z.uuid(), assessmentId: z.uuid() });
const snapshotParams = z.object({ id: z.uuid(), snapshotId: z.uuid() });
const idParams = z.object({ id: z.uuid() });
const tags = ['care'];
// Pathway routes are open to every signed-in user: the service decides per pathway (404 when none).
const onPathway = { access: 'signed-in' as const };

export const careRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { journal, instruments, assessments, network } = services.care;

    // Journal
    app.get(
      '/pathways/:id/journal',
      {
        config: onPathway,
        schema: {
          tags,
          summary: 'Contact moments, newest first, the ones you may read (team: shared with the team or yours; participant: shared with them)',
          params: pathwayParams,
          querystring: journalQuery,
          response: { 200: journalPage },
        },
      },
      (req) => journal.list(requireAuth(req), req.params.id, req.query),
    );
    app.post(
      '/pathways/:id/journal',
      {
        config: onPathway,
        schema: {
          tags,
          summary: 'Write a contact moment (team members, while the guidance consent stands)',
          params: pathwayParams,
          body: journalInput,
          response: { 201: journalEntry },
        },
      },
      async (req, reply) => reply.status(201).send(await journal.create(requireAuth(req), req.params.id, req.body)),
    );
    app.patch(
      '/pathways/:id/journal/:entryId',
      {
        config: onPathway,
        schema: {
          tags,
          summary: 'Change your own contact moment within 24 hours of writing it',
          params: entryParams,
          body: journalPatch,
          response: { 200: journalEntry },
        },
      },
      (req) => journal.update(requireAuth(req), req.params.id, req.params.entryId, req.body),
    );
    app.delete(
      '/pathways/:id/journal/:entryId',
      {
        config: onPathway,
        schema: { tags, summary: 'Remove your own contact moment within 24 hours of writing it', params: entryParams, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await journal.remove(requireAuth(req), req.params.id, req.params.entryId);
        return reply.status(204).send(null);
      },
    );

    // Instruments
    app.get(
      '/instruments',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: "The organisation's assessment instruments (the built-in ones are added on first use); `archived=true` includes archived ones",
          querystring: z.object({ archived: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ items: z.array(instrument) }) },
        },
      },
      async (req) => ({ items: await instruments.list(requireAuth(req), { archived: req.query.archived === 'true' }) }),
    );
    app.get(
      '/instruments/:id',
      {
        config: { access: 'instruments.manage' },
        schema: { tags, summary: 'One instrument, with the domains and levels that have scores', params: idParams, response: { 200: instrumentDetail } },
      },
      (req) => instruments.get(requireAuth(req), req.params.id),
    );
    app.post(
      '/instruments',
      {
        config: { access: 'instruments.manage' },
        schema: {
          tags,
          summary: 'Add an instrument: at least one domain, 2-10 levels with ascending values, labels in Dutch at least (the fallback for other languages)',
          body: instrumentInput,
          response: { 201: instrumentDetail },
        },
      },
      async (req, reply) => reply.status(201).send(await instruments.create(requireAuth(req), req.body)),
    );
    app.patch(
      '/instruments/:id',
      {
        config: { access: 'instruments.manage' },
        schema: {
          tags,
          summary: 'Change labels, add domains or levels, archive or restore; removing a domain or level that has scores is a 409 instrument_scored',
          params: idParams,
          body: instrumentPatch,
          response: { 200: instrumentDetail },
        },
      },
      (req) => instruments.update(requireAuth(req), req.params.id, req.body),
    );

    // Assessments
    app.get(
      '/pathways/:id/assessments',
      {
        config: onPathway,
        schema: {
          tags,
          summary: 'Per instrument the companion and participant series and the distance travelled of each (between from and to when given)',
          params: pathwayParams,
          querystring: assessmentsQuery,
          response: { 200: assessmentsOverview },
        },
      },
      (req) => assessments.overview(requireAuth(req), req.params.id, req.query),
    );
    app.post(
      '/pathways/:id/assessments',
      {
        config: onPathway,
        schema: {
          tags,
          summary: 'Score an instrument on a date (all domains or some): as the participant, or as companion for a team member',
          params: pathwayParams,
          body: assessmentInput,
          response: { 201: assessment },
        },
      },
      async (req, reply) => reply.status(201).send(await assessments.create(requireAuth(req), req.params.id, req.body)),
    );
    app.delete(
      '/pathways/:id/assessments/:assessmentId',
      { config: onPathway, schema: { tags, summary: 'Take back your own assessment within 24 hours', params: assessmentParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await assessments.remove(requireAuth(req), req.params.id, req.params.assessmentId);
        return reply.status(204).send(null);
      },
    );

    // Network map
    app.get(
      '/pathways/:id/network',
      {
        config: onPathway,
        schema: {
          tags,
          summary: 'The snapshots of the personal network, newest first, and the latest in full',
          params: pathwayParams,
          response: { 200: networkOverview },
        },
      },
      (req) => network.overview(requireAuth(req), req.params.id),
    );
    app.post(
      '/pathways/:id/network/snapshots',
      {
        config: onPathway,
        schema: {
          tags,
          summary: "A new snapshot: with the entries given, or a copy of the latest snapshot's",
          params: pathwayParams,
          body: snapshotInput,
          response: { 201: snapshot },
        },
      },
      async (req, reply) => reply.status(201).send(await network.create(requireAuth(req), req.params.id, req.body)),
    );
    app.get(
      '/pathways/:id/network/compare',
      {
        config: onPathway,
        schema: {
          tags,
          summary: 'How the network changed between two snapshots: added, removed, closer, further',
          params: pathwayParams,
          querystring: compareQuery,
          response: { 200: networkComparison },
        },
      },
      (req) => network.compare(requireAuth(req), req.params.id, req.query.from, req.query.to),
    );
    app.get(
      '/pathways/:id/network/snapshots/:snapshotId',
      { config: onPathway, schema: { tags, summary: 'One snapshot with its people and organisations', params: snapshotParams, response: { 200: snapshot } } },
      (req) => network.snapshot(requireAuth(req), req.params.id, req.params.snapshotId),
    );
    app.patch(
      '/pathways/:id/network/snapshots/:snapshotId',
      {
        config: onPathway,
        schema: {
          tags,
          summary: 'Change the latest snapshot (date, note, or all its entries); earlier ones are a 409',
          params: snapshotParams,
          body: snapshotPatch,
          response: { 200: snapshot },
        },
      },
      (req) => network.update(requireAuth(req), req.params.id, req.params.snapshotId, req.body),
    );
  };
