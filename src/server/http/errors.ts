import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/**
 * An error meant for the user: an HTTP status and a stable machine-readable `code`, rendered as
 * application/problem+json (RFC 9457). The web app translates `code`; `detail` is for developers.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;
  constructor(status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

export const errors = {
  badRequest: (code: string, detail: string, extra?: Record<string, unknown>) => new AppError(400, code, detail, extra),
  unauthenticated: (detail = 'Sign in first.') => new AppError(401, 'unauthenticated', detail),
  forbidden: (detail = 'You may not do this.') => new AppError(403, 'forbidden', detail),
  notFound: (what: string) => new AppError(404, 'not_found', `${what} not found.`),
  conflict: (code: string, detail: string, extra?: Record<string, unknown>) => new AppError(409, code, detail, extra),
  tooManyRequests: (code: string, detail: string, retryAfterSeconds: number) =>
    new AppError(429, code, detail, { retryAfterSeconds }),
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own errors for bad input, mapped to stable codes. */
const fastifyCodes: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_EMPTY_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'unsupported_media_type'],
};

/** PostgreSQL errors that bad input can cause (a constraint, a value out of range). */
const pgCodes: Record<string, [number, string]> = {
  '23505': [409, 'duplicate'],
  '23503': [400, 'invalid_reference'],
  '23514': [400, 'constraint_violation'],
  '22P02': [400, 'invalid_value'],
  '22007': [400, 'invalid_value'],
  '22008': [400, 'invalid_value'],
  '22003': [400, 'invalid_value'],
  '22001': [400, 'value_too_long'],
};

/** Unique constraints whose violation has its own code and words (a race the service's check could not see). */
const constraintProblems: Record<string, [number, string, string]> = {
  pathways_open_key: [409, 'pathway_open', 'This participant already has an open pathway.'],
};

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status = 500;
    let code = 'internal';
    let detail = 'Something went wrong on our side.';
    let extra: Record<string, unknown> = {};
    const pgCode = (err as { code?: string }).code ?? ((err as { cause?: { code?: string } }).cause?.code);
    if (err instanceof AppError) {
      ({ status, code } = err);
      detail = err.message;
      extra = err.extra;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      code = 'validation_failed';
      detail = 'Some fields are missing or wrong.';
      extra = {
        errors: err.validation.map((v) => ({
          field: [err.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
          message: v.message,
          issue: v.params?.issue && typeof v.params.issue === 'object' ? (v.params.issue as { code?: string }).code : undefined,
        })),
      };
    } else if (err.code && fastifyCodes[err.code]) {
      [status, code] = fastifyCodes[err.code];
      detail = err.message;
    } else if (constraintProblems[constraintOf(err)]) {
      [status, code, detail] = constraintProblems[constraintOf(err)];
    } else if (pgCode && pgCodes[pgCode]) {
      [status, code] = pgCodes[pgCode];
      detail = code === 'duplicate' ? 'This already exists.' : 'A value is not valid.';
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      code = 'bad_request';
      detail = err.message;
    }
    if (status >= 500) request.log.error({ err }, 'unhandled error');
    if (status === 429 && typeof extra.retryAfterSeconds === 'number') reply.header('retry-after', String(extra.retryAfterSeconds));
    reply
      .status(status)
      .type('application/problem+json')
      .send({ type: `https://schakel.dev/problems/${code}`, title: titles[status] ?? 'Error', status, code, detail, ...extra });
  });

  app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`));
}

function constraintOf(err: unknown): string {
  const e = err as { constraint?: string; cause?: { constraint?: string } };
  return e.constraint ?? e.cause?.constraint ?? '';
}

/** For the few places that answer a problem without throwing (readiness, not-found). */
export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `https://schakel.dev/problems/${code}`, title: titles[status] ?? 'Error', status, code, detail });
}
