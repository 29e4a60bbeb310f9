/**
 * Recall@k on the labelled set (labelled/set.json), shared by the engine test and the benchmark.
 * Recall of one request = relevant offers among the k best / min(k, number of relevant offers),
 * so that a request with more than k relevant offers can still reach 1.
 */

import type { MatchDoc } from './engine.ts';
import labelled from './labelled/set.json' with { type: 'json' };

export interface LabelledRequest extends MatchDoc {
  relevant: string[];
  tags?: string[];
}

export interface LabelledSet {
  offers: MatchDoc[];
  requests: LabelledRequest[];
}

export const labelledSet: LabelledSet = labelled as LabelledSet;

export interface RequestRecall {
  id: string;
  text: string;
  lang?: string | null;
  recall: number;
  missing: string[];
  top: string[];
}

export interface RecallReport {
  k: number;
  mean: number;
  requests: number;
  /** Mean recall per group: the request's language ("nl", "en", "fr", "ar" by id prefix) and tags. */
  byGroup: Record<string, { requests: number; mean: number }>;
  misses: RequestRecall[];
  perRequest: RequestRecall[];
}

export function requestGroup(r: LabelledRequest): string {
  const byPrefix: Record<string, string> = { r: 'nl', e: 'en', f: 'fr', a: 'ar' };
  return byPrefix[r.id[0]] ?? r.lang ?? 'other';
}

/** `rank` returns offer ids, best first, for one request. */
export async function recallAt(set: LabelledSet, rank: (request: LabelledRequest) => string[] | Promise<string[]>, k = 5): Promise<RecallReport> {
  const perRequest: RequestRecall[] = [];
  for (const r of set.requests) {
    const top = (await rank(r)).slice(0, k);
    const found = r.relevant.filter((id) => top.includes(id));
    const recall = found.length / Math.min(k, r.relevant.length);
    perRequest.push({ id: r.id, text: r.text, lang: r.lang, recall, missing: r.relevant.filter((id) => !top.includes(id)), top });
  }
  const mean = perRequest.reduce((s, x) => s + x.recall, 0) / (perRequest.length || 1);
  const groups = new Map<string, number[]>();
  for (const [i, r] of set.requests.entries()) {
    for (const g of [requestGroup(r), ...(r.tags ?? [])]) {
      const list = groups.get(g) ?? [];
      list.push(perRequest[i].recall);
      groups.set(g, list);
    }
  }
  const byGroup = Object.fromEntries(
    [...groups].map(([g, list]) => [g, { requests: list.length, mean: Math.round((list.reduce((s, x) => s + x, 0) / list.length) * 1000) / 1000 }]),
  );
  return { k, mean, requests: perRequest.length, byGroup, misses: perRequest.filter((x) => x.recall < 1), perRequest };
}
