/**
 * The optional semantic provider: an OpenAI-compatible embeddings endpoint
 * (`POST {MATCHING_EMBEDDINGS_URL}/embeddings`), off unless configured. It adds one factor to the
 * ranking, closeness in meaning (cosine similarity), with the reason "similar in meaning".
 * Vectors are cached in the database per text (hash of model and text), so a text is sent once.
 * A failing or slow provider (2 s per call) never breaks matching: the ranking is the engine's
 * alone, the failure is logged, and the provider is left alone for a minute.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import { matchingEmbeddings } from '../../db/schema/index.ts';
import type { ExtraFactor, FactorReason, MatchDoc } from './engine/engine.ts';

export type Vectors = Map<string, Float32Array>;

export interface SemanticProvider {
  readonly model: string;
  /** Vectors for these texts by id, or null when the provider cannot give them now. */
  vectors(tx: Tx, organisationId: string, docs: readonly { id: string; text: string }[]): Promise<Vectors | null>;
}

export interface SemanticOptions {
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  batchSize?: number;
  /** Where failures are told (default: a warning on stderr). */
  log?: (message: string) => void;
  fetch?: typeof fetch;
}

/** Similarity under this is no signal at all; from `strong` on it is a reason a person reads. */
const floor = 0.3;
const strong = 0.6;
const pauseAfterFailureMs = 60_000;

const hashOf = (model: string, text: string) => createHash('sha256').update(model).update('\u0000').update(text).digest('base64url');

function normalise(v: number[]): Float32Array {
  const out = Float32Array.from(v);
  let n = 0;
  for (const x of out) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= n;
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The provider from the configuration, or undefined when MATCHING_EMBEDDINGS_URL is not set. */
export function semanticFromConfig(config: Pick<Config, 'MATCHING_EMBEDDINGS_URL' | 'MATCHING_EMBEDDINGS_MODEL' | 'MATCHING_EMBEDDINGS_API_KEY'>) {
  if (!config.MATCHING_EMBEDDINGS_URL) return undefined;
  return semanticProvider({ url: config.MATCHING_EMBEDDINGS_URL, model: config.MATCHING_EMBEDDINGS_MODEL, apiKey: config.MATCHING_EMBEDDINGS_API_KEY });
}

export function semanticProvider(opts: SemanticOptions): SemanticProvider {
  const endpoint = `${opts.url.replace(/\/+$/, '')}/embeddings`;
  const timeoutMs = opts.timeoutMs ?? 2000;
  const batchSize = opts.batchSize ?? 128;
  const log = opts.log ?? ((m: string) => process.emitWarning(m, 'SchakelSemanticProvider'));
  const doFetch = opts.fetch ?? fetch;
  let pausedUntil = 0;

  async function embed(texts: string[]): Promise<number[][]> {
    const res = await doFetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
      body: JSON.stringify({ model: opts.model, input: texts }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { data?: { embedding?: unknown; index?: number }[] };
    const data = Array.isArray(body?.data) ? body.data : [];
    const out: number[][] = new Array(texts.length);
    for (const [i, d] of data.entries()) {
      const at = typeof d?.index === 'number' ? d.index : i;
      if (!Array.isArray(d?.embedding) || !d.embedding.length || !d.embedding.every((x) => typeof x === 'number' && Number.isFinite(x)))
        throw new Error('an embedding is not a list of numbers');
      if (at >= 0 && at < texts.length) out[at] = d.embedding as number[];
    }
    if (out.filter(Boolean).length !== texts.length) throw new Error(`asked ${texts.length} embeddings, got ${data.length}`);
    return out;
  }

  return {
    model: opts.model,
    async vectors(tx, organisationId, docs) {
      const hashes = new Map<string, string>();
      for (const d of docs) hashes.set(d.id, hashOf(opts.model, d.text));
      const known = new Map<string, Float32Array>();
      const unique = [...new Set(hashes.values())];
      for (let i = 0; i < unique.length; i += 1000) {
        const rows = await tx
          .select({ h: matchingEmbeddings.textHash, v: matchingEmbeddings.vector })
          .from(matchingEmbeddings)
          .where(
            and(
              eq(matchingEmbeddings.organisationId, organisationId),
              eq(matchingEmbeddings.model, opts.model),
              inArray(matchingEmbeddings.textHash, unique.slice(i, i + 1000)),
            ),
          );
        for (const r of rows) known.set(r.h, normalise(r.v));
      }
      const missing = new Map<string, string>();
      for (const d of docs) {
        const h = hashes.get(d.id) as string;
        if (!known.has(h)) missing.set(h, d.text);
      }
      if (missing.size) {
        if (Date.now() < pausedUntil) return null;
        const list = [...missing];
        try {
          for (let i = 0; i < list.length; i += batchSize) {
            const batch = list.slice(i, i + batchSize);
            const got = await embed(batch.map(([, text]) => text));
            const rows = batch.map(([h], j) => ({ organisationId, textHash: h, model: opts.model, vector: got[j] }));
            await tx.insert(matchingEmbeddings).values(rows).onConflictDoNothing();
            for (const r of rows) known.set(r.textHash, normalise(r.vector));
          }
        } catch (e) {
          pausedUntil = Date.now() + pauseAfterFailureMs;
          const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e as Error).message;
          log(`semantic provider ${endpoint} failed (${why}): matching without it for a minute`);
          return null;
        }
      }
      const out: Vectors = new Map();
      for (const d of docs) {
        const v = known.get(hashes.get(d.id) as string);
        if (v) out.set(d.id, v);
      }
      return out;
    },
  };
}

/**
 * The factor "close in meaning" for ranking against `anchorId`; none when there are no vectors
 * (provider off or failing): then the engine ranks alone.
 */
export function meaningFactors<O extends MatchDoc>(vectors: Vectors | null | undefined, anchorId: string, weight = 0.3): ExtraFactor<O>[] {
  const anchor = vectors?.get(anchorId);
  if (!vectors || !anchor) return [];
  return [
    {
      name: 'meaning',
      weight,
      score: (o) => {
        const v = vectors.get(o.id);
        if (!v) return 0;
        const sim = cosine(anchor, v);
        const score = Math.max(0, Math.min(1, (sim - floor) / (1 - floor)));
        return sim >= strong ? { score, reasons: [{ kind: 'meaning', similarity: Math.round(sim * 100) / 100 } as FactorReason] } : score;
      },
    },
  ];
}
