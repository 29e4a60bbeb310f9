/**
 * The database factors' reasons in words (the engine phrases its own, describeReason): one short
 * sentence in the reader's language, in simple words.
 */
import { describeReason, type Reason } from './engine/engine.ts';

type Lang = 'nl' | 'en' | 'fr' | 'ar';
const langOf = (locale: string): Lang => {
  const base = locale.slice(0, 2);
  return base === 'en' || base === 'fr' || base === 'ar' ? base : 'nl';
};

const dayNames: Record<Lang, Record<string, string>> = {
  nl: { mon: 'maandag', tue: 'dinsdag', wed: 'woensdag', thu: 'donderdag', fri: 'vrijdag', sat: 'zaterdag', sun: 'zondag' },
  en: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
  fr: { mon: 'lundi', tue: 'mardi', wed: 'mercredi', thu: 'jeudi', fri: 'vendredi', sat: 'samedi', sun: 'dimanche' },
  ar: { mon: 'الاثنين', tue: 'الثلاثاء', wed: 'الأربعاء', thu: 'الخميس', fri: 'الجمعة', sat: 'السبت', sun: 'الأحد' },
};
const partNames: Record<Lang, Record<string, string>> = {
  nl: { morning: 'voormiddag', afternoon: 'namiddag', evening: 'avond' },
  en: { morning: 'morning', afternoon: 'afternoon', evening: 'evening' },
  fr: { morning: 'matin', afternoon: 'après-midi', evening: 'soir' },
  ar: { morning: 'صباحًا', afternoon: 'بعد الظهر', evening: 'مساءً' },
};

export function slotName(slot: string, locale: string) {
  const lang = langOf(locale);
  const [d, p] = slot.split('-');
  return `${dayNames[lang][d] ?? d} ${partNames[lang][p] ?? p}`;
}

export function languageName(code: string, locale: string) {
  try {
    return new Intl.DisplayNames([langOf(locale)], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const list = (xs: string[], locale: string) => {
  try {
    return new Intl.ListFormat([langOf(locale)], { type: 'conjunction' }).format(xs);
  } catch {
    return xs.join(', ');
  }
};

const phrases: Record<Lang, Record<string, (a: string) => string>> = {
  nl: {
    language: (a) => `Jullie spreken allebei ${a}`,
    availability: (a) => `Allebei vrij op ${a}`,
    place: (a) => `Allebei bij ${a}`,
    city: (a) => `Allebei in ${a}`,
    distance: (a) => `${a} km van elkaar`,
    bridging: () => 'Jullie kennen elkaar nog niet via ons: een nieuwe verbinding',
    meaning: () => 'Ze lijken op elkaar in betekenis',
  },
  en: {
    language: (a) => `You both speak ${a}`,
    availability: (a) => `Both free on ${a}`,
    place: (a) => `Both at ${a}`,
    city: (a) => `Both in ${a}`,
    distance: (a) => `${a} km away`,
    bridging: () => 'Not yet connected through us: a new connection',
    meaning: () => 'Similar in meaning',
  },
  fr: {
    language: (a) => `Vous parlez tous les deux ${a}`,
    availability: (a) => `Libres tous les deux le ${a}`,
    place: (a) => `Tous les deux à ${a}`,
    city: (a) => `Tous les deux à ${a}`,
    distance: (a) => `À ${a} km`,
    bridging: () => 'Pas encore en lien par nous : une nouvelle connexion',
    meaning: () => 'De sens proche',
  },
  ar: {
    language: (a) => `كلاكما يتحدث ${a}`,
    availability: (a) => `كلاكما متاح يوم ${a}`,
    place: (a) => `كلاكما في ${a}`,
    city: (a) => `كلاكما في ${a}`,
    distance: (a) => `على بعد ${a} كم`,
    bridging: () => 'لم تتعارفا بعد عن طريقنا: صلة جديدة',
    meaning: () => 'متقاربان في المعنى',
  },
};

/** One sentence for any reason (the engine's or a factor's), in `locale`. */
export function reasonText(reason: Reason, locale: string, conceptLabel?: (id: string, lang: Lang) => string | undefined): string {
  const fromEngine = describeReason(reason, locale, conceptLabel);
  if (fromEngine) return fromEngine;
  const lang = langOf(locale);
  const p = phrases[lang];
  const r = reason as { kind: string; languages?: string[]; slots?: string[]; name?: string };
  switch (r.kind) {
    case 'language':
      return p.language(
        list(
          (r.languages ?? []).map((c) => languageName(c, locale)),
          locale,
        ),
      );
    case 'availability':
      return p.availability(
        list(
          (r.slots ?? []).map((s) => slotName(s, locale)),
          locale,
        ),
      );
    case 'place':
      return p.place(r.name ?? '');
    case 'city':
      return p.city(r.name ?? '');
    case 'distance': {
      const km = Number((reason as { km?: number }).km ?? 0);
      return p.distance(new Intl.NumberFormat(langOf(locale), { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km));
    }
    case 'bridging':
      return p.bridging('');
    case 'meaning':
      return p.meaning('');
    default:
      return r.kind;
  }
}
