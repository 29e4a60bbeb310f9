import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { registerAuth } from './http/auth.ts';
import { registerErrorHandling, sendProblem } from './http/errors.ts';
import type { Mailer } from './mail.ts';
import { activitiesRoutes } from './modules/activities/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { matchingRoutes } from './modules/matching/routes.ts';
import { taxonomyRoutes } from './modules/matching/taxonomy/routes.ts';
import { organisationRoutes } from './modules/organisation/routes.ts';
import { careRoutes } from './modules/pathways/care-routes.ts';
import { networkRoutes } from './modules/pathways/network-routes.ts';
import { pathwaysRoutes } from './modules/pathways/routes.ts';
import { peopleRoutes } from './modules/people/routes.ts';
import { dashboardRoutes } from './modules/reports/dashboard-routes.ts';
import { reportsRoutes } from './modules/reports/routes.ts';
import { policyRoutes } from './modules/policy/routes.ts';
import { createServices } from './services.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webDist = path.join(root, 'dist', 'web');

export interface AppDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole app (API, docs, web) without listening: main.ts and the tests both call it. */
export async function buildApp({ config, database, mailer, logger = false }: AppDeps) {
  const trustProxy: FastifyServerOptions['trustProxy'] = config.TRUST_PROXY;
  const app = Fastify({ logger, bodyLimit: 1024 * 1024, trustProxy, routerOptions: { ignoreTrailingSlash: true } }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(cookie);
  const services = createServices(database, config, mailer);
  registerAuth(app, config, services.auth.resolveSession);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Schakel API',
        version: '1',
        description: 'Community-based work activation. Errors are application/problem+json with a stable `code`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'schakel_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['system'], summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } } },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'The database answers', response: { 200: z.object({ status: z.literal('ready'), database: z.string() }) } },
    },
    async (_req, reply) => {
      try {
        await database.ping();
      } catch {
        return sendProblem(reply as FastifyReply, 503, 'not_ready', 'The database does not answer.');
      }
      return { status: 'ready' as const, database: database.kind };
    },
  );

  await app.register(
    async (api) => {
      await api.register(authRoutes(services, config));
      await api.register(peopleRoutes(services));
      await api.register(auditRoutes(services));
      await api.register(organisationRoutes(services));
      await api.register(matchingRoutes(services));
      await api.register(taxonomyRoutes(services));
      await api.register(activitiesRoutes(services));
      await api.register(reportsRoutes(services));
      await api.register(dashboardRoutes(services));
      await api.register(pathwaysRoutes(services));
      await api.register(networkRoutes(services));
      await api.register(careRoutes(services));
      await api.register(policyRoutes(services));
    },
    { prefix: '/api/v1' },
  );

  // The web app: built assets, and index.html for every client-side route.
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    // A catch-all route, not a second not-found handler: registerErrorHandling already set that one.
    app.get('/*', { schema: { hide: true }, config: { access: 'public' } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return sendProblem(reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
      return reply.type('text/html').sendFile('index.html');
    });
  }
  return Object.assign(app, { services });
}
export type App = Awaited<ReturnType<typeof buildApp>>;
