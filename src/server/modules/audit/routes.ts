import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../http/auth.ts';
import { page } from '../../../shared/schemas.ts';
import type { Services } from '../../services.ts';

const entry = z.object({
  id: z.uuid(),
  at: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.uuid().nullable(),
  actorAccountId: z.uuid().nullable(),
  actorLogin: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
});

export const auditRoutes = (services: Services): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Who changed what, when (administrators)',
        querystring: page.extend({
          entityType: z.string().max(50).optional(),
          entityId: z.uuid().optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: z.object({ items: z.array(entry), total: z.number() }) },
      },
    },
    (req) => services.audit.list(requireAuth(req), req.query),
  );
};
