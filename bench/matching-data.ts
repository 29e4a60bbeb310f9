/**
 * Offers and requests for the matching benchmarks: sentences people write, built from the
 * built-in concepts' own terms (in Dutch, English, French and Arabic) in everyday phrasings, with
 * times, places and small extras, so the texts vary like real ones. Deterministic for a seed.
 * Rows are inserted as an import would (straight into matching_items); the matching service
 * indexes them on first use, or when the benchmark asks it to.
 */

import type { Db } from '../src/server/db/client.ts';
import { matchingItems } from '../src/server/db/schema/index.ts';
import { builtInConcepts, type Concept } from '../src/server/modules/matching/engine/concepts.ts';
import type { Random } from '../src/shared/random.ts';
import { pick } from './generate.ts';

type Lang = 'nl' | 'en' | 'fr' | 'ar';
/** Roughly the mix of the demo programmes: mostly Dutch, then Arabic, French and English. */
const langMix: [Lang, number][] = [
  ['nl', 0.62],
  ['ar', 0.14],
  ['fr', 0.13],
  ['en', 0.11],
];

const offerTemplates: Record<Lang, string[]> = {
  nl: [
    'Ik kan {a} en help daar graag iemand mee.',
    'Ervaring met {a}. Ik ben vrij op {day}.',
    'Ik doe al jaren aan {a} en wil dat graag doorgeven, ook {b} als dat past.',
    'Wie hulp zoekt bij {a}: spreek me aan in {city}.',
    '{A}? Dat heb ik vroeger beroepsmatig gedaan. Ook {b}.',
    'Ik bied {a} aan, gratis, een paar uur per week.',
    'Mijn talent: {a}. Ik leer het je graag stap voor stap.',
    'In ons buurthuis in {city} kan je terecht voor {a}.',
  ],
  en: [
    'I can help with {a}.',
    'Experienced in {a} and {b}, happy to share what I know.',
    'Offering {a} on {day} in {city}.',
    'I used to work in {a}; I would like to help others with it.',
  ],
  fr: [
    'Je peux aider avec {a}, le {day} de préférence.',
    "J'ai de l'expérience en {a} et en {b}.",
    'Je propose {a} à {city}, gratuitement.',
    "J'aime {a} et je peux l'apprendre à quelqu'un.",
  ],
  ar: ['أستطيع المساعدة في {a}', 'لدي خبرة في {a} و {b}', 'أقدم {a} في {city} يوم {day}', 'أحب {a} ويمكنني تعليمه'],
};
const requestTemplates: Record<Lang, string[]> = {
  nl: [
    'Ik zoek iemand die kan helpen met {a}.',
    'Wie kan mij helpen met {a}?',
    'Ik wil graag {a} leren, liefst op {day}.',
    '{A}',
    'Hulp gezocht: {a}, in de buurt van {city}.',
  ],
  en: ['Looking for help with {a}.', 'Can someone help me with {a}?', 'I would like to learn {a}.'],
  fr: ["Je cherche de l'aide pour {a}.", "Quelqu'un peut m'aider avec {a} ?", "J'aimerais apprendre {a}."],
  ar: ['أبحث عن مساعدة في {a}', 'من يستطيع مساعدتي في {a}؟', 'أريد أن أتعلم {a}'],
};
const days: Record<Lang, string[]> = {
  nl: ['maandag', 'dinsdagnamiddag', 'woensdag', 'donderdagavond', 'vrijdagvoormiddag', 'zaterdag'],
  en: ['Mondays', 'Tuesday afternoons', 'Wednesdays', 'Saturday mornings'],
  fr: ['lundi', 'mardi après-midi', 'mercredi', 'samedi matin'],
  ar: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'السبت'],
};
const cities = ['Lier', 'Turnhout', 'Borgerhout', 'Mechelen', 'Heusden-Zolder', 'Sint-Niklaas', 'Amersfoort', 'Antwerpen'];

function langOf(random: Random): Lang {
  let r = random();
  for (const [l, share] of langMix) {
    if (r < share) return l;
    r -= share;
  }
  return 'nl';
}

let concepts: readonly Concept[] | undefined;
/** Concepts with terms in every language (all built-in ones have them; admins' may not). */
function conceptList() {
  concepts ??= builtInConcepts().filter((c) => (['nl', 'en', 'fr', 'ar'] as const).every((l) => c.terms[l].length));
  return concepts;
}

function fill(random: Random, template: string, lang: Lang) {
  const cs = conceptList();
  const a = pick(random, pick(random, cs).terms[lang]).replace(/@(BE|NL)$/, '');
  const b = pick(random, pick(random, cs).terms[lang]).replace(/@(BE|NL)$/, '');
  return template
    .replace('{A}', a.charAt(0).toUpperCase() + a.slice(1))
    .replace('{a}', a)
    .replace('{b}', b)
    .replace('{day}', pick(random, days[lang]))
    .replace('{city}', pick(random, cities));
}

export function offerText(random: Random) {
  const lang = langOf(random);
  return { text: fill(random, pick(random, offerTemplates[lang]), lang), lang };
}
export function requestText(random: Random) {
  const lang = langOf(random);
  return { text: fill(random, pick(random, requestTemplates[lang]), lang), lang };
}

/**
 * Inserts `n` open items of one side, owned in turn by `personIds` (and for offers every tenth by
 * the place itself), at `placeId` (or at the owner's place when null). Returns their ids.
 */
export async function insertItems(
  db: Db,
  random: Random,
  opts: { organisationId: string; side: 'offer' | 'request'; n: number; personIds: string[]; placeId: string | null; onProgress?: (done: number) => void },
) {
  const ids: string[] = [];
  const batch = 1000;
  for (let done = 0; done < opts.n; done += batch) {
    const rows = Array.from({ length: Math.min(batch, opts.n - done) }, (_, k) => {
      const i = done + k;
      const { text, lang } = opts.side === 'offer' ? offerText(random) : requestText(random);
      const ofPlace = opts.side === 'offer' && opts.placeId && i % 10 === 9;
      return {
        organisationId: opts.organisationId,
        side: opts.side,
        ownerType: ofPlace ? ('place' as const) : ('person' as const),
        personId: ofPlace ? null : opts.personIds[i % opts.personIds.length],
        placeId: opts.placeId,
        text,
        // A third leave the language out, as people do: the engine detects it.
        lang: random() < 0.33 ? null : lang,
      };
    });
    const inserted = await db.insert(matchingItems).values(rows).returning({ id: matchingItems.id });
    ids.push(...inserted.map((r) => r.id));
    opts.onProgress?.(ids.length);
  }
  return ids;
}
