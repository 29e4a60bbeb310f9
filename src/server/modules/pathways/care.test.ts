import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import { createTestApp, newAccount, newOrganisation, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { withOrganisation } from '../../db/client.ts';
import { auditLog, consents, instruments, journalEntries, pathwayTeam } from '../../db/schema/index.ts';
import { loadCareDemo } from './demo-care.ts';
import { ensureDefaultInstruments } from './instruments.ts';

let ctx: TestContext;
let org: TestOrganisation;
type Who = { headers: { cookie: string }; personId: string; accountId: string };
let author: Who; // lead companion on the team, writes the entries
let colleague: Who; // another companion on the team
let partnerOnTeam: Who; // a partner worker who is on this pathway's team
let lead: Who; // coordinator at the pathway's place (oversight)
let participant: Who;
let otherParticipant: Who;
let partnerOff: Who; // partner worker not on the team
let matchmaker: Who;
let admin: Who;
let pathwayId: string;
const entries: Record<'author' | 'team' | 'participant', string> = { author: '', team: '', participant: '' };

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: Who, payload?: unknown) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function addToTeam(personId: string, role: 'companion' | 'partner-worker' = 'companion') {
  await ctx.db.insert(pathwayTeam).values({ organisationId: org.id, pathwayId, personId, role });
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'SamenWerkt');
  author = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
  colleague = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
  partnerOnTeam = await signedIn(ctx, org, 'partner-worker');
  lead = await signedIn(ctx, org, 'coordinator', { placeId: org.placeId });
  participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
  otherParticipant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
  partnerOff = await signedIn(ctx, org, 'partner-worker');
  matchmaker = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
  admin = await signedIn(ctx, org, 'admin');
  const pathway = await newPathway(ctx.db, org, { participantId: participant.personId, companionPersonId: author.personId });
  pathwayId = pathway.id;
  await addToTeam(colleague.personId);
  await addToTeam(partnerOnTeam.personId, 'partner-worker');
});
afterAll(() => ctx.close());

describe('journal', () => {
  it('a team member writes contact moments with a visibility each, and the write is audited without the note', async () => {
    for (const visibility of ['author', 'team', 'participant'] as const) {
      const res = await api('POST', `/pathways/${pathwayId}/journal`, author, {
        occurredAt: '2026-02-03T10:00:00+01:00',
        type: 'meeting',
        durationMinutes: 45,
        note: `Gesprek (${visibility}): Samira wil een opleiding zorg volgen.`,
        visibility,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ visibility, durationMinutes: 45, type: 'meeting', author: { personId: author.personId } });
      expect(res.json().editableUntil).not.toBeNull();
      entries[visibility] = res.json().id;
    }
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'journal-entry'), eq(auditLog.entityId, entries.author)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].changes)).not.toContain('Samira');
  });

  it.each([
    ['the author', () => author, ['author', 'team', 'participant']],
    ['another team member', () => colleague, ['team', 'participant']],
    ['a partner worker on the team', () => partnerOnTeam, ['team', 'participant']],
    ['the participant', () => participant, ['participant']],
  ] as const)('%s reads exactly the entries meant for them', async (_, who, expected) => {
    const res = await api('GET', `/pathways/${pathwayId}/journal`, who());
    expect(res.statusCode).toBe(200);
    const seen = res.json().items.map((e: { id: string }) => Object.entries(entries).find(([, id]) => id === e.id)?.[0]);
    expect(seen.sort()).toEqual([...expected].sort());
  });

  it.each([
    ['another participant', () => otherParticipant],
    ['a partner worker not on the team', () => partnerOff],
    ['a matchmaker', () => matchmaker],
  ])('%s gets 404 for the journal and for each entry', async (_, who) => {
    expect((await api('GET', `/pathways/${pathwayId}/journal`, who())).statusCode).toBe(404);
    for (const id of Object.values(entries)) {
      const res = await api('PATCH', `/pathways/${pathwayId}/journal/${id}`, who(), { note: 'x' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await api('POST', `/pathways/${pathwayId}/journal`, who(), { occurredAt: '2026-02-03T10:00:00Z', type: 'phone', note: 'x' })).statusCode).toBe(404);
  });

  it('the lead oversees the pathway but does not read the journal (403), and cannot write in it', async () => {
    expect((await api('GET', `/pathways/${pathwayId}/journal`, lead)).statusCode).toBe(403);
    expect((await api('POST', `/pathways/${pathwayId}/journal`, lead, { occurredAt: '2026-02-03T10:00:00Z', type: 'phone', note: 'x' })).statusCode).toBe(403);
  });

  it('an author-only entry is a 404 for other team members; a shared one is theirs to read, not to change', async () => {
    expect((await api('PATCH', `/pathways/${pathwayId}/journal/${entries.author}`, colleague, { note: 'x' })).statusCode).toBe(404);
    expect((await api('DELETE', `/pathways/${pathwayId}/journal/${entries.author}`, colleague)).statusCode).toBe(404);
    expect((await api('PATCH', `/pathways/${pathwayId}/journal/${entries.team}`, colleague, { note: 'x' })).statusCode).toBe(403);
    expect((await api('PATCH', `/pathways/${pathwayId}/journal/${entries.participant}`, participant, { note: 'x' })).statusCode).toBe(403);
  });

  it('the participant cannot write in the journal', async () => {
    const res = await api('POST', `/pathways/${pathwayId}/journal`, participant, { occurredAt: '2026-02-03T10:00:00Z', type: 'phone', note: 'x' });
    expect(res.statusCode).toBe(403);
  });

  it('the author changes an entry within 24 hours; after that it is locked (409) and a correction is a new entry', async () => {
    const changed = await api('PATCH', `/pathways/${pathwayId}/journal/${entries.team}`, author, {
      note: 'Gesprek: opleiding zorg, start in september.',
      visibility: 'participant',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ visibility: 'participant', note: 'Gesprek: opleiding zorg, start in september.' });
    expect((await api('GET', `/pathways/${pathwayId}/journal`, participant)).json().items).toHaveLength(2);
    await api('PATCH', `/pathways/${pathwayId}/journal/${entries.team}`, author, { visibility: 'team' });

    await ctx.db.update(journalEntries).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(journalEntries.id, entries.team));
    const locked = await api('PATCH', `/pathways/${pathwayId}/journal/${entries.team}`, author, { note: 'later' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('journal_entry_locked');
    expect((await api('DELETE', `/pathways/${pathwayId}/journal/${entries.team}`, author)).statusCode).toBe(409);
    const list = await api('GET', `/pathways/${pathwayId}/journal`, author);
    expect(list.json().items.find((e: { id: string }) => e.id === entries.team).editableUntil).toBeNull();
  });

  it('the author removes an entry within the window; the removal is audited', async () => {
    const res = await api('POST', `/pathways/${pathwayId}/journal`, author, { occurredAt: '2026-02-04T09:00:00Z', type: 'phone', note: 'Verkeerd traject.' });
    const id = res.json().id;
    expect((await api('DELETE', `/pathways/${pathwayId}/journal/${id}`, author)).statusCode).toBe(204);
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'delete')));
    expect(audit).toHaveLength(1);
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const org2 = await newOrganisation(ctx.db, 'Sleutel');
    const companion = await signedIn(ctx, org2, 'companion', { placeId: org2.placeId });
    const person = await newAccount(ctx.db, org2, 'participant', { placeId: org2.placeId });
    const pw = await newPathway(ctx.db, org2, { participantId: person.personId, companionPersonId: companion.personId });
    // 45 entries, three on the same moment (the id breaks the tie)
    const values = Array.from({ length: 45 }, (_, i) => ({
      organisationId: org2.id,
      pathwayId: pw.id,
      authorPersonId: companion.personId,
      occurredAt: new Date(Date.UTC(2025, 0, 1 + Math.min(i, 42), 10)),
      type: 'meeting' as const,
      note: `Gesprek ${i}`,
      visibility: 'team' as const,
    }));
    await ctx.db.insert(journalEntries).values(values);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/pathways/${pw.id}/journal?limit=20${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await ctx.app.inject({ url: `/api/v1${q}`, headers: companion.headers });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((e: { note: string; occurredAt: string }) => e.occurredAt));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(45);
    expect([...seen].sort().reverse()).toEqual(seen);
    const bad = await ctx.app.inject({ url: `/api/v1/pathways/${pw.id}/journal?cursor=nonsense`, headers: companion.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_cursor');
    // another organisation's companion never reaches it
    expect((await api('GET', `/pathways/${pw.id}/journal`, author)).statusCode).toBe(404);
  });

  it('bad input is a problem, never a 500', async () => {
    const cases = [
      { occurredAt: 'yesterday', type: 'meeting', note: 'x' },
      { occurredAt: '2026-02-03T10:00:00Z', type: 'chat', note: 'x' },
      { occurredAt: '2026-02-03T10:00:00Z', type: 'meeting', note: '   ' },
      { occurredAt: '2026-02-03T10:00:00Z', type: 'meeting', note: 'x', durationMinutes: 2000 },
      { occurredAt: '2026-02-03T10:00:00Z', type: 'meeting', note: 'x', visibility: 'everyone' },
    ];
    for (const body of cases) {
      const res = await api('POST', `/pathways/${pathwayId}/journal`, author, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    const future = await api('POST', `/pathways/${pathwayId}/journal`, author, { occurredAt: '2099-01-01T10:00:00Z', type: 'meeting', note: 'x' });
    expect(future.json().code).toBe('date_in_future');
    expect((await api('GET', '/pathways/not-a-uuid/journal', author)).statusCode).toBe(400);
    expect((await api('GET', '/pathways/0190f5a2-0000-7000-8000-000000000000/journal', author)).statusCode).toBe(404);
  });
});

describe('instruments', () => {
  it('every organisation gets the participation ladder and life-domain self-reliance on first use, once, even when asked at the same time', async () => {
    const org3 = await newOrganisation(ctx.db, 'Werk in de wijk');
    const someone = await signedIn(ctx, org3, 'companion');
    const results = await Promise.all([1, 2, 3].map(() => api('GET', '/instruments', someone)));
    for (const r of results) expect(r.statusCode).toBe(200);
    await withOrganisation(ctx.db, org3.id, (tx) => ensureDefaultInstruments(tx, org3.id));
    const rows = await ctx.db.select().from(instruments).where(eq(instruments.organisationId, org3.id));
    expect(rows.map((r) => r.key).sort()).toEqual(['life-domains', 'participation-ladder']);
    const items = results[0].json().items;
    const ladder = items.find((i: { key: string }) => i.key === 'participation-ladder');
    expect(ladder.domains).toHaveLength(1);
    expect(ladder.levels.map((l: { value: number }) => l.value)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const l of ladder.levels) expect(Object.keys(l.labels).sort()).toEqual(['ar', 'en', 'fr', 'nl']);
    const domains = items.find((i: { key: string }) => i.key === 'life-domains');
    expect(domains.domains.map((d: { key: string }) => d.key)).toEqual(['work', 'housing', 'health', 'income', 'education', 'parenting', 'social-network']);
    expect(domains.levels.map((l: { labels: { en: string } }) => l.labels.en)).toEqual([
      'Acute problem',
      'Not self-reliant',
      'Partly self-reliant',
      'Sufficiently self-reliant',
      'Fully self-reliant',
    ]);
  });

  let custom: string;
  it('an admin adds an instrument; only admins may', async () => {
    const body = {
      name: { nl: 'Nederlands spreken', en: 'Speaking Dutch' },
      domains: [
        { key: 'speaking', labels: { nl: 'Spreken', ar: 'التحدث' } },
        { key: 'listening', labels: { nl: 'Luisteren' } },
      ],
      levels: [
        { value: 1, labels: { nl: 'Enkele woorden' } },
        { value: 2, labels: { nl: 'Eenvoudige zinnen' } },
        { value: 3, labels: { nl: 'Vlot' } },
      ],
    };
    expect((await api('POST', '/instruments', author, body)).statusCode).toBe(403);
    const res = await api('POST', '/instruments', admin, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: null, archived: false, scored: { assessments: 0 } });
    custom = res.json().id;
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'instrument'), eq(auditLog.entityId, custom)));
    expect(audit).toHaveLength(1);
  });

  it.each([
    ['no domain', { domains: [] }],
    ['one level', { levels: [{ value: 1, labels: { nl: 'a' } }] }],
    [
      'levels not ascending',
      {
        levels: [
          { value: 2, labels: { nl: 'a' } },
          { value: 1, labels: { nl: 'b' } },
        ],
      },
    ],
    ['a label without the Dutch fallback', { name: { en: 'Speaking' } }],
  ])('refuses an instrument with %s (400 with the field)', async (_, change) => {
    const res = await api('POST', '/instruments', admin, {
      name: { nl: 'X' },
      domains: [{ key: 'a', labels: { nl: 'A' } }],
      levels: [
        { value: 1, labels: { nl: '1' } },
        { value: 2, labels: { nl: '2' } },
      ],
      ...change,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors.length).toBeGreaterThan(0);
  });

  it('a scored instrument keeps the domains and levels that have scores (409), but labels change and domains can be added', async () => {
    const scored = await api('POST', `/pathways/${pathwayId}/assessments`, author, {
      instrumentId: custom,
      assessedOn: '2026-02-01',
      scores: [{ domainKey: 'speaking', level: 2 }],
    });
    expect(scored.statusCode).toBe(201);
    const detail = await api('GET', `/instruments/${custom}`, admin);
    expect(detail.json().scored).toEqual({ assessments: 1, domains: ['speaking'], levels: [2] });

    const dropDomain = await api('PATCH', `/instruments/${custom}`, admin, { domains: [{ key: 'listening', labels: { nl: 'Luisteren' } }] });
    expect(dropDomain.statusCode).toBe(409);
    expect(dropDomain.json()).toMatchObject({ code: 'instrument_scored', domains: ['speaking'], levels: [] });
    const dropLevel = await api('PATCH', `/instruments/${custom}`, admin, {
      levels: [
        { value: 1, labels: { nl: 'a' } },
        { value: 3, labels: { nl: 'c' } },
      ],
    });
    expect(dropLevel.statusCode).toBe(409);
    expect(dropLevel.json().levels).toEqual([2]);

    const relabel = await api('PATCH', `/instruments/${custom}`, admin, {
      name: { nl: 'Nederlands', fr: 'Néerlandais' },
      domains: [
        { key: 'speaking', labels: { nl: 'Spreken', fr: 'Parler' } },
        { key: 'listening', labels: { nl: 'Luisteren' } },
        { key: 'writing', labels: { nl: 'Schrijven' } },
      ],
    });
    expect(relabel.statusCode).toBe(200);
    expect(relabel.json().domains.map((d: { key: string }) => d.key)).toEqual(['speaking', 'listening', 'writing']);
    // an unscored domain may go
    expect((await api('PATCH', `/instruments/${custom}`, admin, { domains: relabel.json().domains.slice(0, 2) })).statusCode).toBe(200);
  });

  it('an archived instrument is no longer offered or scored, but its history stays on the pathway', async () => {
    expect((await api('PATCH', `/instruments/${custom}`, admin, { archived: true })).json().archived).toBe(true);
    const list = await api('GET', '/instruments', author);
    expect(list.json().items.some((i: { id: string }) => i.id === custom)).toBe(false);
    const res = await api('POST', `/pathways/${pathwayId}/assessments`, author, {
      instrumentId: custom,
      assessedOn: '2026-02-02',
      scores: [{ domainKey: 'speaking', level: 3 }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('instrument_archived');
    const overview = await api('GET', `/pathways/${pathwayId}/assessments`, author);
    expect(overview.json().items.find((i: { instrument: { id: string } }) => i.instrument.id === custom).series.companion).toHaveLength(1);
    await api('PATCH', `/instruments/${custom}`, admin, { archived: false });
  });

  it('bad input for an instrument is a problem, never a 500', async () => {
    expect((await api('PATCH', '/instruments/0190f5a2-0000-7000-8000-000000000000', admin, { archived: true })).statusCode).toBe(404);
    expect((await api('POST', '/instruments', admin, { name: 'Taal' })).statusCode).toBe(400);
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/instruments',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(r.statusCode).toBe(400);
  });
});

describe('assessments', () => {
  let ladder: string;
  let lifeDomains: string;
  beforeAll(async () => {
    const items = (await api('GET', '/instruments', author)).json().items;
    ladder = items.find((i: { key: string }) => i.key === 'participation-ladder').id;
    lifeDomains = items.find((i: { key: string }) => i.key === 'life-domains').id;
  });

  it('the companion and the participant each score, side by side, and see the distance travelled per domain and in total', async () => {
    const score = (who: Who, assessedOn: string, levels: Record<string, number>) =>
      api('POST', `/pathways/${pathwayId}/assessments`, who, {
        instrumentId: lifeDomains,
        assessedOn,
        scores: Object.entries(levels).map(([domainKey, level]) => ({ domainKey, level })),
      });
    expect((await score(author, '2025-03-01', { work: 1, housing: 2, income: 2 })).statusCode).toBe(201);
    expect((await score(author, '2025-09-01', { work: 2, housing: 3, income: 2 })).statusCode).toBe(201);
    expect((await score(author, '2026-03-01', { work: 3, housing: 4, income: 3, health: 4 })).statusCode).toBe(201);
    const own = await score(participant, '2025-03-02', { work: 2, housing: 2 });
    expect(own.statusCode).toBe(201);
    expect(own.json().assessorRole).toBe('participant');
    expect((await score(participant, '2026-03-02', { work: 4, housing: 3 })).statusCode).toBe(201);

    for (const who of [author, participant, lead]) {
      const res = await api('GET', `/pathways/${pathwayId}/assessments`, who);
      expect(res.statusCode).toBe(200);
      const item = res.json().items.find((i: { instrument: { id: string } }) => i.instrument.id === lifeDomains);
      expect(item.series.companion.map((a: { assessedOn: string }) => a.assessedOn)).toEqual(['2025-03-01', '2025-09-01', '2026-03-01']);
      expect(item.series.participant).toHaveLength(2);
      const c = item.distance.companion;
      expect(Object.fromEntries(c.domains.map((d: { domainKey: string; change: number | null }) => [d.domainKey, d.change]))).toMatchObject({
        work: 2,
        housing: 2,
        income: 1,
        health: null,
        parenting: null,
      });
      expect(c.total).toEqual({ first: 5, last: 10, change: 5, domains: 3 });
      expect(item.distance.participant.total).toEqual({ first: 4, last: 7, change: 3, domains: 2 });
    }
    expect((await api('GET', `/pathways/${pathwayId}/assessments`, author)).json().scoreAs).toBe('companion');
    expect((await api('GET', `/pathways/${pathwayId}/assessments`, participant)).json().scoreAs).toBe('participant');
    expect((await api('GET', `/pathways/${pathwayId}/assessments`, lead)).json().scoreAs).toBeNull();

    const between = await api('GET', `/pathways/${pathwayId}/assessments?from=2025-09-01&to=2026-03-01`, author);
    const item = between.json().items.find((i: { instrument: { id: string } }) => i.instrument.id === lifeDomains);
    expect(item.distance.companion).toMatchObject({ from: '2025-09-01', to: '2026-03-01', assessments: 2, total: { change: 3 } });
    // the ladder has not been scored: an empty series and no total
    const l = between.json().items.find((i: { instrument: { id: string } }) => i.instrument.id === ladder);
    expect(l.distance.companion).toMatchObject({ assessments: 0, total: null });
  });

  it('the lead reads but does not score; others get 404', async () => {
    const body = { instrumentId: ladder, assessedOn: '2026-02-01', scores: [{ domainKey: 'participation', level: 3 }] };
    expect((await api('POST', `/pathways/${pathwayId}/assessments`, lead, body)).statusCode).toBe(403);
    for (const who of [otherParticipant, partnerOff, matchmaker]) {
      expect((await api('GET', `/pathways/${pathwayId}/assessments`, who)).statusCode).toBe(404);
      expect((await api('POST', `/pathways/${pathwayId}/assessments`, who, body)).statusCode).toBe(404);
    }
  });

  it('scores must fit the instrument; bad input is a 400, never a 500', async () => {
    const post = (body: unknown) => api('POST', `/pathways/${pathwayId}/assessments`, author, body);
    const unknown = await post({ instrumentId: ladder, assessedOn: '2026-02-01', scores: [{ domainKey: 'work', level: 3 }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'invalid_scores', errors: [{ field: 'scores.0.domainKey', code: 'unknown_domain' }] });
    const level = await post({ instrumentId: ladder, assessedOn: '2026-02-01', scores: [{ domainKey: 'participation', level: 7 }] });
    expect(level.json()).toMatchObject({ code: 'invalid_scores', errors: [{ field: 'scores.0.level', code: 'invalid_level' }] });
    expect((await post({ instrumentId: ladder, assessedOn: '2026-02-01', scores: [] })).statusCode).toBe(400);
    expect(
      (
        await post({
          instrumentId: ladder,
          assessedOn: '2026-02-01',
          scores: [
            { domainKey: 'participation', level: 3 },
            { domainKey: 'participation', level: 4 },
          ],
        })
      ).json().code,
    ).toBe('validation_failed');
    expect((await post({ instrumentId: ladder, assessedOn: '2026-02-30', scores: [{ domainKey: 'participation', level: 3 }] })).statusCode).toBe(400);
    expect((await post({ instrumentId: ladder, assessedOn: '2099-01-01', scores: [{ domainKey: 'participation', level: 3 }] })).json().code).toBe(
      'date_in_future',
    );
    expect(
      (await post({ instrumentId: '0190f5a2-0000-7000-8000-000000000000', assessedOn: '2026-02-01', scores: [{ domainKey: 'a', level: 1 }] })).statusCode,
    ).toBe(404);
    expect((await api('GET', `/pathways/${pathwayId}/assessments?from=gisteren`, author)).statusCode).toBe(400);
  });

  it('the assessor takes back their own scoring the same day; nobody else can', async () => {
    const res = await api('POST', `/pathways/${pathwayId}/assessments`, participant, {
      instrumentId: ladder,
      assessedOn: '2026-02-01',
      scores: [{ domainKey: 'participation', level: 3 }],
    });
    expect((await api('DELETE', `/pathways/${pathwayId}/assessments/${res.json().id}`, author)).statusCode).toBe(403);
    expect((await api('DELETE', `/pathways/${pathwayId}/assessments/${res.json().id}`, participant)).statusCode).toBe(204);
  });
});

describe('network map', () => {
  let first: string;
  let second: string;
  it('the participant draws their network; a new snapshot starts as a copy of the last one', async () => {
    const res = await api('POST', `/pathways/${pathwayId}/network/snapshots`, participant, {
      takenOn: '2025-03-01',
      entries: [
        { kind: 'person', name: 'Mama', relation: 'family', closeness: 1, support: 'Past op de kinderen' },
        { kind: 'person', name: 'Karim', relation: 'friend', closeness: 3 },
        { kind: 'organisation', name: 'OCMW', relation: 'organisation', closeness: 3, support: 'Leefloon' },
      ],
    });
    expect(res.statusCode).toBe(201);
    first = res.json().id;
    expect(res.json()).toMatchObject({ people: 2, organisations: 1, latest: true });
    const copy = await api('POST', `/pathways/${pathwayId}/network/snapshots`, author, { takenOn: '2026-03-01', note: 'Een jaar later' });
    expect(copy.statusCode).toBe(201);
    second = copy.json().id;
    expect(copy.json().entries.map((e: { name: string }) => e.name)).toEqual(['Mama', 'Karim', 'OCMW']);
  });

  it('only the latest snapshot changes; then the comparison shows added, removed, closer and further', async () => {
    const entries = [
      { kind: 'person', name: 'Mama', relation: 'family', closeness: 2 },
      { kind: 'organisation', name: 'OCMW', relation: 'organisation', closeness: 2 },
      { kind: 'person', name: 'Joyce', relation: 'professional', closeness: 1, support: 'Trajectgezel' },
    ];
    expect((await api('PATCH', `/pathways/${pathwayId}/network/snapshots/${first}`, author, { entries })).json().code).toBe('snapshot_not_latest');
    const res = await api('PATCH', `/pathways/${pathwayId}/network/snapshots/${second}`, author, { entries });
    expect(res.statusCode).toBe(200);
    const cmp = await api('GET', `/pathways/${pathwayId}/network/compare?from=${first}&to=${second}`, participant);
    expect(cmp.statusCode).toBe(200);
    const c = cmp.json();
    expect(c.added.map((e: { name: string }) => e.name)).toEqual(['Joyce']);
    expect(c.removed.map((e: { name: string }) => e.name)).toEqual(['Karim']);
    expect(c.closer.map((m: { entry: { name: string }; from: number; to: number }) => [m.entry.name, m.from, m.to])).toEqual([['OCMW', 3, 2]]);
    expect(c.further.map((m: { entry: { name: string }; from: number; to: number }) => [m.entry.name, m.from, m.to])).toEqual([['Mama', 1, 2]]);
    const overview = await api('GET', `/pathways/${pathwayId}/network`, participant);
    expect(overview.json().snapshots.map((s: { id: string }) => s.id)).toEqual([second, first]);
    expect(overview.json().latest.id).toBe(second);
  });

  it('the lead, another participant, a partner worker off the team and a matchmaker do not see the network', async () => {
    expect((await api('GET', `/pathways/${pathwayId}/network`, lead)).statusCode).toBe(403);
    for (const who of [otherParticipant, partnerOff, matchmaker]) {
      expect((await api('GET', `/pathways/${pathwayId}/network`, who)).statusCode).toBe(404);
      expect((await api('GET', `/pathways/${pathwayId}/network/snapshots/${first}`, who)).statusCode).toBe(404);
    }
  });

  it('bad input is a problem, never a 500', async () => {
    const bad = [
      { takenOn: '2026-03-02', entries: [{ kind: 'person', name: 'X', relation: 'family', closeness: 4 }] },
      { takenOn: '2026-03-02', entries: [{ kind: 'animal', name: 'X', relation: 'family', closeness: 1 }] },
      { takenOn: '2026-03-02', entries: [{ kind: 'person', name: '', relation: 'family', closeness: 1 }] },
      { takenOn: 'soon' },
    ];
    for (const body of bad) expect((await api('POST', `/pathways/${pathwayId}/network/snapshots`, author, body)).statusCode).toBe(400);
    const ref = await api('POST', `/pathways/${pathwayId}/network/snapshots`, author, {
      takenOn: '2026-03-02',
      entries: [{ kind: 'organisation', name: 'X', relation: 'organisation', closeness: 1, partnerId: '0190f5a2-0000-7000-8000-000000000000' }],
    });
    expect(ref.statusCode).toBe(400);
    expect((await api('GET', `/pathways/${pathwayId}/network/compare?from=${first}`, author)).statusCode).toBe(400);
    expect((await api('GET', `/pathways/${pathwayId}/network/compare?from=${first}&to=0190f5a2-0000-7000-8000-000000000000`, author)).statusCode).toBe(404);
  });
});

describe('withdrawn guidance consent', () => {
  it('takes effect at once: the team can no longer add records, the participant still can score and draw', async () => {
    await ctx.db
      .update(consents)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(consents.participantId, participant.personId), eq(consents.purpose, 'guidance')));
    const j = await api('POST', `/pathways/${pathwayId}/journal`, author, { occurredAt: '2026-02-05T10:00:00Z', type: 'phone', note: 'x' });
    expect(j.statusCode).toBe(409);
    expect(j.json().code).toBe('consent_withdrawn');
    const list = await api('GET', `/pathways/${pathwayId}/journal`, author);
    expect(list.json()).toMatchObject({ canWrite: false, consentWithdrawn: true });
    const items = (await api('GET', '/instruments', author)).json().items;
    const ladder = items.find((i: { key: string }) => i.key === 'participation-ladder').id;
    const body = { instrumentId: ladder, assessedOn: '2026-02-05', scores: [{ domainKey: 'participation', level: 3 }] };
    expect((await api('POST', `/pathways/${pathwayId}/assessments`, author, body)).json().code).toBe('consent_withdrawn');
    expect((await api('POST', `/pathways/${pathwayId}/assessments`, participant, body)).statusCode).toBe(201);
    expect((await api('POST', `/pathways/${pathwayId}/network/snapshots`, author, { takenOn: '2026-03-03' })).json().code).toBe('consent_withdrawn');
    expect((await api('POST', `/pathways/${pathwayId}/network/snapshots`, participant, { takenOn: '2026-03-03' })).statusCode).toBe(201);
  });
});

it('a signed-out caller gets 401', async () => {
  const res = await ctx.app.inject({ url: `/api/v1/pathways/${pathwayId}/journal` });
  expect(res.statusCode).toBe(401);
});

describe('demo care record', () => {
  it('tells a story the screens can show: every visibility, progress on both sides, a growing network', async () => {
    const org4 = await newOrganisation(ctx.db, 'Demo');
    const companion = await signedIn(ctx, org4, 'companion', { placeId: org4.placeId });
    const person = await signedIn(ctx, org4, 'participant', { placeId: org4.placeId });
    const pw = await newPathway(ctx.db, org4, { participantId: person.personId, companionPersonId: companion.personId, startedOn: '2024-01-08' });
    await ctx.db.transaction((tx) => loadCareDemo(tx, org4.id));
    await ctx.db.transaction((tx) => loadCareDemo(tx, org4.id)); // a second run adds nothing

    const mine = (await api('GET', `/pathways/${pw.id}/journal?limit=100`, companion)).json().items;
    expect(new Set(mine.map((e: { visibility: string }) => e.visibility))).toEqual(new Set(['author', 'team', 'participant']));
    expect(mine[0].editableUntil).not.toBeNull();
    const shared = (await api('GET', `/pathways/${pw.id}/journal?limit=100`, person)).json().items;
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((e: { visibility: string }) => e.visibility === 'participant')).toBe(true);

    const overview = (await api('GET', `/pathways/${pw.id}/assessments`, companion)).json();
    for (const item of overview.items) {
      expect(item.series.companion.length).toBeGreaterThan(1);
      expect(item.series.participant.length).toBeGreaterThan(1);
      expect(item.distance.companion.total.change).toBeGreaterThan(0);
      expect(item.distance.participant.total.change).toBeGreaterThan(0);
    }
    const network = (await api('GET', `/pathways/${pw.id}/network`, person)).json();
    expect(network.snapshots).toHaveLength(2);
    const cmp = (await api('GET', `/pathways/${pw.id}/network/compare?from=${network.snapshots[1].id}&to=${network.snapshots[0].id}`, person)).json();
    expect(cmp.added.length).toBeGreaterThan(0);
    expect(cmp.closer.length).toBeGreaterThan(0);
  });
});
