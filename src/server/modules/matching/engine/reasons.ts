/**
 * Reasons in words: one short sentence per reason, in the reader's language, for screens and
 * exports that show why a match was proposed. Reasons of extra factors are the factor's own to
 * phrase: for those this returns undefined.
 */
import type { Reason } from './engine.ts';
import { baseLang, type Lang } from './normalize.ts';

const languageNames: Record<Lang, Record<Lang, string>> = {
  nl: { nl: 'Nederlands', en: 'Engels', fr: 'Frans', ar: 'Arabisch' },
  en: { nl: 'Dutch', en: 'English', fr: 'French', ar: 'Arabic' },
  fr: { nl: 'néerlandais', en: 'anglais', fr: 'français', ar: 'arabe' },
  ar: { nl: 'الهولندية', en: 'الإنجليزية', fr: 'الفرنسية', ar: 'العربية' },
};

const phrases: Record<Lang, Record<string, (a: string, b?: string) => string>> = {
  nl: {
    same: (a) => `Allebei over ${a}`,
    related: (a, b) => `Verwant: ${a}${b ? ` (gevraagd: ${b})` : ''}`,
    words: (a) => `Gedeelde woorden: ${a}`,
    compound: (a, b) => `„${a}” gelezen als ${b}`,
    typo: (a, b) => `„${a}” gelezen als „${b}”`,
    translation: (a, b) => `Over de taalgrens: ${a} → ${b}`,
  },
  en: {
    same: (a) => `Both about ${a}`,
    related: (a, b) => `Related: ${a}${b ? ` (asked: ${b})` : ''}`,
    words: (a) => `Shared words: ${a}`,
    compound: (a, b) => `“${a}” read as ${b}`,
    typo: (a, b) => `Read “${a}” as “${b}”`,
    translation: (a, b) => `Across languages: ${a} → ${b}`,
  },
  fr: {
    same: (a) => `Les deux concernent : ${a}`,
    related: (a, b) => `Proche : ${a}${b ? ` (demandé : ${b})` : ''}`,
    words: (a) => `Mots en commun : ${a}`,
    compound: (a, b) => `« ${a} » lu comme ${b}`,
    typo: (a, b) => `« ${a} » lu comme « ${b} »`,
    translation: (a, b) => `D'une langue à l'autre : ${a} → ${b}`,
  },
  ar: {
    same: (a) => `كلاهما عن ${a}`,
    related: (a, b) => `ذو صلة: ${a}${b ? ` (المطلوب: ${b})` : ''}`,
    words: (a) => `كلمات مشتركة: ${a}`,
    compound: (a, b) => `«${a}» قُرئت: ${b}`,
    typo: (a, b) => `«${a}» قُرئت «${b}»`,
    translation: (a, b) => `بين لغتين: من ${a} إلى ${b}`,
  },
};

/**
 * One sentence for a reason, in `locale` ("nl", "nl-BE", "ar", …; unknown → Dutch).
 * `conceptLabel` finds the label of a concept id (the request's concept of a related match).
 */
export function describeReason(reason: Reason, locale: string, conceptLabel?: (id: string, lang: Lang) => string | undefined): string | undefined {
  const lang = baseLang(locale) ?? 'nl';
  const p = phrases[lang];
  switch (reason.kind) {
    case 'concept': {
      const r = reason as Extract<Reason, { kind: 'concept' }>;
      const region = locale === 'nl-BE' || locale === 'nl-NL' ? r.label[locale] : undefined;
      const label = region ?? r.label[lang];
      return r.via === 'same' ? p.same(label) : p.related(label, r.from ? conceptLabel?.(r.from, lang) : undefined);
    }
    case 'words':
      return p.words((reason as Extract<Reason, { kind: 'words' }>).words.join(', '));
    case 'compound': {
      const r = reason as Extract<Reason, { kind: 'compound' }>;
      return p.compound(r.word, r.parts.join(' + '));
    }
    case 'typo': {
      const r = reason as Extract<Reason, { kind: 'typo' }>;
      return p.typo(r.from, r.to);
    }
    case 'translation': {
      const r = reason as Extract<Reason, { kind: 'translation' }>;
      return p.translation(languageNames[lang][r.from], languageNames[lang][r.to]);
    }
    default:
      return undefined;
  }
}
