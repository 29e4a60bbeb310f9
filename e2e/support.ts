/** What journeys share: the app's own texts, page checks (axe + screenshot), sign-in. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Page } from 'playwright-core';
import ar from '../src/web/i18n/ar.json' with { type: 'json' };
import nl from '../src/web/i18n/nl.json' with { type: 'json' };

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const screenshotDir = path.join(root, 'e2e', 'screenshots');

/** Journeys use the labels the app shows, straight from its message files, so a reworded label changes both. */
// Formatted with ICU, as the app does (plurals, numbers), so texts match what is on screen.
type Messages = { [key: string]: string | Messages };
type Values = Record<string, string | number>;
function lookup(messages: Messages, locale: string, key: string, values: Values = {}): string {
  const found = key.split('.').reduce<string | Messages | undefined>((m, k) => (typeof m === 'object' ? m[k] : undefined), messages);
  if (typeof found !== 'string') throw new Error(`no message "${key}" (${locale})`);
  return String(new IntlMessageFormat(found, locale).format(values));
}
export const t = (key: string, values?: Values) => lookup(nl as Messages, 'nl', key, values);
export const tAr = (key: string, values?: Values) => lookup(ar as Messages, 'ar', key, values);

export const DEMO_PASSWORD = 'schakel-demo';
export const demo = {
  matchmaker: 'matchmaker@blenders.demo',
  coordinator: 'coordinator@blenders.demo',
  participant: 'deelnemer@blenders.demo',
};

export interface AxeFinding {
  page: string;
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; summary: string }[];
}

/** Per journey: where we are, what the checks found. */
export class Journey {
  step = 0;
  readonly findings: AxeFinding[] = [];
  readonly minorFindings: AxeFinding[] = [];
  readonly id: string;
  readonly page: Page;
  readonly baseUrl: string;
  constructor(id: string, page: Page, baseUrl: string) {
    this.id = id;
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async goto(pathname: string) {
    await this.page.goto(this.baseUrl + pathname, { waitUntil: 'domcontentloaded' });
  }

  /**
   * Every page a journey visits passes through here: a screenshot for people to look at, and
   * axe against WCAG 2.1 A/AA. Serious and critical violations fail the journey.
   */
  async check(label: string) {
    this.step++;
    const name = `${this.id}-${String(this.step).padStart(2, '0')}-${label}`;
    // Let the app settle (fonts, pending fetches) so the screenshot and axe see the real page.
    await this.page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    await this.page.evaluate(() => document.fonts.ready).catch(() => {});
    mkdirSync(screenshotDir, { recursive: true });
    await this.page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    const results = await new AxeBuilder({ page: this.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const found = results.violations.map((v) => ({
      page: `${name} (${new URL(this.page.url()).pathname})`,
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    }));
    const blocking = found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
    this.findings.push(...blocking);
    this.minorFindings.push(...found.filter((f) => !blocking.includes(f)));
    if (blocking.length) throw new AccessibilityError(blocking);
  }
}

export class AccessibilityError extends Error {
  readonly findings: AxeFinding[];
  constructor(findings: AxeFinding[]) {
    super(`${findings.length} serious/critical accessibility violation(s):\n${formatFindings(findings)}`);
    this.findings = findings;
  }
}

export function formatFindings(findings: AxeFinding[]) {
  return findings
    .map((f) => {
      const nodes = f.nodes
        .slice(0, 5)
        .map((n) => `      at ${n.target}\n        ${n.summary}`)
        .join('\n');
      const more = f.nodes.length > 5 ? `\n      … and ${f.nodes.length - 5} more` : '';
      return `    [${f.impact}] ${f.id}: ${f.help} — ${f.page}\n      ${f.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/** Fails with a readable message; journeys use it for facts that are not a locator's wait. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Waits until `fn` returns true (or throws its last reason after `timeout` ms). */
export async function eventually(fn: () => Promise<boolean> | boolean, message: string, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms: ${message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(j: Journey, login: string, password = DEMO_PASSWORD, opts: { check?: boolean } = {}) {
  const { page } = j;
  await j.goto('/login');
  await page.getByRole('heading', { level: 1, name: t('login.title') }).waitFor();
  if (opts.check) await j.check('login');
  await page.getByLabel(t('login.login')).fill(login);
  await page.getByLabel(t('login.password'), { exact: false }).fill(password);
  await page.getByRole('button', { name: t('login.submit'), exact: true }).click();
}
