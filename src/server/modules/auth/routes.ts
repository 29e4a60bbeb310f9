import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { hashToken, requireAuth, SESSION_COOKIE, setSessionCookie } from '../../http/auth.ts';
import { roles } from '../../../shared/permissions.ts';
import { locales, password } from '../../../shared/schemas.ts';
import type { Services } from '../../services.ts';

const me = z.object({
  accountId: z.uuid(),
  personId: z.uuid(),
  login: z.string(),
  locale: z.string(),
  kind: z.enum(['participant', 'staff']),
  givenName: z.string(),
  familyName: z.string(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  roles: z.array(z.object({ role: z.enum(roles), placeId: z.uuid().nullable() })),
});
const loginName = z.string().trim().min(1).max(254);

export const authRoutes = (services: Services, config: Config): FastifyPluginAsyncZod => async (app) => {
  const setCookie = (reply: FastifyReply, token: string) => setSessionCookie(reply, token, config);

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail (or user name) and password',
        body: z.object({ login: loginName, password: z.string().min(1).max(200) }),
        response: { 200: me },
      },
    },
    async (req, reply) => {
      const { token, auth } = await services.auth.login(req.body, req.ip, req.headers['user-agent']);
      setCookie(reply, token);
      return services.auth.me(auth);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await services.auth.logout(hashToken(token), req.auth);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: me } } }, (req) =>
    services.auth.me(requireAuth(req)),
  );

  app.put(
    '/auth/me/locale',
    { schema: { tags: ['auth'], summary: 'Remember the language of the signed-in person', body: z.object({ locale: z.enum(locales) }), response: { 204: z.null() } } },
    async (req, reply) => {
      await services.auth.setLocale(requireAuth(req), req.body.locale);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Mail a link to choose a new password', body: z.object({ login: loginName }), response: { 202: z.null() } },
    },
    async (req, reply) => {
      await services.auth.requestPasswordReset(req.body.login);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Choose a new password with the mailed link', body: z.object({ token: z.string().min(10).max(200), password }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await services.auth.resetPassword(req.body.token, req.body.password);
      return reply.status(204).send(null);
    },
  );

  const invitationRef = z.object({ token: z.string().min(10).max(200).optional(), code: z.string().min(4).max(20).optional() });

  app.get(
    '/auth/invitations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Look up an invitation by its link token or code',
        querystring: invitationRef,
        response: { 200: z.object({ givenName: z.string(), organisation: z.string(), suggestedLogin: z.string().nullable() }) },
      },
    },
    async (req) => {
      const inv = await services.auth.findInvitation(req.query, req.ip);
      return { givenName: inv.givenName, organisation: inv.organisationName, suggestedLogin: inv.email };
    },
  );

  app.post(
    '/auth/invitations/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set up an account from an invitation (link token or code)',
        body: invitationRef.extend({
          login: z.string().trim().min(3).max(254).regex(/^[\p{L}\p{N}._@+-]+$/u, 'letters, digits and . _ @ + - only'),
          password,
        }),
        response: { 200: me },
      },
    },
    async (req, reply) => {
      const { token, auth } = await services.auth.acceptInvitation(req.body, req.ip, req.headers['user-agent']);
      setCookie(reply, token);
      return services.auth.me(auth);
    },
  );
};
