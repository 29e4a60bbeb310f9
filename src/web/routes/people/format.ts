/** A calendar date (YYYY-MM-DD) in the UI language; read as UTC so that no time zone shifts the day. */
export function formatDate(iso: string, language: string, style: 'long' | 'medium' = 'long'): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: 'UTC' }).format(d);
}

export function formatDateTime(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(d);
}

/** Age in whole years today; ages are computed, never stored. */
export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.slice(0, 10).split('-').map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}
