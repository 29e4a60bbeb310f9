import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiJson } from '../src/cli/openapi.ts';

const committedPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Operation = { summary?: string; tags?: string[]; responses?: Record<string, unknown> };
type Doc = { paths: Record<string, Partial<Record<(typeof methods)[number], Operation>>> };

function operations(doc: Doc): Map<string, Operation> {
  const ops = new Map<string, Operation>();
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const m of methods) if (item[m]) ops.set(`${m.toUpperCase()} ${p}`, item[m] as Operation);
  }
  return ops;
}

/** Which operations differ between the committed document and the code, for a readable failure. */
function drift(committed: Doc, current: Doc): string {
  const before = operations(committed);
  const now = operations(current);
  const lines: string[] = [];
  for (const k of now.keys()) if (!before.has(k)) lines.push(`  + ${k} (in the code, not in openapi.json)`);
  for (const k of before.keys()) if (!now.has(k)) lines.push(`  - ${k} (in openapi.json, no longer in the code)`);
  for (const [k, op] of now) if (before.has(k) && JSON.stringify(before.get(k)) !== JSON.stringify(op)) lines.push(`  ~ ${k} changed`);
  if (!lines.length) lines.push('  (the operations are the same; shared parts such as components, info or formatting differ)');
  return lines.join('\n');
}

let generated: string;
let doc: Doc;

beforeAll(async () => {
  generated = await openApiJson();
  doc = JSON.parse(generated);
});

describe('openapi.json', () => {
  it('is up to date with the routes in the code', () => {
    let committed: string;
    try {
      committed = readFileSync(committedPath, 'utf8');
    } catch {
      expect.fail('openapi.json is missing at the root of the repository. Run `npm run openapi` and commit it.');
    }
    if (committed !== generated) {
      let committedDoc: Doc | undefined;
      try {
        committedDoc = JSON.parse(committed);
      } catch {
        // an unreadable file: the message below still says what to do
      }
      expect.fail(
        'openapi.json is out of date: the API in the code differs from the committed document.\n' +
          'Run `npm run openapi` and commit openapi.json together with your route changes.\n' +
          (committedDoc ? drift(committedDoc, doc) : '  (openapi.json is not valid JSON)'),
      );
    }
  });

  it('gives every /api/v1 operation a summary and a tag, for the docs at /api/docs', () => {
    const missing = [...operations(doc)]
      .filter(([k, op]) => k.includes(' /api/v1/') && (!op.summary?.trim() || !op.tags?.length))
      .map(([k]) => k);
    expect(missing, `operations without a summary or tag: ${missing.join(', ')}`).toEqual([]);
    expect(operations(doc).size).toBeGreaterThan(5);
  });

  it('documents the session cookie as the way to sign in', () => {
    const d = doc as Doc & { components?: { securitySchemes?: Record<string, unknown> } };
    expect(d.components?.securitySchemes?.session).toEqual({ type: 'apiKey', in: 'cookie', name: 'schakel_session' });
  });
});
