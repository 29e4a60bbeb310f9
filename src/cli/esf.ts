/**
 * `schakel esf --input FILE.json [--from DATE] [--to DATE] [--as-of DATE]`: the ESF+ indicator
 * engine without a server or database, for a file exported from anywhere. Prints the report as
 * JSON on stdout; a wrong file or option is explained on stderr with exit code 2.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { computeEsf, esfPeriod, parseEsfInput } from '../shared/esf.ts';

export const esfUsage = `Usage: npm run schakel -- esf --input FILE.json [--from DATE] [--to DATE] [--as-of DATE]

  --input FILE   {"participants":[…]} as described in docs/esf-indicators.md
  --from, --to   the reporting period, both days included (YYYY-MM-DD); outputs count who entered
                 in it, results who left in it
  --as-of DATE   the day the report is made (default today), to tell a six-month follow-up that
                 is not due yet from a missing one
`;

/** Runs the command; returns the exit code. Writes only through process.stdout/stderr. */
export async function esfCommand(args: string[]): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`schakel esf: ${message}\n`);
    return 2;
  };

  let values: { input?: string; from?: string; to?: string; 'as-of'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        input: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'as-of': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${esfUsage}`);
  }
  if (values.help) {
    process.stdout.write(esfUsage);
    return 0;
  }
  if (!values.input) return fail(`which file? --input is required\n\n${esfUsage}`);

  const period = esfPeriod.safeParse({ from: values.from, to: values.to });
  if (!period.success) return fail(period.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
  const asOf = esfPeriod.shape.from.safeParse(values['as-of']);
  if (!asOf.success) return fail(`--as-of: ${asOf.error.issues[0].message}`);

  let text: string;
  try {
    text = await readFile(values.input, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`cannot read ${values.input}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`${values.input} is not valid JSON: ${(e as Error).message}`);
  }

  const parsed = parseEsfInput(raw);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, 50);
    const more = parsed.errors.length > shown.length ? `\n  … and ${parsed.errors.length - shown.length} more` : '';
    return fail(
      `${values.input} has ${parsed.errors.length} ${parsed.errors.length === 1 ? 'problem' : 'problems'}; nothing was computed:\n  ${shown.join('\n  ')}${more}`,
    );
  }

  const report = computeEsf(parsed.participants, { period: period.data, asOf: asOf.data });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}
