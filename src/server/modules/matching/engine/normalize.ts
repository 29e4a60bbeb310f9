/**
 * Normalisation and tokenisation for the matching engine: the same rules for offers, requests and
 * concept labels, so that what a person types and what the concept list says meet in one form.
 */

/** The languages the engine analyses; any other code is treated as "detect". */
export const engineLanguages = ['nl', 'en', 'fr', 'ar'] as const;
export type Lang = (typeof engineLanguages)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (engineLanguages as readonly string[]).includes(value);
}

/** "nl-BE", "NL", "fr_FR" → the base language when the engine knows it, otherwise undefined. */
export function baseLang(code: unknown): Lang | undefined {
  if (typeof code !== 'string') return undefined;
  const base = code.trim().toLowerCase().split(/[-_]/)[0];
  return isLang(base) ? base : undefined;
}

// Tashkeel (harakat, tanween, shadda, sukun, superscript alef, Quranic marks) and tatweel.
const arabicMarks = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/**
 * Arabic spelling varies in ways readers ignore: hamza on or under alef, alef maqsura for ya, ta
 * marbuta for ha, Persian letter shapes, Arabic-Indic digits. All fold to one form.
 */
export function normalizeArabic(text: string): string {
  return text
    .replace(arabicMarks, '')
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627') // آ أ إ ٱ → ا
    .replace(/\u0649/g, '\u064A') // ى → ي
    .replace(/\u0629/g, '\u0647') // ة → ه
    .replace(/\u0624/g, '\u0648') // ؤ → و
    .replace(/\u0626/g, '\u064A') // ئ → ي
    .replace(/[\u06CC\u06D2]/g, '\u064A') // Persian yeh, yeh barree → ي
    .replace(/\u06A9/g, '\u0643') // Persian kaf → ك
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** Case, Latin accents and Arabic variants folded; é → e, œ → oe, ß → ss. */
export function fold(word: string): string {
  return normalizeArabic(
    word
      .toLowerCase()
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      .normalize('NFD')
      // Latin combining accents only: Arabic marks are handled by normalizeArabic.
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC'),
  );
}

export type Script = 'latin' | 'arabic';

const arabicLetter = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export function scriptOf(word: string): Script | undefined {
  for (const ch of word) {
    if (arabicLetter.test(ch)) return 'arabic';
    if (/\p{Script=Latin}/u.test(ch)) return 'latin';
  }
  return undefined;
}

export interface RawToken {
  /** As written, lower-cased (accents kept: the French stemmer reads them). */
  lower: string;
  /** Folded: no accents, Arabic normalised. The form every lookup uses. */
  folded: string;
  script: Script;
}

/** Words longer than this are not words (hashes, URLs, runs of letters): cut, so analysis stays cheap. */
export const maxWordLength = 40;

/**
 * Splits a text into words of Latin or Arabic script. Emoji, punctuation, symbols and other
 * scripts are separators; digits stay only inside words ("A1", "b2"), so numbers alone do not
 * count as words. Apostrophes split ("l'aide" → l, aide; "auto's" → auto, s).
 * A word switching script midway ("wifiواي") is split at the switch.
 */
export function tokenize(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  // NFKC first: full-width letters and ligatures (ﬁ) become plain letters; Arabic presentation forms become letters.
  const clean = text.normalize('NFKC').toLowerCase();
  for (const match of clean.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    for (const piece of splitScripts(match[0])) {
      if (!/\p{L}/u.test(piece)) continue;
      const lower = piece.slice(0, maxWordLength);
      const folded = fold(lower).replace(/[^\p{L}\p{N}]/gu, '');
      const script = scriptOf(folded);
      if (!folded || !script) continue;
      tokens.push({ lower, folded, script });
    }
  }
  return tokens;
}

function splitScripts(word: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let currentScript: Script | undefined;
  for (const ch of word) {
    const s = arabicLetter.test(ch) ? 'arabic' : /\p{Script=Latin}/u.test(ch) ? 'latin' : undefined;
    if (s && currentScript && s !== currentScript) {
      pieces.push(current);
      current = '';
    }
    if (s) currentScript = s;
    // Letters of other scripts (Cyrillic, CJK, …) separate words: the engine has no rules for them.
    if (!s && /\p{L}/u.test(ch)) {
      if (current) pieces.push(current);
      current = '';
      currentScript = undefined;
      continue;
    }
    current += ch;
  }
  if (current) pieces.push(current);
  return pieces;
}
