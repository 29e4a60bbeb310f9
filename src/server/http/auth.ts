import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { can, type Permission, type RoleAssignment } from '../../shared/permissions.ts';
import { errors } from './errors.ts';

export const SESSION_COOKIE = 'schakel_session';

/** Who is asking: resolved from the session cookie once per request. */
export interface Auth {
  accountId: string;
  organisationId: string;
  personId: string;
  personKind: 'participant' | 'staff';
  login: string;
  locale: string;
  roles: RoleAssignment[];
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no session; a permission routes need a role that grants it. */
    access?: 'public' | 'signed-in' | Permission;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The session cookie: never readable by scripts, not sent on cross-site requests. */
export function setSessionCookie(reply: FastifyReply, token: string, config: Pick<Config, 'publicUrl' | 'SESSION_TTL_HOURS'>) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    maxAge: config.SESSION_TTL_HOURS * 3600,
  });
}

/** Returns the signed-in user, or throws 401: for handlers of routes that are not public. */
export function requireAuth(request: FastifyRequest): Auth {
  if (!request.auth) throw errors.unauthenticated();
  return request.auth;
}

/**
 * Resolves the session on every request and enforces the access a route declares. Routes under
 * /api/v1 without an `access` are signed-in only; the service checks the exact records again.
 */
export function registerAuth(
  app: FastifyInstance,
  config: Config,
  resolveSession: (tokenHash: string) => Promise<{ auth: Auth; extended: boolean } | null>,
) {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(hashToken(token)) : null;
    request.auth = session?.auth ?? null;
    // The browser keeps the cookie as long as the server keeps the session.
    if (token && session?.extended) setSessionCookie(reply, token, config);
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access ?? (request.url.startsWith('/api/v1/') ? 'signed-in' : 'public');
    if (access === 'public') return;
    if (!request.auth) throw errors.unauthenticated();
    if (access !== 'signed-in' && !can(request.auth.roles, access)) throw errors.forbidden();
  });
}
