import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dashboard,
  dashboardOptions,
  dashboardQuery,
  researchCsvQuery,
  researchExport,
  researchExportQuery,
  researchKey,
  researchKeyCreated,
  researchKeyInput,
} from '../../../shared/dashboard.ts';
import { requireAuth } from '../../http/auth.ts';
import type { Services } from '../../services.ts';
import { researchCsv } from './research-export.ts';

const tags = ['reports'];
const params = z.object({ id: z.uuid({ error: 'a key id' }) });

/** Dashboards (counts per role) and the pseudonymised research export with its keys. */
export const dashboardRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const d = services.dashboard;
    const r = services.research;

    app.get(
      '/reports/dashboard/options',
      {
        // Coordinators, admins and steering members (reports.read) and companions (their caseload): decided in the service.
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'What the dashboard covers for you (places or your caseload), the places and programmes to filter on',
          response: { 200: dashboardOptions },
        },
      },
      async (req) => d.options(requireAuth(req)),
    );

    app.get(
      '/reports/dashboard',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary:
            'Dashboard counts for a place, programme and period: participants over time, ladder moves, distance travelled, activities, matches, referrals and the network with bridging connections',
          querystring: dashboardQuery,
          response: { 200: dashboard },
        },
      },
      async (req) => d.dashboard(requireAuth(req), req.query),
    );

    app.get(
      '/research/keys',
      {
        config: { access: 'research.export' },
        schema: { tags, summary: 'Export keys by label (never their secret)', response: { 200: z.object({ items: z.array(researchKey) }) } },
      },
      async (req) => ({ items: await r.keys(requireAuth(req)) }),
    );

    app.post(
      '/research/keys',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Create an export key (admins); the secret is in this answer only',
          body: researchKeyInput,
          response: { 201: researchKeyCreated },
        },
      },
      async (req, reply) => reply.status(201).send(await r.createKey(requireAuth(req), req.body.label)),
    );

    app.post(
      '/research/keys/:id/rotate',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Retire a key and make a new secret under its label (admins); the secret is in this answer only',
          params,
          response: { 201: researchKeyCreated },
        },
      },
      async (req, reply) => reply.status(201).send(await r.rotateKey(requireAuth(req), req.params.id)),
    );

    app.get(
      '/research/export',
      {
        config: { access: 'research.export' },
        schema: {
          tags,
          summary: 'The pseudonymised research export as JSON: participants with a standing research consent only, pseudonyms from the chosen key',
          querystring: researchExportQuery,
          response: { 200: researchExport },
        },
      },
      async (req, reply) => {
        const result = await r.export(requireAuth(req), req.query, 'json');
        return reply.header('cache-control', 'no-store').send(result);
      },
    );

    app.get(
      '/research/export.csv',
      {
        config: { access: 'research.export' },
        schema: {
          tags,
          summary: 'One table of the pseudonymised research export as CSV (UTF-8 with BOM)',
          querystring: researchCsvQuery,
          produces: ['text/csv'],
        },
      },
      async (req, reply) => {
        const q = req.query;
        const result = await r.export(requireAuth(req), q, 'csv', q.table);
        const filename = `research-${q.table}-${result.generatedAt.slice(0, 10)}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(researchCsv(result, q.table, q.separator));
      },
    );
  };
