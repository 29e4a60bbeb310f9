/**
 * Demo care records for the demo pathways (called at the end of the pathways demo): journal
 * entries of every visibility, assessments by companion and participant over up to 18 months
 * that show progress, and two network snapshots in which the network grows. Words and partners
 * from seeds 003 (SamenWerkt Heusden-Zolder) and 004 (Sleutel naar werk, Sint-Niklaas).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { JournalVisibility } from '../../../shared/pathways.ts';
import { rng } from '../../../shared/random.ts';
import type { Tx } from '../../db/client.ts';
import {
  accounts,
  assessmentScores,
  assessments,
  instruments,
  journalEntries,
  networkEntries,
  networkSnapshots,
  pathways,
  pathwayTeam,
} from '../../db/schema/index.ts';
import { builtInInstruments } from './instrument-defaults.ts';
import { ensureDefaultInstruments } from './instruments.ts';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Journal = {
  type: 'meeting' | 'phone' | 'message' | 'home-visit' | 'group' | 'other';
  minutes: number | null;
  visibility: JournalVisibility;
  note: string;
};
/** Oldest first; spread over the pathway's time. */
const journal: Journal[] = [
  {
    type: 'meeting',
    minutes: 60,
    visibility: 'participant',
    note: 'Kennismaking. We spraken af dat jij aan het stuur zit: jij beslist wat eerst komt. Eerste wens: een vaste plek om te wonen, daarna werk of een opleiding.',
  },
  {
    type: 'meeting',
    minutes: 45,
    visibility: 'team',
    note: 'Intake afgerond. Toegeleid door OCMW. Wachtlijst sociale huisvesting loopt; schulden bij energieleverancier.',
  },
  {
    type: 'phone',
    minutes: 15,
    visibility: 'author',
    note: 'Werknotitie: klonk vermoeid aan de telefoon. Volgende keer vragen naar slaap en naar de kinderen.',
  },
  {
    type: 'home-visit',
    minutes: 90,
    visibility: 'team',
    note: 'Huisbezoek. Samen de post geordend; budgetbegeleiding bij CAW voorgesteld (warme doorverwijzing, toestemming gevraagd).',
  },
  {
    type: 'group',
    minutes: 120,
    visibility: 'participant',
    note: 'Groepssessie over werk en opleiding. Je vertelde over koken voor grote groepen: de groep zag dat meteen als een sterkte.',
  },
  {
    type: 'message',
    minutes: null,
    visibility: 'participant',
    note: 'Herinnering: donderdag 14u afspraak bij VDAB, Marktplein 9. Neem je identiteitskaart mee.',
  },
  { type: 'meeting', minutes: 60, visibility: 'team', note: 'Tussentijdse meting gedaan. Wonen en inkomen stabieler; sociaal netwerk groeit via de groep.' },
  {
    type: 'phone',
    minutes: 20,
    visibility: 'author',
    note: 'Werknotitie: overleg met trajectgezel van Emino over een stage in de keuken van het dienstencentrum.',
  },
  {
    type: 'meeting',
    minutes: 45,
    visibility: 'participant',
    note: 'Stage in de keuken gestart, twee dagen per week. Afspraak: na een maand samen bekijken hoe het gaat.',
  },
  { type: 'group', minutes: 120, visibility: 'team', note: 'Netwerkmoment met partners (Arktos, VDAB, CAW): casus besproken, kans op opleiding grootkeuken.' },
  {
    type: 'meeting',
    minutes: 60,
    visibility: 'participant',
    note: 'Inschrijving opleiding grootkeuken bij VDAB gelukt. Jij zei: "Chic dat anderen dat in mij zagen."',
  },
  {
    type: 'phone',
    minutes: 10,
    visibility: 'team',
    note: 'Kort telefoontje: opleiding loopt goed, kinderopvang geregeld via de dienst kinderopvang van de stad.',
  },
];

/** Levels per life domain at the start and at the end (companion's view); the participant sees a little more or less. */
const lifeDomainPath: Record<string, [number, number]> = {
  work: [1, 4],
  housing: [2, 4],
  health: [3, 3],
  income: [1, 3],
  education: [2, 4],
  parenting: [3, 4],
  'social-network': [1, 4],
};

type Entry = { kind: 'person' | 'organisation'; name: string; relation: (typeof networkEntries.$inferInsert)['relation']; closeness: number; support?: string };
const networkBefore: Entry[] = [
  { kind: 'person', name: 'Mama', relation: 'family', closeness: 1, support: 'Past soms op de kinderen' },
  { kind: 'person', name: 'Zus Nadia', relation: 'family', closeness: 2 },
  { kind: 'person', name: 'Buurvrouw Rita', relation: 'neighbour', closeness: 3 },
  { kind: 'organisation', name: 'OCMW', relation: 'organisation', closeness: 3, support: 'Leefloon en huur' },
];
const networkAfter: Entry[] = [
  { kind: 'person', name: 'Mama', relation: 'family', closeness: 1, support: 'Past op de kinderen als ik les heb' },
  { kind: 'person', name: 'Zus Nadia', relation: 'family', closeness: 1, support: 'Luistert en helpt met papieren' },
  { kind: 'person', name: 'Buurvrouw Rita', relation: 'neighbour', closeness: 2, support: 'Samen naar de markt' },
  { kind: 'person', name: 'Joyce (trajectgezel)', relation: 'professional', closeness: 2, support: 'Denkt mee, belt als het moeilijk is' },
  { kind: 'person', name: 'Samira uit de groep', relation: 'peer', closeness: 2, support: 'Oefent Nederlands met mij' },
  { kind: 'organisation', name: 'OCMW', relation: 'organisation', closeness: 3, support: 'Leefloon, budgetbegeleiding' },
  { kind: 'organisation', name: 'VDAB', relation: 'organisation', closeness: 2, support: 'Opleiding grootkeuken' },
  { kind: 'organisation', name: 'CAW', relation: 'organisation', closeness: 3, support: 'Budgetbegeleiding' },
  { kind: 'organisation', name: 'Dienstencentrum De Spil', relation: 'organisation', closeness: 3, support: 'Stage in de keuken' },
];

/**
 * Writes the care record of every active demo pathway that has a companion on its team and no
 * journal yet. The demo participant's pathway (deelnemer@) gets the full story; the others a
 * shorter one.
 */
export async function loadCareDemo(tx: Tx, organisationId: string, now = Date.now()) {
  await ensureDefaultInstruments(tx, organisationId);
  const instrumentRows = await tx.select({ id: instruments.id, key: instruments.key }).from(instruments).where(eq(instruments.organisationId, organisationId));
  const byKey = new Map(instrumentRows.map((i) => [i.key, i.id]));
  const ladderId = byKey.get(builtInInstruments[0].key) as string;
  const lifeId = byKey.get(builtInInstruments[1].key) as string;
  const [demoParticipant] = await tx
    .select({ personId: accounts.personId })
    .from(accounts)
    .where(and(eq(accounts.organisationId, organisationId), eq(accounts.login, 'deelnemer@blenders.demo')));
  const rows = await tx
    .select({ pathway: pathways, companionId: pathwayTeam.personId })
    .from(pathways)
    .innerJoin(pathwayTeam, and(eq(pathwayTeam.organisationId, pathways.organisationId), eq(pathwayTeam.pathwayId, pathways.id), isNull(pathwayTeam.leftOn)))
    .where(and(eq(pathways.organisationId, organisationId), eq(pathways.status, 'active')))
    .orderBy(asc(pathways.createdAt), asc(pathwayTeam.createdAt));
  const seen = new Set<string>();
  let n = 0;
  for (const { pathway, companionId } of rows) {
    if (seen.has(pathway.id)) continue;
    seen.add(pathway.id);
    const existing = await tx
      .select({ id: journalEntries.id })
      .from(journalEntries)
      .where(and(eq(journalEntries.organisationId, organisationId), eq(journalEntries.pathwayId, pathway.id)))
      .limit(1);
    if (existing.length) continue;
    const demoOwn = pathway.participantId === demoParticipant?.personId;
    const random = rng(4004 + n++);
    // The story runs from the start (at most 18 months back) to today.
    const eighteen = now - 548 * DAY;
    const start = Math.max(pathway.startedOn ? Date.parse(`${pathway.startedOn}T09:00:00Z`) : eighteen, eighteen);
    const span = Math.max(now - start - DAY, 30 * DAY);
    const at = (f: number) => start + f * span;
    // The whole story for the demo participant and for pathways of a year or more.
    const full = demoOwn || span > 365 * DAY;

    // Journal: all entries for the demo participant, every other one for the others. The last one is recent (still editable).
    const story = full ? journal : journal.filter((_, i) => i % 2 === 0);
    await tx.insert(journalEntries).values(
      story.map((j, i) => {
        // office hours in Brussels (08:00-15:00 UTC), on the day the story reaches
        const day = Date.parse(`${isoDay(at(i / story.length))}T08:00:00Z`);
        const occurredAt = new Date(
          i === story.length - 1 ? now - 30 * 60_000 : day + Math.floor(random() * 7) * 3_600_000 + (random() < 0.5 ? 30 * 60_000 : 0),
        );
        return {
          organisationId,
          pathwayId: pathway.id,
          authorPersonId: companionId,
          occurredAt,
          type: j.type,
          durationMinutes: j.minutes,
          note: j.note,
          visibility: j.visibility,
          createdAt: occurredAt,
          updatedAt: occurredAt,
        };
      }),
    );

    // Assessments: the life domains every quarter by the companion, about every half year by the participant; the ladder twice a year.
    // About one companion assessment a quarter: seven over eighteen months.
    const points = Math.min(7, Math.max(3, Math.round(span / (91 * DAY)) + 1));
    for (let i = 0; i < points; i++) {
      const f = i / (points - 1);
      const on = isoDay(at(f));
      const level = (key: string, shift: number) => {
        const [a, b] = lifeDomainPath[key];
        const v = Math.round(a + (b - a) * f + shift + (random() < 0.2 ? -1 : 0));
        return Math.min(5, Math.max(1, v));
      };
      await score(
        tx,
        organisationId,
        pathway.id,
        lifeId,
        on,
        'companion',
        companionId,
        Object.fromEntries(Object.keys(lifeDomainPath).map((k) => [k, level(k, 0)])),
      );
      if (i % 2 === 0) {
        // The participant scores a little higher on social network and a little lower on income, and skips parenting once.
        const own = Object.fromEntries(
          Object.keys(lifeDomainPath)
            .filter((k) => !(k === 'parenting' && i === 2))
            .map((k) => [k, level(k, k === 'social-network' ? 1 : k === 'income' ? -1 : 0)]),
        );
        await score(tx, organisationId, pathway.id, lifeId, isoDay(at(f) + DAY), 'participant', pathway.participantId, own);
        await score(tx, organisationId, pathway.id, ladderId, on, 'companion', companionId, { participation: Math.min(6, 2 + Math.round(2.4 * f)) });
        await score(tx, organisationId, pathway.id, ladderId, isoDay(at(f) + DAY), 'participant', pathway.participantId, {
          participation: Math.min(6, 2 + Math.round(2.6 * f)),
        });
      }
    }

    // Network: at the start, and a year later (or now, for a shorter pathway).
    await snapshot(
      tx,
      organisationId,
      pathway.id,
      isoDay(start),
      companionId,
      'Eerste netwerkkaart bij de intake.',
      full ? networkBefore : networkBefore.slice(0, 3),
    );
    await snapshot(
      tx,
      organisationId,
      pathway.id,
      isoDay(Math.min(start + 365 * DAY, now - DAY)),
      companionId,
      'Na een jaar: de groep en de opleiding brachten nieuwe mensen.',
      full ? networkAfter : networkAfter.slice(0, 6),
    );
  }
}

async function score(
  tx: Tx,
  organisationId: string,
  pathwayId: string,
  instrumentId: string,
  assessedOn: string,
  assessorRole: 'companion' | 'participant',
  assessorPersonId: string,
  levels: Record<string, number>,
) {
  const [a] = await tx
    .insert(assessments)
    .values({ organisationId, pathwayId, instrumentId, assessedOn, assessorRole, assessorPersonId })
    .returning({ id: assessments.id });
  await tx.insert(assessmentScores).values(Object.entries(levels).map(([domainKey, level]) => ({ organisationId, assessmentId: a.id, domainKey, level })));
}

async function snapshot(tx: Tx, organisationId: string, pathwayId: string, takenOn: string, recordedBy: string, note: string, entries: Entry[]) {
  const [s] = await tx.insert(networkSnapshots).values({ organisationId, pathwayId, takenOn, note, recordedBy }).returning({ id: networkSnapshots.id });
  await tx.insert(networkEntries).values(
    entries.map((e) => ({
      organisationId,
      snapshotId: s.id,
      kind: e.kind,
      name: e.name,
      relation: e.relation,
      closeness: e.closeness,
      support: e.support ?? null,
    })),
  );
  return s.id;
}
