import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/schakel.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}
afterEach(() => vi.restoreAllMocks());

describe('the schakel command', () => {
  it('explains itself with --help', async () => {
    const io = capture();
    expect(await run(['--help'])).toBe(0);
    for (const command of ['migrate', 'demo', 'openapi', 'config']) expect(io.out()).toContain(`  ${command} `);
  });

  it('refuses an unknown command with exit code 2 and names the known ones', async () => {
    const io = capture();
    expect(await run(['migrat'])).toBe(2);
    expect(io.err()).toContain('unknown command "migrat"');
    expect(io.err()).toContain('migrate, demo, openapi, config');
    expect(io.out()).toBe('');
  });

  it('asks for a command when given none, and refuses stray arguments', async () => {
    const io = capture();
    expect(await run([])).toBe(2);
    expect(io.err()).toContain('Usage:');
    expect(await run(['config', '--verbose'])).toBe(2);
  });

  it('prints the configuration table', async () => {
    const io = capture();
    expect(await run(['config'])).toBe(0);
    expect(io.out()).toMatch(/^# Configuration\n/);
    expect(io.out()).toContain('| `DATABASE_URL` | — | URL |');
  });

  it('stops with exit code 2 and the variable name when the configuration is wrong', async () => {
    const io = capture();
    vi.stubEnv('PORT', 'not-a-port');
    try {
      expect(await run(['migrate'])).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(io.err()).toMatch(/schakel migrate: Invalid configuration:\n\s+PORT: /);
  });
});
