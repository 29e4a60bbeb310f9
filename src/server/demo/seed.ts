import { count } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import {
  accounts,
  fundingLines,
  organisations,
  partnerContacts,
  partners,
  people,
  placeHosts,
  places,
  programmePlaces,
  programmes,
  roleAssignments,
} from '../db/schema/index.ts';
import { loadActivitiesDemo } from '../modules/activities/demo.ts';
import { hashPassword } from '../modules/auth/service.ts';
import { loadMatchingDemo } from '../modules/matching/demo.ts';
import { loadPathwaysDemo } from '../modules/pathways/demo.ts';
import { loadTaxonomyDemo } from '../modules/matching/taxonomy/demo.ts';
import { loadPolicyDemo } from '../modules/policy/demo.ts';
import { loadResearchDemo } from '../modules/reports/demo.ts';
import type { Role } from '../../shared/permissions.ts';
import { rng } from '../../shared/random.ts';

export const DEMO_PASSWORD = 'schakel-demo';

// Fictitious names with the mix of a Flemish city; any resemblance is chance.
const givenNames = [
  'Fatima', 'Mohamed', 'Emma', 'Lucas', 'Aisha', 'Youssef', 'Marie', 'Jonas', 'Nadia', 'Hamza',
  'Sofie', 'Kevin', 'Amina', 'Bilal', 'Lotte', 'Dries', 'Samira', 'Omar', 'Ilse', 'Tom',
  'Zainab', 'Mehmet', 'Elif', 'Kofi', 'Grace', 'Olena', 'Andriy', 'Rania', 'Abdi', 'Hodan',
  'Priya', 'Jef', 'Marleen', 'Noor', 'Yasmina', 'Wout', 'Ayoub', 'Chantal', 'Serge', 'Maryam',
  'Tesfaye', 'Liesbeth', 'Ahmed', 'Jana', 'Rachid', 'Nele', 'Farid', 'Patrick', 'Hind', 'Luc',
  'Sara', 'Mustafa', 'Ines', 'Karim', 'Greet', 'Imane', 'Pieter', 'Leila', 'Bart', 'Dounia',
];
const familyNames = [
  'El Amrani', 'Peeters', 'Janssens', 'Maes', 'Yilmaz', 'Benali', 'Claes', 'Wouters', 'Ouali', 'Mertens',
  'Boukhari', 'Jacobs', 'Willems', 'Haddou', 'Goossens', 'Kaya', 'Vermeulen', 'Mensah', 'Kovalenko', 'Diallo',
  'Aerts', 'Hussein', 'De Smet', 'Öztürk', 'Van den Broeck', 'Abdullahi', 'Verbeke', 'Ait Taleb', 'Lambrechts', 'Nguyen',
];
const languageSets = [['nl'], ['nl', 'fr'], ['ar', 'nl'], ['ar', 'fr'], ['tr', 'nl'], ['en', 'nl'], ['uk', 'en'], ['so', 'en'], ['nl', 'en', 'fr'], ['ti', 'en'], ['ber', 'ar', 'nl'], ['ru', 'uk']];
const abouts = [
  'Kookt graag voor grote groepen en droomt van een eigen cateringzaak.',
  'Herstelt fietsen in de buurt en wil dat aan jongeren leren.',
  'Wil Nederlands oefenen in gesprekken over alledaagse dingen.',
  'Naait kleren en geeft graag een workshop herstellen.',
  'Zoekt werk in de logistiek; heeft een rijbewijs C.',
  'Helpt buren met papieren en formulieren.',
  'Houdt van tuinieren en wil een moestuin in de wijk starten.',
  'Is goed met computers en helpt graag met smartphones.',
  'Wil na een lange tijd thuis met de kinderen opnieuw aan de slag.',
  'Speelt gitaar en zoekt mensen om samen muziek te maken.',
  null,
];

export interface DemoSummary {
  participants: number;
  accounts: { role: Role; login: string; password: string }[];
}

async function isEmpty(db: Db) {
  const [{ n }] = await db.select({ n: count() }).from(organisations);
  return n === 0;
}

/** Loads the demo organisation when the database holds no organisation yet; null when it did. */
export async function loadDemoIfEmpty(db: Db): Promise<DemoSummary | null> {
  if (!(await isEmpty(db))) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction((tx) => seed(tx, passwordHash));
}

async function seed(tx: Tx, passwordHash: string): Promise<DemoSummary> {
  const random = rng(2021);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];

  const [org] = await tx.insert(organisations).values({ name: 'Blenders vzw', slug: 'blenders' }).returning();
  const organisationId = org.id;
  const [programme] = await tx
    .insert(programmes)
    .values({
      organisationId,
      name: 'Activeren via Stuyfplekmethodiek',
      description: 'ESF 490/457 BIS: kansengroepen, actieve burgers en dienstverleners inspireren en versterken elkaar in Turnhout, Lier en Borgerhout.',
      startsOn: '2021-01-01',
      endsOn: '2023-12-31',
    })
    .returning();
  await tx.insert(fundingLines).values([
    { organisationId, programmeId: programme.id, funder: 'ESF', reference: '490/457 BIS', amountCents: 63_281_350 },
    { organisationId, programmeId: programme.id, funder: 'VCF', reference: '490/457 BIS', amountCents: 63_281_350 },
  ]);

  const placeRows = await tx
    .insert(places)
    .values([
      { organisationId, name: 'Stuyfplek Lier', street: 'Zimmerplein 1', postalCode: '2500', city: 'Lier', phone: '015 69 98 59', description: "Ontmoetingsruimte van sociaal restaurant 't Hofke, met JEC De Krone." },
      { organisationId, name: 'Stuyfplek Turnhout', street: 'Grote Markt 44', postalCode: '2300', city: 'Turnhout' },
      { organisationId, name: 'Stuyfplek Borgerhout', street: 'Turnhoutsebaan 139', postalCode: '2140', city: 'Borgerhout' },
    ])
    .returning();
  await tx.insert(programmePlaces).values(placeRows.map((p) => ({ organisationId, programmeId: programme.id, placeId: p.id })));
  const [lier, turnhout, borgerhout] = placeRows;

  const partnerSpecs = [
    { name: 'Stad Lier', kind: 'local-government', contact: ['Ann Vermeiren', 'beleidsmedewerker werk en economie'] },
    { name: 'VDAB', kind: 'employment-service', contact: ['Koen De Wit', 'trajectbegeleider'] },
    { name: 'OCMW Lier', kind: 'social-welfare', contact: ['Sarah Michiels', 'maatschappelijk werker'] },
    { name: 'CAW De Kempen', kind: 'welfare', contact: ['Hilde Bosmans', 'onthaalmedewerker'] },
    { name: 'vzw Solentra', kind: 'ngo', contact: ['Joris Van Looy', 'vluchtelingenwerker'] },
    { name: 'JEC De Krone', kind: 'training', contact: ['Els Smets', 'jobcoach'] },
    { name: 'MIVAS', kind: 'social-enterprise', contact: ["Raf D'Hondt", "verantwoordelijke 't Hofke"] },
    { name: 'Odisee Kenniscentrum Gezinswetenschappen', kind: 'research', contact: ['Dr. Leen Segers', 'onderzoeker'] },
  ] as const;
  for (const spec of partnerSpecs) {
    const [p] = await tx.insert(partners).values({ organisationId, name: spec.name, kind: spec.kind }).returning();
    await tx.insert(partnerContacts).values({ organisationId, partnerId: p.id, name: spec.contact[0], role: spec.contact[1] });
  }

  // One account per role; the matchmakers are the hosts of Lier, as in the seed.
  const staffSpecs: { role: Role; given: string; family: string; login: string; placeId: string | null }[] = [
    { role: 'admin', given: 'Kris', family: 'Verellen', login: 'admin@blenders.demo', placeId: null },
    { role: 'coordinator', given: 'Veerle', family: 'Vanstechelman', login: 'coordinator@blenders.demo', placeId: null },
    { role: 'matchmaker', given: 'Heidi', family: 'Heymans', login: 'matchmaker@blenders.demo', placeId: lier.id },
    { role: 'companion', given: 'Joyce', family: 'Wouters', login: 'companion@blenders.demo', placeId: lier.id },
    { role: 'partner-worker', given: 'Koen', family: 'De Wit', login: 'partner@blenders.demo', placeId: null },
    { role: 'facilitator', given: 'Charlotte', family: 'Goyvaerts', login: 'facilitator@blenders.demo', placeId: lier.id },
    { role: 'steering-member', given: 'Isabelle', family: 'Thielemans', login: 'steering@blenders.demo', placeId: null },
    { role: 'researcher', given: 'Leen', family: 'Segers', login: 'researcher@blenders.demo', placeId: null },
  ];
  const summary: DemoSummary = { participants: 0, accounts: [] };
  for (const s of staffSpecs) {
    const [person] = await tx
      .insert(people)
      .values({ organisationId, kind: 'staff', givenName: s.given, familyName: s.family, email: s.login, placeId: s.placeId, languages: ['nl', 'en'] })
      .returning();
    const [account] = await tx.insert(accounts).values({ organisationId, personId: person.id, login: s.login, passwordHash }).returning();
    await tx.insert(roleAssignments).values({ organisationId, accountId: account.id, role: s.role, placeId: s.placeId });
    if (s.role === 'matchmaker') await tx.insert(placeHosts).values({ organisationId, placeId: lier.id, personId: person.id });
    summary.accounts.push({ role: s.role, login: s.login, password: DEMO_PASSWORD });
  }

  const placeCycle = [lier, lier, turnhout, borgerhout];
  const used = new Set<string>();
  const participantRows: (typeof people.$inferInsert)[] = [];
  for (let i = 0; i < 60; i++) {
    let given = pick(givenNames);
    let family = pick(familyNames);
    while (used.has(`${given} ${family}`)) {
      given = pick(givenNames);
      family = pick(familyNames);
    }
    used.add(`${given} ${family}`);
    const place = placeCycle[i % placeCycle.length];
    const year = 1962 + Math.floor(random() * 44);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const hasEmail = random() < 0.6;
    participantRows.push({
      organisationId,
      kind: 'participant',
      givenName: given,
      familyName: family,
      email: hasEmail ? `${given}.${family}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + `${i}@example.org` : null,
      phone: random() < 0.8 ? `04${Math.floor(70 + random() * 29)} ${String(Math.floor(random() * 1e6)).padStart(6, '0')}` : null,
      birthDate: `${year}-${month}-${day}`,
      placeId: place.id,
      city: place.city,
      languages: pick(languageSets),
      preferredLanguage: pick(['nl', 'nl', 'nl', 'en', 'fr', 'ar'] as const),
      about: pick(abouts),
    });
  }
  const inserted = await tx.insert(people).values(participantRows).returning();
  summary.participants = inserted.length;

  // One participant already signs in, to show the participant's own screens.
  const fatima = inserted[0];
  const [pAccount] = await tx.insert(accounts).values({ organisationId, personId: fatima.id, login: 'deelnemer@blenders.demo', passwordHash }).returning();
  await tx.insert(roleAssignments).values({ organisationId, accountId: pAccount.id, role: 'participant', placeId: fatima.placeId });
  summary.accounts.push({ role: 'participant', login: 'deelnemer@blenders.demo', password: DEMO_PASSWORD });
  await loadActivitiesDemo(tx, organisationId);
  await loadTaxonomyDemo(tx, organisationId);
  await loadMatchingDemo(tx, organisationId);
  await loadPathwaysDemo(tx, organisationId);
  await loadPolicyDemo(tx, organisationId);
  await loadResearchDemo(tx, organisationId);
  return summary;
}
