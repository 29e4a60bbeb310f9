/**
 * Languages people speak: the common languages of newcomers in Flanders, named in the UI language
 * through Intl.DisplayNames, with our own names where the browser has none (Berber).
 */
const common = [
  'nl',
  'fr',
  'en',
  'de',
  'ar',
  'ber',
  'tr',
  'ku',
  'fa',
  'prs',
  'ps',
  'ur',
  'ru',
  'uk',
  'pl',
  'ro',
  'bg',
  'sq',
  'es',
  'pt',
  'it',
  'so',
  'ti',
  'am',
  'ln',
] as const;

const fallbackNames: Record<string, Record<string, string>> = {
  ber: { nl: 'Berbers (Tamazight)', en: 'Berber (Tamazight)', fr: 'berbère (tamazight)', ar: 'الأمازيغية' },
  prs: { nl: 'Dari', en: 'Dari', fr: 'dari', ar: 'الدارية' },
};

export function languageName(code: string, uiLanguage: string): string {
  const own = fallbackNames[code]?.[uiLanguage];
  if (own) return own;
  try {
    const name = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'none' }).of(code);
    if (name && name !== code) return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
  } catch {
    // An unknown or malformed code: show the code itself.
  }
  return code.toUpperCase();
}

/** The list to choose from, sorted by name in the UI language; `extra` keeps codes a profile already has. */
export function languageOptions(uiLanguage: string, extra: readonly string[] = []) {
  const codes = [...new Set([...common, ...extra])];
  const collator = new Intl.Collator(uiLanguage);
  return codes.map((id) => ({ id, label: languageName(id, uiLanguage) })).sort((a, b) => collator.compare(a.label, b.label));
}

/** "Dutch, French and Arabic" in the UI language. */
export function languageList(codes: readonly string[], uiLanguage: string): string {
  const names = codes.map((c) => languageName(c, uiLanguage));
  try {
    return new Intl.ListFormat(uiLanguage, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}
