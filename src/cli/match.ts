/**
 * `npm run schakel -- match --input FILE.json [--output FILE]`: the matching engine offline.
 * Reads {"offers":[{"id","text","lang"?}], "requests":[{"id","text","lang"?}]} and writes
 * {"results":[{"request","matches":[{"offer","score","reasons"}]}]} with the ten best offers per
 * request. Bad input is named (which item, what is wrong) with exit code 2; nothing is matched then.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createEngine, type MatchDoc, type Reason } from '../server/modules/matching/engine/engine.ts';

export const maxTextLength = 10_000;
const maxItems = 100_000;
const maxProblems = 20;

export interface MatchInput {
  offers: MatchDoc[];
  requests: MatchDoc[];
}

export interface MatchOutput {
  results: { request: string; matches: { offer: string; score: number; reasons: Reason[] }[] }[];
}

/** Input that cannot be matched: every problem found, each naming the item. */
export class MatchInputError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

/** Checks the parsed JSON and returns it typed, or throws a MatchInputError listing what is wrong. */
export function validateMatchInput(data: unknown): MatchInput {
  const problems: string[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new MatchInputError(['the input must be a JSON object with "offers" and "requests" arrays']);
  }
  const root = data as Record<string, unknown>;
  const out: MatchInput = { offers: [], requests: [] };
  for (const list of ['offers', 'requests'] as const) {
    const items = root[list];
    if (!Array.isArray(items)) {
      problems.push(`"${list}" must be an array${items === undefined ? ' (it is missing)' : ''}`);
      continue;
    }
    if (items.length > maxItems) {
      problems.push(`"${list}" has ${items.length} items; at most ${maxItems}`);
      continue;
    }
    const seen = new Map<string, number>();
    for (const [i, item] of items.entries()) {
      const where = `${list}[${i}]`;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        problems.push(`${where}: must be an object with "id" and "text"`);
        continue;
      }
      const { id, text, lang } = item as Record<string, unknown>;
      let ok = true;
      if (typeof id !== 'string' || !id.trim()) {
        problems.push(`${where}: "id" must be a non-empty string${id === undefined ? ' (it is missing)' : ''}`);
        ok = false;
      } else if (seen.has(id)) {
        problems.push(`${where}: id "${id}" is used twice in "${list}" (also ${list}[${seen.get(id)}])`);
        ok = false;
      } else seen.set(id, i);
      if (typeof text !== 'string') {
        problems.push(
          `${where}${typeof id === 'string' ? ` ("${id}")` : ''}: "text" must be a string${text === undefined ? ' (it is missing)' : `, not ${text === null ? 'null' : typeof text}`}`,
        );
        ok = false;
      } else {
        const length = [...text].length;
        if (length > maxTextLength) {
          problems.push(
            `${where}${typeof id === 'string' ? ` ("${id}")` : ''}: "text" has ${length.toLocaleString('en')} characters; at most ${maxTextLength.toLocaleString('en')}`,
          );
          ok = false;
        }
      }
      // Any language code is accepted: one the engine does not know means "detect".
      if (lang !== undefined && lang !== null && typeof lang !== 'string') {
        problems.push(`${where}: "lang" must be a language code such as "nl" (or left out)`);
        ok = false;
      }
      if (ok) out[list].push({ id: id as string, text: text as string, lang: (lang as string | null | undefined) ?? undefined });
    }
  }
  if (problems.length) throw new MatchInputError(problems);
  return out;
}

/** Ranks every request against all offers: the ten best offers each. */
export function matchAll(input: MatchInput, limit = 10): MatchOutput {
  const engine = createEngine();
  const index = engine.index(input.offers);
  return {
    results: input.requests.map((request) => ({
      request: request.id,
      matches: engine.rank(request, index, { limit }).map((m) => ({ offer: m.offer.id, score: m.score, reasons: m.reasons })),
    })),
  };
}

const usage = `Usage: npm run schakel -- match --input FILE.json [--output FILE]

Reads {"offers":[{"id","text","lang"?}], "requests":[{"id","text","lang"?}]} and writes
{"results":[{"request","matches":[{"offer","score","reasons"}]}]}: the ten best offers per request,
scores 0..1, with the reasons for each match. "lang" is optional (nl, en, fr, ar; anything else is
detected). Texts may be empty (no matches) and at most ${maxTextLength.toLocaleString('en')} characters long.
Without --output the result goes to standard output.
`;

/** The `match` command; returns the exit code (2 for bad arguments or input). */
export async function matchCommand(args: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void } = defaultIo): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') {
      io.stdout(usage);
      return 0;
    }
    if (flag === '--input' || flag === '--output') {
      const value = inline ?? args[++i];
      if (!value) {
        io.stderr(`schakel match: ${flag} needs a file name\n\n${usage}`);
        return 2;
      }
      if (flag === '--input') input = value;
      else output = value;
      continue;
    }
    io.stderr(`schakel match: unknown argument "${arg}"\n\n${usage}`);
    return 2;
  }
  if (!input) {
    io.stderr(`schakel match: --input FILE.json is required\n\n${usage}`);
    return 2;
  }
  let raw: string;
  try {
    raw = readFileSync(input, 'utf8');
  } catch (e) {
    io.stderr(`schakel match: cannot read ${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
    return 2;
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (e) {
    io.stderr(`schakel match: ${input} is not valid JSON (${(e as Error).message})\n`);
    return 2;
  }
  let parsed: MatchInput;
  try {
    parsed = validateMatchInput(data);
  } catch (e) {
    if (!(e instanceof MatchInputError)) throw e;
    const shown = e.problems.slice(0, maxProblems).map((p) => `  - ${p}`);
    const more = e.problems.length > maxProblems ? `\n  … and ${e.problems.length - maxProblems} more` : '';
    io.stderr(`schakel match: ${input} cannot be matched:\n${shown.join('\n')}${more}\n`);
    return 2;
  }
  const json = `${JSON.stringify(matchAll(parsed), null, 2)}\n`;
  if (output) {
    try {
      writeFileSync(output, json);
    } catch (e) {
      io.stderr(`schakel match: cannot write ${output}: ${(e as Error).message}\n`);
      return 2;
    }
    io.stderr(`schakel match: ${parsed.requests.length} requests matched against ${parsed.offers.length} offers → ${output}\n`);
  } else io.stdout(json);
  return 0;
}

const defaultIo = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };

if (import.meta.main) {
  process.exitCode = await matchCommand(process.argv.slice(2));
}
