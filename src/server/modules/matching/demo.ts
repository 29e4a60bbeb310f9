import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { dreams, matchEvents, matches, matchingItems, partners, people, placeLocations, places, strengthProfiles } from '../../db/schema/index.ts';
import type { SpokenLanguage } from '../../db/schema/matching.ts';

type Kind = 'skill' | 'time' | 'resource' | 'space';
/** [participant index, text, kind?, lang?] */
type Spec = [number, string, Kind?, string?];

// What people at the Stuyfplekken offer and ask, in their own words (mostly Dutch, some Arabic,
// French and English), after the seeds: cooking, sewing, bikes, language, papers, computers, work.
const offerSpecs: Spec[] = [
  [0, 'Ik kook Marokkaanse gerechten voor groepen tot 30 personen', 'skill'],
  [1, 'Ik herstel fietsen: lekke banden, remmen, verlichting', 'skill'],
  [2, 'Ik naai en herstel kleren, ook zomen en ritsen', 'skill'],
  [3, 'Ik praat graag Nederlands met nieuwkomers, elke week een uurtje', 'time'],
  [4, 'Ik help met de computer en de smartphone: e-mail, itsme, foto’s', 'skill'],
  [5, 'Ik heb een grote moestuin en deel graag zaden, groenten en tips', 'resource'],
  [6, 'Ik kan formulieren en brieven van de mutualiteit uitleggen', 'skill'],
  [7, 'Ik speel gitaar en geef beginnerslessen', 'skill'],
  [8, 'Ik help met een cv en een sollicitatiebrief schrijven', 'skill'],
  [9, 'أستطيع الطبخ لمجموعات كبيرة وأحب تعليم الوصفات', 'skill', 'ar'],
  [10, 'Ik heb een rijbewijs B en kan mensen naar afspraken brengen', 'time'],
  [11, 'Je peux aider avec les devoirs de français des enfants', 'skill', 'fr'],
  [12, 'Ik knip haar, ook voor kinderen', 'skill'],
  [13, 'I can teach English conversation to beginners', 'skill', 'en'],
  [14, 'Ik heb een naaimachine die ik kan uitlenen', 'resource'],
  [15, 'Ik ben elektricien van opleiding en help met kleine klussen', 'skill'],
  [16, 'Ik vertaal van Arabisch naar Nederlands bij afspraken', 'skill'],
  [17, 'Ik bak brood en taarten en leer het graag aan anderen', 'skill'],
  [18, 'Ik ken veel van budgetbeheer en help met een huishoudbudget', 'skill'],
  [19, 'Ik wandel elke ochtend in het park en zoek gezelschap', 'time'],
  [20, 'Ik kan schilderen en behangen', 'skill'],
  [21, 'Ik help jongeren met wiskunde en boekhouden', 'skill'],
  [22, 'يمكنني المساعدة في الترجمة من العربية إلى الفرنسية', 'skill', 'ar'],
  [23, 'Ik heb ervaring in de logistiek en met een heftruck', 'skill'],
  [24, 'Ik maak sieraden en geef een workshop', 'skill'],
  [25, 'Ik kan babysitten op woensdagnamiddag', 'time'],
  [26, 'Ik fotografeer graag en kan foto’s maken voor een website of flyer', 'skill'],
  [27, 'Je répare les petits appareils électroménagers', 'skill', 'fr'],
  [28, 'Ik help ouderen met boodschappen doen', 'time'],
  [29, 'Ik heb een bakfiets die ik kan uitlenen voor een verhuis', 'resource'],
  [30, 'Ik ken de weg naar het OCMW en de VDAB en ga graag mee', 'time'],
  [31, 'Ik maak websites en help met sociale media voor een klein bedrijf', 'skill'],
  [32, 'Ik ben kapper geweest en kan een workshop haarverzorging geven', 'skill'],
  [35, 'I help with bike repairs and I have tools to lend', 'resource', 'en'],
  [34, 'Ik tuinier graag en help bij het opstarten van een buurtmoestuin', 'skill'],
  [33, 'Ik schrijf mee aan een ondernemingsplan en ken het startersloket', 'skill'],
];
const requestSpecs: Spec[] = [
  [0, 'Ik zoek hulp bij een ondernemingsplan voor mijn eigen catering', 'skill'],
  [0, 'Ik zoek een professionele keuken om te oefenen met grote hoeveelheden', 'space'],
  [1, 'Wie leert mij een website maken voor mijn fietsherstelplaats?', 'skill'],
  [2, 'Ik wil Nederlands oefenen in gesprekken over alledaagse dingen', 'time'],
  [3, 'Mijn computer is traag en ik begrijp mijn e-mail niet', 'skill'],
  [4, 'Ik zoek een moestuin of een stukje grond om groenten te kweken', 'resource'],
  [5, 'Wie kan mijn fiets herstellen? Lekke band en de remmen', 'skill'],
  [6, 'أحتاج مساعدة في ملء أوراق البلدية', 'skill', 'ar'],
  [7, 'Ik zoek iemand om samen muziek te maken', 'time'],
  [8, 'Hulp bij mijn cv en solliciteren in de logistiek', 'skill'],
  [9, 'أريد أن أتعلم اللغة الهولندية بالمحادثة', 'time', 'ar'],
  [10, "J'ai besoin d'aide pour comprendre une lettre du CPAS", 'skill', 'fr'],
  [11, 'Ik zoek een naaimachine om kleren voor mijn kinderen te maken', 'resource'],
  [12, 'Vervoer naar het ziekenhuis op donderdagvoormiddag', 'time'],
  [13, 'I am looking for a Dutch conversation partner', 'time', 'en'],
  [14, 'Ik wil leren bakken voor een buurtfeest', 'skill'],
  [15, 'Iemand die mijn kinderen helpt met huiswerk Frans', 'skill'],
  [16, 'Ik zoek hulp bij mijn budget en schulden', 'skill'],
  [17, 'Wie helpt mij met een kapotte wasmachine?', 'skill'],
  [18, 'Ik zoek gezelschap om te wandelen, ik voel me vaak alleen', 'time'],
  [19, 'Hulp bij schilderen van mijn appartement', 'skill'],
  [20, 'Ik zoek een bakfiets of auto voor mijn verhuis', 'resource'],
  [21, 'Ik wil een workshop geven maar zoek een zaal', 'space'],
  [22, 'Wie gaat mee naar de VDAB voor mijn inschrijving?', 'time'],
  [23, 'Ik zoek iemand die foto’s maakt voor mijn flyer', 'skill'],
  [24, 'Ik wil leren werken met een heftruck', 'skill'],
  [25, 'Ik zoek een babysit voor woensdagnamiddag', 'time'],
  [26, 'أبحث عن شخص يترجم لي عند الطبيب', 'skill', 'ar'],
];
const dreamSpecs: [number, string, number[]][] = [
  [0, 'Mijn eigen cateringzaak starten met Marokkaanse gerechten', [0, 1]],
  [1, 'Een fietsherstelplaats voor jongeren in de buurt', [2]],
  [4, 'Een moestuin in de wijk waar buren samen kweken', [5]],
  [11, 'Zelf kinderkleren maken en verkopen op de markt', [12]],
];
const levelSets: SpokenLanguage[][] = [
  [
    { code: 'ar', level: 'native' },
    { code: 'nl', level: 'conversational' },
    { code: 'fr', level: 'fluent' },
  ],
  [
    { code: 'nl', level: 'native' },
    { code: 'en', level: 'fluent' },
  ],
  [
    { code: 'ar', level: 'native' },
    { code: 'nl', level: 'beginner' },
  ],
  [
    { code: 'nl', level: 'native' },
    { code: 'fr', level: 'conversational' },
  ],
  [
    { code: 'tr', level: 'native' },
    { code: 'nl', level: 'fluent' },
  ],
  [
    { code: 'uk', level: 'native' },
    { code: 'en', level: 'conversational' },
    { code: 'nl', level: 'beginner' },
  ],
  [
    { code: 'fr', level: 'native' },
    { code: 'nl', level: 'conversational' },
  ],
  [
    { code: 'so', level: 'native' },
    { code: 'en', level: 'fluent' },
    { code: 'nl', level: 'conversational' },
  ],
];
const slotSets = [
  ['mon-morning', 'tue-afternoon', 'thu-morning'],
  ['wed-afternoon', 'sat-morning'],
  ['tue-afternoon', 'wed-afternoon', 'fri-morning'],
  ['mon-evening', 'thu-evening'],
  ['sat-morning', 'sun-afternoon'],
  ['tue-morning', 'tue-afternoon', 'thu-afternoon'],
];
const talentSets = [
  ['koken voor groepen', 'Marokkaanse keuken'],
  ['fietsen herstellen', 'techniek'],
  ['naaien', 'kleding herstellen'],
  ['praten met mensen', 'geduld'],
  ['computers', 'smartphones'],
  ['tuinieren'],
  ['papieren en formulieren'],
  ['muziek', 'gitaar'],
];
const likeSets = [['mensen ontmoeten', 'koken'], ['buiten zijn', 'sleutelen'], ['creatief bezig zijn'], ['wandelen', 'lezen'], ['helpen']];

/**
 * The matching demo: profiles for most participants, offers and requests in Lier, Turnhout and
 * Borgerhout, offers of partners and of the place, a few dreams, and matches in every state (with
 * their history). Runs inside the demo seed's transaction, as the owner. The demo participant
 * (deelnemer@) has a dream, a request, an offer and a proposal waiting for her answer.
 */
export async function loadMatchingDemo(tx: Tx, organisationId: string) {
  const participants = await tx
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), eq(people.kind, 'participant')))
    .orderBy(asc(people.createdAt), asc(people.id));
  if (participants.length < 36) return;
  const [lier] = await tx
    .select()
    .from(places)
    .where(and(eq(places.organisationId, organisationId), eq(places.name, 'Stuyfplek Lier')));
  // Where the three Stuyfplekken are, as their staff would enter it (town centres, WGS 84): the
  // board shows distances and can keep to one.
  const allPlaces = await tx.select().from(places).where(eq(places.organisationId, organisationId));
  const where: Record<string, [number, number]> = {
    'Stuyfplek Lier': [51.1311, 4.57],
    'Stuyfplek Turnhout': [51.3227, 4.9447],
    'Stuyfplek Borgerhout': [51.2117, 4.4414],
  };
  const located = allPlaces.filter((p) => where[p.name]);
  if (located.length)
    await tx
      .insert(placeLocations)
      .values(located.map((p) => ({ organisationId, placeId: p.id, latitude: where[p.name][0], longitude: where[p.name][1] })))
      .onConflictDoNothing();
  const partnerRows = await tx.select().from(partners).where(eq(partners.organisationId, organisationId));
  const partnerId = (name: string) => partnerRows.find((p) => p.name === name)?.id;
  // Everyone named in the specs gets a profile; a few keep theirs private, a few show it to the place.
  const profiled = new Set([...offerSpecs, ...requestSpecs].map((s) => s[0]));
  await tx.insert(strengthProfiles).values(
    [...profiled].map((i) => ({
      organisationId,
      personId: participants[i].id,
      talents: talentSets[i % talentSets.length],
      likes: likeSets[i % likeSets.length],
      experience: i % 3 === 0 ? 'Jarenlang gewerkt in een keuken en in de schoonmaak.' : null,
      languages: levelSets[i % levelSets.length],
      availability: slotSets[i % slotSets.length],
      dreams: i === 0 ? 'Ooit mijn eigen cateringzaak, met gerechten van thuis.' : null,
      visibility: (i % 5 === 0 ? 'place' : i % 7 === 3 ? 'private' : 'place-staff') as 'place' | 'private' | 'place-staff',
    })),
  );

  const dreamIds = new Map<number, string>();
  for (const [i, text] of dreamSpecs) {
    const [d] = await tx.insert(dreams).values({ organisationId, personId: participants[i].id, text }).returning();
    dreamIds.set(i, d.id);
  }
  const dreamOfRequest = new Map<number, string>();
  for (const [i, , reqs] of dreamSpecs) for (const r of reqs) dreamOfRequest.set(r, dreamIds.get(i) as string);

  const person = (i: number) => participants[i];
  const offerRows = await tx
    .insert(matchingItems)
    .values([
      ...offerSpecs.map(([i, text, kind, lang]) => ({
        organisationId,
        side: 'offer' as const,
        kind: kind ?? 'skill',
        ownerType: 'person' as const,
        personId: person(i).id,
        placeId: person(i).placeId,
        text,
        lang: lang ?? 'nl',
      })),
      ...[
        ['VDAB', 'Sollicitatietraining in groep en hulp bij inschrijven als werkzoekende', 'skill'],
        ['MIVAS', "Professionele keuken van sociaal restaurant 't Hofke op maandag na 15 uur", 'space'],
        ['vzw Solentra', 'Begeleiding voor nieuwkomers bij papieren en verblijf', 'skill'],
      ].flatMap(([name, text, kind]) =>
        partnerId(name)
          ? [
              {
                organisationId,
                side: 'offer' as const,
                kind: kind as Kind,
                ownerType: 'partner' as const,
                partnerId: partnerId(name),
                placeId: lier?.id,
                text,
                lang: 'nl',
              },
            ]
          : [],
      ),
      ...(lier
        ? [
            {
              organisationId,
              side: 'offer' as const,
              kind: 'space' as const,
              ownerType: 'place' as const,
              placeId: lier.id,
              text: 'Ontmoetingsruimte voor 25 mensen, gratis voor workshops van bestuyvers',
              lang: 'nl',
            },
            {
              organisationId,
              side: 'offer' as const,
              kind: 'resource' as const,
              ownerType: 'place' as const,
              placeId: lier.id,
              text: 'Twee laptops om te lenen op de Stuyfplek',
              lang: 'nl',
            },
          ]
        : []),
    ])
    .returning();
  const requestRows = await tx
    .insert(matchingItems)
    .values(
      requestSpecs.map(([i, text, kind, lang], n) => ({
        organisationId,
        side: 'request' as const,
        kind: kind ?? 'skill',
        ownerType: 'person' as const,
        personId: person(i).id,
        placeId: person(i).placeId,
        dreamId: dreamOfRequest.get(n) ?? null,
        text,
        lang: lang ?? 'nl',
        // A few requests were answered long ago, or put on hold.
        status: (n === 20 ? 'closed' : n === 23 ? 'paused' : 'open') as 'open' | 'closed' | 'paused',
      })),
    )
    .returning();
  const offerOf = (text: string) => offerRows.find((o) => o.text.startsWith(text)) as (typeof offerRows)[number];
  const requestOf = (text: string) => requestRows.find((r) => r.text.startsWith(text)) as (typeof requestRows)[number];

  // Matches in every state, with the history that led there (dates in the past weeks).
  const day = 86_400_000;
  const now = Date.now();
  type Step = [kind: (typeof matchEvents.$inferSelect)['kind'], daysAgo: number, extra?: { side?: 'requester' | 'offerer'; note?: string; met?: boolean }];
  async function match(request: string, offer: string, status: (typeof matches.$inferSelect)['status'], steps: Step[], reasons: unknown[] = []) {
    const r = requestOf(request);
    const o = offerOf(offer);
    if (!r || !o) return;
    const has = (k: string) => steps.some((s) => s[0] === k);
    const at = (k: string) => new Date(now - (steps.find((s) => s[0] === k)?.[1] ?? 0) * day);
    const [m] = await tx
      .insert(matches)
      .values({
        organisationId,
        requestId: r.id,
        offerId: o.id,
        placeId: r.placeId,
        status,
        requesterAnswer: has('accepted-by-requester')
          ? 'accepted'
          : steps.some((s) => s[0] === 'declined' && s[2]?.side === 'requester')
            ? 'declined'
            : 'pending',
        offererAnswer: has('accepted-by-offerer') ? 'accepted' : steps.some((s) => s[0] === 'declined' && s[2]?.side === 'offerer') ? 'declined' : 'pending',
        score: 0.6,
        reasons,
        connectedAt: has('connected') ? at('connected') : null,
        closedAt: has('closed') || has('declined') || has('withdrawn') ? at(has('closed') ? 'closed' : has('declined') ? 'declined' : 'withdrawn') : null,
        createdAt: at('proposed'),
      })
      .returning();
    await tx.insert(matchEvents).values(
      steps.map(([kind, daysAgo, extra]) => ({
        organisationId,
        matchId: m.id,
        kind,
        at: new Date(now - daysAgo * day),
        side: extra?.side ?? null,
        note: extra?.note ?? null,
        met: extra?.met ?? null,
      })),
    );
  }
  const proposed: Step = ['proposed', 2];
  await match(
    'Ik zoek een professionele keuken',
    "Professionele keuken van sociaal restaurant 't Hofke",
    'proposed',
    [proposed],
    [{ kind: 'place', name: 'Stuyfplek Lier' }],
  );
  await match('Wie kan mijn fiets herstellen', 'Ik herstel fietsen', 'connected', [
    ['proposed', 12],
    ['accepted-by-requester', 11, { side: 'requester' }],
    ['accepted-by-offerer', 10, { side: 'offerer' }],
    ['connected', 10],
  ]);
  await match('I am looking for a Dutch conversation partner', 'Ik praat graag Nederlands met nieuwkomers', 'followed-up', [
    ['proposed', 30],
    ['accepted-by-offerer', 29, { side: 'offerer' }],
    ['accepted-by-requester', 28, { side: 'requester' }],
    ['connected', 28],
    ['follow-up', 14, { met: true, note: 'Ze zien elkaar elke dinsdag in het taalcafé.' }],
  ]);
  await match('Ik zoek een bakfiets of auto', 'Ik heb een bakfiets die ik kan uitlenen', 'closed', [
    ['proposed', 40],
    ['accepted-by-requester', 39, { side: 'requester' }],
    ['accepted-by-offerer', 38, { side: 'offerer' }],
    ['connected', 38],
    ['follow-up', 30, { met: true, note: 'De verhuis is gelukt.' }],
    ['closed', 29],
  ]);
  await match('Ik zoek een naaimachine', 'Ik heb een naaimachine die ik kan uitlenen', 'declined', [
    ['proposed', 9],
    ['declined', 8, { side: 'offerer', note: 'De machine is stuk; misschien later.' }],
  ]);
  await match('Ik zoek hulp bij mijn budget', 'Ik ken veel van budgetbeheer', 'declined', [
    ['proposed', 15],
    ['declined', 14, { side: 'requester', note: 'Ik heb al hulp van het OCMW.' }],
  ]);
  await match('Hulp bij mijn cv', 'Ik help met een cv en een sollicitatiebrief', 'withdrawn', [
    ['proposed', 20],
    ['withdrawn', 18, { note: 'Al geholpen door VDAB.' }],
  ]);
  await match('Mijn computer is traag', 'Ik help met de computer en de smartphone', 'proposed', [
    ['proposed', 1],
    ['accepted-by-requester', 1, { side: 'requester' }],
  ]);
  await match('أريد أن أتعلم اللغة الهولندية', 'Ik praat graag Nederlands met nieuwkomers', 'connected', [
    ['proposed', 6],
    ['accepted-by-offerer', 5, { side: 'offerer' }],
    ['accepted-by-requester', 4, { side: 'requester' }],
    ['connected', 4],
  ]);
  // The demo participant's waiting proposal: someone asks for her cooking.
  await match('Ik wil leren bakken voor een buurtfeest', 'Ik kook Marokkaanse gerechten', 'proposed', [['proposed', 1]]);
}
