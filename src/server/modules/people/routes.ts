import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../http/auth.ts';
import { peopleQuery, person, personInput, personPatch, personSummary } from '../../../shared/people.ts';
import type { Services } from '../../services.ts';

const params = z.object({ id: z.uuid() });
const invitation = z.object({ url: z.string(), code: z.string(), qrSvg: z.string(), expiresAt: z.string() });

export const peopleRoutes = (services: Services): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/people',
    {
      config: { access: 'people.read' },
      schema: {
        tags: ['people'],
        summary: 'Find people by name or e-mail',
        querystring: peopleQuery,
        response: { 200: z.object({ items: z.array(personSummary), total: z.number() }) },
      },
    },
    (req) => services.people.search(requireAuth(req), req.query),
  );

  app.post(
    '/people',
    {
      config: { access: 'people.write' },
      schema: { tags: ['people'], summary: "Add a person's profile", body: personInput, response: { 201: person } },
    },
    async (req, reply) => reply.status(201).send(await services.people.create(requireAuth(req), req.body)),
  );

  app.get('/people/:id', { schema: { tags: ['people'], summary: 'One profile', params, response: { 200: person } } }, (req) =>
    services.people.get(requireAuth(req), req.params.id),
  );

  app.patch(
    '/people/:id',
    { schema: { tags: ['people'], summary: 'Change a profile', params, body: personPatch, response: { 200: person } } },
    (req) => services.people.update(requireAuth(req), req.params.id, req.body),
  );

  app.post(
    '/people/:id/invitation',
    {
      config: { access: 'people.invite' },
      schema: {
        tags: ['people'],
        summary: 'Invite a participant to set up their account (link, code and QR code)',
        params,
        response: { 201: invitation },
      },
    },
    async (req, reply) => reply.status(201).send(await services.auth.invite(requireAuth(req), req.params.id)),
  );
};
