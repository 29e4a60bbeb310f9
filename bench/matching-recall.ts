/**
 * matching-recall: recall@5 on the labelled set (src/server/modules/matching/engine/labelled/set.json)
 * of the matching engine and, side by side, of plain PostgreSQL full-text search on the same
 * offers and requests (PGlite in memory): to_tsvector in the offer's language (dutch, english,
 * french; simple for Arabic), ts_rank against the request's query in its language. Two baseline
 * queries: plainto_tsquery (all words must occur, what a search box does) and the OR of the same
 * lexemes (any word may occur, the most generous reading of plain full-text search).
 *   node bench/matching-recall.ts      runs it alone and writes bench/results/matching-recall.json
 */
import { PGlite } from '@electric-sql/pglite';
import { createEngine, type Lang } from '../src/server/modules/matching/engine/engine.ts';
import { type LabelledRequest, labelledSet, type RecallReport, recallAt } from '../src/server/modules/matching/engine/evaluate.ts';
import { type BenchResult, round, writeResult } from './lib.ts';

const K = 5;
const TARGET = 0.85;
const configOf: Record<Lang, string> = { nl: 'dutch', en: 'english', fr: 'french', ar: 'simple' };

function summary(report: RecallReport) {
  return {
    recallAt5: round(report.mean, 3),
    byGroup: report.byGroup,
    misses: report.misses.map((m) => ({ request: m.id, text: m.text, recall: round(m.recall, 2), missing: m.missing, top: m.top })),
  };
}

export async function matchingRecall(): Promise<BenchResult> {
  const set = labelledSet;
  const started = performance.now();
  const engine = createEngine();
  const index = engine.index(set.offers);
  const engineReady = performance.now();
  const engineReport = await recallAt(set, (r) => engine.rank(r, index, { limit: K }).map((m) => m.offer.id), K);
  const engineMs = performance.now() - engineReady;
  console.log(`  engine: recall@${K} ${engineReport.mean.toFixed(3)} (${set.requests.length} requests, ${set.offers.length} offers)`);

  // The baseline gets the language the engine would use: the given one, or the detected one.
  const langOf = (text: string, lang?: string | null) => engine.analyze(text, lang).lang;
  const db = await PGlite.create({ dataDir: 'memory://' });
  try {
    await db.exec('CREATE TABLE offers (id text PRIMARY KEY, config regconfig NOT NULL, tsv tsvector NOT NULL)');
    for (const o of set.offers) {
      const config = configOf[langOf(o.text, o.lang)];
      await db.query('INSERT INTO offers (id, config, tsv) VALUES ($1, $2::regconfig, to_tsvector($2::regconfig, $3))', [o.id, config, o.text]);
    }
    const rankWith = (queryFor: 'plain' | 'or') => async (r: LabelledRequest) => {
      const config = configOf[langOf(r.text, r.lang)];
      const q =
        queryFor === 'plain'
          ? 'SELECT plainto_tsquery($1::regconfig, $2) AS q'
          : // Each lexeme of the plain query, OR-ed: any shared word counts.
            `SELECT coalesce(string_agg(quote_literal(lexeme), ' | ')::tsquery, ''::tsquery) AS q
               FROM unnest(tsvector_to_array(to_tsvector($1::regconfig, $2))) AS lexeme`;
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM offers, (${q}) AS query WHERE tsv @@ query.q ORDER BY ts_rank(tsv, query.q) DESC, id LIMIT ${K}`,
        [config, r.text],
      );
      return rows.map((row) => row.id);
    };
    const plainStarted = performance.now();
    const plain = await recallAt(set, rankWith('plain'), K);
    const plainMs = performance.now() - plainStarted;
    const anyWord = await recallAt(set, rankWith('or'), K);
    console.log(`  PostgreSQL full text, plainto_tsquery: recall@${K} ${plain.mean.toFixed(3)}; any word (OR): ${anyWord.mean.toFixed(3)}`);

    return {
      name: 'matching-recall',
      description: `recall@${K} on the labelled set: the matching engine vs PostgreSQL full-text search (ts_rank, to_tsvector per offer language) on PGlite`,
      set: { offers: set.offers.length, requests: set.requests.length },
      engine: { ...summary(engineReport), setupMs: round(engineReady - started), rankMsPerRequest: round(engineMs / set.requests.length, 2) },
      postgresPlain: { query: 'plainto_tsquery(request language, text)', ...summary(plain), rankMsPerRequest: round(plainMs / set.requests.length, 2) },
      postgresAnyWord: { query: 'OR of the lexemes of to_tsvector(request language, text)', ...summary(anyWord) },
      checks: [
        { metric: `engine recall@${K}`, value: round(engineReport.mean, 3), unit: '', target: `>= ${TARGET}`, pass: engineReport.mean >= TARGET },
        { metric: `postgres FTS recall@${K} (plainto_tsquery)`, value: round(plain.mean, 3), unit: '', target: '(baseline)', pass: true },
        { metric: `postgres FTS recall@${K} (any word)`, value: round(anyWord.mean, 3), unit: '', target: '(baseline)', pass: true },
      ],
    };
  } finally {
    await db.close();
  }
}

if (import.meta.main) {
  const result = await matchingRecall();
  console.log(`  → ${writeResult(result)}`);
}
