import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'web', 'i18n');
const reference = 'nl';
const others = ['en', 'fr', 'ar'] as const;
const languages = [reference, ...others] as const;

/** "a.b.c" → value, for every leaf of the nested catalogue. */
function flatten(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node)) for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  } else {
    out.set(prefix, node);
  }
  return out;
}

const catalogues = Object.fromEntries(
  languages.map((l) => [l, flatten(JSON.parse(readFileSync(path.join(dir, `${l}.json`), 'utf8')))]),
) as Record<(typeof languages)[number], Map<string, unknown>>;

// The parts of the ICU syntax tree (@formatjs/icu-messageformat-parser) this test looks at.
type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }>; children?: Element[] };
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]); // argument, number, date, time, select, plural
const TAG = 8;

/** The names a message needs from the code: {name}, {count, plural, …} and <tag>…</tag>, sorted. */
function placeholders(ast: Element[], found = new Set<string>()): Set<string> {
  for (const el of ast) {
    if (ARGUMENT_TYPES.has(el.type)) found.add(`{${String(el.value)}}`);
    if (el.type === TAG) found.add(`<${String(el.value)}>`);
    for (const option of Object.values(el.options ?? {})) placeholders(option.value, found);
    if (el.children) placeholders(el.children, found);
  }
  return found;
}

describe('translations (src/web/i18n)', () => {
  it.each(others)(`${reference}.json and %s.json have the same keys`, (lang) => {
    const missing = [...catalogues[reference].keys()].filter((k) => !catalogues[lang].has(k));
    const extra = [...catalogues[lang].keys()].filter((k) => !catalogues[reference].has(k));
    const report = [
      ...missing.map((k) => `${k} (in ${reference}.json, missing from ${lang}.json)`),
      ...extra.map((k) => `${k} (in ${lang}.json, missing from ${reference}.json)`),
    ];
    expect(report, `keys that differ between ${reference}.json and ${lang}.json:\n  ${report.join('\n  ')}`).toEqual([]);
  });

  it.each(languages)('%s.json has a non-empty text for every key', (lang) => {
    const bad = [...catalogues[lang]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad, `empty or non-text values in ${lang}.json: ${bad.join(', ')}`).toEqual([]);
  });

  it.each(languages)('every message in %s.json is valid ICU MessageFormat', (lang) => {
    const broken: string[] = [];
    for (const [key, value] of catalogues[lang]) {
      if (typeof value !== 'string') continue;
      try {
        new IntlMessageFormat(value, lang);
      } catch (e) {
        broken.push(`${key}: ${(e as Error).message}`);
      }
    }
    expect(broken, `messages in ${lang}.json that do not parse:\n  ${broken.join('\n  ')}`).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const parse = (lang: string, key: string): string | null => {
      const value = catalogues[lang as (typeof languages)[number]].get(key);
      if (typeof value !== 'string') return null;
      try {
        return [...placeholders(new IntlMessageFormat(value, lang).getAst() as Element[])].sort().join(' ');
      } catch {
        return null; // reported by the test above
      }
    };
    const differ: string[] = [];
    for (const key of catalogues[reference].keys()) {
      const expected = parse(reference, key);
      if (expected === null) continue;
      for (const lang of others) {
        const got = parse(lang, key);
        if (got !== null && got !== expected) differ.push(`${key}: ${reference} has [${expected}], ${lang} has [${got}]`);
      }
    }
    expect(differ, `placeholders that differ between languages:\n  ${differ.join('\n  ')}`).toEqual([]);
  });
});
