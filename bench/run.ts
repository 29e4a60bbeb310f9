/**
 * Runs the benchmarks and writes each result to bench/results/<name>.json.
 *   npm run bench                  all of them
 *   npm run bench -- cold-start    only the named ones
 * Benchmarks inform, tests decide: a missed target prints FAIL but the exit code stays 0
 * (non-zero only when a benchmark could not run at all).
 */
import { activitiesMonth } from './activities-month.ts';
import { coldStart } from './cold-start.ts';
import { dashboardBench } from './dashboard.ts';
import { esfReport } from './esf-report.ts';
import { type BenchResult, machineFacts, writeResult } from './lib.ts';
import { matchingBoard } from './matching-board.ts';
import { matchingRecall } from './matching-recall.ts';
import { matchingTop10 } from './matching-top10.ts';
import { pathwayFile } from './pathway-file.ts';
import { peopleSearch } from './people-search.ts';

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  'matching-recall': matchingRecall,
  'matching-top10': matchingTop10,
  'matching-board': matchingBoard,
  'cold-start': coldStart,
  'people-search': peopleSearch,
  'activities-month': activitiesMonth,
  'esf-report': esfReport,
  'pathway-file': pathwayFile,
  dashboard: dashboardBench,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((n) => !(n in benchmarks));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

const m = machineFacts();
console.log(`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}, load average ${m.loadAverage1m}`);
const results: BenchResult[] = [];
let broken = 0;
for (const name of asked.length ? asked : Object.keys(benchmarks)) {
  console.log(`\n== ${name} ==`);
  try {
    const before = machineFacts();
    const result = await benchmarks[name]();
    results.push(result);
    // A skipped benchmark keeps the last real result on disk rather than replacing it with nothing.
    if (result.skipped) console.log(`  (no result written: bench/results/${name}.json keeps the last run)`);
    else console.log(`  → ${writeResult(result, before)}`);
  } catch (e) {
    broken++;
    console.error(`  ${name} could not run: ${(e as Error).stack ?? e}`);
    results.push({ name, skipped: `error: ${(e as Error).message.split('\n')[0]}`, checks: [] });
  }
}

const rows: string[][] = [['benchmark', 'metric', 'value', 'target', 'result']];
for (const r of results) {
  if (r.skipped) rows.push([r.name, '—', '—', '—', `SKIPPED (${r.skipped})`]);
  for (const c of r.checks)
    rows.push([r.name, c.metric, `${c.value}${c.unit ? ` ${c.unit}` : ''}`, c.target, c.target.startsWith('(') ? 'info' : c.pass ? 'PASS' : 'FAIL']);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
console.log('\nSummary');
for (const [i, row] of rows.entries()) {
  console.log(
    row
      .map((cell, j) => cell.padEnd(widths[j]))
      .join('  ')
      .trimEnd(),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
process.exitCode = broken ? 1 : 0;
