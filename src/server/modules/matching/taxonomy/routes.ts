import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { concept, conceptInput, conceptList, conceptPatch, conceptsQuery, escoImportResult } from '../../../../shared/taxonomy.ts';
import { requireAuth } from '../../../http/auth.ts';
import type { Services } from '../../../services.ts';

const tags = ['matching'];
const params = z.object({ id: z.uuid() });
const access = { access: 'organisation.manage' } as const;
/** Real ESCO files are 10-20 MB each; an upload holds a few. */
const maxUpload = 64 * 1024 * 1024;
const escoUpload = z.object({
  files: z
    .array(z.object({ name: z.string().trim().min(1).max(200), content: z.string().max(30 * 1024 * 1024) }))
    .min(1)
    .max(12),
});

export const taxonomyRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const t = services.taxonomy;
    app.get(
      '/matching/concepts',
      {
        config: access,
        schema: {
          tags,
          summary: "Search the built-in concepts and the organisation's own (own first), by any label or synonym in any language",
          querystring: conceptsQuery,
          response: { 200: conceptList },
        },
      },
      (req) => t.list(requireAuth(req), req.query),
    );
    app.post(
      '/matching/concepts',
      {
        config: access,
        schema: {
          tags,
          summary: 'Add a concept of your own (409 concept_label_taken when a label is taken in its language)',
          body: conceptInput,
          response: { 201: concept },
        },
      },
      async (req, reply) => reply.status(201).send(await t.create(requireAuth(req), req.body)),
    );
    app.get('/matching/concepts/:id', { config: access, schema: { tags, summary: 'One own concept', params, response: { 200: concept } } }, (req) =>
      t.get(requireAuth(req), req.params.id),
    );
    app.patch(
      '/matching/concepts/:id',
      {
        config: access,
        schema: {
          tags,
          summary: 'Change an own concept, archive it (archived: true) or bring it back',
          params,
          body: conceptPatch,
          response: { 200: concept },
        },
      },
      (req) => t.update(requireAuth(req), req.params.id, req.body),
    );
    app.post(
      '/matching/concepts/esco-import',
      {
        config: access,
        bodyLimit: maxUpload,
        schema: {
          tags,
          summary:
            'Import ESCO CSV files (skills_<lang>.csv, occupations_<lang>.csv) as own concepts: all or nothing; 400 esco_import_invalid lists the wrong rows',
          body: escoUpload,
          response: { 200: escoImportResult },
        },
      },
      (req) => t.importEscoAs(requireAuth(req), req.body.files),
    );
  };
