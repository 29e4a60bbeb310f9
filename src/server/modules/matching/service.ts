import type { z } from 'zod';
import {
  type boardQuery,
  type DreamSuggestions,
  type dreamInput,
  type dreamPatch,
  type Item,
  type itemPatch,
  type itemsQuery,
  liveMatchStatuses,
  type Match,
  type MatchStatus,
  matchStatuses,
  type offerInput,
  type PlaceLocation,
  type Profile,
  type placeLocationInput,
  type profileInput,
  type proposeInput,
  type reportQuery,
  type requestInput,
  type Suggestion,
  type TransitionInput,
} from '../../../shared/matching.ts';
import { can, placesWith } from '../../../shared/permissions.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import type { Auth } from '../../http/auth.ts';
import { AppError, errors } from '../../http/errors.ts';
import type { ActivitiesService } from '../activities/service.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { organisationService } from '../organisation/service.ts';
import { isCompanionOf } from '../pathways/access.ts';
import {
  type CorpusStats,
  conceptKey,
  createEngine,
  type Match as EngineMatch,
  type ExtraFactor,
  type FactorReason,
  type MatchDoc,
  type MatchingEngine,
  offerReading,
  type PreparedOffer,
  type Reason,
  type RequestQuery,
  reviveOffer,
  TypoIndex,
} from './engine/engine.ts';
import { reasonText } from './reasons.ts';
import { dreamWhere, type EventRow, type ItemRow, itemWhere, type MatchRow, matchWhere, matchingRepo as repo } from './repo.ts';
import { meaningFactors, type SemanticProvider } from './semantic.ts';
import { engineFor } from './taxonomy/engine.ts';

type Side = 'offer' | 'request';
type Party = 'requester' | 'offerer';

/* ------------------------------------------------------------------ access */

const isSelf = (auth: Auth, personId: string | null | undefined) => !!personId && auth.personId === personId;
/** The place of a participant's own role (null: none, or organisation-wide). */
const participantPlace = (auth: Auth) => auth.roles.find((r) => r.role === 'participant')?.placeId ?? null;
const isParticipantAt = (auth: Auth, placeId: string | null) =>
  !!placeId && auth.roles.some((r) => r.role === 'participant' && (r.placeId === null || r.placeId === placeId));

/** The place an item belongs to for access: its own, else its owner's. */
const placeOf = (row: ItemRow) => row.placeId ?? row.personPlaceId;

function mayReadItem(auth: Auth, row: ItemRow) {
  if (isSelf(auth, row.personId)) return true;
  const place = placeOf(row);
  if (can(auth.roles, 'people.read', place ?? undefined) || can(auth.roles, 'matching.manage', place ?? undefined)) return true;
  // Offers and requests are posted to be found: the participants of the place see the open ones.
  return row.status === 'open' && isParticipantAt(auth, place);
}
function mayEditItem(auth: Auth, row: ItemRow) {
  if (isSelf(auth, row.personId)) return true;
  const place = placeOf(row) ?? undefined;
  return row.ownerType === 'person' ? can(auth.roles, 'people.write', place) : can(auth.roles, 'matching.manage', place);
}
/** Whether the reader may answer for the owner of an item: the owner, or staff on their behalf. */
const mayAnswerFor = (auth: Auth, row: ItemRow) => mayEditItem(auth, row);

type PersonInfo = NonNullable<Awaited<ReturnType<typeof repo.person>>>;
function mayReadPerson(auth: Auth, p: PersonInfo) {
  return isSelf(auth, p.id) || can(auth.roles, 'people.read', p.placeId ?? undefined);
}
function mayEditPerson(auth: Auth, p: PersonInfo) {
  return isSelf(auth, p.id) || can(auth.roles, 'people.write', p.placeId ?? undefined);
}
/**
 * A profile is read by whom its owner chose: only me and my companions (the team of my pathway),
 * the staff of my place, or everyone at my place.
 */
async function mayReadProfile(tx: Tx, auth: Auth, p: PersonInfo, visibility: 'private' | 'place-staff' | 'place') {
  if (isSelf(auth, p.id)) return true;
  const place = p.placeId ?? undefined;
  if (visibility === 'private') return can(auth.roles, 'staff.manage') || (await isCompanionOf(tx, auth.organisationId, auth.personId, p.id));
  if (can(auth.roles, 'people.read', place)) return true;
  return visibility === 'place' && isParticipantAt(auth, p.placeId);
}

/** Who offers or asks, as this reader may see it. */
function ownerName(auth: Auth, row: ItemRow): string | null {
  if (row.ownerType === 'partner') return row.partnerName;
  if (row.ownerType === 'place') return row.placeName;
  if (isSelf(auth, row.personId) || can(auth.roles, 'people.read', placeOf(row) ?? undefined)) return `${row.givenName} ${row.familyName}`;
  return row.visibility === 'place' ? row.givenName : null;
}

function presentItem(auth: Auth, row: ItemRow): Item {
  return {
    id: row.id,
    side: row.side,
    kind: row.kind,
    ownerType: row.ownerType,
    personId: row.personId,
    partnerId: row.partnerId,
    placeId: row.placeId,
    placeName: row.placeName,
    ownerName: ownerName(auth, row),
    dreamId: row.dreamId,
    text: row.text,
    lang: row.lang,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: { edit: mayEditItem(auth, row) },
  };
}

/* ------------------------------------------------------- engine and index */

interface Doc extends MatchDoc {
  row: ItemRow;
}
/** What the extra factors need to know about the people and places of one ranking. */
interface Context {
  profiles: Map<string, { languages: { code: string; level: string }[]; availability: string[] }>;
  /** Owner pairs that have ever been matched ("a|b", sorted). */
  pairs: Set<string>;
  /** request id|offer id of live matches. */
  live: Set<string>;
  /** Coordinates of places that have them. */
  locations: Map<string, { latitude: number; longitude: number }>;
}

type Owner = Pick<ItemRow, 'ownerType' | 'personId' | 'partnerId' | 'placeId'>;
const ownerKey = (r: Owner) =>
  r.ownerType === 'person' ? `person:${r.personId}` : r.ownerType === 'partner' ? `partner:${r.partnerId}` : `place:${r.placeId}`;
const ownerId = (r: Owner) => (r.ownerType === 'person' ? r.personId : r.ownerType === 'partner' ? r.partnerId : r.placeId) as string;
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Languages a person can meet in: conversational or better, else what their record lists. */
function meetingLanguages(ctx: Context, r: ItemRow): string[] {
  if (r.ownerType !== 'person') return r.lang ? [r.lang] : [];
  const p = r.personId ? ctx.profiles.get(r.personId) : undefined;
  if (p?.languages.length) return p.languages.filter((l) => l.level !== 'beginner').map((l) => l.code);
  return r.personLanguages ?? [];
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
/** Within this many kilometres a meeting counts as close; the closer, the more it counts. */
const nearKm = 15;
/** The distance between two items' places, when both places have coordinates (0 for the same place). */
function itemDistance(ctx: Context, a: ItemRow, b: ItemRow): number | null {
  const pa = placeOf(a);
  const pb = placeOf(b);
  if (pa && pa === pb) return 0;
  const la = pa ? ctx.locations.get(pa) : undefined;
  const lb = pb ? ctx.locations.get(pb) : undefined;
  return la && lb ? distanceKm(la, lb) : null;
}

/**
 * What makes a meeting possible, besides the text: a shared language, overlapping free time,
 * the same place (or town), a short distance, and a bonus for connecting people who were never
 * matched. Factors only count in full for relevant pairs, so they order good matches rather than
 * lift poor ones.
 */
function factorsFor(ctx: Context, anchor: ItemRow, anchorLanguages: string[]): ExtraFactor<Doc>[] {
  const gate = (relevance: number) => Math.min(1, relevance / 0.3);
  const anchorSlots = new Set(anchor.personId ? (ctx.profiles.get(anchor.personId)?.availability ?? []) : []);
  const anchorOwner = ownerKey(anchor);
  return [
    {
      name: 'language',
      weight: 0.25,
      score: (o, { relevance }) => {
        const theirs = new Set(meetingLanguages(ctx, o.row));
        const shared = anchorLanguages.filter((l) => theirs.has(l));
        if (!shared.length) return 0;
        return { score: gate(relevance), reasons: [{ kind: 'language', languages: shared.slice(0, 3) }] };
      },
    },
    {
      name: 'availability',
      weight: 0.15,
      score: (o, { relevance }) => {
        const theirs = o.row.personId ? (ctx.profiles.get(o.row.personId)?.availability ?? []) : [];
        const shared = theirs.filter((s) => anchorSlots.has(s));
        if (!shared.length) return 0;
        return { score: gate(relevance) * Math.min(1, shared.length / 2), reasons: [{ kind: 'availability', slots: shared.slice(0, 3) }] };
      },
    },
    {
      name: 'place',
      weight: 0.2,
      score: (o, { relevance }) => {
        const a = placeOf(anchor);
        const b = placeOf(o.row);
        if (a && a === b) return { score: gate(relevance), reasons: [{ kind: 'place', name: o.row.placeName ?? anchor.placeName ?? '' }] };
        if (anchor.city && o.row.city && anchor.city.toLowerCase() === o.row.city.toLowerCase())
          return { score: 0.5 * gate(relevance), reasons: [{ kind: 'city', name: o.row.city }] };
        return 0;
      },
    },
    {
      name: 'distance',
      weight: 0.1,
      score: (o, { relevance }) => {
        const km = itemDistance(ctx, anchor, o.row);
        // The same place is said by the place factor already.
        if (km === null || km === 0 || km > nearKm) return 0;
        return { score: gate(relevance) * (1 - km / nearKm), reasons: [{ kind: 'distance', km: Math.round(km * 10) / 10 }] };
      },
    },
    {
      name: 'bridging',
      weight: 0.1,
      score: (o, { relevance }) => {
        const other = ownerKey(o.row);
        if (other === anchorOwner || ctx.pairs.has(pairKey(anchorOwner, other))) return 0;
        return { score: gate(relevance), reasons: [{ kind: 'bridging' } as FactorReason] };
      },
    },
  ];
}

/** How many candidates the database pre-selects for one item, and for each item of a batch (the board). */
const candidatesForOne = 150;
const candidatesInBatch = 60;
/** How far ahead a dream looks for activities. */
const dreamActivityDays = 60;
/** The board suggests for this many waiting requests at most (the oldest first). */
const boardSuggestionsFor = 1000;
/** A key in more items than this tells little: it is counted up to here, and used to pre-select only when nothing rarer is there. */
const commonKeyCap = 5000;
/** How many index rows the pre-selection of one item reads at most (its own concepts and rarest key aside). */
const postingsBudget = 4000;
/** Analysed items kept in memory, to rank the next request without analysing them again. */
const preparedCacheSize = 20_000;

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** Figures of the indexed items of one side of an organisation. */
interface SideFigures {
  version: number;
  n: number;
  avgLength: number;
}
interface Vocabulary {
  builtAt: number;
  words: TypoIndex;
}

/* ------------------------------------------------------------ the service */

export interface MatchingDeps {
  activities?: Pick<ActivitiesService, 'calendar'>;
  organisation?: Pick<ReturnType<typeof organisationService>, 'listPartners'>;
}

export function matchingService(db: Db, engine: MatchingEngine = createEngine(), semantic?: SemanticProvider, deps: MatchingDeps = {}) {
  const versions = new Map<string, number>();
  const figures = new Map<string, SideFigures>();
  const vocabularies = new Map<string, Vocabulary>();
  const indexed = new Set<string>();
  const preparedBy = new WeakMap<MatchingEngine, Map<string, PreparedOffer<MatchDoc>>>();
  /** Organisations whose index was written by another engine (their concepts changed): rebuilt on next use. */
  const stale = new Set<string>();
  const engineOf = (tx: Tx, organisationId: string) => engineFor(tx, organisationId, engine);
  const vocabularyTtlMs = 10 * 60_000;

  /** Any write to matching data of an organisation makes its figures stale. */
  function bump(organisationId: string) {
    versions.set(organisationId, (versions.get(organisationId) ?? 0) + 1);
  }
  /** After a write outside this service (an import, the demo): the index is checked again. */
  function invalidate(organisationId: string) {
    bump(organisationId);
    indexed.delete(organisationId);
    stale.add(organisationId);
    vocabularies.delete(`${organisationId}:offer`);
    vocabularies.delete(`${organisationId}:request`);
    keyCounts.delete(`${organisationId}:offer`);
    keyCounts.delete(`${organisationId}:request`);
  }

  function prepareCached(eng: MatchingEngine, row: ItemRow, reading?: unknown): PreparedOffer<Doc> {
    let prepared = preparedBy.get(eng);
    if (!prepared) {
      prepared = new Map();
      preparedBy.set(eng, prepared);
    }
    const key = `${row.id}|${row.updatedAt.getTime()}`;
    let p = prepared.get(key);
    if (p) {
      // Most recently used last: the oldest go first when the cache is full.
      prepared.delete(key);
      prepared.set(key, p);
    } else {
      const doc = { id: row.id, text: row.text, lang: row.lang };
      p = (reading !== undefined ? reviveOffer(doc, reading) : undefined) ?? eng.prepare(doc);
      prepared.set(key, p);
      if (prepared.size > preparedCacheSize) prepared.delete(prepared.keys().next().value as string);
    }
    return { ...p, offer: { id: row.id, text: row.text, lang: row.lang, row } };
  }

  /** Writes (or removes) the index rows of items, in the same transaction as the items. */
  async function indexItems(tx: Tx, organisationId: string, rows: { id: string; side: Side; text: string; lang: string | null; status: string }[]) {
    const eng = await engineOf(tx, organisationId);
    for (const old of await repo.termsOf(
      tx,
      organisationId,
      rows.map((r) => r.id),
    ))
      countKeys(organisationId, old.side, [old.term], -1);
    const open = rows.filter((r) => r.status === 'open');
    await repo.dropIndex(
      tx,
      organisationId,
      rows.filter((r) => r.status !== 'open').map((r) => r.id),
    );
    const entries = open.map((r) => {
      const p = eng.prepare({ id: r.id, text: r.text, lang: r.lang });
      return { itemId: r.id, side: r.side, ...eng.offerTerms(p), reading: offerReading(p) };
    });
    await repo.writeIndex(tx, organisationId, entries);
    for (const e of entries) {
      addWords(organisationId, e.side, e.words);
      countKeys(organisationId, e.side, e.terms.keys(), 1);
    }
    bump(organisationId);
  }
  function addWords(organisationId: string, side: Side, words: string[]) {
    const v = vocabularies.get(`${organisationId}:${side}`);
    if (v) for (const w of words) v.words.add(w);
  }

  /** Indexes the open items that have no index rows yet (once per organisation and process). */
  async function ensureIndexed(tx: Tx, organisationId: string) {
    if (indexed.has(organisationId)) return;
    if (stale.has(organisationId)) {
      // The organisation's concepts changed: every item is read again by the engine that has them.
      await repo.dropAllIndex(tx, organisationId);
      stale.delete(organisationId);
    }
    let after: string | undefined;
    for (;;) {
      const batch = await repo.unindexedOpen(tx, organisationId, 500, after);
      if (!batch.length) break;
      after = batch[batch.length - 1].id;
      await indexItems(
        tx,
        organisationId,
        batch.map((r) => ({ ...r, status: 'open' })),
      );
      if (batch.length < 500) break;
    }
    indexed.add(organisationId);
  }

  async function figuresFor(tx: Tx, organisationId: string, side: Side): Promise<SideFigures> {
    const key = `${organisationId}:${side}`;
    const version = versions.get(organisationId) ?? 0;
    const hit = figures.get(key);
    if (hit && hit.version === version) return hit;
    const f = await repo.indexFigures(tx, organisationId, side);
    const fresh = { version, n: f.n, avgLength: f.avgLength || 1 };
    figures.set(key, fresh);
    return fresh;
  }

  /**
   * In how many items each key occurs, read once per organisation and side and then kept up to
   * date by this process's own writes (and read again after a while, for other processes' writes):
   * the rarity of words needs no query per request.
   */
  const keyCounts = new Map<string, { builtAt: number; df: Map<string, number> }>();
  async function keyCountsFor(tx: Tx, organisationId: string, side: Side) {
    const key = `${organisationId}:${side}`;
    const hit = keyCounts.get(key);
    if (hit && Date.now() - hit.builtAt < vocabularyTtlMs) return hit.df;
    const df = await repo.allKeyCounts(tx, organisationId, side);
    keyCounts.set(key, { builtAt: Date.now(), df });
    return df;
  }
  function countKeys(organisationId: string, side: Side, terms: Iterable<string>, delta: number) {
    const df = keyCounts.get(`${organisationId}:${side}`)?.df;
    if (df) for (const t of terms) df.set(t, Math.max(0, (df.get(t) ?? 0) + delta));
  }

  async function vocabularyFor(tx: Tx, organisationId: string, side: Side): Promise<TypoIndex> {
    const key = `${organisationId}:${side}`;
    const hit = vocabularies.get(key);
    if (hit && Date.now() - hit.builtAt < vocabularyTtlMs) return hit.words;
    const words = new TypoIndex();
    for (const w of await repo.indexWords(tx, organisationId, side)) words.add(w);
    vocabularies.set(key, { builtAt: Date.now(), words });
    return words;
  }

  /** Coordinates of the organisation's places (few, rarely changed): kept until one is saved. */
  const locationCache = new Map<string, Map<string, { latitude: number; longitude: number }>>();
  async function locationsFor(tx: Tx, organisationId: string) {
    let hit = locationCache.get(organisationId);
    if (!hit) {
      hit = new Map((await repo.placeLocations(tx, organisationId)).map((l) => [l.placeId, l]));
      locationCache.set(organisationId, hit);
    }
    return hit;
  }

  /** The extra factors' knowledge about these items' owners and places. */
  async function contextFor(tx: Tx, organisationId: string, anchors: ItemRow[], others: ItemRow[]): Promise<Context> {
    // Profiles come with the items (joined), so no query of their own.
    const profiles: Context['profiles'] = new Map();
    for (const r of [...anchors, ...others])
      if (r.personId && r.profileLanguages) profiles.set(r.personId, { languages: r.profileLanguages, availability: r.profileAvailability ?? [] });
    const pairs = new Set<string>();
    const live = new Set<string>();
    for (const m of await repo.matchesOfOwners(tx, organisationId, [...new Set(anchors.map(ownerId))])) {
      pairs.add(pairKey(ownerKey(m.request as Owner), ownerKey(m.offer as Owner)));
      if (liveMatchStatuses.includes(m.status)) live.add(`${m.requestId}|${m.offerId}`);
    }
    return { profiles, pairs, live, locations: await locationsFor(tx, organisationId) };
  }

  /**
   * The same pre-selection as `repo.candidatesMany` for many anchors at once (the board): the index
   * rows of all their keys are read in one go and summed here, which is much cheaper than numbering
   * a million groups in SQL.
   */
  async function candidatesInMemory(tx: Tx, organisationId: string, side: Side, lists: { key: string; weight: number }[][], limit: number) {
    const keys = [...new Set(lists.flatMap((l) => l.map((k) => k.key)))];
    const postings = new Map<string, string[]>();
    for (let at = 0; at < keys.length; at += 2000)
      for (const r of await repo.postings(tx, organisationId, side, keys.slice(at, at + 2000))) {
        const list = postings.get(r.term);
        if (list) list.push(r.itemId);
        else postings.set(r.term, [r.itemId]);
      }
    return lists.map((list) => {
      const sums = new Map<string, number>();
      for (const { key, weight } of list) for (const id of postings.get(key) ?? []) sums.set(id, (sums.get(id) ?? 0) + weight);
      return [...sums]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([id]) => ({ id, reading: undefined as unknown }));
    });
  }

  interface Ranked {
    anchor: ItemRow;
    matches: EngineMatch<Doc>[];
  }

  /**
   * Ranks the other side for each anchor: the database pre-selects the items sharing a key or a
   * concept with it (rarest keys weigh most), and the engine ranks those with the figures of all.
   */
  async function rankFor(
    tx: Tx,
    organisationId: string,
    anchors: { row: ItemRow; text?: string }[],
    limit: number,
  ): Promise<{ ranked: Ranked[]; ctx: Context; eng: MatchingEngine }> {
    await ensureIndexed(tx, organisationId);
    const eng = await engineOf(tx, organisationId);
    const bySide = new Map<Side, typeof anchors>();
    for (const a of anchors) {
      const other: Side = a.row.side === 'request' ? 'offer' : 'request';
      bySide.set(other, [...(bySide.get(other) ?? []), a]);
    }
    const plans: { anchor: ItemRow; side: Side; query: RequestQuery; candidates: { id: string; reading: unknown }[] }[] = [];
    const perAnchor = anchors.length > 1 ? Math.max(candidatesInBatch, limit * 2) : Math.max(candidatesForOne, limit * 3);
    const stats = new Map<Side, CorpusStats>();
    for (const [side, list] of bySide) {
      const fig = await figuresFor(tx, organisationId, side);
      const vocabulary = await vocabularyFor(tx, organisationId, side);
      const queries = list.map((a) => ({ anchor: a.row, query: eng.query({ id: a.row.id, text: a.text ?? a.row.text, lang: a.row.lang }, vocabulary) }));
      const counts = await keyCountsFor(tx, organisationId, side);
      const df = (k: string) => counts.get(k) ?? 0;
      stats.set(side, { size: fig.n, avgLength: fig.avgLength, df, conceptDf: (id) => df(conceptKey(id)), vocabulary });
      // The weight of a key in the pre-selection: how rare it is; concepts count double, a neighbouring one half.
      const weighted = queries.map(({ anchor, query }) => {
        const w = new Map<string, number>();
        const put = (k: string, x: number) => {
          if (df(k) > 0) w.set(k, Math.max(w.get(k) ?? 0, x));
        };
        for (const u of query.units) for (const k of u.keys) put(k, idf(fig.n, df(k)) * (u.weak ? 0.25 : 1));
        for (const c of query.concepts) {
          put(conceptKey(c.id), 2 * idf(fig.n, df(conceptKey(c.id))));
          for (const nb of c.neighbours) put(conceptKey(nb), idf(fig.n, df(conceptKey(nb))));
        }
        // The rarest keys first, as long as they name few items together; the request's own
        // concepts always (they weigh most); a common key only when there is nothing rarer.
        const own = new Set(query.concepts.map((c) => conceptKey(c.id)));
        const sorted = [...w].map(([key, weight]) => ({ key, weight })).sort((a, b) => df(a.key) - df(b.key));
        const keys: typeof sorted = [];
        let postings = 0;
        for (const k of sorted) {
          const n = df(k.key);
          if (!keys.length || own.has(k.key) || (n < commonKeyCap && postings + n <= postingsBudget)) {
            keys.push(k);
            postings += n;
          }
        }
        return { anchor, query, keys };
      });
      const found =
        weighted.length > 1
          ? await candidatesInMemory(
              tx,
              organisationId,
              side,
              weighted.map((x) => x.keys),
              perAnchor,
            )
          : await repo.candidatesMany(
              tx,
              organisationId,
              side,
              weighted.map((x) => x.keys),
              perAnchor,
            );
      for (const [i, x] of weighted.entries()) plans.push({ anchor: x.anchor, side, query: x.query, candidates: found[i] ?? [] });
    }

    const textOf = new Map(anchors.map((a) => [a.row.id, a.text ?? a.row.text]));
    const docOf = (a: ItemRow) => ({ id: a.id, text: textOf.get(a.id) ?? a.text, lang: a.lang });

    // First by relevance alone, from the stored readings: only the best `limit` are read in full.
    const readings = new Map<string, unknown>();
    for (const p of plans) for (const c of p.candidates) if (c.reading !== undefined) readings.set(c.id, c.reading);
    const missing = [...new Set(plans.flatMap((p) => p.candidates.map((c) => c.id)))].filter((id) => !readings.has(id));
    for (let at = 0; at < missing.length; at += 5000)
      for (const [id, r] of await repo.readings(tx, organisationId, missing.slice(at, at + 5000))) readings.set(id, r);
    // Each candidate revived once, however many anchors share it.
    const revivedById = new Map<string, PreparedOffer<MatchDoc> | undefined>();
    const revive = (id: string) => {
      if (!revivedById.has(id)) revivedById.set(id, reviveOffer({ id, text: '', lang: null }, readings.get(id)));
      return revivedById.get(id);
    };
    const shortlists = plans.map((p) => {
      const revived: PreparedOffer<MatchDoc>[] = [];
      const unread: string[] = [];
      for (const c of p.candidates) {
        const r = revive(c.id);
        if (r) revived.push(r);
        else unread.push(c.id);
      }
      const best = eng.rank(docOf(p.anchor), eng.index(revived, stats.get(p.side)), { limit, minScore: 0, query: p.query });
      return [...best.map((m) => m.offer.id), ...unread];
    });

    const ids = [...new Set(shortlists.flat())];
    const rows = new Map<string, ItemRow>();
    for (let at = 0; at < ids.length; at += 5000)
      for (const r of await repo.items(tx, organisationId, [itemWhere.ids(ids.slice(at, at + 5000)), itemWhere.status('open')])) rows.set(r.id, r);
    const ctx = await contextFor(tx, organisationId, [...new Set(plans.map((p) => p.anchor))], [...rows.values()]);
    // Closeness in meaning, when a semantic provider is set: vectors of the anchors and their candidates.
    const vectors = semantic
      ? await semantic.vectors(tx, organisationId, [
          ...plans.map((p) => ({ id: p.anchor.id, text: textOf.get(p.anchor.id) ?? p.anchor.text })),
          ...[...rows.values()].map((r) => ({ id: r.id, text: r.text })),
        ])
      : null;
    // Then with what makes a meeting possible.
    const ranked = plans.map((p, i) => {
      const docs = shortlists[i]
        .map((id) => rows.get(id))
        .filter((r): r is ItemRow => !!r)
        .map((r) => prepareCached(eng, r, readings.get(r.id)));
      const ix = eng.index<Doc>(docs, stats.get(p.side));
      const matches = eng.rank(docOf(p.anchor), ix, {
        limit,
        query: p.query,
        extraFactors: [...factorsFor(ctx, p.anchor, meetingLanguages(ctx, p.anchor)), ...meaningFactors<Doc>(vectors, p.anchor.id)],
      });
      return { anchor: p.anchor, matches };
    });
    return { ranked, ctx, eng };
  }

  const describe = (reasons: Reason[], locale: string, eng: MatchingEngine = engine) =>
    reasons.map((r) => ({ kind: r.kind, text: reasonText(r, locale, (id, l) => eng.concept(id)?.labels[l] ?? engine.concept(id)?.labels[l]) }));

  /** Suggestions for one item from its ranking: not its own owner's, not already matched, readable by the reader. */
  function present(
    auth: Auth,
    ctx: Context,
    eng: MatchingEngine,
    anchor: ItemRow,
    ranked: EngineMatch<Doc>[],
    limit: number,
    locale: string,
    keep?: (row: ItemRow, km: number | null) => boolean,
  ): Suggestion[] {
    const anchorOwner = ownerKey(anchor);
    const out: Suggestion[] = [];
    for (const m of ranked) {
      const other = m.offer.row;
      if (ownerKey(other) === anchorOwner) continue;
      const key = anchor.side === 'request' ? `${anchor.id}|${other.id}` : `${other.id}|${anchor.id}`;
      if (ctx.live.has(key)) continue;
      if (!mayReadItem(auth, other)) continue;
      const km = itemDistance(ctx, anchor, other);
      if (keep && !keep(other, km)) continue;
      out.push({
        item: presentItem(auth, other),
        score: m.score,
        relevance: m.relevance,
        distanceKm: km === null ? null : Math.round(km * 10) / 10,
        reasons: describe(m.reasons, locale, eng),
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  async function suggestMany(tx: Tx, auth: Auth, anchors: ItemRow[], limit: number, locale: string, keep?: (row: ItemRow, km: number | null) => boolean) {
    if (!anchors.length || !limit) return new Map<string, Suggestion[]>();
    // Room for what is left out afterwards (own items, live matches, what the reader may not see).
    const { ranked, ctx, eng } = await rankFor(
      tx,
      auth.organisationId,
      anchors.map((row) => ({ row })),
      limit * 3 + 20,
    );
    return new Map(ranked.map((r) => [r.anchor.id, present(auth, ctx, eng, r.anchor, r.matches, limit, locale, keep)]));
  }

  /* ------------------------------------------------------------ matches */

  function partiesFor(auth: Auth, request: ItemRow, offer: ItemRow): Party[] {
    const out: Party[] = [];
    if (mayAnswerFor(auth, request)) out.push('requester');
    if (mayAnswerFor(auth, offer)) out.push('offerer');
    return out;
  }
  const manages = (auth: Auth, m: { placeId: string | null }) => can(auth.roles, 'matching.manage', m.placeId ?? undefined);
  function mayReadMatch(auth: Auth, m: MatchRow, request: ItemRow, offer: ItemRow) {
    return manages(auth, m) || partiesFor(auth, request, offer).length > 0 || can(auth.roles, 'people.read', m.placeId ?? undefined);
  }

  async function presentMatches(tx: Tx, auth: Auth, rows: MatchRow[], locale: string, known = new Map<string, ItemRow>()): Promise<Match[]> {
    const need = [...new Set(rows.flatMap((m) => [m.requestId, m.offerId]))].filter((id) => !known.has(id));
    for (const r of need.length ? await repo.items(tx, auth.organisationId, [itemWhere.ids(need)]) : []) known.set(r.id, r);
    const events = await repo.events(
      tx,
      auth.organisationId,
      rows.map((m) => m.id),
    );
    const byMatch = new Map<string, EventRow[]>();
    for (const e of events) byMatch.set(e.matchId, [...(byMatch.get(e.matchId) ?? []), e]);
    return rows.map((m) => {
      const request = known.get(m.requestId) as ItemRow;
      const offer = known.get(m.offerId) as ItemRow;
      const parties =
        m.status === 'proposed' ? partiesFor(auth, request, offer).filter((p) => (p === 'requester' ? m.requesterAnswer : m.offererAnswer) === 'pending') : [];
      const involved = manages(auth, m) || partiesFor(auth, request, offer).length > 0;
      return {
        id: m.id,
        status: m.status,
        placeId: m.placeId,
        request: presentItem(auth, request),
        offer: presentItem(auth, offer),
        requesterAnswer: m.requesterAnswer,
        offererAnswer: m.offererAnswer,
        score: m.score,
        reasons: describe(m.reasons as Reason[], locale),
        connectedAt: m.connectedAt?.toISOString() ?? null,
        closedAt: m.closedAt?.toISOString() ?? null,
        createdAt: m.createdAt.toISOString(),
        events: (byMatch.get(m.id) ?? []).map((e) => ({
          id: e.id,
          kind: e.kind,
          side: e.side,
          actorAccountId: e.actorAccountId,
          note: e.note,
          met: e.met,
          at: e.at.toISOString(),
        })),
        can: {
          answerAs: parties,
          followUp: involved && (m.status === 'connected' || m.status === 'followed-up'),
          close: manages(auth, m) && (m.status === 'connected' || m.status === 'followed-up'),
          withdraw: (manages(auth, m) || m.proposedBy === auth.accountId) && (m.status === 'proposed' || m.status === 'connected'),
        },
      };
    });
  }

  async function loadItem(tx: Tx, auth: Auth, id: string, side?: Side) {
    const row = await repo.item(tx, auth.organisationId, id);
    if (!row || !mayReadItem(auth, row) || (side && row.side !== side))
      throw errors.notFound(side === 'offer' ? 'Offer' : side === 'request' ? 'Request' : 'Item');
    return row;
  }

  async function loadPerson(tx: Tx, auth: Auth, id: string) {
    const p = await repo.person(tx, auth.organisationId, id);
    if (!p || !mayReadPerson(auth, p)) throw errors.notFound('Person');
    return p;
  }

  const invalid = (status: MatchStatus, action: string) =>
    errors.conflict('match_transition_invalid', `A match that is ${status} cannot take the step "${action}".`, { status, action });

  return {
    invalidate,

    /** Indexes what is not indexed yet (after an import); otherwise the first ranking does it. */
    async buildIndex(organisationId: string) {
      await withOrganisation(db, organisationId, (tx) => ensureIndexed(tx, organisationId));
    },

    /* --------------------------------------------------------- profiles */

    async getProfile(auth: Auth, personId: string): Promise<Profile> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const p = await repo.person(tx, auth.organisationId, personId);
        if (!p) throw errors.notFound('Profile');
        const row = await repo.profile(tx, auth.organisationId, personId);
        if (!(await mayReadProfile(tx, auth, p, row?.visibility ?? 'place-staff'))) throw errors.notFound('Profile');
        return {
          personId,
          givenName: p.givenName,
          placeId: p.placeId,
          talents: row?.talents ?? [],
          likes: row?.likes ?? [],
          experience: row?.experience ?? null,
          languages: row?.languages ?? p.languages.map((code) => ({ code, level: 'conversational' as const })),
          availability: row?.availability ?? [],
          dreams: row?.dreams ?? null,
          visibility: row?.visibility ?? 'place-staff',
          saved: !!row,
          updatedAt: row?.updatedAt.toISOString() ?? null,
          can: { edit: mayEditPerson(auth, p) },
        };
      });
    },

    async saveProfile(auth: Auth, personId: string, input: z.output<typeof profileInput>): Promise<Profile> {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const p = await repo.person(tx, auth.organisationId, personId);
        const before = await repo.profile(tx, auth.organisationId, personId);
        if (!p || !(await mayReadProfile(tx, auth, p, before?.visibility ?? 'place-staff'))) throw errors.notFound('Profile');
        if (!mayEditPerson(auth, p)) throw errors.forbidden();
        await repo.saveProfile(tx, { organisationId: auth.organisationId, personId, ...input });
        const changes = before ? diff(before as unknown as Record<string, unknown>, input) : { ...input };
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: before ? 'update' : 'create',
          entityType: 'strength-profile',
          entityId: personId,
          changes,
        });
      });
      bump(auth.organisationId);
      return this.getProfile(auth, personId);
    },

    /* ------------------------------------------------ offers and requests */

    async listItems(auth: Auth, side: Side, q: z.output<typeof itemsQuery>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const where = [itemWhere.side(side), q.status ? itemWhere.status(q.status) : undefined, q.placeId ? itemWhere.place(q.placeId) : undefined];
        if (q.personId) {
          await loadPerson(tx, auth, q.personId);
          where.push(itemWhere.person(q.personId));
        } else {
          where.push(itemWhere.visible(placesWith(auth.roles, 'people.read'), participantPlace(auth), auth.personId));
        }
        const rows = await repo.items(tx, auth.organisationId, where, q);
        const total = await repo.countItems(tx, auth.organisationId, where);
        return { items: rows.filter((r) => mayReadItem(auth, r)).map((r) => presentItem(auth, r)), total };
      });
    },

    async getItem(auth: Auth, side: Side, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => presentItem(auth, await loadItem(tx, auth, id, side)));
    },

    async createItem(auth: Auth, side: Side, input: z.output<typeof offerInput> | z.output<typeof requestInput>) {
      const created = await withOrganisation(db, auth.organisationId, async (tx) => {
        const o = input as z.output<typeof offerInput>;
        const r = input as z.output<typeof requestInput>;
        let placeId = input.placeId ?? null;
        const values = {
          organisationId: auth.organisationId,
          side,
          kind: input.kind,
          text: input.text,
          lang: input.lang ?? null,
          createdBy: auth.accountId,
        } as const;
        let owner: { ownerType: 'person' | 'partner' | 'place'; personId?: string; partnerId?: string };
        if (side === 'offer' && (o.partnerId || o.ofPlace)) {
          if (o.partnerId && o.ofPlace) throw errors.badRequest('owner_ambiguous', 'An offer is of a partner or of a place, not both.');
          if (o.personId) throw errors.badRequest('owner_ambiguous', 'An offer of a partner or a place has no person.');
          if (o.ofPlace && !placeId) throw errors.badRequest('place_required', 'Name the place that offers this.');
          if (!can(auth.roles, 'matching.manage', placeId ?? undefined)) throw errors.forbidden('Only matchmakers post offers of partners and places.');
          if (o.partnerId && !(await repo.partnerExists(tx, auth.organisationId, o.partnerId)))
            throw errors.badRequest('unknown_partner', 'This partner does not exist.');
          owner = o.partnerId ? { ownerType: 'partner', partnerId: o.partnerId } : { ownerType: 'place' };
        } else {
          const personId = input.personId ?? auth.personId;
          const p = await loadPerson(tx, auth, personId);
          if (!mayEditPerson(auth, p)) throw errors.forbidden('You may not post for this person.');
          placeId ??= p.placeId;
          owner = { ownerType: 'person', personId };
        }
        if (placeId && !(await repo.place(tx, auth.organisationId, placeId))) throw errors.badRequest('unknown_place', 'This place does not exist.');
        let dreamId: string | null = null;
        if (side === 'request' && r.dreamId) {
          const d = await repo.dream(tx, auth.organisationId, r.dreamId);
          if (!d || d.personId !== owner.personId) throw errors.badRequest('unknown_dream', 'This dream is not of the person who asks.');
          dreamId = d.id;
        }
        const row = await repo.insertItem(tx, { ...values, ...owner, placeId, dreamId });
        await indexItems(tx, auth.organisationId, [row]);
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'create', entityType: side, entityId: row.id, changes: { ...input } });
        return presentItem(auth, (await repo.item(tx, auth.organisationId, row.id)) as ItemRow);
      });
      bump(auth.organisationId);
      return created;
    },

    async updateItem(auth: Auth, side: Side, id: string, patch: z.output<typeof itemPatch>) {
      const updated = await withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await loadItem(tx, auth, id, side);
        if (!mayEditItem(auth, row)) throw errors.forbidden();
        if (patch.dreamId !== undefined && patch.dreamId !== row.dreamId) {
          if (side !== 'request') throw errors.badRequest('dream_on_offer', 'Only a request can be a step towards a dream.');
          if (patch.dreamId) {
            const d = await repo.dream(tx, auth.organisationId, patch.dreamId);
            if (!d || d.personId !== row.personId) throw errors.badRequest('unknown_dream', 'This dream is not of the person who asks.');
          }
        }
        const changes = diff(row as unknown as Record<string, unknown>, patch);
        if (!Object.keys(changes).length) return presentItem(auth, row);
        await repo.updateItem(tx, auth.organisationId, id, patch);
        if (patch.text !== undefined || patch.lang !== undefined || patch.status !== undefined)
          await indexItems(tx, auth.organisationId, [{ ...row, ...patch }]);
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: side, entityId: id, changes });
        return presentItem(auth, (await repo.item(tx, auth.organisationId, id)) as ItemRow);
      });
      bump(auth.organisationId);
      return updated;
    },

    /* ------------------------------------------------------------ dreams */

    async listDreams(auth: Auth, personId: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await loadPerson(tx, auth, personId);
        const rows = await repo.dreams(tx, auth.organisationId, [dreamWhere.person(personId)]);
        const links = await repo.requestIdsOfDreams(
          tx,
          auth.organisationId,
          rows.map((r) => r.dream.id),
        );
        return {
          items: rows.map(({ dream: d }) => ({
            id: d.id,
            personId: d.personId,
            text: d.text,
            status: d.status,
            requestIds: links.filter((l) => l.dreamId === d.id).map((l) => l.id),
            createdAt: d.createdAt.toISOString(),
            updatedAt: d.updatedAt.toISOString(),
          })),
        };
      });
    },

    async createDream(auth: Auth, input: z.output<typeof dreamInput>) {
      const personId = input.personId ?? auth.personId;
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const p = await loadPerson(tx, auth, personId);
        if (!mayEditPerson(auth, p)) throw errors.forbidden();
        const d = await repo.insertDream(tx, { organisationId: auth.organisationId, personId, text: input.text });
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'dream',
          entityId: d.id,
          changes: { text: input.text, personId },
        });
        bump(auth.organisationId);
        return {
          id: d.id,
          personId,
          text: d.text,
          status: d.status,
          requestIds: [],
          createdAt: d.createdAt.toISOString(),
          updatedAt: d.updatedAt.toISOString(),
        };
      });
    },

    async updateDream(auth: Auth, id: string, patch: z.output<typeof dreamPatch>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const d = await repo.dream(tx, auth.organisationId, id);
        const p = d && (await repo.person(tx, auth.organisationId, d.personId));
        if (!d || !p || !mayReadPerson(auth, p)) throw errors.notFound('Dream');
        if (!mayEditPerson(auth, p)) throw errors.forbidden();
        const changes = diff(d as unknown as Record<string, unknown>, patch);
        if (Object.keys(changes).length) {
          await repo.updateDream(tx, auth.organisationId, id, patch);
          await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'dream', entityId: id, changes });
        }
        const after = (await repo.dream(tx, auth.organisationId, id)) as NonNullable<typeof d>;
        const links = await repo.requestIdsOfDreams(tx, auth.organisationId, [id]);
        return {
          id,
          personId: after.personId,
          text: after.text,
          status: after.status,
          requestIds: links.map((l) => l.id),
          createdAt: after.createdAt.toISOString(),
          updatedAt: after.updatedAt.toISOString(),
        };
      });
    },

    /* ------------------------------------------------- where places are */

    async placeLocation(auth: Auth, placeId: string): Promise<PlaceLocation> {
      if (!can(auth.roles, 'matching.manage', placeId) && !can(auth.roles, 'organisation.manage')) throw errors.notFound('Place');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        if (!(await repo.place(tx, auth.organisationId, placeId))) throw errors.notFound('Place');
        const at = (await repo.placeLocations(tx, auth.organisationId)).find((l) => l.placeId === placeId);
        return { placeId, latitude: at?.latitude ?? null, longitude: at?.longitude ?? null };
      });
    },

    /** Sets (or with null clears) a place's coordinates: the "short distance" of matching and the board's filter use them. */
    async savePlaceLocation(auth: Auth, placeId: string, input: z.output<typeof placeLocationInput> | null): Promise<PlaceLocation> {
      if (!can(auth.roles, 'matching.manage', placeId) && !can(auth.roles, 'organisation.manage')) throw errors.notFound('Place');
      await withOrganisation(db, auth.organisationId, async (tx) => {
        if (!(await repo.place(tx, auth.organisationId, placeId))) throw errors.notFound('Place');
        const before = (await repo.placeLocations(tx, auth.organisationId)).find((l) => l.placeId === placeId);
        await repo.savePlaceLocation(tx, auth.organisationId, placeId, input);
        locationCache.delete(auth.organisationId);
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: input ? 'update' : 'delete',
          entityType: 'place-location',
          entityId: placeId,
          changes: { latitude: [before?.latitude ?? null, input?.latitude ?? null], longitude: [before?.longitude ?? null, input?.longitude ?? null] },
        });
      });
      return this.placeLocation(auth, placeId);
    },

    /* --------------------------------------------- suggestions for a dream */

    /**
     * What may help a dream come true: people who offer what it (and its steps) asks for, the
     * activities coming up at the dreamer's place, and partners with their services. Each with the
     * reasons why. Activities and partners come from their own modules' services.
     */
    async dreamSuggestions(auth: Auth, id: string, locale: string): Promise<DreamSuggestions> {
      const found = await withOrganisation(db, auth.organisationId, async (tx) => {
        const d = await repo.dream(tx, auth.organisationId, id);
        const p = d && (await repo.person(tx, auth.organisationId, d.personId));
        if (!d || !p || !mayReadPerson(auth, p)) throw errors.notFound('Dream');
        const links = await repo.requestIdsOfDreams(tx, auth.organisationId, [id]);
        const steps = links.length ? await repo.items(tx, auth.organisationId, [itemWhere.ids(links.map((l) => l.id)), itemWhere.status('open')]) : [];
        // The dream in the dreamer's words, and the steps they wrote towards it.
        const text = [d.text, ...steps.map((r) => r.text)].join('\n');
        const prof = await repo.profile(tx, auth.organisationId, d.personId);
        const anchor: ItemRow = {
          organisationId: auth.organisationId,
          id: d.id,
          side: 'request',
          kind: 'skill',
          ownerType: 'person',
          personId: d.personId,
          partnerId: null,
          placeId: null,
          dreamId: d.id,
          text,
          lang: null,
          status: 'open',
          createdBy: null,
          createdAt: d.createdAt,
          updatedAt: d.updatedAt,
          placeName: null,
          partnerName: null,
          givenName: p.givenName,
          familyName: p.familyName,
          personPlaceId: p.placeId,
          personLanguages: p.languages,
          city: p.city,
          visibility: null,
          profileLanguages: prof?.languages ?? null,
          profileAvailability: prof?.availability ?? null,
        };
        const { ranked, ctx, eng } = await rankFor(tx, auth.organisationId, [{ row: anchor, text }], 60);
        const offers = present(auth, ctx, eng, anchor, ranked[0]?.matches ?? [], 40, locale);
        return { d, p, links, offers, eng, text };
      });
      const { d, p, links, offers, eng, text } = found;
      const dreamDoc = { id: d.id, text, lang: null };

      // People: the best offers grouped by who offers them.
      const people = new Map<string, DreamSuggestions['people'][number]>();
      for (const o of offers) {
        if (o.item.ownerType !== 'person' || !o.item.personId) continue;
        const entry = people.get(o.item.personId) ?? { personId: o.item.personId, name: o.item.ownerName, score: o.score, offers: [] };
        if (entry.offers.length < 3) entry.offers.push(o);
        people.set(o.item.personId, entry);
      }

      // Activities coming up at the dreamer's place (the next date of each), as its calendar shows them to the reader.
      let activities: DreamSuggestions['activities'] = [];
      if (deps.activities && p.placeId) {
        const now = new Date();
        const to = new Date(now.getTime() + dreamActivityDays * 86_400_000);
        const calendar = await deps.activities.calendar(auth, { placeId: p.placeId, from: now.toISOString(), to: to.toISOString() }).catch((e) => {
          // A reader who may not see that calendar gets no activities, not an error.
          if (e instanceof AppError && e.status < 500) return { items: [] };
          throw e;
        });
        const next = new Map<string, (typeof calendar.items)[number]>();
        for (const o of calendar.items) if (o.status !== 'cancelled' && !next.has(o.activityId)) next.set(o.activityId, o);
        const docs = [...next.values()].map((o) => ({ id: o.id, text: [o.title, o.typeName].filter(Boolean).join(' · '), lang: null, o }));
        activities = eng.rank(dreamDoc, docs, { limit: 5 }).map((m) => ({
          occurrenceId: m.offer.o.id,
          activityId: m.offer.o.activityId,
          title: m.offer.o.title,
          typeName: m.offer.o.typeName ?? null,
          placeId: m.offer.o.placeId ?? null,
          startsAt: m.offer.o.startsAt,
          endsAt: m.offer.o.endsAt,
          score: m.score,
          reasons: describe(m.reasons, locale, eng),
        }));
      }

      // Partners: by what they say they do, and by the offers they posted.
      const partners: DreamSuggestions['partners'] = [];
      if (deps.organisation) {
        const list = (await deps.organisation.listPartners(auth, {})).items;
        const seeContacts = can(auth.roles, 'organisation.read');
        const byText = new Map(
          eng
            .rank(
              dreamDoc,
              list.map((x) => ({ id: x.id, text: [x.name, x.description].filter(Boolean).join('\n'), lang: null })),
              { limit: 10 },
            )
            .map((m) => [m.offer.id, m]),
        );
        for (const x of list) {
          const theirs = offers.filter((o) => o.item.ownerType === 'partner' && o.item.partnerId === x.id).slice(0, 3);
          const m = byText.get(x.id);
          if (!m && !theirs.length) continue;
          partners.push({
            partnerId: x.id,
            name: x.name,
            kind: x.kind,
            description: x.description,
            website: x.website,
            email: x.email,
            phone: x.phone,
            contacts: seeContacts ? x.contacts.map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone })) : [],
            score: Math.max(m?.score ?? 0, theirs[0]?.score ?? 0),
            reasons: m ? describe(m.reasons, locale, eng) : [],
            offers: theirs,
          });
        }
        partners.sort((a, b) => b.score - a.score);
      }

      return {
        dream: {
          id: d.id,
          personId: d.personId,
          text: d.text,
          status: d.status,
          requestIds: links.map((l) => l.id),
          createdAt: d.createdAt.toISOString(),
          updatedAt: d.updatedAt.toISOString(),
        },
        people: [...people.values()].slice(0, 5),
        activities,
        partners: partners.slice(0, 5),
      };
    },

    /* ------------------------------------------------------- suggestions */

    async suggestions(auth: Auth, q: { requestId?: string; offerId?: string; limit: number }, locale: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const anchor = q.requestId ? await loadItem(tx, auth, q.requestId, 'request') : await loadItem(tx, auth, q.offerId as string, 'offer');
        const found = await suggestMany(tx, auth, [anchor], q.limit, locale);
        return { item: presentItem(auth, anchor), suggestions: found.get(anchor.id) ?? [] };
      });
    },

    /* ----------------------------------------------------------- matches */

    async getMatch(auth: Auth, id: string, locale: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const m = await repo.match(tx, auth.organisationId, id);
        if (!m) throw errors.notFound('Match');
        const request = (await repo.item(tx, auth.organisationId, m.requestId)) as ItemRow;
        const offer = (await repo.item(tx, auth.organisationId, m.offerId)) as ItemRow;
        if (!mayReadMatch(auth, m, request, offer)) throw errors.notFound('Match');
        return (
          await presentMatches(
            tx,
            auth,
            [m],
            locale,
            new Map([
              [request.id, request],
              [offer.id, offer],
            ]),
          )
        )[0];
      });
    },

    async propose(auth: Auth, input: z.output<typeof proposeInput>, locale: string) {
      const id = await withOrganisation(db, auth.organisationId, async (tx) => {
        const request = await loadItem(tx, auth, input.requestId, 'request');
        const offer = await loadItem(tx, auth, input.offerId, 'offer');
        const placeId = request.placeId ?? request.personPlaceId ?? offer.placeId;
        const own = partiesFor(auth, request, offer).filter((p) => (p === 'requester' ? isSelf(auth, request.personId) : isSelf(auth, offer.personId)));
        if (!can(auth.roles, 'matching.manage', placeId ?? undefined) && !own.length)
          throw errors.forbidden('Only a matchmaker, or one of the two sides, proposes a match.');
        if (request.status !== 'open' || offer.status !== 'open') throw errors.conflict('item_not_open', 'Only open requests and offers can be matched.');
        if (ownerKey(request) === ownerKey(offer)) throw errors.badRequest('same_owner', 'A request and an offer of the same owner cannot be matched.');
        if (await repo.liveMatch(tx, auth.organisationId, request.id, offer.id)) throw errors.conflict('match_exists', 'These two are already matched.');
        // The score and reasons as they are now, kept with the match.
        const eng = await engineOf(tx, auth.organisationId);
        const ctx = await contextFor(tx, auth.organisationId, [request], [offer]);
        const ix = eng.index<Doc>([prepareCached(eng, offer)]);
        const vectors = semantic
          ? await semantic.vectors(tx, auth.organisationId, [
              { id: request.id, text: request.text },
              { id: offer.id, text: offer.text },
            ])
          : null;
        const [ranked] = eng.rank({ id: request.id, text: request.text, lang: request.lang }, ix, {
          minScore: 0,
          extraFactors: [...factorsFor(ctx, request, meetingLanguages(ctx, request)), ...meaningFactors<Doc>(vectors, request.id)],
        });
        const m = await repo.insertMatch(tx, {
          organisationId: auth.organisationId,
          requestId: request.id,
          offerId: offer.id,
          placeId,
          proposedBy: auth.accountId,
          score: ranked?.score ?? 0,
          reasons: ranked?.reasons ?? [],
          requesterAnswer: own.includes('requester') ? 'accepted' : 'pending',
          offererAnswer: own.includes('offerer') ? 'accepted' : 'pending',
        });
        await repo.addEvent(tx, {
          organisationId: auth.organisationId,
          matchId: m.id,
          kind: 'proposed',
          actorAccountId: auth.accountId,
          note: input.note ?? null,
        });
        // Who proposes for their own request or offer says yes to it at once.
        for (const p of own)
          await repo.addEvent(tx, {
            organisationId: auth.organisationId,
            matchId: m.id,
            kind: p === 'requester' ? 'accepted-by-requester' : 'accepted-by-offerer',
            side: p,
            actorAccountId: auth.accountId,
          });
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'match',
          entityId: m.id,
          changes: { requestId: request.id, offerId: offer.id },
        });
        return m.id;
      });
      bump(auth.organisationId);
      return this.getMatch(auth, id, locale);
    },

    async transition(auth: Auth, id: string, input: TransitionInput, locale: string) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const m = await repo.match(tx, auth.organisationId, id, true);
        if (!m) throw errors.notFound('Match');
        const request = (await repo.item(tx, auth.organisationId, m.requestId)) as ItemRow;
        const offer = (await repo.item(tx, auth.organisationId, m.offerId)) as ItemRow;
        if (!mayReadMatch(auth, m, request, offer)) throw errors.notFound('Match');
        const parties = partiesFor(auth, request, offer);
        const event = {
          organisationId: auth.organisationId,
          matchId: m.id,
          actorAccountId: auth.accountId,
          note: 'note' in input ? (input.note ?? null) : null,
        };
        const now = new Date();
        let next: Partial<MatchRow> = {};

        switch (input.action) {
          case 'accept':
          case 'decline': {
            if (m.status !== 'proposed') throw invalid(m.status, input.action);
            const pending = parties.filter((p) => (p === 'requester' ? m.requesterAnswer : m.offererAnswer) === 'pending');
            let side = input.side;
            if (side && !parties.includes(side)) throw errors.forbidden('You may not answer for this side.');
            if (!parties.length) throw errors.forbidden('Only the two sides, or staff for them, answer a proposal.');
            if (!side) {
              if (parties.length === 1) side = parties[0];
              else if (pending.length === 1) side = pending[0];
              else throw errors.badRequest('side_required', 'Say for which side you answer: requester or offerer.');
            }
            if ((side === 'requester' ? m.requesterAnswer : m.offererAnswer) !== 'pending') throw invalid(m.status, input.action);
            const answer = input.action === 'accept' ? 'accepted' : 'declined';
            next = side === 'requester' ? { requesterAnswer: answer } : { offererAnswer: answer };
            if (input.action === 'decline') {
              next.status = 'declined';
              next.closedAt = now;
              await repo.addEvent(tx, { ...event, kind: 'declined', side });
            } else {
              await repo.addEvent(tx, { ...event, kind: side === 'requester' ? 'accepted-by-requester' : 'accepted-by-offerer', side });
              const other = side === 'requester' ? m.offererAnswer : m.requesterAnswer;
              if (other === 'accepted') {
                next.status = 'connected';
                next.connectedAt = now;
                await repo.addEvent(tx, { ...event, note: null, kind: 'connected' });
              }
            }
            break;
          }
          case 'withdraw':
            if (!(manages(auth, m) || m.proposedBy === auth.accountId)) throw errors.forbidden('Only the matchmaker or who proposed it withdraws a match.');
            if (m.status !== 'proposed' && m.status !== 'connected') throw invalid(m.status, input.action);
            next = { status: 'withdrawn', closedAt: now };
            await repo.addEvent(tx, { ...event, kind: 'withdrawn' });
            break;
          case 'follow-up':
            if (!(manages(auth, m) || parties.length)) throw errors.forbidden();
            if (m.status !== 'connected' && m.status !== 'followed-up') throw invalid(m.status, input.action);
            next = { status: 'followed-up' };
            await repo.addEvent(tx, { ...event, kind: 'follow-up', met: input.met });
            break;
          case 'close':
            if (!manages(auth, m)) throw errors.forbidden('Only the matchmaker closes a match.');
            if (m.status !== 'connected' && m.status !== 'followed-up') throw invalid(m.status, input.action);
            next = { status: 'closed', closedAt: now };
            await repo.addEvent(tx, { ...event, kind: 'closed' });
            break;
        }
        await repo.updateMatch(tx, auth.organisationId, m.id, next);
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: input.action,
          entityType: 'match',
          entityId: m.id,
          changes: { status: [m.status, next.status ?? m.status], ...('side' in input && input.side ? { side: input.side } : {}) },
        });
      });
      bump(auth.organisationId);
      return this.getMatch(auth, id, locale);
    },

    /* ------------------------------------------------------------- board */

    async board(auth: Auth, q: z.output<typeof boardQuery>, locale: string) {
      const { placeId, suggestions: perRequest, maxKm } = q;
      if (!can(auth.roles, 'matching.manage', placeId)) throw errors.notFound('Place');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const place = await repo.place(tx, auth.organisationId, placeId);
        if (!place) throw errors.notFound('Place');
        const openRequests = await repo.items(tx, auth.organisationId, [itemWhere.side('request'), itemWhere.status('open'), itemWhere.atPlace(placeId)]);
        const liveOfRequests = await repo.matches(
          tx,
          auth.organisationId,
          [matchWhere.requests(openRequests.map((r) => r.id)), matchWhere.status(liveMatchStatuses)],
          100_000,
        );
        const liveRequests = new Set(liveOfRequests.map((m) => m.requestId));
        const unmatched = openRequests.filter((r) => !liveRequests.has(r.id)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
        // Suggestions for every waiting request (the oldest first), at most `boardSuggestionsFor` of them.
        const withSuggestions = unmatched.slice(0, boardSuggestionsFor);
        const near = maxKm === undefined ? undefined : (_row: ItemRow, km: number | null) => km !== null && km <= maxKm;
        const found = await suggestMany(tx, auth, withSuggestions, perRequest, locale, near);
        const unmatchedRequests = unmatched.map((r) => ({ request: presentItem(auth, r), suggestions: found.get(r.id) ?? [] }));

        const dreamRows = await repo.dreams(tx, auth.organisationId, [dreamWhere.place(placeId), dreamWhere.status('open')]);
        const links = await repo.requestIdsOfDreams(
          tx,
          auth.organisationId,
          dreamRows.map((d) => d.dream.id),
        );
        const unmatchedDreams = dreamRows
          .filter((d) => !links.some((l) => l.dreamId === d.dream.id && liveRequests.has(l.id)))
          .map(({ dream: d, givenName, familyName }) => ({
            id: d.id,
            personId: d.personId,
            personName: `${givenName} ${familyName}`,
            text: d.text,
            status: d.status,
            requestIds: links.filter((l) => l.dreamId === d.id).map((l) => l.id),
            createdAt: d.createdAt.toISOString(),
            updatedAt: d.updatedAt.toISOString(),
          }));

        const live = await repo.matches(tx, auth.organisationId, [matchWhere.place(placeId), matchWhere.status(liveMatchStatuses)]);
        const done = await repo.matches(tx, auth.organisationId, [matchWhere.place(placeId), matchWhere.status(['closed', 'declined', 'withdrawn'])], 60);
        const presented = await presentMatches(tx, auth, [...live, ...done], locale, new Map(openRequests.map((r) => [r.id, r])));
        const byStatus = Object.fromEntries(matchStatuses.map((s) => [s, presented.filter((m) => m.status === s)])) as Record<MatchStatus, Match[]>;
        return { placeId, placeName: place.name, unmatchedRequests, unmatchedDreams, matches: byStatus };
      });
    },

    /* -------------------------------------------------- suggested for you */

    async forMe(auth: Auth, locale: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const mine = await repo.items(tx, auth.organisationId, [itemWhere.person(auth.personId)]);
        const rows = await repo.matches(tx, auth.organisationId, [matchWhere.items(mine.map((r) => r.id)), matchWhere.status(['proposed'])]);
        const known = new Map(mine.map((r) => [r.id, r]));
        const waiting = (await presentMatches(tx, auth, rows, locale, known)).filter((m) =>
          m.can.answerAs.some((p) => (p === 'requester' ? isSelf(auth, m.request.personId) : isSelf(auth, m.offer.personId))),
        );
        const open = mine.filter((r) => r.status === 'open').slice(0, 20);
        const found = await suggestMany(tx, auth, open, 3, locale);
        const suggestions = open.map((r) => ({ item: presentItem(auth, r), suggestions: found.get(r.id) ?? [] }));
        return { waiting, suggestions };
      });
    },

    /* ----------------------------------------------------------- reports */

    async report(auth: Auth, q: z.output<typeof reportQuery>) {
      const placeIds = placesWith(auth.roles, 'matching.report');
      if (q.placeId && placeIds !== 'all' && !placeIds.includes(q.placeId)) throw errors.notFound('Place');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const from = new Date(`${q.from}T00:00:00Z`);
        const to = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000);
        const rows = await repo.eventCounts(tx, auth.organisationId, from, to, placeIds, q.placeId);
        const byPlace = new Map<
          string,
          {
            placeId: string | null;
            placeName: string | null;
            proposed: number;
            connected: number;
            declined: number;
            withdrawn: number;
            followedUp: number;
            met: number;
            closed: number;
          }
        >();
        for (const r of rows) {
          const key = r.placeId ?? '';
          const entry = byPlace.get(key) ?? {
            placeId: r.placeId,
            placeName: r.placeName,
            proposed: 0,
            connected: 0,
            declined: 0,
            withdrawn: 0,
            followedUp: 0,
            met: 0,
            closed: 0,
          };
          if (r.kind === 'proposed') entry.proposed = r.n;
          if (r.kind === 'connected') entry.connected = r.n;
          if (r.kind === 'declined') entry.declined = r.n;
          if (r.kind === 'withdrawn') entry.withdrawn = r.n;
          if (r.kind === 'closed') entry.closed = r.n;
          if (r.kind === 'follow-up') {
            entry.followedUp = r.n;
            entry.met = r.met;
          }
          byPlace.set(key, entry);
        }
        return { from: q.from, to: q.to, places: [...byPlace.values()].sort((a, b) => (a.placeName ?? '').localeCompare(b.placeName ?? '')) };
      });
    },
  };
}
export type MatchingService = ReturnType<typeof matchingService>;
