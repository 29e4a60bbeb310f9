/**
 * Stemmers: Snowball for English and French (@orama/stemmers), our own light stemmers for Dutch
 * and Arabic. Dutch Snowball keeps "fiets"/"fietsen" and "kook"/"koken"/"kookt" apart, which is
 * exactly what people type, so Dutch gets a conflating stemmer written for this engine.
 * A word can have alternative keys besides its stem (Arabic verb prefixes, Dutch participles):
 * matching accepts any of them.
 */
import { stemmer as snowballEnglish } from '@orama/stemmers/english';
import { stemmer as snowballFrench } from '@orama/stemmers/french';
import { fold, type Lang } from './normalize.ts';

const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const isVowel = (ch: string | undefined) => ch !== undefined && vowels.has(ch);

// Plurals and combining forms no rule gets right.
const dutchIrregular: Record<string, string> = {
  kinderen: 'kind',
  kinder: 'kind',
  kids: 'kind',
  eieren: 'ei',
  bladeren: 'blad',
  liederen: 'lied',
  steden: 'stad',
  schepen: 'schip',
  gaten: 'gat',
  paden: 'pad',
  vaten: 'vat',
  wegen: 'weg',
  dagen: 'dag',
  smeden: 'smid',
  lessen: 'les',
  tussen: 'tussen',
  mensen: 'mens',
  mens: 'mens',
  kerken: 'kerk',
  // Elderly, not parents (ouders → ouder).
  ouderen: 'oudere',
  oudere: 'oudere',
  papieren: 'papier',
  computers: 'computer',
  computer: 'computer',
  boeken: 'boek',
  benen: 'been',
  // Reading, kept apart from "les" (lesson), which the rules below would make of it.
  lezen: 'lez',
  lees: 'lez',
  leest: 'lez',
  voorlezen: 'voorlez',
  voorlees: 'voorlez',
  voorleest: 'voorlez',
};

/** Light Dutch stemmer: inflection off, then one canonical spelling of the last syllable. */
export function stemDutch(word: string): string {
  let w = word;
  if (dutchIrregular[w]) return dutchIrregular[w];
  if (w.length <= 3) return w;
  // Diminutives: fietsje, boekje, balletje, bloempje.
  for (const suffix of ['etjes', 'etje', 'tjes', 'tje', 'pjes', 'pje', 'jes', 'je']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // s-plural after -er/-el/-em/-en/-ie and after -é (folded): computers, tafels, jongens, families, cafés.
  if (w.length >= 6 && /(e[rlmn]|ie)s$/.test(w)) w = w.slice(0, -1);
  else if (w.length >= 5 && /(aa|oo|ee|uu|e)s$/.test(w) && !/[^aeiou]es$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('heden') && w.length > 7) w = `${w.slice(0, -5)}heid`;
  else if (w.endsWith('en') && w.length - 2 >= 3) w = w.slice(0, -2);
  else if (w.endsWith('e') && w.length - 1 >= 3 && !isVowel(w.at(-2))) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length - 3 >= 3) w = w.slice(0, -3);
  // Verb forms: werkt, helpt, kookt, herstelt (not after s/t/c: dienst, kunst, nacht stay).
  if (w.length >= 5 && w.endsWith('t') && !isVowel(w.at(-2)) && !'stch'.includes(w.at(-2) ?? '')) w = w.slice(0, -1);
  // Undouble a final consonant: herstell → herstel, less → les.
  if (w.length >= 4 && w.at(-1) === w.at(-2) && !isVowel(w.at(-1))) w = w.slice(0, -1);
  // One spelling of the last vowel: kook/koken → kok, taal → tal, groot/grote → grot.
  const m = /(aa|ee|oo|uu)([^aeiouy]+)$/.exec(w);
  if (m && w.length >= 4) w = w.slice(0, m.index) + m[1][0] + m[2];
  // leven/leef → lef, reizen/reis → reis.
  if (w.length >= 3 && w.endsWith('v')) w = `${w.slice(0, -1)}f`;
  else if (w.length >= 3 && w.endsWith('z')) w = `${w.slice(0, -1)}s`;
  return w;
}

/** Dutch past participles (gekookt, gerepareerd, geholpen) also reach the stem without ge-. */
function dutchAlternatives(word: string, stem: string): string[] {
  if (word.length >= 7 && word.startsWith('ge') && /(t|d|en)$/.test(word)) {
    let rest = word.slice(2);
    if (/(eerd|eert)$/.test(rest)) rest = `${rest.slice(0, -4)}eren`;
    const alt = stemDutch(rest.replace(/[td]$/, ''));
    if (alt !== stem && alt.length >= 3) return [alt];
  }
  return [];
}

// Arabic light stemming (after Larkey's Light10): article and conjunction prefixes, common suffixes.
const arabicPrefixes3 = ['وال', 'بال', 'كال', 'فال'];
const arabicSuffixes = ['ها', 'هم', 'هن', 'كم', 'نا', 'ان', 'ات', 'ون', 'ين', 'يه', 'يا', 'ه', 'ي', 'ك'];
const possessive = new Set(['ي', 'ك', 'ه', 'ها', 'هم', 'هن', 'كم', 'نا']);

export function stemArabic(folded: string): string {
  let w = folded;
  const prefix3 = arabicPrefixes3.find((p) => w.startsWith(p));
  if (prefix3 && w.length - 3 >= 2) w = w.slice(3);
  else if (w.startsWith('لل') && w.length - 2 >= 2) w = w.slice(2);
  else if (w.startsWith('ال') && w.length - 2 >= 2) w = w.slice(2);
  if (w.startsWith('و') && w.length > 3) w = w.slice(1);
  for (const suffix of arabicSuffixes) {
    const min = suffix.length === 1 ? 2 : 3;
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      w = w.slice(0, -suffix.length);
      // A ta marbuta before a possessive is written ت: دراجتي (my bike) → دراجة → دراج.
      if (possessive.has(suffix) && w.endsWith('ت') && w.length >= 4) w = w.slice(0, -1);
      if (suffix.length === 1) break;
    }
  }
  // The plural -ات and a feminine ه left after a possessive.
  if (w.endsWith('ات') && w.length >= 5) w = w.slice(0, -2);
  return w;
}

/** Present-tense verbs carry a person prefix (اطبخ, نطبخ, يطبخ "I/we/he cook"): also try without it. */
function arabicAlternatives(stem: string): string[] {
  const alts: string[] = [];
  if (stem.length >= 4 && 'ايتن'.includes(stem[0])) alts.push(stem.slice(1));
  // Attached prepositions before a bare noun: بطبخ, لتعلم (not كبير, whose ك is its own).
  if (stem.length >= 5 && 'بلكف'.includes(stem[0])) alts.push(stem.slice(1));
  return alts;
}

/**
 * The stem (first) and alternative keys of one word. `lower` keeps accents for the French
 * stemmer; the result is folded like everything else.
 */
export function stemKeys(lower: string, folded: string, lang: Lang): string[] {
  let stem: string;
  let alts: string[] = [];
  switch (lang) {
    case 'nl':
      stem = stemDutch(folded);
      alts = dutchAlternatives(folded, stem);
      break;
    case 'en':
      stem = fold(snowballEnglish(folded));
      break;
    case 'fr':
      stem = fold(snowballFrench(lower));
      // Snowball keeps the plural of short words (vélos, prix): drop a final s/x.
      if (stem.length >= 4 && /[^s][sx]$/.test(stem)) stem = stem.slice(0, -1);
      break;
    case 'ar':
      stem = stemArabic(folded);
      alts = arabicAlternatives(stem);
      break;
  }
  if (!stem) stem = folded;
  return alts.length ? [stem, ...alts.filter((a) => a !== stem)] : [stem];
}
