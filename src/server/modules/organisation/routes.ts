import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../http/auth.ts';
import {
  organisationInfo,
  partner,
  partnerContact,
  partnerContactInput,
  partnerContactPatch,
  partnerInput,
  partnerPatch,
  partnerQuery,
  place,
  placeInput,
  placePatch,
  programme,
  programmeInput,
  programmePatch,
  staffInput,
  staffMember,
  staffPatch,
  staffQuery,
} from '../../../shared/organisation.ts';
import type { Services } from '../../services.ts';

const params = z.object({ id: z.uuid() });
const contactParams = z.object({ id: z.uuid(), contactId: z.uuid() });
const accountParams = z.object({ accountId: z.uuid() });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });
const none = { 204: z.null() };

export const organisationRoutes = (services: Services): FastifyPluginAsyncZod => async (app) => {
  const s = services.organisation;
  const read = { access: 'organisation.read' } as const;
  const manage = { access: 'organisation.manage' } as const;
  const staff = { access: 'staff.manage' } as const;

  app.get('/organisation', { config: read, schema: { tags: ['organisation'], summary: 'The organisation of the signed-in person', response: { 200: organisationInfo } } }, (req) =>
    s.organisation(requireAuth(req)),
  );

  // ---------- programmes ----------
  const programmes = ['programmes'];
  app.get('/programmes', { config: read, schema: { tags: programmes, summary: 'Programmes with funding lines, totals per funder and places', response: { 200: list(programme) } } }, (req) =>
    s.listProgrammes(requireAuth(req)),
  );
  app.post('/programmes', { config: manage, schema: { tags: programmes, summary: 'Add a programme', body: programmeInput, response: { 201: programme } } }, async (req, reply) =>
    reply.status(201).send(await s.createProgramme(requireAuth(req), req.body)),
  );
  app.get('/programmes/:id', { config: read, schema: { tags: programmes, summary: 'One programme', params, response: { 200: programme } } }, (req) =>
    s.getProgramme(requireAuth(req), req.params.id),
  );
  app.patch(
    '/programmes/:id',
    {
      config: manage,
      schema: { tags: programmes, summary: 'Change a programme; placeIds and fundingLines, when given, replace the whole list', params, body: programmePatch, response: { 200: programme } },
    },
    (req) => s.updateProgramme(requireAuth(req), req.params.id, req.body),
  );
  app.delete('/programmes/:id', { config: manage, schema: { tags: programmes, summary: 'Delete a programme and its funding lines', params, response: none } }, async (req, reply) => {
    await s.deleteProgramme(requireAuth(req), req.params.id);
    return reply.status(204).send(null);
  });

  // ---------- places ----------
  const places = ['places'];
  app.get('/places', { config: read, schema: { tags: places, summary: 'Places with their hosts', response: { 200: list(place) } } }, (req) => s.listPlaces(requireAuth(req)));
  app.post('/places', { config: manage, schema: { tags: places, summary: 'Add a place', body: placeInput, response: { 201: place } } }, async (req, reply) =>
    reply.status(201).send(await s.createPlace(requireAuth(req), req.body)),
  );
  app.get('/places/:id', { config: read, schema: { tags: places, summary: 'One place', params, response: { 200: place } } }, (req) => s.getPlace(requireAuth(req), req.params.id));
  app.patch(
    '/places/:id',
    { config: manage, schema: { tags: places, summary: 'Change a place; hostPersonIds, when given, replaces the hosts', params, body: placePatch, response: { 200: place } } },
    (req) => s.updatePlace(requireAuth(req), req.params.id, req.body),
  );
  app.delete(
    '/places/:id',
    { config: manage, schema: { tags: places, summary: 'Delete a place nobody is linked to (409 place_in_use otherwise)', params, response: none } },
    async (req, reply) => {
      await s.deletePlace(requireAuth(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---------- partners ----------
  const partners = ['partners'];
  app.get('/partners', { config: read, schema: { tags: partners, summary: 'Partner organisations with their contact persons', querystring: partnerQuery, response: { 200: list(partner) } } }, (req) =>
    s.listPartners(requireAuth(req), req.query),
  );
  app.post('/partners', { config: manage, schema: { tags: partners, summary: 'Add a partner organisation', body: partnerInput, response: { 201: partner } } }, async (req, reply) =>
    reply.status(201).send(await s.createPartner(requireAuth(req), req.body)),
  );
  app.get('/partners/:id', { config: read, schema: { tags: partners, summary: 'One partner', params, response: { 200: partner } } }, (req) =>
    s.getPartner(requireAuth(req), req.params.id),
  );
  app.patch('/partners/:id', { config: manage, schema: { tags: partners, summary: 'Change a partner', params, body: partnerPatch, response: { 200: partner } } }, (req) =>
    s.updatePartner(requireAuth(req), req.params.id, req.body),
  );
  app.delete('/partners/:id', { config: manage, schema: { tags: partners, summary: 'Delete a partner and its contact persons', params, response: none } }, async (req, reply) => {
    await s.deletePartner(requireAuth(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.post(
    '/partners/:id/contacts',
    { config: manage, schema: { tags: partners, summary: 'Add a contact person', params, body: partnerContactInput, response: { 201: partnerContact } } },
    async (req, reply) => reply.status(201).send(await s.addContact(requireAuth(req), req.params.id, req.body)),
  );
  app.patch(
    '/partners/:id/contacts/:contactId',
    { config: manage, schema: { tags: partners, summary: 'Change a contact person', params: contactParams, body: partnerContactPatch, response: { 200: partnerContact } } },
    (req) => s.updateContact(requireAuth(req), req.params.id, req.params.contactId, req.body),
  );
  app.delete(
    '/partners/:id/contacts/:contactId',
    { config: manage, schema: { tags: partners, summary: 'Remove a contact person', params: contactParams, response: none } },
    async (req, reply) => {
      await s.deleteContact(requireAuth(req), req.params.id, req.params.contactId);
      return reply.status(204).send(null);
    },
  );

  // ---------- staff accounts ----------
  const staffTags = ['staff'];
  app.get('/staff', { config: staff, schema: { tags: staffTags, summary: 'Staff accounts with their roles per place', querystring: staffQuery, response: { 200: list(staffMember) } } }, (req) =>
    s.listStaff(requireAuth(req), req.query),
  );
  app.post(
    '/staff',
    {
      config: staff,
      schema: {
        tags: staffTags,
        summary: 'Add a colleague: person, account and roles; they are mailed a link to choose a password',
        body: staffInput,
        response: { 201: staffMember.extend({ passwordLinkSent: z.boolean() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await s.createStaff(requireAuth(req), req.body)),
  );
  app.get('/staff/:accountId', { config: staff, schema: { tags: staffTags, summary: 'One staff account', params: accountParams, response: { 200: staffMember } } }, (req) =>
    s.getStaff(requireAuth(req), req.params.accountId),
  );
  app.patch(
    '/staff/:accountId',
    {
      config: staff,
      schema: {
        tags: staffTags,
        summary: 'Change roles per place, name, or disable/enable (disabling ends their sessions)',
        params: accountParams,
        body: staffPatch,
        response: { 200: staffMember },
      },
    },
    (req) => s.updateStaff(requireAuth(req), req.params.accountId, req.body),
  );
  app.post(
    '/staff/:accountId/password-link',
    { config: staff, schema: { tags: staffTags, summary: 'Mail the link to choose a password again', params: accountParams, response: { 202: z.null() } } },
    async (req, reply) => {
      await s.resendPasswordLink(requireAuth(req), req.params.accountId);
      return reply.status(202).send(null);
    },
  );
};
