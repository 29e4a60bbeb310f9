/**
 * The matching engine: pure TypeScript, no database. It ranks offers for a request by text
 * relevance (BM25-like over stems, compound parts and typo corrections) and by shared concepts
 * (in any language), and says why in reasons a person can read. The database-backed matching adds
 * its own factors (shared language, availability, distance, bridging) through `extraFactors`.
 */
import { dutchWordParts, knownDutch, splitCompound } from './compounds.ts';
import { builtInConcepts, type Concept, type ConceptInput, type Labels, mergeConcepts } from './concepts.ts';
import { type Detection, detectLanguage, stopwords, weakWords } from './language.ts';
import { baseLang, type Lang, type RawToken, tokenize } from './normalize.ts';
import { stemKeys } from './stem.ts';
import { TypoIndex } from './typo.ts';

export type { Concept, ConceptInput, Labels } from './concepts.ts';
export type { Lang } from './normalize.ts';
export { describeReason } from './reasons.ts';
export { TypoIndex } from './typo.ts';

/** A request or an offer: any object with an id and a text; `lang` is a hint ("detect" when missing or unknown). */
export interface MatchDoc {
  id: string;
  text: string;
  lang?: string | null;
}

/** Why an offer matches, as structured items the UI renders in the reader's language. */
export type EngineReason =
  /** Both name this concept (`via: 'same'`), or the offer names one next to it (`via: 'related'`, `from` = the request's concept). */
  | { kind: 'concept'; concept: string; label: Labels; via: 'same' | 'related'; from?: string }
  /** Words (as the offer writes them) that the request shares, after stemming. */
  | { kind: 'words'; words: string[] }
  /** A compound word of the request matched through its parts. */
  | { kind: 'compound'; word: string; parts: string[] }
  /** A word of the request read as a known word. */
  | { kind: 'typo'; from: string; to: string }
  /** Request and offer are in different languages; a concept bridged them. */
  | { kind: 'translation'; from: Lang; to: Lang };

/** What an extra factor says; `kind` is the factor's own (e.g. "distance"), the rest is up to it. */
export interface FactorReason {
  kind: string;
  [key: string]: unknown;
}

export type Reason = EngineReason | FactorReason;

export interface Match<O extends MatchDoc = MatchDoc> {
  offer: O;
  /** 0..1 */
  score: number;
  /** Text relevance and concept overlap before extra factors, 0..1. */
  relevance: number;
  reasons: Reason[];
}

/**
 * A further scored term: the database module adds shared language, availability, distance and a
 * bridging bonus this way. Only offers with some relevance are scored; the final score is the
 * weighted mean of relevance (weight 1) and the factors.
 */
export interface ExtraFactor<O extends MatchDoc = MatchDoc> {
  name: string;
  weight: number;
  score(offer: O, context: { request: MatchDoc; relevance: number }): number | { score: number; reasons?: FactorReason[] };
}

export interface RankOptions<O extends MatchDoc = MatchDoc> {
  /** How many offers to return (default 10). */
  limit?: number;
  /** Offers scoring below this are left out (default 0.05). */
  minScore?: number;
  extraFactors?: ExtraFactor<O>[];
  /** The request's query, when the caller made it already (with `query`). */
  query?: RequestQuery;
}

export interface EngineOptions {
  /** Admins' concepts: new ids are added, known ids get more labels and synonyms. */
  extraConcepts?: ConceptInput[];
  /** Share of the concept overlap in relevance when the request names concepts (default 0.55). */
  conceptWeight?: number;
}

export interface AnalyzedToken {
  /** Folded form as written. */
  word: string;
  /** Lower-case with accents, as written. */
  lower: string;
  /** The language its stem is in. */
  lang: Lang;
  stem: string;
  /** Surface form, stem and alternative stems. */
  keys: string[];
  weak: boolean;
  parts?: { word: string; keys: string[] }[];
  /** Known words one or two edits away (all equally close ones: the context picks). */
  corrected?: { to: string; keys: string[] }[];
}

export interface ConceptHit {
  concept: string;
  /** The concept term that matched, in its language. */
  term: string;
  /** The words of the text that named it. */
  words: string[];
  corrections: { from: string; to: string }[];
  /** Token positions covered ("3" a whole word, "3.1" a compound part): the longer hit wins. */
  positions: Set<string>;
  /**
   * 1, or less when a narrower concept it is linked to covers the same words: in "bike repair"
   * the request is about bike repair, and only a little about cycling or repairs in general.
   */
  weight: number;
}

export interface Analysis {
  lang: Lang;
  detection: Detection;
  tokens: AnalyzedToken[];
  concepts: Map<string, ConceptHit>;
}

interface TermToken {
  keys: string[];
  parts?: string[][];
  word: string;
}
interface Term {
  concept: string;
  text: string;
  lang: Lang;
  tokens: TermToken[];
}

/** An offer as the engine reads it: analysed once, kept (e.g. in a cache) to rank many requests against. */
export interface PreparedOffer<O extends MatchDoc = MatchDoc> {
  offer: O;
  lang: Lang;
  keys: Map<string, { tf: number; words: Set<string> }>;
  length: number;
  /** Words that are not filler. */
  nonWeak: number;
  /** The concepts it names, with how many of its words name each. */
  concepts: Map<string, number>;
  /** Words the offer writes (not filler): what a request's typo may have meant. */
  words: string[];
}

/** A prepared offer as plain JSON, to keep in a store and revive without analysing the text again. */
export interface OfferReading {
  v: 1;
  lang: Lang;
  length: number;
  nonWeak: number;
  /** [key, count, words] */
  keys: [string, number, string[]][];
  /** [concept, words] */
  concepts: [string, number][];
  words: string[];
}

export function offerReading(p: PreparedOffer): OfferReading {
  return {
    v: 1,
    lang: p.lang,
    length: p.length,
    nonWeak: p.nonWeak,
    keys: [...p.keys].map(([k, e]) => [k, e.tf, [...e.words]]),
    concepts: [...p.concepts],
    words: p.words,
  };
}

/** The prepared offer back from its reading; undefined when the reading is not one (an older format). */
export function reviveOffer<O extends MatchDoc>(offer: O, r: unknown): PreparedOffer<O> | undefined {
  const x = r as OfferReading | null;
  if (!x || x.v !== 1 || !Array.isArray(x.keys) || !Array.isArray(x.concepts)) return undefined;
  return {
    offer,
    lang: x.lang,
    length: x.length,
    nonWeak: x.nonWeak,
    keys: new Map(x.keys.map(([k, tf, words]) => [k, { tf, words: new Set(words) }])),
    concepts: new Map(x.concepts),
    words: x.words ?? [],
  };
}
type IndexedOffer<O extends MatchDoc> = PreparedOffer<O>;

/**
 * Figures about the whole collection of offers, when the offers ranked are only a part of it (the
 * candidates a database pre-selected): relevance then weighs words as rare as they are among all.
 */
export interface CorpusStats {
  size: number;
  avgLength: number;
  /** Offers having this key (a stem, a surface form, a part or a correction). */
  df(key: string): number;
  /** Offers naming this concept. */
  conceptDf(id: string): number;
  /** The words of all offers, for typo correction of requests. */
  vocabulary: TypoIndex;
}

/** Offers analysed once, to rank many requests against. */
export interface OfferIndex<O extends MatchDoc = MatchDoc> {
  readonly size: number;
  /** @internal */
  readonly entries: IndexedOffer<O>[];
  /** @internal */
  readonly df: Map<string, number>;
  /** @internal */
  readonly conceptDf: Map<string, number>;
  /** @internal */
  readonly avgLength: number;
  /** @internal */
  readonly vocabulary: TypoIndex;
  /** @internal key → positions in entries: only offers sharing a key or a concept are scored. */
  readonly postings: Map<string, number[]>;
  /** @internal */
  readonly stats?: CorpusStats;
}

/**
 * What a request looks for, as keys a store can look up: the keys of each distinct word of the
 * request (with its compound parts and typo corrections), and its concepts with their neighbours.
 * Every offer with any relevance shares at least one of these keys (see `offerTerms`).
 */
export interface RequestQuery {
  analysis: Analysis;
  units: { keys: string[]; weak: boolean }[];
  concepts: { id: string; neighbours: string[] }[];
}

/** The key under which an offer's concept is stored next to its words (no word contains "@"). */
export const conceptKey = (id: string) => `@${id}`;

export interface MatchingEngine {
  readonly concepts: readonly Concept[];
  concept(id: string): Concept | undefined;
  analyze(text: string, lang?: string | null): Analysis;
  /** Analyses one offer (for a cache, or for a store's pre-selection). */
  prepare<O extends MatchDoc>(offer: O): PreparedOffer<O>;
  /** An offer's keys with their counts (its words, stems, parts, corrections and `@concept` keys), its length and language: what a store indexes. */
  offerTerms(prepared: PreparedOffer): { terms: Map<string, number>; length: number; lang: Lang; words: string[] };
  /** The keys a request looks for; `vocabulary` is the offers' words (for typo correction). */
  query(request: MatchDoc, vocabulary?: TypoIndex): RequestQuery;
  /** Indexes offers (or prepared ones); `stats` when they are a pre-selected part of a larger collection. */
  index<O extends MatchDoc>(offers: readonly O[] | readonly PreparedOffer<O>[], stats?: CorpusStats): OfferIndex<O>;
  rank<O extends MatchDoc>(request: MatchDoc, offers: readonly O[] | OfferIndex<O>, options?: RankOptions<O>): Match<O>[];
}

/** Texts longer than this are cut before analysis: matching needs the gist, not a book. */
export const maxAnalysedLength = 20_000;
const maxTokens = 3000;
const neighbourWeight = 0.5;
const focusShare = 0.2;
const coveredWeight = 0.35;
const maxUnits = 30;
const maxConcepts = 10;
const weakWeight = 0.25;
const k1 = 1.2;
const b = 0.5;

const scriptLangs: Record<'latin' | 'arabic', Lang[]> = { latin: ['nl', 'en', 'fr'], arabic: ['ar'] };

function idf(n: number, df: number) {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function createEngine(options: EngineOptions = {}): MatchingEngine {
  const concepts = mergeConcepts(builtInConcepts(), options.extraConcepts ?? []);
  const conceptWeight = options.conceptWeight ?? 0.55;
  const byId = new Map(concepts.map((c) => [c.id, c]));

  // Neighbours in either direction: broader, narrower and related concepts are one step apart.
  const neighbours = new Map<string, Set<string>>(concepts.map((c) => [c.id, new Set<string>()]));
  for (const c of concepts) {
    for (const other of [...c.broader, ...c.related]) {
      neighbours.get(c.id)?.add(other);
      neighbours.get(other)?.add(c.id);
    }
  }

  // Stems are computed for every word in up to three languages: cache them.
  const stemCache = new Map<string, string[]>();
  function keysOf(lower: string, folded: string, lang: Lang): string[] {
    const cacheKey = `${lang}\u0000${lower}`;
    let keys = stemCache.get(cacheKey);
    if (!keys) {
      const [stem, ...alternatives] = stemKeys(lower, folded, lang);
      keys = [...new Set([stem, folded, ...alternatives])];
      if (stemCache.size > 200_000) stemCache.clear();
      stemCache.set(cacheKey, keys);
    }
    return keys;
  }

  // The vocabulary the concept list and the Dutch word parts make: for language detection,
  // compound splitting and typo correction.
  const vocabulary = new Map<string, Set<Lang>>();
  const addWord = (w: string, lang: Lang) => {
    if (stopwords[lang].has(w)) return;
    const langs = vocabulary.get(w);
    if (langs) langs.add(lang);
    else vocabulary.set(w, new Set([lang]));
  };
  for (const c of concepts)
    for (const lang of ['nl', 'en', 'fr', 'ar'] as const) for (const t of c.terms[lang]) for (const tok of tokenize(t)) addWord(tok.folded, lang);
  for (const w of dutchWordParts) addWord(w, 'nl');
  const baseWordParts = new Set(dutchWordParts);
  // A word whose stem a known word shares is no typo ("trained" next to "training").
  const knownStems = new Set<string>();
  for (const [w, langs] of vocabulary) for (const l of langs) knownStems.add(`${l}:${keysOf(w, w, l)[0]}`);
  const dutchKnown = knownDutch([...vocabulary].filter(([, langs]) => langs.has('nl')).map(([w]) => w));
  const typoBase = new TypoIndex();
  // Filler words are no correction for anything ("traag" is not a misspelt "vraag").
  for (const [w, langs] of vocabulary) if (![...langs].some((l) => weakWords[l].has(w))) typoBase.add(w);

  function latinLangOf(tokens: RawToken[], detection: Detection): Lang {
    if (detection.lang !== 'ar') return detection.lang;
    const latin = tokens.filter((t) => t.script === 'latin');
    return latin.length ? detectLanguage(latin, undefined, vocabulary).lang : 'nl';
  }

  function analyzeTokens(raw: RawToken[], detection: Detection, typo: TypoIndex[], minTypoLength = 5): AnalyzedToken[] {
    const latinLang = latinLangOf(raw, detection);
    const out: AnalyzedToken[] = [];
    for (const t of raw) {
      const lang = t.script === 'arabic' ? 'ar' : latinLang;
      if (stopwords[lang].has(t.folded)) continue;
      const keys = keysOf(t.lower, t.folded, lang);
      const token: AnalyzedToken = { word: t.folded, lower: t.lower, lang, stem: keys[0], keys, weak: weakWords[lang].has(t.folded) };
      if (t.script === 'latin' && t.folded.length >= 7 && !baseWordParts.has(t.folded) && (lang === 'nl' || !vocabulary.get(t.folded)?.has(lang))) {
        const split = splitCompound(t.folded, dutchKnown);
        if (split) token.parts = split.parts.map((p) => ({ word: p, keys: keysOf(p, p, 'nl') }));
      }
      const known = vocabulary.has(t.folded) || knownStems.has(`${lang}:${token.stem}`) || typo.some((ix) => ix.has(t.folded));
      if (!known && !token.parts && !token.weak && [...t.folded].length >= minTypoLength) {
        const candidates = typo.flatMap((ix) => ix.candidates(t.folded));
        const distance = Math.min(...candidates.map((c) => c.distance));
        const best = [...new Set(candidates.filter((c) => c.distance === distance).map((c) => c.to))].slice(0, 4);
        if (best.length) {
          token.corrected = best.map((to) => {
            // Stem the correction in the language that knows it.
            const langs = vocabulary.get(to);
            const cLang = !langs || langs.has(lang) ? lang : [...langs][0];
            return { to, keys: keysOf(to, to, cLang) };
          });
        }
      }
      out.push(token);
      if (out.length >= maxTokens) break;
    }
    return out;
  }

  // Concept terms, analysed like any text in their own language, indexed by the keys they need.
  const termIndex = new Map<string, Term[]>();
  for (const c of concepts) {
    for (const lang of ['nl', 'en', 'fr', 'ar'] as const) {
      for (const text of c.terms[lang]) {
        const raw = tokenize(text);
        const analysed = analyzeTokens(raw, { lang, how: 'given', arabicShare: lang === 'ar' ? 1 : 0, confident: true }, []);
        // "it help" is only "help" once "it" is dropped: a term of filler words would match everything.
        if (analysed.every((t) => t.weak)) continue;
        const tokens = analysed.map((t) => ({ keys: t.keys, word: t.word, parts: t.parts?.map((p) => p.keys) }));
        const term: Term = { concept: c.id, text, lang, tokens };
        const first = tokens[0];
        const entryKeys = new Set([...first.keys, ...(first.parts?.map((p) => p[0]) ?? [])]);
        for (const k of entryKeys) {
          const key = `${lang}:${k}`;
          const list = termIndex.get(key);
          if (list) list.push(term);
          else termIndex.set(key, [term]);
        }
      }
    }
  }

  function findConcepts(tokens: AnalyzedToken[], detection: Detection): Map<string, ConceptHit> {
    // Per language: key → where in the text it occurs.
    type Where = { pos: string; word: string; correction?: { from: string; to: string } };
    const at = new Map<string, Where[]>();
    const put = (lang: Lang, key: string, where: Where) => {
      const k = `${lang}:${key}`;
      const list = at.get(k);
      if (list) list.push(where);
      else at.set(k, [where]);
    };
    for (const [i, t] of tokens.entries()) {
      for (const lang of scriptLangs[t.lang === 'ar' ? 'arabic' : 'latin']) {
        const keys = lang === t.lang ? t.keys : keysOf(t.lower, t.word, lang);
        for (const k of keys) {
          // Read as another language than the text's only when the text's language is uncertain
          // ("bike repair"), or for a long word written the same (computer, smartphone): otherwise
          // Dutch "train" (to coach) would be an English train.
          if (lang !== t.lang && (detection.confident ? k !== t.word || k.length < 6 : k !== t.word && k.length < 5)) continue;
          put(lang, k, { pos: String(i), word: t.word });
        }
        for (const c of t.corrected ?? []) {
          if (lang !== t.lang && detection.confident) continue;
          const ck = lang === t.lang ? c.keys : keysOf(c.to, c.to, lang);
          for (const k of ck) put(lang, k, { pos: String(i), word: t.word, correction: { from: t.word, to: c.to } });
        }
      }
      for (const [j, p] of (t.parts ?? []).entries()) for (const k of p.keys) put('nl', k, { pos: `${i}.${j}`, word: p.word });
    }
    const expand = (pos: string) => {
      if (pos.includes('.')) return [pos];
      const t = tokens[Number(pos)];
      return t.parts ? t.parts.map((_, j) => `${pos}.${j}`) : [pos];
    };

    const hits = new Map<string, ConceptHit>();
    const seen = new Set<Term>();
    for (const key of at.keys()) {
      for (const term of termIndex.get(key) ?? []) {
        if (seen.has(term)) continue;
        seen.add(term);
        const positions = new Set<string>();
        const words: string[] = [];
        const corrections: { from: string; to: string }[] = [];
        let ok = true;
        for (const tt of term.tokens) {
          let found: Where[] | undefined;
          for (const k of tt.keys) {
            const w = at.get(`${term.lang}:${k}`);
            if (w) {
              found = [w[0]];
              break;
            }
          }
          if (!found && tt.parts) {
            // The parts of a compound term ("vrouwenopvang") must each be a word of the text or all
            // come from one word of it: not "vrouwen" + the "opvang" of "kinderopvang".
            const all = tt.parts.map((p) => p.flatMap((k) => at.get(`${term.lang}:${k}`) ?? []));
            if (all.every((w) => w.length)) {
              const whole = all.map((w) => w.find((x) => !x.pos.includes('.')));
              if (whole.every(Boolean)) found = whole as Where[];
              else {
                const from = all[0].map((x) => x.pos.split('.')[0]).find((i) => all.every((w) => w.some((x) => x.pos.split('.')[0] === i)));
                if (from !== undefined) found = all.map((w) => w.find((x) => x.pos.split('.')[0] === from) as Where);
              }
            }
          }
          if (!found) {
            ok = false;
            break;
          }
          for (const w of found) {
            for (const p of expand(w.pos)) positions.add(p);
            if (!words.includes(w.word)) words.push(w.word);
            if (w.correction) corrections.push(w.correction);
          }
        }
        if (!ok) continue;
        const prev = hits.get(term.concept);
        if (!prev || positions.size > prev.positions.size)
          hits.set(term.concept, { concept: term.concept, term: term.text, words, corrections, positions, weight: 1 });
      }
    }
    // A concept named only by words that a longer match of an unrelated concept also covers is
    // that other concept's part: "lekke band" is a flat tyre, not (also) a music band, and an
    // "onthaalouder" is childcare, not a reception desk. A broader or related concept stays
    // (cooking for large groups is still cooking), and so does a format (a lesson, a workshop).
    const list = [...hits.values()];
    for (const a of list) {
      const covering = list.filter((other) => other !== a && other.positions.size > a.positions.size && [...a.positions].every((p) => other.positions.has(p)));
      if (!covering.length) continue;
      const linked = covering.every((other) => neighbours.get(a.concept)?.has(other.concept));
      if (linked || byId.get(a.concept)?.kind === 'activity') a.weight = coveredWeight;
      else hits.delete(a.concept);
    }
    return hits;
  }

  function analyzeWith(text: string, lang: string | null | undefined, typo: TypoIndex[], minTypoLength?: number): Analysis {
    const raw = tokenize(typeof text === 'string' ? text.slice(0, maxAnalysedLength) : '');
    const detection = detectLanguage(raw, baseLang(lang), vocabulary);
    const tokens = analyzeTokens(raw, detection, typo, minTypoLength);
    return { lang: detection.lang, detection, tokens, concepts: findConcepts(tokens, detection) };
  }

  function prepare<O extends MatchDoc>(offer: O): PreparedOffer<O> {
    // Offers are corrected only for longer words: a wrong guess there would follow every request.
    const analysis = analyzeWith(offer.text, offer.lang, [typoBase], 7);
    const keys = new Map<string, { tf: number; words: Set<string> }>();
    const add = (k: string, word: string) => {
      const e = keys.get(k);
      if (e) {
        e.tf++;
        e.words.add(word);
      } else keys.set(k, { tf: 1, words: new Set([word]) });
    };
    const words = new Set<string>();
    for (const t of analysis.tokens) {
      const own = new Set([...t.keys, ...(t.parts?.flatMap((p) => p.keys) ?? []), ...(t.corrected?.flatMap((c) => c.keys) ?? [])]);
      for (const k of own) add(k, t.word);
      if (!t.weak) words.add(t.word);
    }
    const concepts = new Map([...analysis.concepts].map(([id, hit]) => [id, new Set([...hit.positions].map((p) => p.split('.')[0])).size]));
    return {
      offer,
      lang: analysis.lang,
      keys,
      length: analysis.tokens.length,
      nonWeak: analysis.tokens.filter((t) => !t.weak).length,
      concepts,
      words: [...words],
    };
  }

  function offerTerms(p: PreparedOffer) {
    const terms = new Map<string, number>();
    for (const [k, v] of p.keys) terms.set(k, v.tf);
    for (const c of p.concepts.keys()) terms.set(conceptKey(c), 1);
    return { terms, length: p.length, lang: p.lang, words: p.words };
  }

  const isPrepared = <O extends MatchDoc>(x: O | PreparedOffer<O>): x is PreparedOffer<O> => 'keys' in x && 'offer' in x && x.keys instanceof Map;

  function index<O extends MatchDoc>(offers: readonly O[] | readonly PreparedOffer<O>[], stats?: CorpusStats): OfferIndex<O> {
    const entries: IndexedOffer<O>[] = [];
    const df = new Map<string, number>();
    const conceptDf = new Map<string, number>();
    const postings = new Map<string, number[]>();
    const vocab = new TypoIndex();
    const post = (k: string, i: number) => {
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    };
    for (const o of offers) {
      const e = isPrepared(o) ? o : prepare(o);
      const i = entries.length;
      for (const k of e.keys.keys()) {
        df.set(k, (df.get(k) ?? 0) + 1);
        post(k, i);
      }
      for (const c of e.concepts.keys()) {
        conceptDf.set(c, (conceptDf.get(c) ?? 0) + 1);
        post(conceptKey(c), i);
      }
      if (!stats) for (const w of e.words) vocab.add(w);
      entries.push(e);
    }
    const avgLength = entries.length ? entries.reduce((s, e) => s + e.length, 0) / entries.length : 1;
    return { size: entries.length, entries, df, conceptDf, avgLength: avgLength || 1, vocabulary: stats?.vocabulary ?? vocab, postings, stats };
  }

  function query(request: MatchDoc, vocabulary?: TypoIndex): RequestQuery {
    const q = analyzeWith(request.text, request.lang, vocabulary ? [typoBase, vocabulary] : [typoBase]);
    const seen = new Set<string>();
    const units: RequestQuery['units'] = [];
    for (const t of q.tokens) {
      if (seen.has(t.stem)) continue;
      seen.add(t.stem);
      units.push({
        keys: [...new Set([...t.keys, ...(t.parts?.flatMap((p) => p.keys) ?? []), ...(t.corrected?.flatMap((c) => c.keys) ?? [])])],
        weak: t.weak,
      });
    }
    const concepts = [...q.concepts.keys()].map((id) => ({ id, neighbours: [...(neighbours.get(id) ?? [])] }));
    return { analysis: q, units, concepts };
  }

  function rank<O extends MatchDoc>(request: MatchDoc, offers: readonly O[] | OfferIndex<O>, opts: RankOptions<O> = {}): Match<O>[] {
    const ix = Array.isArray(offers) ? index(offers as readonly O[]) : (offers as OfferIndex<O>);
    const limit = opts.limit ?? 10;
    const minScore = opts.minScore ?? 0.05;
    if (!ix.size || limit <= 0) return [];
    const stats = ix.stats;
    const n = stats ? Math.max(stats.size, ix.size) : ix.size;
    const dfOf = (k: string) => (stats ? stats.df(k) : (ix.df.get(k) ?? 0));
    const conceptDfOf = (c: string) => (stats ? stats.conceptDf(c) : (ix.conceptDf.get(c) ?? 0));
    const avgLength = stats ? stats.avgLength || 1 : ix.avgLength;
    const rq = opts.query ?? query(request, ix.vocabulary);
    const q = rq.analysis;

    // One unit per distinct stem of the request; its weight is how rare it is among the offers.
    const units = new Map<string, AnalyzedToken>();
    for (const t of q.tokens) if (!units.has(t.stem)) units.set(t.stem, t);
    const unitList = [...units.values()].map((t) => {
      const dfs = t.keys.map(dfOf);
      const w = idf(n, Math.max(...dfs, 0)) * (t.weak ? weakWeight : 1);
      return { t, w };
    });
    // A long request (a whole letter) is judged by its most telling words, not diluted by all of them.
    const topSum = (ws: number[], n: number) =>
      [...ws]
        .sort((x, y) => y - x)
        .slice(0, n)
        .reduce((s, w) => s + w, 0);
    const unitTotal = topSum(
      unitList.map((u) => u.w),
      maxUnits,
    );

    const qConcepts = [...q.concepts.values()];
    const cWeight = (h: ConceptHit) => idf(n, conceptDfOf(h.concept)) * h.weight;
    const conceptTotal = topSum(qConcepts.map(cWeight), maxConcepts);

    // Only offers sharing a key or a (neighbouring) concept with the request can be relevant.
    const candidates = new Set<number>();
    const collect = (k: string) => {
      for (const i of ix.postings.get(k) ?? []) candidates.add(i);
    };
    for (const u of rq.units) for (const k of u.keys) collect(k);
    for (const c of rq.concepts) for (const id of [c.id, ...c.neighbours]) collect(conceptKey(id));

    const results: Match<O>[] = [];
    for (const i of candidates) {
      const e = ix.entries[i];
      // Text relevance: the share of the request's (weighted) words the offer has, saturated like BM25.
      let text = 0;
      const words = new Set<string>();
      const compounds: { word: string; parts: string[] }[] = [];
      const typos: { from: string; to: string }[] = [];
      if (unitTotal > 0) {
        const norm = k1 * (1 - b + (b * e.length) / avgLength);
        for (const { t, w } of unitList) {
          let cover = 0;
          let tf = 0;
          const direct = t.keys.map((k) => e.keys.get(k)).find(Boolean);
          if (direct) {
            cover = 1;
            tf = direct.tf;
            for (const x of direct.words) words.add(x);
          } else if (t.parts) {
            const found = t.parts.map((p) => p.keys.map((k) => e.keys.get(k)).find(Boolean));
            const share = found.filter(Boolean).length / t.parts.length;
            if (share > 0) {
              cover = 0.9 * share;
              tf = 1;
              for (const f of found) for (const x of f?.words ?? []) words.add(x);
              compounds.push({ word: t.word, parts: t.parts.map((p) => p.word) });
            }
          }
          for (const corr of t.corrected ?? []) {
            if (cover) break;
            const c = corr.keys.map((k) => e.keys.get(k)).find(Boolean);
            if (c) {
              cover = 0.85;
              tf = c.tf;
              for (const x of c.words) words.add(x);
              typos.push({ from: t.word, to: corr.to });
            }
          }
          if (cover) text += w * cover * Math.min(1, (tf * (k1 + 1)) / (tf + norm));
        }
        text = Math.min(1, text / unitTotal);
      }

      // Concept overlap: the request's concepts the offer names too (or names a neighbour of).
      let concept = 0;
      const conceptReasons: EngineReason[] = [];
      if (conceptTotal > 0) {
        // An offer about the concept beats one that mentions it in passing: a small share of the
        // score goes by how much of the offer the shared concepts cover.
        const offerWords = e.nonWeak || 1;
        const focus = (id: string) => {
          const words = e.concepts.get(id) ?? 0;
          return 1 - focusShare + focusShare * Math.min(1, words / offerWords);
        };
        const related: EngineReason[] = [];
        for (const h of qConcepts) {
          const w = cWeight(h);
          const c = byId.get(h.concept);
          if (!c) continue;
          if (e.concepts.has(h.concept)) {
            concept += w * focus(h.concept);
            conceptReasons.push({ kind: 'concept', concept: c.id, label: c.labels, via: 'same' });
            for (const t of h.corrections) if (!typos.some((x) => x.from === t.from)) typos.push(t);
          } else {
            const near = [...(neighbours.get(h.concept) ?? [])].find((nb) => e.concepts.has(nb));
            const nc = near ? byId.get(near) : undefined;
            if (nc) {
              concept += w * neighbourWeight * focus(nc.id);
              related.push({ kind: 'concept', concept: nc.id, label: nc.labels, via: 'related', from: c.id });
              for (const t of h.corrections) if (!typos.some((x) => x.from === t.from)) typos.push(t);
            }
          }
        }
        // The same concept is named once, as shared if it is.
        for (const r of related)
          if (!conceptReasons.some((x) => x.kind === 'concept' && x.concept === (r as { concept: string }).concept)) conceptReasons.push(r);
        concept = Math.min(1, concept / conceptTotal);
      }

      const relevance = conceptTotal > 0 ? (1 - conceptWeight) * text + conceptWeight * concept : text;
      if (relevance <= 0) continue;

      const reasons: Reason[] = [...conceptReasons];
      if (words.size) reasons.push({ kind: 'words', words: [...words].slice(0, 8) });
      for (const c of compounds) reasons.push({ kind: 'compound', ...c });
      for (const t of typos) reasons.push({ kind: 'typo', ...t });
      if (conceptReasons.length && e.lang !== q.lang) reasons.push({ kind: 'translation', from: q.lang, to: e.lang });

      let score = relevance;
      if (opts.extraFactors?.length) {
        let sum = relevance;
        let weights = 1;
        for (const f of opts.extraFactors) {
          if (!(f.weight > 0)) continue;
          const r = f.score(e.offer, { request, relevance });
          const s = typeof r === 'number' ? r : r.score;
          const clamped = Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0;
          sum += f.weight * clamped;
          weights += f.weight;
          if (typeof r === 'object' && r.reasons && clamped > 0) reasons.push(...r.reasons);
        }
        score = sum / weights;
      }
      if (score < minScore) continue;
      results.push({ offer: e.offer, score: round(Math.min(1, score)), relevance: round(Math.min(1, relevance)), reasons });
    }
    results.sort((x, y) => y.score - x.score || y.relevance - x.relevance || (x.offer.id < y.offer.id ? -1 : 1));
    return results.slice(0, limit);
  }

  return {
    concepts,
    concept: (id) => byId.get(id),
    analyze: (text, lang) => analyzeWith(text, lang, [typoBase]),
    prepare,
    offerTerms,
    query,
    index,
    rank,
  };
}
