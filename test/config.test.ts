import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configurationMarkdown } from '../src/cli/config-doc.ts';
import { configSpec, loadConfig } from '../src/server/config.ts';

describe('loadConfig', () => {
  it('starts on port 3000 with the embedded database in ./data and demo data, when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      SCHAKEL_DEMO: true,
      LOGIN_MAX_FAILURES: 5,
      SESSION_TTL_HOURS: 24 * 14,
      LOG_LEVEL: 'info',
      publicUrl: 'http://localhost:3000',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_URL).toBeUndefined();
  });

  it('reads the values given, as numbers and booleans', () => {
    const c = loadConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/schakel',
      DATABASE_URL: 'postgres://schakel:secret@db:5432/schakel',
      SCHAKEL_DEMO: 'false',
      LOGIN_MAX_FAILURES: '10',
    });
    expect(c).toMatchObject({ PORT: 8080, DATA_DIR: '/var/lib/schakel', SCHAKEL_DEMO: false, LOGIN_MAX_FAILURES: 10, publicUrl: 'http://localhost:8080' });
    expect(c.DATABASE_URL).toBe('postgres://schakel:secret@db:5432/schakel');
    for (const [value, expected] of [['true', true], ['1', true], ['yes', true], ['0', false], ['no', false]] as const) {
      expect(loadConfig({ SCHAKEL_DEMO: value }).SCHAKEL_DEMO).toBe(expected);
    }
  });

  it('counts empty and blank strings as unset, so `DATABASE_URL= npm start` means the embedded database', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', DATA_DIR: '', SCHAKEL_DEMO: '', PUBLIC_URL: '', SMTP_URL: '   ' });
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', SCHAKEL_DEMO: true, publicUrl: 'http://localhost:3000' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_URL).toBeUndefined();
    // A blank port would otherwise become 0: a random port nobody finds.
    expect(loadConfig({ PORT: ' ' }).PORT).toBe(3000);
  });

  it('uses PUBLIC_URL for links, without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://schakel.example.org/' }).publicUrl).toBe('https://schakel.example.org');
  });

  it.each(['abc', '70000', '-1', '30.5'])('refuses PORT=%s with a message naming the variable', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/Invalid configuration:\n\s+PORT: /);
  });

  it('names every wrong variable at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'abc', SCHAKEL_DEMO: 'maybe', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ['PORT', 'SCHAKEL_DEMO', 'DATABASE_URL', 'LOG_LEVEL']) expect(message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    // The message lists the variables, not the whole environment (which may hold secrets).
    expect(message).not.toContain('not a url');
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ HOME: '/root', PATH: '/usr/bin' }).PORT).toBe(3000);
  });
});

describe('docs/configuration.md', () => {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'configuration.md');

  it('documents every variable with a description', () => {
    const undocumented = Object.entries(configSpec).filter(([, s]) => !s.description?.trim()).map(([k]) => k);
    expect(undocumented, `variables without .describe() in src/server/config.ts: ${undocumented.join(', ')}`).toEqual([]);
    const doc = configurationMarkdown();
    for (const name of Object.keys(configSpec)) expect(doc).toContain(`| \`${name}\` |`);
    expect(doc).toContain('| `PORT` | `3000` | whole number from 0 to 65535 | TCP port');
  });

  it('every variable is also in the README, where a new user looks first', () => {
    const readme = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
    const missing = Object.keys(configSpec).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing, `add these to the configuration table in README.md: ${missing.join(', ')}`).toEqual([]);
  });

  it('is up to date with src/server/config.ts', () => {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      expect.fail('docs/configuration.md is missing. Run `npm run docs:config` and commit it.');
    }
    expect(committed === configurationMarkdown(), 'docs/configuration.md is out of date with configSpec in src/server/config.ts. Run `npm run docs:config` and commit it.').toBe(true);
  });
});
