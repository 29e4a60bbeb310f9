import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { esfExportQuery, esfReport, esfReportOptions, esfReportQuery } from '../../../shared/reports.ts';
import { requireAuth } from '../../http/auth.ts';
import type { Services } from '../../services.ts';
import type { ExportFile } from './service.ts';

const tags = ['reports'];
const csvQuery = esfExportQuery.and(z.object({ table: z.enum(['outputs', 'results', 'warnings']).default('outputs') }));

function sendFile(reply: FastifyReply, file: ExportFile) {
  // An ASCII name for old clients, the real one (any script) in filename*.
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '');
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export const reportsRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const s = services.reports;

    app.get(
      '/reports/esf/options',
      {
        config: { access: 'reports.read' },
        schema: { tags, summary: 'Programmes and places you may report on', response: { 200: esfReportOptions } },
      },
      async (req) => s.esfOptions(requireAuth(req)),
    );

    app.get(
      '/reports/esf',
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: 'ESF+ common indicators (EECO01-17, EECR01-06) by gender for a programme, a place and a period, with data-quality warnings',
          querystring: esfReportQuery,
          response: { 200: esfReport },
        },
      },
      async (req) => s.esf(requireAuth(req), req.query),
    );

    app.get(
      '/reports/esf.csv',
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: 'One table of the ESF+ report (outputs, results or warnings) as CSV: UTF-8 with BOM, comma or semicolon',
          querystring: csvQuery,
          produces: ['text/csv'],
        },
      },
      async (req, reply) => sendFile(reply, await s.esfExport(requireAuth(req), req.query, 'csv')),
    );

    app.get(
      '/reports/esf.xlsx',
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: 'The ESF+ report as an Excel workbook, one sheet per table',
          querystring: esfExportQuery,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (req, reply) => sendFile(reply, await s.esfExport(requireAuth(req), req.query, 'xlsx')),
    );

    app.get(
      '/reports/esf.pdf',
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: 'The ESF+ report as a printable PDF for the funder and the steering group',
          querystring: esfExportQuery,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => sendFile(reply, await s.esfExport(requireAuth(req), req.query, 'pdf')),
    );
  };
