/**
 * The multilingual concept list: what people offer and ask for in this domain (skills, everyday
 * needs, services, interests and work domains, places and things), each with labels and synonyms
 * in Dutch, English, French and Arabic. A request and an offer that name the same concept match
 * whatever language either is written in. Admins extend the list at run time
 * (`createEngine({ extraConcepts })`); the built-in data lives in concept-data.ts.
 */
import { conceptData } from './concept-data.ts';
import { engineLanguages, type Lang } from './normalize.ts';

export const conceptKinds = ['skill', 'need', 'service', 'interest', 'domain', 'resource', 'activity', 'group'] as const;
export type ConceptKind = (typeof conceptKinds)[number];

/** A label per language; Dutch may have a Flemish (nl-BE) and a Netherlands (nl-NL) form where they differ. */
export type Labels = Record<Lang, string> & { 'nl-BE'?: string; 'nl-NL'?: string };

export interface Concept {
  id: string;
  kind: ConceptKind;
  labels: Labels;
  /** Every way of saying it per language, the label first. */
  terms: Record<Lang, string[]>;
  /** More general concepts ("flat-tyre" → "bike-repair"). */
  broader: string[];
  /** Concepts close enough that a match on one is worth something for the other. */
  related: string[];
}

/** What an admin adds or extends: an unknown id is a new concept, a known id gets more synonyms. */
export interface ConceptInput {
  id: string;
  kind?: ConceptKind;
  labels?: Partial<Labels>;
  synonyms?: Partial<Record<Lang, string[]>>;
  broader?: string[];
  related?: string[];
}

/**
 * Parses the compact line format of concept-data.ts:
 *   id | kind | nl terms | en terms | fr terms | ar terms | relations
 * Terms are separated by ";", the first is the label. A Dutch term tagged "@BE" or "@NL" is the
 * Flemish or the Netherlands form. Relations: ">id" broader, "~id" related, space-separated.
 */
export function parseConceptLines(text: string): Concept[] {
  const concepts: Concept[] = [];
  for (const [n, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6) throw new Error(`concept line ${n + 1}: expected at least 6 cells, got ${cells.length}: ${line}`);
    const [id, kind, nl, en, fr, ar, relations = ''] = cells;
    if (!(conceptKinds as readonly string[]).includes(kind)) throw new Error(`concept ${id}: unknown kind "${kind}"`);
    const split = (cell: string) =>
      cell
        .split(';')
        .map((t) => t.trim())
        .filter(Boolean);
    const nlTerms = split(nl);
    const labels = {} as Labels;
    const terms = {} as Record<Lang, string[]>;
    const be = nlTerms.find((t) => t.endsWith('@BE'));
    const nlNl = nlTerms.find((t) => t.endsWith('@NL'));
    terms.nl = nlTerms.map((t) => t.replace(/@(BE|NL)$/, ''));
    terms.en = split(en);
    terms.fr = split(fr);
    terms.ar = split(ar);
    for (const lang of engineLanguages) {
      if (!terms[lang].length) throw new Error(`concept ${id}: no ${lang} label`);
      labels[lang] = terms[lang][0];
    }
    if (be) labels['nl-BE'] = be.replace(/@BE$/, '');
    if (nlNl) labels['nl-NL'] = nlNl.replace(/@NL$/, '');
    const rel = relations.split(/\s+/).filter(Boolean);
    concepts.push({
      id,
      kind: kind as ConceptKind,
      labels,
      terms,
      broader: rel.filter((r) => r.startsWith('>')).map((r) => r.slice(1)),
      related: rel.filter((r) => r.startsWith('~')).map((r) => r.slice(1)),
    });
  }
  return concepts;
}

let builtIn: Concept[] | undefined;

/** The built-in concept list (parsed once). */
export function builtInConcepts(): readonly Concept[] {
  builtIn ??= parseConceptLines(conceptData);
  return builtIn;
}

/**
 * The built-in list with admins' additions merged in. Throws a TypeError naming the problem when
 * an addition is malformed; relations to unknown ids are dropped (an admin may remove a concept).
 */
export function mergeConcepts(base: readonly Concept[], extra: readonly ConceptInput[] = []): Concept[] {
  const byId = new Map<string, Concept>(base.map((c) => [c.id, structuredClone(c)]));
  for (const [i, input] of extra.entries()) {
    if (!input || typeof input.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,79}$/.test(input.id)) {
      throw new TypeError(`extraConcepts[${i}]: id must be lower-case letters, digits and dashes`);
    }
    if (input.kind !== undefined && !(conceptKinds as readonly string[]).includes(input.kind)) {
      throw new TypeError(`extraConcepts[${i}] (${input.id}): unknown kind "${input.kind}"`);
    }
    const existing = byId.get(input.id);
    const concept: Concept = existing ?? {
      id: input.id,
      kind: input.kind ?? 'interest',
      labels: { nl: '', en: '', fr: '', ar: '' },
      terms: { nl: [], en: [], fr: [], ar: [] },
      broader: [],
      related: [],
    };
    if (input.kind) concept.kind = input.kind;
    for (const lang of engineLanguages) {
      const label = input.labels?.[lang];
      const synonyms = input.synonyms?.[lang] ?? [];
      for (const t of [label, ...synonyms]) {
        if (t !== undefined && typeof t !== 'string') throw new TypeError(`extraConcepts[${i}] (${input.id}): ${lang} terms must be strings`);
      }
      if (label?.trim()) {
        concept.labels[lang] = label.trim();
        if (!concept.terms[lang].includes(label.trim())) concept.terms[lang].unshift(label.trim());
      }
      for (const s of synonyms) if (s.trim() && !concept.terms[lang].includes(s.trim())) concept.terms[lang].push(s.trim());
    }
    if (input.labels?.['nl-BE']) concept.labels['nl-BE'] = input.labels['nl-BE'];
    if (input.labels?.['nl-NL']) concept.labels['nl-NL'] = input.labels['nl-NL'];
    // A new concept named in one language only still needs a label everywhere: borrow the first there is.
    const anyLabel = engineLanguages.map((l) => concept.labels[l]).find(Boolean);
    if (!anyLabel) throw new TypeError(`extraConcepts[${i}] (${input.id}): needs a label or a synonym in at least one language`);
    for (const lang of engineLanguages) if (!concept.labels[lang]) concept.labels[lang] = concept.terms[lang][0] ?? anyLabel;
    for (const r of input.broader ?? []) if (!concept.broader.includes(r)) concept.broader.push(r);
    for (const r of input.related ?? []) if (!concept.related.includes(r)) concept.related.push(r);
    byId.set(concept.id, concept);
  }
  for (const c of byId.values()) {
    c.broader = c.broader.filter((r) => byId.has(r) && r !== c.id);
    c.related = c.related.filter((r) => byId.has(r) && r !== c.id);
  }
  return [...byId.values()];
}
