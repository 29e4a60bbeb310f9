/**
 * Typo tolerance: a word the engine does not know is replaced by the closest known word, at most
 * one edit away for words of 5 letters or more and two for 9 or more (a swap of two neighbouring
 * letters is one edit: "fiest" → "fiets"). Candidates come from a deletion index (SymSpell), so a
 * lookup costs a few hash probes instead of a pass over the vocabulary.
 */

export function maxEdits(word: string): number {
  const n = [...word].length;
  return n >= 9 ? 2 : n >= 5 ? 1 : 0;
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits), stopping above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length];
}

function deletions(word: string, depth: number, into: Set<string>) {
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const d = chars.slice(0, i).join('') + chars.slice(i + 1).join('');
    if (into.has(d)) continue;
    into.add(d);
    if (depth > 1 && d.length > 1) deletions(d, depth - 1, into);
  }
}

export class TypoIndex {
  private readonly words = new Map<string, number>();
  private readonly byDeletion = new Map<string, string[]>();

  /** `weight` breaks ties between equally close words: the more common one wins. */
  add(word: string, weight = 1) {
    const had = this.words.get(word);
    this.words.set(word, (had ?? 0) + weight);
    if (had !== undefined) return;
    const depth = maxEdits(word);
    if (depth === 0 && [...word].length < 4) return;
    const variants = new Set<string>([word]);
    // Words of 4 letters are indexed one deep so that a 5-letter typo with an extra letter finds them.
    deletions(word, Math.max(depth, 1), variants);
    for (const v of variants) {
      const list = this.byDeletion.get(v);
      if (list) list.push(word);
      else this.byDeletion.set(v, [word]);
    }
  }

  has(word: string) {
    return this.words.has(word);
  }

  get size() {
    return this.words.size;
  }

  /** The closest known word within the allowed edits, or undefined (also when the word is known). */
  correct(word: string): { to: string; distance: number } | undefined {
    return this.candidates(word)[0];
  }

  /**
   * Known words within the allowed edits, closest first; among equally close ones the same first
   * letter (people rarely mistype it), then the more common word first.
   */
  candidates(word: string): { to: string; distance: number }[] {
    const limit = maxEdits(word);
    if (limit === 0 || this.words.has(word)) return [];
    const found = new Map<string, number>();
    const variants = new Set<string>([word]);
    deletions(word, limit, variants);
    for (const v of variants) {
      for (const candidate of this.byDeletion.get(v) ?? []) {
        if (found.has(candidate)) continue;
        // The candidate must be long enough to allow this many edits itself (a 4-letter word is never "corrected" two edits away).
        const allowed = Math.min(limit, Math.max(maxEdits(candidate), 1));
        const d = editDistance(word, candidate, allowed);
        if (d <= allowed) found.set(candidate, d);
      }
    }
    const first = (w: string) => (w[0] === word[0] ? 0 : 1);
    return [...found]
      .sort(([a, da], [b, db]) => da - db || first(a) - first(b) || (this.words.get(b) ?? 0) - (this.words.get(a) ?? 0) || (a < b ? -1 : 1))
      .map(([to, distance]) => ({ to, distance }));
  }
}
