/**
 * Form validation with the shared zod schemas: the same rules as the API, with messages in the
 * user's language. Server field errors (validation_failed) land on the same fields.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';

export type FieldProblem = { kind: 'required' } | { kind: 'tooLong'; max: number } | { kind: 'invalid' } | { kind: 'code'; code: string };
export type FieldProblems = Record<string, FieldProblem>;

function problemOf(issue: z.core.$ZodIssue, value: unknown): FieldProblem {
  const blank = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (blank && (issue.code === 'too_small' || issue.code === 'invalid_type')) return { kind: 'required' };
  if (issue.code === 'too_big' && issue.origin === 'string') return { kind: 'tooLong', max: Number(issue.maximum) };
  return { kind: 'invalid' };
}

/** The first problem per top-level field, or {} when the values pass the schema. */
export function check(schema: z.ZodType, values: unknown): FieldProblems {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const out: FieldProblems = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!(field in out)) out[field] = problemOf(issue, (values as Record<string, unknown> | null)?.[field]);
  }
  return out;
}

/** Field problems from an API error: validation_failed lists fields; `also` maps other codes to a field (email_taken → email). */
export function serverProblems(error: unknown, also: Record<string, string> = {}): FieldProblems {
  if (!(error instanceof ApiError)) return {};
  const out: FieldProblems = {};
  for (const f of error.fields) {
    const field = f.field.replace(/^(body|querystring|params)\./, '').split('.')[0];
    if (!(field in out)) out[field] = { kind: 'invalid' };
  }
  const field = also[error.code];
  if (field) out[field] = { kind: 'code', code: error.code };
  return out;
}

/** The message for a field's problem; "invalid" says what a good value looks like when common.validation.<field> exists. */
export function messageFor(t: TFunction, field: string, problem: FieldProblem | undefined): string | undefined {
  if (!problem) return undefined;
  switch (problem.kind) {
    case 'required':
      return t('common.validation.required');
    case 'tooLong':
      return t('common.validation.tooLong', { max: problem.max });
    case 'code':
      return t(`errors.${problem.code}`, { defaultValue: t('common.validation.invalid') });
    default:
      return t(`common.validation.${field}`, { defaultValue: t('common.validation.invalid') });
  }
}

/** Puts the cursor in the first field with a problem, so keyboard and screen-reader users land on it. */
export function focusFirstProblem(form: HTMLFormElement | null) {
  requestAnimationFrame(() => {
    const el = form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] input');
    el?.focus();
  });
}
