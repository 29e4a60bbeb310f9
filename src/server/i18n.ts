import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { type Locale, locales } from '../shared/schemas.ts';

/** Server-side texts (mails) come from the same translation files as the web app. */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'i18n');
const catalogues = Object.fromEntries(
  locales.map((l) => [l, JSON.parse(readFileSync(path.join(dir, `${l}.json`), 'utf8')) as Record<string, unknown>]),
) as Record<Locale, Record<string, unknown>>;

function lookup(catalogue: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : undefined;
}

export function t(locale: string, key: string, values?: Record<string, string | number>): string {
  const l = (locales as readonly string[]).includes(locale) ? (locale as Locale) : 'nl';
  const message = lookup(catalogues[l], key) ?? lookup(catalogues.nl, key) ?? key;
  return String(new IntlMessageFormat(message, l).format(values));
}
