import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import type { ResearchExport } from '../../../shared/dashboard.ts';
import { assessmentScores, assessments, auditLog, consents, instruments, pathwayEvents, pathways } from '../../db/schema/index.ts';
import { ensureDefaultInstruments } from '../pathways/instruments.ts';

let ctx: TestContext;
let org: TestOrganisation;
type Headers = { cookie: string };
let admin: { headers: Headers };
let researcher: { headers: Headers };
let coordinator: { headers: Headers };
let keyA: string;
let keyB: string;
const people = [
  { givenName: 'Amina', familyName: 'Benali', email: 'amina.benali@mail.test', phone: '+32470111222', birthDate: '1996-03-14', address: 'Kerkstraat 12, Lier' },
  { givenName: 'Yasmina', familyName: 'El Idrissi', email: 'yasmina@mail.test', phone: '+32470333444', birthDate: '1989-11-02', address: 'Molenweg 5, Lier' },
  { givenName: 'Sofie', familyName: 'Peeters', email: 'sofie.peeters@mail.test', phone: '+32470555666', birthDate: '2001-07-21', address: 'Dorp 1, Lier' },
];
const ids: { personId: string; pathwayId: string }[] = [];

async function exportJson(keyId: string, query = ''): Promise<ResearchExport> {
  const res = await ctx.app.inject({ url: `/api/v1/research/export?keyId=${keyId}${query}`, headers: researcher.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Stuyfplek');
  admin = await signedIn(ctx, org, 'admin');
  researcher = await signedIn(ctx, org, 'researcher');
  coordinator = await signedIn(ctx, org, 'coordinator');
  await ensureDefaultInstruments(ctx.db, org.id);
  const [ladder] = await ctx.db
    .select()
    .from(instruments)
    .where(and(eq(instruments.organisationId, org.id), eq(instruments.key, 'participation-ladder')));
  for (const [i, p] of people.entries()) {
    const { address, ...values } = p;
    const person = await newParticipant(ctx.db, org, { ...values, about: `Woont op ${address}`, city: 'Lier' });
    const pathway = await newPathway(ctx.db, org, {
      participantId: person.id,
      startedOn: '2026-01-12',
      entry: { gender: 'woman', isced: 2, employmentAtEntry: 'unemployed', unemployedSince: '2024-07-01', disability: 'yes', minority: 'refused' },
    });
    ids.push({ personId: person.id, pathwayId: pathway.id });
    // Everyone but Sofie consented to research.
    if (i < 2) await ctx.db.insert(consents).values({ organisationId: org.id, participantId: person.id, purpose: 'research' });
    for (const [on, rung] of [
      ['2026-01-20', 2],
      ['2026-06-20', 3 + i],
    ] as const) {
      const [a] = await ctx.db
        .insert(assessments)
        .values({
          organisationId: org.id,
          pathwayId: pathway.id,
          instrumentId: ladder.id,
          assessedOn: on,
          assessorRole: 'companion',
          assessorPersonId: person.id,
          note: `Gesprek met ${p.givenName} thuis`,
        })
        .returning();
      await ctx.db
        .insert(assessmentScores)
        .values({ organisationId: org.id, assessmentId: a.id, domainKey: 'participation', level: rung, note: `${p.givenName} zegt het zelf` });
    }
    await ctx.db
      .insert(pathwayEvents)
      .values({ organisationId: org.id, pathwayId: pathway.id, occurredOn: '2026-07-01', type: 'employment', note: `${p.familyName} vond werk` });
  }
  await ctx.db
    .update(pathways)
    .set({ status: 'ended', endedOn: '2026-06-30', exitOutcome: 'work', exitNote: 'Vond werk bij de bakker om de hoek' })
    .where(and(eq(pathways.organisationId, org.id), eq(pathways.id, ids[0].pathwayId)));
}, 60_000);

afterAll(() => ctx.close());

describe('export keys', () => {
  it('an admin creates a key; its secret is shown once, then only the label and a fingerprint', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/research/keys', headers: admin.headers, payload: { label: 'UHasselt impactstudie' } });
    expect(res.statusCode).toBe(201);
    const { key, secret } = res.json();
    expect(secret.length).toBeGreaterThanOrEqual(40);
    keyA = key.id;
    keyB = (await ctx.app.inject({ method: 'POST', url: '/api/v1/research/keys', headers: admin.headers, payload: { label: 'KU Leuven' } })).json().key.id;
    const list = await ctx.app.inject({ url: '/api/v1/research/keys', headers: researcher.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect(list.json().items.map((k: { label: string }) => k.label)).toEqual(['KU Leuven', 'UHasselt impactstudie']);
  });

  it('only an admin creates or rotates keys; a label is used once', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/research/keys', headers: researcher.headers, payload: { label: 'Mine' } })).statusCode).toBe(
      403,
    );
    const dup = await ctx.app.inject({ method: 'POST', url: '/api/v1/research/keys', headers: admin.headers, payload: { label: 'kU leuven' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('label_taken');
    const empty = await ctx.app.inject({ method: 'POST', url: '/api/v1/research/keys', headers: admin.headers, payload: { label: ' ' } });
    expect(empty.statusCode).toBe(400);
  });
});

describe('research export', () => {
  it('gives the same person the same pseudonym with the same key, and another with another key', async () => {
    const a1 = await exportJson(keyA);
    const a2 = await exportJson(keyA);
    const b = await exportJson(keyB);
    const pseudonyms = (e: ResearchExport) => e.tables.pathways.map((r) => r.participant).sort();
    expect(pseudonyms(a1)).toHaveLength(2);
    expect(pseudonyms(a1)).toEqual(pseudonyms(a2));
    for (const p of pseudonyms(b)) expect(pseudonyms(a1)).not.toContain(p);
    // The same pseudonym links a person's rows across tables.
    const someone = a1.tables.pathways[0].participant;
    expect(a1.tables.assessments.filter((r) => r.participant === someone)).toHaveLength(2);
    expect(a1.tables.events.filter((r) => r.participant === someone)).toHaveLength(1);
  });

  it('holds no direct identifier: no names, e-mails, phones, birth dates, addresses or notes', async () => {
    const e = await exportJson(keyA, '&suppress=false');
    const csv = await Promise.all(
      ['pathways', 'assessments', 'events', 'follow-ups', 'attendance', 'matches', 'aggregates'].map(
        async (table) => (await ctx.app.inject({ url: `/api/v1/research/export.csv?keyId=${keyA}&table=${table}`, headers: researcher.headers })).body,
      ),
    );
    const text = JSON.stringify(e) + csv.join('\n');
    for (const p of people) {
      for (const value of [p.givenName, p.familyName, p.email, p.phone, p.birthDate, 'Kerkstraat', 'Woont op']) expect(text).not.toContain(value);
    }
    for (const id of ids.flatMap((x) => [x.personId, x.pathwayId])) expect(text).not.toContain(id);
    for (const note of ['bakker', 'Gesprek', 'zegt het zelf', 'vond werk', '2026-01-12']) expect(text).not.toContain(note);
    // Special categories stay out; an age band and days since entry instead of dates.
    expect(text).not.toContain('disability');
    expect(e.tables.pathways.map((r) => r.ageBandAtEntry).sort()).toEqual(['25-29', '30-44']);
    expect(e.tables.pathways.find((r) => r.status === 'ended')).toMatchObject({ entryMonth: '2026-01', exitDay: 169, unemployedMonthsAtEntry: 18 });
  });

  it('leaves out participants without a standing research consent; a withdrawal counts at once', async () => {
    expect((await exportJson(keyA)).participants).toBe(2);
    await ctx.db
      .update(consents)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(consents.organisationId, org.id), eq(consents.participantId, ids[1].personId), eq(consents.purpose, 'research')));
    const after = await exportJson(keyA);
    expect(after.participants).toBe(1);
    expect(after.tables.assessments).toHaveLength(2);
  });

  it('suppresses aggregate cells below 5 when asked', async () => {
    await ctx.db.insert(consents).values({ organisationId: org.id, participantId: ids[2].personId, purpose: 'research' });
    const hidden = await exportJson(keyA);
    const shown = await exportJson(keyA, '&suppress=false');
    const cell = (e: ResearchExport) => e.tables.aggregates.find((r) => r.measure === 'pathways-by-place-gender-age' && r.ageBand === '18-24');
    expect(hidden.suppressedBelow).toBe(5);
    expect(cell(hidden)?.count).toBeNull();
    expect(cell(shown)?.count).toBe(1);
    expect(shown.tables.aggregates.filter((r) => r.measure === 'ladder-moves').map((r) => [r.fromRung, r.toRung, r.count])).toEqual([
      [2, 3, 1],
      [2, 5, 1],
    ]);
    const csv = await ctx.app.inject({ url: `/api/v1/research/export.csv?keyId=${keyA}&table=aggregates&separator=semicolon`, headers: researcher.headers });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('<5');
  });

  it('is audited: who, which key label, how many records', async () => {
    const rows = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.entityType, 'research-export')));
    expect(rows.length).toBeGreaterThan(5);
    const last = rows.at(-1);
    expect(last?.changes).toMatchObject({ keyLabel: 'UHasselt impactstudie', format: 'csv', table: 'aggregates' });
    expect(last?.actorAccountId).toBeTruthy();
  });

  it('a rotated key gives new pseudonyms; the retired one exports no more', async () => {
    const before = (await exportJson(keyA)).tables.pathways.map((r) => r.participant);
    const rotated = await ctx.app.inject({ method: 'POST', url: `/api/v1/research/keys/${keyA}/rotate`, headers: admin.headers });
    expect(rotated.statusCode).toBe(201);
    const next = rotated.json().key;
    expect(next.label).toBe('UHasselt impactstudie');
    const old = await ctx.app.inject({ url: `/api/v1/research/export?keyId=${keyA}`, headers: researcher.headers });
    expect(old.statusCode).toBe(409);
    const after = (await exportJson(next.id)).tables.pathways.map((r) => r.participant);
    for (const p of after) expect(before).not.toContain(p);
  });

  it('is for researchers and admins only; bad input is a problem, never a 500', async () => {
    expect((await ctx.app.inject({ url: `/api/v1/research/export?keyId=${keyB}`, headers: coordinator.headers })).statusCode).toBe(403);
    expect((await ctx.app.inject({ url: `/api/v1/research/export?keyId=${keyB}`, headers: admin.headers })).statusCode).toBe(200);
    for (const url of [
      '/api/v1/research/export',
      '/api/v1/research/export?keyId=nope',
      `/api/v1/research/export.csv?keyId=${keyB}&table=people`,
      `/api/v1/research/export?keyId=${org.id}`,
    ]) {
      const res = await ctx.app.inject({ url, headers: researcher.headers });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
