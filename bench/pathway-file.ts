/**
 * pathway-file: opening a participant's file with five years of history (500 journal entries,
 * 50 assessments, 20 referrals out, a plan, ten network snapshots) on PostgreSQL, as the companion
 * on the team. "Opening" is what the file screen asks at once: the overview
 * (GET /pathways/:id) and the data of its tabs: the journal's first page, the assessments with
 * distance travelled, the network map and the referrals out, sent together as the browser does.
 * The app runs in-process (buildApp); openings are sequential, one at a time, after a warm-up.
 * Each answer is checked (all 20 referrals, all 50 assessments), so a query that returns too
 * little cannot pass.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import {
  accounts,
  assessmentScores,
  assessments,
  consents,
  entryData,
  goals,
  instruments,
  journalEntries,
  networkEntries,
  networkSnapshots,
  partners,
  pathways,
  pathwayTeam,
  people,
  referralsOut,
  steps,
} from '../src/server/db/schema/index.ts';
import { createMailer } from '../src/server/mail.ts';
import type { lifeDomains } from '../src/shared/pathways.ts';
import { rng } from '../src/shared/random.ts';
import { generateOrganisation, pick } from './generate.ts';
import { adminQuery, type BenchResult, listenAndSignIn, percentile, reachable, round } from './lib.ts';

const JOURNAL = 500;
const ASSESSMENTS = 50;
const REFERRALS = 20;
const SNAPSHOTS = 10;
const WARMUP = 5;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const TARGET_P95_MS = 150;
/** Five years of history, ending on a fixed day so that two runs measure the same data. */
const START = Date.parse('2022-01-10T09:00:00Z');
const END = Date.parse('2026-12-18T09:00:00Z');

const notes = [
  'Gesprek over de zoektocht naar werk; cv samen herwerkt.',
  'Telefoon: afspraak bij het OCMW bevestigd, zij gaat alleen.',
  'Huisbezoek. De kinderen waren er; we spraken over opvang en schoolkosten.',
  'Groepssessie: zij vertelde over haar vrijwilligerswerk in de keuken.',
  'Bericht: vraagt uitstel van de afspraak wegens ziekte van haar zoon.',
  'Samen naar de VDAB; inschrijving voor een opleiding logistiek.',
];
const services = ['Budgetbegeleiding', 'Psycholoog', 'Leefloon', 'Schuldbemiddeling', 'Opleiding Nederlands', 'Kinderopvang', 'Jobcoaching'];
const domains = ['work', 'housing', 'health', 'income', 'education', 'parenting', 'social-network'];

export async function pathwayFile(): Promise<BenchResult> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const shown = adminUrl.replace(/\/\/[^@]*@/, '//…@');
  if (!(await reachable(adminUrl))) {
    const why = `PostgreSQL is not reachable at ${shown}; start it (or set DATABASE_URL) to run this benchmark`;
    console.log(`  SKIPPED: ${why}`);
    return { name: 'pathway-file', skipped: why, checks: [] };
  }

  const name = `schakel_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();

  let database: Database | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    database = await openDatabase({ url, poolSize: 5 });
    await database.migrate();
    const db = database.db;
    const t = performance.now();
    // Other participants and their pathways around the one file: the indexes must pick hers out.
    const org = await generateOrganisation(db, { participants: 2000, places: 2, roles: ['companion'], seed: 11 });
    const organisationId = org.organisationId;
    const placeId = org.placeIds[0];
    const random = rng(2022);
    const companionLogin = org.accounts.companion?.login ?? '';
    const [companion] = await db.select({ personId: accounts.personId }).from(accounts).where(eq(accounts.login, companionLogin));
    const participantIds = (
      await db.select({ id: people.id }).from(people).where(sql`${people.organisationId} = ${organisationId} and ${people.kind} = 'participant'`)
    ).map((r) => r.id);

    // 300 other pathways with some journal each, so the file's queries run on a table of a realistic size.
    const others = await db
      .insert(pathways)
      .values(participantIds.slice(1, 301).map((pid) => ({ organisationId, participantId: pid, placeId, status: 'active' as const, startedOn: '2024-03-01' })))
      .returning({ id: pathways.id });
    const otherJournal = others.flatMap((p) =>
      Array.from({ length: 20 }, (_, k) => ({
        organisationId,
        pathwayId: p.id,
        authorPersonId: companion.personId,
        occurredAt: new Date(START + k * 30 * 86_400_000),
        type: 'meeting' as const,
        note: pick(random, notes),
        visibility: 'team' as const,
      })),
    );
    for (let at = 0; at < otherJournal.length; at += 1000) await db.insert(journalEntries).values(otherJournal.slice(at, at + 1000));

    // The file: five years of history.
    const participantId = participantIds[0];
    const [pathway] = await db.insert(pathways).values({ organisationId, participantId, placeId, status: 'active', startedOn: '2022-01-10' }).returning();
    const pathwayId = pathway.id;
    await db.insert(pathwayTeam).values({ organisationId, pathwayId, personId: companion.personId, role: 'lead-companion', joinedOn: '2022-01-10' });
    await db.insert(consents).values({ organisationId, participantId, purpose: 'guidance', givenAt: new Date(START) });
    await db.insert(entryData).values({
      organisationId,
      pathwayId,
      gender: 'woman',
      isced: 2,
      employmentAtEntry: 'unemployed',
      unemployedSince: '2020-06-01',
      disability: 'refused',
      minority: 'no',
      foreignBackground: 'yes',
      collectionAttemptedAt: new Date(START),
    });
    const journal = Array.from({ length: JOURNAL }, (_, k) => ({
      organisationId,
      pathwayId,
      authorPersonId: companion.personId,
      occurredAt: new Date(START + Math.floor(((END - START) * k) / JOURNAL)),
      type: pick(random, ['meeting', 'phone', 'message', 'home-visit', 'group'] as const),
      durationMinutes: 15 + Math.floor(random() * 90),
      note: pick(random, notes),
      visibility: pick(random, ['team', 'team', 'participant', 'author'] as const),
    }));
    await db.insert(journalEntries).values(journal);

    const [instrument] = await db
      .insert(instruments)
      .values({
        organisationId,
        name: { nl: 'Zelfredzaamheid per levensdomein', en: 'Life-domain self-reliance', fr: 'Autonomie par domaine', ar: 'الاعتماد على الذات' },
        domains: domains.map((key) => ({ key, labels: { nl: key, en: key, fr: key, ar: key } })),
        levels: [1, 2, 3, 4, 5].map((value) => ({ value, labels: { nl: String(value), en: String(value), fr: String(value), ar: String(value) } })),
      })
      .returning();
    const assessmentRows = await db
      .insert(assessments)
      .values(
        Array.from({ length: ASSESSMENTS }, (_, k) => ({
          organisationId,
          pathwayId,
          instrumentId: instrument.id,
          assessedOn: new Date(START + Math.floor(((END - START) * Math.floor(k / 2)) / (ASSESSMENTS / 2))).toISOString().slice(0, 10),
          assessorRole: k % 2 === 0 ? ('companion' as const) : ('participant' as const),
          assessorPersonId: k % 2 === 0 ? companion.personId : participantId,
        })),
      )
      .returning({ id: assessments.id });
    const scores = assessmentRows.flatMap((a, k) =>
      domains.map((domainKey) => ({ organisationId, assessmentId: a.id, domainKey, level: Math.min(5, 1 + Math.floor(k / 12) + Math.floor(random() * 2)) })),
    );
    await db.insert(assessmentScores).values(scores);

    const partnerRows = await db
      .insert(partners)
      .values(['CAW Waasland', 'OCMW Sint-Niklaas', 'VDAB', 'CGG Waas en Dender', 'Groep Intro'].map((n) => ({ organisationId, name: n, kind: 'welfare' })))
      .returning();
    for (const p of partnerRows)
      await db.insert(consents).values({ organisationId, participantId, purpose: 'share-with-partner', partnerId: p.id, givenAt: new Date(START) });
    await db.insert(referralsOut).values(
      Array.from({ length: REFERRALS }, (_, k) => ({
        organisationId,
        pathwayId,
        partnerId: partnerRows[k % partnerRows.length].id,
        service: pick(random, services),
        handoverNote: 'Met haar afgesproken: ze wil zelf bellen, liefst in de voormiddag.',
        sharedContact: ['phone'],
        status: pick(random, ['completed', 'completed', 'started', 'accepted', 'declined', 'sent'] as const),
        sentAt: new Date(START + k * 80 * 86_400_000),
        partnerFeedback: 'Intake gebeurd; volgende afspraak over drie weken.',
        feedbackAt: new Date(START + (k * 80 + 10) * 86_400_000),
        createdBy: companion.personId,
      })),
    );

    const goalRows = await db
      .insert(goals)
      .values(domains.map((d, k) => ({ organisationId, pathwayId, lifeDomain: d as (typeof lifeDomains)[number], text: `Mijn doel voor ${d}`, position: k })))
      .returning({ id: goals.id });
    await db
      .insert(steps)
      .values(
        goalRows.flatMap((g) =>
          [0, 1, 2].map((k) => ({ organisationId, goalId: g.id, text: `Stap ${k + 1}`, position: k, status: k === 0 ? ('done' as const) : ('todo' as const) })),
        ),
      );
    for (let s = 0; s < SNAPSHOTS; s++) {
      const [snap] = await db
        .insert(networkSnapshots)
        .values({ organisationId, pathwayId, takenOn: new Date(START + s * 180 * 86_400_000).toISOString().slice(0, 10), recordedBy: companion.personId })
        .returning();
      await db.insert(networkEntries).values(
        Array.from({ length: 8 }, (_, k) => ({
          organisationId,
          snapshotId: snap.id,
          kind: 'person' as const,
          name: `Persoon ${k + 1}`,
          relation: pick(random, ['family', 'friend', 'neighbour', 'professional'] as const),
          closeness: 1 + (k % 3),
        })),
      );
    }
    await db.execute(sql`vacuum analyze`);
    const generateMs = round(performance.now() - t, 0);
    console.log(
      `  one file with ${JOURNAL} journal entries, ${ASSESSMENTS} assessments, ${REFERRALS} referrals, ${SNAPSHOTS} network snapshots; 300 other pathways; generated in ${generateMs} ms`,
    );

    const config = loadConfig({ DATABASE_URL: url, SCHAKEL_DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0' });
    app = await buildApp({ config, database, mailer: createMailer(config) });
    const { base, headers } = await listenAndSignIn(app, org.accounts.companion);
    const paths = {
      overview: `/api/v1/pathways/${pathwayId}`,
      journal: `/api/v1/pathways/${pathwayId}/journal`,
      assessments: `/api/v1/pathways/${pathwayId}/assessments`,
      network: `/api/v1/pathways/${pathwayId}/network`,
      referrals: `/api/v1/pathways/${pathwayId}/referrals-out`,
    };
    const each: Record<keyof typeof paths, number[]> = { overview: [], journal: [], assessments: [], network: [], referrals: [] };

    const get = async (key: keyof typeof paths) => {
      const s = performance.now();
      const r = await fetch(base + paths[key], { headers });
      const text = await r.text();
      const ms = performance.now() - s;
      if (r.status !== 200) throw new Error(`${paths[key]} answered ${r.status}: ${text.slice(0, 300)}`);
      return { key, ms, body: JSON.parse(text), bytes: text.length };
    };
    const open = async () => {
      const s = performance.now();
      const answers = await Promise.all((Object.keys(paths) as (keyof typeof paths)[]).map(get));
      const ms = performance.now() - s;
      const by = Object.fromEntries(answers.map((a) => [a.key, a]));
      if (by.referrals.body.items.length !== REFERRALS) throw new Error(`referrals: ${by.referrals.body.items.length}, not ${REFERRALS}`);
      if (!by.journal.body.items.length) throw new Error('the journal came back empty');
      const assessmentCount = JSON.stringify(by.assessments.body).match(/"assessedOn"/g)?.length ?? 0;
      if (assessmentCount < ASSESSMENTS) throw new Error(`assessments: ${assessmentCount} in the answer, not ${ASSESSMENTS}`);
      return { ms, answers, bytes: answers.reduce((n, a) => n + a.bytes, 0), assessmentCount };
    };
    for (let k = 0; k < WARMUP; k++) await open();
    const times: number[] = [];
    let bytes = 0;
    let assessmentCount = 0;
    for (let k = 0; k < REQUESTS; k++) {
      const r = await open();
      times.push(r.ms);
      for (const a of r.answers) each[a.key].push(a.ms);
      bytes = r.bytes;
      assessmentCount = r.assessmentCount;
    }
    times.sort((a, b) => a - b);
    const p50 = round(percentile(times, 50), 1);
    const p95 = round(percentile(times, 95), 1);
    const perEndpoint = Object.fromEntries(
      Object.entries(each).map(([k, xs]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        return [k, { p50: round(percentile(sorted, 50), 1), p95: round(percentile(sorted, 95), 1) }];
      }),
    );
    console.log(
      `  ${REQUESTS} sequential openings (5 requests each, together) after ${WARMUP} warm-up: median ${p50} ms, p95 ${p95} ms; ${round(bytes / 1024, 0)} KiB`,
    );
    for (const [k, v] of Object.entries(perEndpoint)) console.log(`    ${k.padEnd(12)} p50 ${v.p50} ms, p95 ${v.p95} ms`);

    return {
      name: 'pathway-file',
      description: `Opening one pathway file with five years of history (${JOURNAL} journal entries, ${ASSESSMENTS} assessments, ${REFERRALS} referrals, ${SNAPSHOTS} network snapshots) as the companion on the team, on PostgreSQL: the overview and the journal, assessments, network and referrals requests sent together; ${REQUESTS} sequential openings after ${WARMUP} warm-up`,
      postgres: ((await database.db.execute(sql`show server_version`)) as unknown as { rows: { server_version: string }[] }).rows[0]?.server_version,
      journalEntries: JOURNAL,
      assessments: ASSESSMENTS,
      referrals: REFERRALS,
      generateMs,
      responseKiB: round(bytes / 1024, 0),
      latencyMs: { p50, p95, min: round(times[0], 1), max: round(times[times.length - 1], 1) },
      perEndpointMs: perEndpoint,
      checks: [
        { metric: 'opening the file p95, sequential', value: p95, unit: 'ms', target: `<= ${TARGET_P95_MS} ms`, pass: p95 <= TARGET_P95_MS },
        { metric: 'assessments in the answer', value: assessmentCount, unit: '', target: `>= ${ASSESSMENTS}`, pass: assessmentCount >= ASSESSMENTS },
        { metric: 'opening the file median, sequential', value: p50, unit: 'ms', target: '(informative)', pass: true },
      ],
    };
  } finally {
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`).catch((e) => console.error(`  could not drop ${name}: ${e}`));
  }
}
