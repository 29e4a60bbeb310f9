/** A problem+json answer from the API; `code` is stable and has a translation under errors.<code>. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: { field: string; message: string }[];
  readonly retryAfterSeconds?: number;
  constructor(status: number, body: { code?: string; detail?: string; errors?: { field: string; message: string }[]; retryAfterSeconds?: number }) {
    super(body.detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? (status >= 500 ? 'internal' : 'bad_request');
    this.fields = body.errors ?? [];
    this.retryAfterSeconds = body.retryAfterSeconds;
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; query?: Record<string, string | number | undefined> } = {}): Promise<T> {
  let url = `/api/v1${path}`;
  if (init.query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(init.query)) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body !== undefined ? { 'content-type': 'application/json' } : {},
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiError(0, { code: 'network' });
  }
  if (res.status === 204 || res.status === 202) return undefined as T;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body);
  return body as T;
}

/** The field errors of an ApiError as { fieldName: message }, for a form (drops the "body." prefix). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fields.map((f) => [f.field.replace(/^(body|querystring|params)\./, ''), f.message]));
}
