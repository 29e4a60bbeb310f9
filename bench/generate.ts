/**
 * Data generator for benchmarks: an organisation with places, staff accounts and many
 * participants with realistic, varied names. Deterministic for a given seed, so that two runs
 * (or two machines) measure the same data. Inserts as the database owner, as an import would.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.ts';
import { accounts, organisations, people, places, roleAssignments } from '../src/server/db/schema/index.ts';
import { hashPassword } from '../src/server/modules/auth/service.ts';
import type { Role } from '../src/shared/permissions.ts';
import { type Random, rng } from '../src/shared/random.ts';

export const BENCH_PASSWORD = 'schakel-bench';

export const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

// Fictitious names with the mix of Flemish and Dutch cities: local, Maghreb, Turkish, Central
// and West African, Horn of Africa, Eastern European, Middle Eastern, South Asian.
export const givenNames = [
  'Emma',
  'Lucas',
  'Marie',
  'Jonas',
  'Sofie',
  'Kevin',
  'Lotte',
  'Dries',
  'Ilse',
  'Tom',
  'Jef',
  'Marleen',
  'Wout',
  'Liesbeth',
  'Jana',
  'Nele',
  'Patrick',
  'Luc',
  'Greet',
  'Pieter',
  'Bart',
  'Annelies',
  'Stijn',
  'Katrien',
  'Joris',
  'Hanne',
  'Sander',
  'Elke',
  'Koen',
  'Veerle',
  'Wim',
  'Griet',
  'Senne',
  'Lien',
  'Arne',
  'Febe',
  'Thibault',
  'Chloé',
  'Mathis',
  'Amélie',
  'Fatima',
  'Mohamed',
  'Aisha',
  'Youssef',
  'Nadia',
  'Hamza',
  'Amina',
  'Bilal',
  'Samira',
  'Omar',
  'Rachid',
  'Farid',
  'Hind',
  'Karim',
  'Imane',
  'Leila',
  'Dounia',
  'Ayoub',
  'Yasmina',
  'Noor',
  'Mustafa',
  'Ilias',
  'Soufiane',
  'Khadija',
  'Zakaria',
  'Salma',
  'Anas',
  'Houda',
  'Mehdi',
  'Siham',
  'Elif',
  'Mehmet',
  'Ayşe',
  'Emre',
  'Zeynep',
  'Burak',
  'Hülya',
  'Oğuz',
  'Büşra',
  'Kofi',
  'Grace',
  'Blessing',
  'Chidi',
  'Aminata',
  'Mamadou',
  'Fatoumata',
  'Ibrahima',
  'Mariam',
  'Moussa',
  'Bintou',
  'Jean-Pierre',
  'Tshilanda',
  'Mbuyi',
  'Nsimba',
  'Abdi',
  'Hodan',
  'Tesfaye',
  'Selam',
  'Yonas',
  'Hiwot',
  'Filmon',
  'Saba',
  'Ahmed',
  'Halima',
  'Olena',
  'Andriy',
  'Oksana',
  'Dmytro',
  'Iryna',
  'Taras',
  'Kateryna',
  'Łukasz',
  'Agnieszka',
  'Katarzyna',
  'Ștefan',
  'Ioana',
  'Rania',
  'Maryam',
  'Zainab',
  'Hassan',
  'Hussein',
  'Layla',
  'Tarek',
  'Nour',
  'Rami',
  'Dima',
  'Farhad',
  'Zahra',
  'Ali',
  'Sadia',
  'Priya',
  'Arjun',
  'Anh',
  'Minh',
  'Mei',
  'Ana',
  'José',
  'María',
  'João',
  'Inês',
  'Sara',
  'Ines',
  'Chantal',
  'Serge',
];
export const familyNames = [
  'Peeters',
  'Janssens',
  'Maes',
  'Jacobs',
  'Mertens',
  'Willems',
  'Claes',
  'Goossens',
  'Wouters',
  'De Smet',
  'Dubois',
  'Lambert',
  'Dupont',
  'Martens',
  'Aerts',
  'Vermeulen',
  'Van den Broeck',
  'Hermans',
  'Michiels',
  'Verbeke',
  'Lambrechts',
  'Van Damme',
  'De Backer',
  'Smets',
  'Segers',
  'Cools',
  'Van de Velde',
  'Verhoeven',
  'Bosmans',
  'De Wit',
  'Thielemans',
  'Vandenberghe',
  "D'Hondt",
  'Van Looy',
  'Heymans',
  'Coppens',
  'Leclercq',
  'Mathieu',
  'Dewulf',
  'Van Acker',
  'El Amrani',
  'Benali',
  'Ouali',
  'Boukhari',
  'Haddou',
  'Ait Taleb',
  'El Idrissi',
  'Bouzid',
  'Amrani',
  'Azzouzi',
  'Chaoui',
  'El Khattabi',
  'Bakkali',
  'Ben Ahmed',
  'Ouahbi',
  'Ziani',
  'Tahiri',
  'El Hamdaoui',
  'Mansouri',
  'Belhaj',
  'Yilmaz',
  'Kaya',
  'Öztürk',
  'Demir',
  'Şahin',
  'Çelik',
  'Yıldız',
  'Aydın',
  'Arslan',
  'Doğan',
  'Mensah',
  'Diallo',
  'Traoré',
  'Koné',
  'Ndiaye',
  'Okafor',
  'Mukendi',
  'Kabongo',
  'Tshibangu',
  'Ilunga',
  'Asante',
  'Abdullahi',
  'Mohamud',
  'Hussein',
  'Tesfay',
  'Gebremedhin',
  'Haile',
  'Kidane',
  'Abraha',
  'Warsame',
  'Osman',
  'Kovalenko',
  'Shevchenko',
  'Bondarenko',
  'Tkachenko',
  'Kowalski',
  'Nowak',
  'Wiśniewska',
  'Popescu',
  'Ionescu',
  'Al-Hassan',
  'Haddad',
  'Khalil',
  'Nasser',
  'Hosseini',
  'Rahimi',
  'Ahmadi',
  'Karimi',
  'Nguyen',
  'Tran',
  'Singh',
  'Patel',
  'da Silva',
  'Fernandes',
  'García',
  'Rodrigues',
];
// Some people's names are entered in their own script.
const nativeNames: [string, string][] = [
  ['محمد', 'العمراني'],
  ['فاطمة', 'بنعلي'],
  ['يوسف', 'الإدريسي'],
  ['ليلى', 'حداد'],
  ['أحمد', 'خليل'],
  ['مريم', 'ناصر'],
  ['Олена', 'Коваленко'],
  ['Андрій', 'Шевченко'],
  ['Ірина', 'Бондаренко'],
  ['Дмитро', 'Ткаченко'],
  ['ሰላም', 'ተስፋይ'],
  ['Zeynep', 'Yıldız'],
];
export const emailDomains = ['gmail.com', 'hotmail.com', 'outlook.be', 'telenet.be', 'proximus.be', 'yahoo.fr', 'skynet.be', 'live.nl', 'icloud.com'];

const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]/g, '');

/** One participant's row; `usedEmails` keeps addresses unique, as the database requires. */
export function fakePerson(random: Random, organisationId: string, placeIds: string[], usedEmails: Set<string>, i: number) {
  const [givenName, familyName] = random() < 0.03 ? pick(random, nativeNames) : [pick(random, givenNames), pick(random, familyNames)];
  let email: string | null = null;
  if (random() < 0.65 && ascii(givenName)) {
    const g = ascii(givenName);
    const f = ascii(familyName);
    const local = pick(random, [`${g}.${f}`, `${g}${f}`, `${g[0]}${f}`, `${g}_${f}${Math.floor(random() * 100)}`, `${g}${1960 + Math.floor(random() * 45)}`]);
    email = `${local}@${pick(random, emailDomains)}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${pick(random, emailDomains)}`;
    usedEmails.add(email);
  }
  const year = 1960 + Math.floor(random() * 46);
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return {
    organisationId,
    kind: 'participant' as const,
    givenName,
    familyName,
    email,
    phone: random() < 0.8 ? `04${70 + Math.floor(random() * 29)} ${String(Math.floor(random() * 1e6)).padStart(6, '0')}` : null,
    birthDate: `${year}-${month}-${day}`,
    // Most people belong to a place; a few are not yet assigned.
    placeId: random() < 0.05 ? null : placeIds[i % placeIds.length],
    languages: pick(random, [['nl'], ['nl', 'fr'], ['ar', 'nl'], ['ar', 'fr'], ['tr', 'nl'], ['en', 'nl'], ['uk', 'en'], ['so', 'en'], ['ti', 'en']]),
    archivedAt: random() < 0.03 ? new Date('2024-06-30T12:00:00Z') : null,
  };
}

export interface GeneratedOrganisation {
  organisationId: string;
  placeIds: string[];
  /** One account per role asked for; the place-bound ones work at the first place. */
  accounts: Partial<Record<Role, { login: string; password: string }>>;
  participants: number;
}

/**
 * Creates an organisation with `places` places, staff accounts for `roles`, and `participants`
 * participants inserted in batches of `batchSize`. Runs VACUUM ANALYZE at the end so the planner
 * sees the data as it would after autovacuum on a live system.
 */
export async function generateOrganisation(
  db: Db,
  opts: { participants: number; places?: number; seed?: number; batchSize?: number; roles?: Role[]; slug?: string; onProgress?: (done: number) => void },
): Promise<GeneratedOrganisation> {
  const random = rng(opts.seed ?? 42);
  const slug = opts.slug ?? `bench-${Math.floor(random() * 1e9).toString(36)}`;
  const [org] = await db
    .insert(organisations)
    .values({ name: `Bench ${slug}`, slug })
    .returning();
  const cities = ['Lier', 'Turnhout', 'Borgerhout', 'Mechelen', 'Genk', 'Gent', 'Aalst', 'Leuven'];
  const placeRows = await db
    .insert(places)
    .values(
      Array.from({ length: opts.places ?? 3 }, (_, i) => ({
        organisationId: org.id,
        name: `Plek ${cities[i % cities.length]} ${i + 1}`,
        city: cities[i % cities.length],
      })),
    )
    .returning();
  const placeIds = placeRows.map((p) => p.id);

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const placeBound: Role[] = ['matchmaker', 'companion', 'facilitator'];
  const result: GeneratedOrganisation = { organisationId: org.id, placeIds, accounts: {}, participants: 0 };
  for (const role of opts.roles ?? ['matchmaker']) {
    const login = `${role}@${slug}.bench`;
    const placeId = placeBound.includes(role) ? placeIds[0] : null;
    const [person] = await db
      .insert(people)
      .values({ organisationId: org.id, kind: role === 'participant' ? 'participant' : 'staff', givenName: role, familyName: 'Bench', email: login, placeId })
      .returning();
    const [account] = await db.insert(accounts).values({ organisationId: org.id, personId: person.id, login, passwordHash }).returning();
    await db.insert(roleAssignments).values({ organisationId: org.id, accountId: account.id, role, placeId });
    result.accounts[role] = { login, password: BENCH_PASSWORD };
  }

  const usedEmails = new Set<string>();
  const batchSize = opts.batchSize ?? 1000;
  for (let done = 0; done < opts.participants; done += batchSize) {
    const n = Math.min(batchSize, opts.participants - done);
    await db.insert(people).values(Array.from({ length: n }, (_, k) => fakePerson(random, org.id, placeIds, usedEmails, done + k)));
    result.participants += n;
    opts.onProgress?.(result.participants);
  }
  // VACUUM too: a bulk insert leaves GIN (trigram) entries in the pending list, which makes the
  // planner shun those indexes until autovacuum runs; a live system would be past that.
  await db.execute(sql`vacuum analyze`);
  return result;
}
