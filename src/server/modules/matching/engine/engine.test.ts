import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchAll, matchCommand, validateMatchInput } from '../../../../cli/match.ts';
import { splitCompound } from './compounds.ts';
import { builtInConcepts } from './concepts.ts';
import { createEngine, type EngineReason, type MatchDoc, type Reason } from './engine.ts';
import { labelledSet, recallAt } from './evaluate.ts';
import { engineLanguages, fold, normalizeArabic, tokenize } from './normalize.ts';
import { describeReason } from './reasons.ts';
import { stemArabic, stemDutch } from './stem.ts';
import { editDistance, TypoIndex } from './typo.ts';

const engine = createEngine();
const offers = engine.index(labelledSet.offers);
const rank = (text: string, lang?: string, extra: MatchDoc[] = []) => engine.rank({ id: 'q', text, lang }, extra.length ? extra : offers);
const reasonsOf = (reasons: Reason[], kind: EngineReason['kind']) => reasons.filter((r): r is EngineReason => r.kind === kind);

describe('the labelled set', () => {
  it('has the requests the issue asks for', () => {
    const byLang = (p: string) => labelledSet.requests.filter((r) => r.id.startsWith(p)).length;
    expect(labelledSet.offers.length).toBeGreaterThanOrEqual(100);
    expect(labelledSet.requests.length).toBeGreaterThanOrEqual(60);
    expect(byLang('e')).toBeGreaterThanOrEqual(8);
    expect(byLang('f')).toBeGreaterThanOrEqual(8);
    expect(byLang('a')).toBeGreaterThanOrEqual(8);
    expect(byLang('r')).toBeGreaterThan(labelledSet.requests.length / 2);
    const ids = new Set(labelledSet.offers.map((o) => o.id));
    for (const r of labelledSet.requests) for (const id of r.relevant) expect(ids.has(id), `${r.id} names unknown offer ${id}`).toBe(true);
  });

  it('mean recall@5 is at least 0.85', async () => {
    const report = await recallAt(labelledSet, (r) => engine.rank(r, offers, { limit: 5 }).map((m) => m.offer.id));
    const misses = report.misses
      .map((m) => `  ${m.id} ${m.recall.toFixed(2)} "${m.text}": missing ${m.missing.join(', ')}; top ${m.top.join(', ')}`)
      .join('\n');
    console.log(`recall@5 = ${report.mean.toFixed(3)} over ${report.requests} requests; by group ${JSON.stringify(report.byGroup)}`);
    if (report.mean < 0.85) console.log(`misses:\n${misses}`);
    expect(report.mean, `recall@5 ${report.mean.toFixed(3)}; misses:\n${misses}`).toBeGreaterThanOrEqual(0.85);
  });
});

describe('normalisation and tokens', () => {
  it('folds case and accents', () => {
    expect(fold('Café ÉLÉGANT')).toBe('cafe elegant');
    expect(fold('cœur')).toBe('coeur');
    expect(tokenize('Taalcafé: Nederlands oefenen!').map((t) => t.folded)).toEqual(['taalcafe', 'nederlands', 'oefenen']);
  });

  it('folds Arabic: alef variants, ta marbuta, alef maqsura, tashkeel, tatweel, digits', () => {
    expect(normalizeArabic('أإآٱ')).toBe('اااا');
    expect(normalizeArabic('مدرسة')).toBe('مدرسه');
    expect(normalizeArabic('مستشفى')).toBe('مستشفي');
    expect(normalizeArabic('الطَّبْخ')).toBe('الطبخ');
    expect(normalizeArabic('مـــدرســة')).toBe('مدرسه');
    expect(normalizeArabic('٢٠٢٤')).toBe('2024');
    // The same request written with or without hamza and vowels analyses the same.
    const a = engine.analyze('أستطيع الطَّبخ لمجموعات كبيرة');
    const b = engine.analyze('استطيع الطبخ لمجموعات كبيره');
    expect(a.tokens.map((t) => t.stem)).toEqual(b.tokens.map((t) => t.stem));
    expect(a.concepts.has('group-cooking')).toBe(true);
  });

  it('drops emoji and punctuation, splits mixed scripts and apostrophes', () => {
    expect(tokenize('🚲🔧 fiets!!! 👍🏽')).toHaveLength(1);
    expect(tokenize('wifiواي فاي').map((t) => t.script)).toEqual(['latin', 'arabic', 'arabic']);
    expect(tokenize("l'aide auto's").map((t) => t.folded)).toEqual(['l', 'aide', 'auto', 's']);
    expect(tokenize('12 34 5')).toEqual([]);
  });

  it('stems Dutch inflections together', () => {
    expect(stemDutch('fietsen')).toBe(stemDutch('fiets'));
    expect(stemDutch('herstellen')).toBe(stemDutch('herstelling'));
    expect(stemDutch('koken')).toBe(stemDutch('kookt'));
    expect(stemDutch('kinderen')).toBe(stemDutch('kind'));
    expect(stemDutch('lessen')).not.toBe(stemDutch('lezen'));
  });

  it('stems Arabic articles, plurals and possessives lightly', () => {
    expect(stemArabic(normalizeArabic('الدراجات'))).toBe(stemArabic(normalizeArabic('دراجة')));
    expect(stemArabic(normalizeArabic('دراجتي'))).toBe(stemArabic(normalizeArabic('دراجة')));
    expect(stemArabic(normalizeArabic('للأطفال'))).toBe(stemArabic(normalizeArabic('الأطفال')));
  });
});

describe('language detection', () => {
  const lang = (text: string, given?: string) => engine.analyze(text, given).lang;
  it('tells the four languages apart', () => {
    expect(lang('Ik zoek iemand die mijn fiets kan herstellen')).toBe('nl');
    expect(lang('I need someone to fix my bike')).toBe('en');
    expect(lang("Je cherche quelqu'un pour réparer mon vélo")).toBe('fr');
    expect(lang('أحتاج من يصلح دراجتي')).toBe('ar');
    expect(lang('bike repair')).toBe('en');
  });

  it('uses a given language, detects an unknown one or one of the wrong script', () => {
    expect(lang('fiets', 'nl-BE')).toBe('nl');
    expect(lang('I need someone to fix my bike', 'xx')).toBe('en');
    expect(lang('أحتاج من يصلح دراجتي', 'en')).toBe('ar');
    expect(engine.analyze('fiets', 'nl').detection.how).toBe('given');
  });
});

describe('compound splitting', () => {
  const known = new Set(['fiets', 'herstelling', 'taal', 'cafe', 'kinder', 'opvang', 'sollicitatie', 'brief', 'vergader', 'zaal']);
  it('splits with and without linking sounds', () => {
    expect(splitCompound('fietsherstelling', (p) => known.has(p))?.parts).toEqual(['fiets', 'herstelling']);
    expect(splitCompound('taalcafe', (p) => known.has(p))?.parts).toEqual(['taal', 'cafe']);
    expect(splitCompound('kinderopvang', (p) => known.has(p))?.parts).toEqual(['kinder', 'opvang']);
    expect(splitCompound('sollicitatiebrief', (p) => known.has(p))?.parts).toEqual(['sollicitatie', 'brief']);
    expect(splitCompound('fietsenherstelling', (p) => known.has(p))?.parts).toEqual(['fiets', 'herstelling']);
    expect(splitCompound('opvang', (p) => known.has(p))).toBeUndefined();
  });

  it('the engine splits with its own vocabulary', () => {
    const parts = (w: string) => engine.analyze(w, 'nl').tokens[0].parts?.map((p) => p.word);
    expect(parts('fietsherstelling')).toEqual(['fiets', 'herstelling']);
    expect(parts('taalcafé')).toEqual(['taal', 'cafe']);
    expect(parts('kinderopvang')).toEqual(['kinder', 'opvang']);
    expect(parts('sollicitatiebrief')).toEqual(['sollicitatie', 'brief']);
  });

  it('"fietsherstelling" finds "fiets herstellen" and says how', () => {
    const matches = rank('fietsherstelling', 'nl', [
      { id: 'bike', text: 'Ik kan je fiets herstellen' },
      { id: 'cook', text: 'Ik kook graag voor anderen' },
    ]);
    expect(matches.map((m) => m.offer.id)).toEqual(['bike']);
    expect(reasonsOf(matches[0].reasons, 'compound')).toEqual([{ kind: 'compound', word: 'fietsherstelling', parts: ['fiets', 'herstelling'] }]);
    expect(reasonsOf(matches[0].reasons, 'words')[0]).toMatchObject({ words: expect.arrayContaining(['fiets', 'herstellen']) });
  });
});

describe('typo tolerance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('fiest', 'fiets')).toBe(1);
    expect(editDistance('kinderopvnag', 'kinderopvang')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('corrects one edit from 5 letters, two from 9, nothing shorter', () => {
    const ix = new TypoIndex();
    for (const w of ['fiets', 'sollicitatiebrief', 'kok']) ix.add(w);
    expect(ix.correct('fiest')?.to).toBe('fiets');
    expect(ix.correct('solicitatiebrif')?.to).toBe('sollicitatiebrief');
    expect(ix.correct('kook')).toBeUndefined();
    expect(ix.correct('fiets')).toBeUndefined();
  });

  it('a misspelt request still finds the offer, with a typo reason', () => {
    const matches = rank('fiest herstellen');
    expect(matches[0].offer.id).toMatch(/^o00[1-9]$/);
    expect(matches.some((m) => reasonsOf(m.reasons, 'typo').some((r) => r.kind === 'typo' && r.from === 'fiest' && r.to === 'fiets'))).toBe(true);
    expect(
      rank('solicitatiebrief')
        .map((m) => m.offer.id)
        .slice(0, 2),
    ).toContain('o066');
  });
});

describe('reasons', () => {
  it('a concept shared across languages carries its labels and the translation', () => {
    const [first] = rank('أستطيع الطبخ لمجموعات كبيرة', undefined, [{ id: 'nl', text: 'Ik kook graag voor grote groepen en feesten', lang: 'nl' }]);
    expect(first.offer.id).toBe('nl');
    const concept = reasonsOf(first.reasons, 'concept')[0];
    expect(concept).toMatchObject({ kind: 'concept', via: 'same' });
    if (concept.kind !== 'concept') throw new Error('concept reason expected');
    for (const l of engineLanguages) expect(concept.label[l]).toBeTruthy();
    expect(reasonsOf(first.reasons, 'translation')).toEqual([{ kind: 'translation', from: 'ar', to: 'nl' }]);
  });

  it('a related concept counts less and says so', () => {
    const matches = rank('lekke band', 'nl', [
      { id: 'bike', text: 'Ik herstel fietsen' },
      { id: 'flat', text: 'Ik plak lekke banden' },
    ]);
    expect(matches.map((m) => m.offer.id)).toEqual(['flat', 'bike']);
    expect(reasonsOf(matches[1].reasons, 'concept')[0]).toMatchObject({ concept: 'bike-repair', via: 'related', from: 'flat-tyre' });
  });

  it('reads as a sentence in each language', () => {
    const [match] = rank('fiest herstellen', 'nl', [{ id: 'o', text: 'Je répare les vélos', lang: 'fr' }]);
    const label = (id: string, l: 'nl' | 'en' | 'fr' | 'ar') => engine.concept(id)?.labels[l];
    const nl = match.reasons.map((r) => describeReason(r, 'nl', label));
    expect(nl).toContain('Allebei over fietsherstelling');
    expect(nl).toContain('„fiest” gelezen als „fiets”');
    expect(nl).toContain('Over de taalgrens: Nederlands → Frans');
    expect(match.reasons.map((r) => describeReason(r, 'ar'))).toContain('بين لغتين: من الهولندية إلى الفرنسية');
    expect(describeReason({ kind: 'concept', concept: 'ocmw', label: engine.concept('ocmw')?.labels ?? ({} as never), via: 'same' }, 'nl-NL')).toBe(
      'Allebei over sociale dienst',
    );
    expect(describeReason({ kind: 'distance', km: 2 }, 'en')).toBeUndefined();
  });

  it('scores are between 0 and 1, best first, at most ten', () => {
    const matches = rank('koken');
    expect(matches.length).toBeLessThanOrEqual(10);
    for (const [i, m] of matches.entries()) {
      expect(m.score).toBeGreaterThan(0);
      expect(m.score).toBeLessThanOrEqual(1);
      if (i) expect(m.score).toBeLessThanOrEqual(matches[i - 1].score);
    }
  });
});

describe('extension points', () => {
  it('extra factors reorder with their own reasons', () => {
    const docs = [
      { id: 'far', text: 'Ik herstel fietsen', km: 30 },
      { id: 'near', text: 'Ik herstel fietsen', km: 1 },
      { id: 'cook', text: 'Ik kook', km: 0 },
    ];
    const matches = engine.rank({ id: 'q', text: 'fiets kapot' }, docs, {
      extraFactors: [{ name: 'distance', weight: 0.5, score: (o) => ({ score: 1 - o.km / 50, reasons: [{ kind: 'distance', km: o.km }] }) }],
    });
    expect(matches.map((m) => m.offer.id)).toEqual(['near', 'far']);
    expect(matches[0].reasons.at(-1)).toEqual({ kind: 'distance', km: 1 });
    expect(matches[0].score).toBeLessThanOrEqual(1);
  });

  it('admins add concepts and synonyms at run time', () => {
    const before = createEngine().analyze('Ik zoek een velo-atelier', 'nl');
    expect(before.concepts.has('bike-repair')).toBe(false);
    const extended = createEngine({
      extraConcepts: [
        { id: 'bike-repair', synonyms: { nl: ['velo-atelier'] } },
        { id: 'stuyfplek', kind: 'service', labels: { nl: 'Stuyfplek', en: 'Stuyfplek' }, synonyms: { nl: ['open huys'] }, related: ['open-house'] },
      ],
    });
    expect(extended.analyze('Ik zoek een velo-atelier', 'nl').concepts.has('bike-repair')).toBe(true);
    expect(extended.concept('stuyfplek')?.labels.ar).toBe('Stuyfplek');
    expect(extended.rank({ id: 'q', text: 'stuyfplek' }, [{ id: 'o', text: 'Open Huys op woensdag' }])[0]?.offer.id).toBe('o');
  });

  it('rejects a malformed addition with a clear message', () => {
    expect(() => createEngine({ extraConcepts: [{ id: 'Bad Id!' }] })).toThrow(/extraConcepts\[0\]: id/);
    expect(() => createEngine({ extraConcepts: [{ id: 'nothing' }] })).toThrow(/needs a label/);
  });
});

describe('the concept list', () => {
  const concepts = builtInConcepts();
  it('has at least 300 concepts, each named in nl, en, fr and ar, relations that resolve', () => {
    expect(concepts.length).toBeGreaterThanOrEqual(300);
    const ids = new Set(concepts.map((c) => c.id));
    expect(ids.size).toBe(concepts.length);
    for (const c of concepts) {
      for (const l of engineLanguages) expect(c.labels[l], `${c.id} ${l}`).toBeTruthy();
      for (const r of [...c.broader, ...c.related]) expect(ids.has(r), `${c.id} → ${r}`).toBe(true);
    }
    expect(concepts.find((c) => c.id === 'ocmw')?.labels).toMatchObject({ 'nl-BE': 'OCMW', 'nl-NL': 'sociale dienst' });
  });
});

describe('bad input never throws', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji only', '🚲🔧😀👍🏽🇧🇪'],
    ['punctuation', '!!!???...---'],
    ['10,000 characters', 'fiets herstellen '.repeat(600).slice(0, 10_000)],
    ['10,000 letters in one word', 'a'.repeat(10_000)],
    ['mixed scripts', 'Ik zoek مساعدة في الطبخ and some help with cooking 🍲'],
    ['other scripts', 'Помощь с велосипедом 自行车修理'],
    ['control characters', 'fiets\u0000\u200b\u202eherstellen'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const started = performance.now();
      expect(() => engine.analyze(text)).not.toThrow();
      const matches = rank(text, 'zz');
      expect(Array.isArray(matches)).toBe(true);
      expect(performance.now() - started).toBeLessThan(5000);
    });
  }

  it('a letter of 10,000 characters still finds what it asks for', () => {
    const letter =
      'Beste, ik ben Fatima en woon sinds twee jaar in Lier. Ik heb drie kinderen. Mijn fiets is kapot en ik moet elke dag naar de school van mijn kinderen. Ik wil ook graag mijn Nederlands oefenen. '
        .repeat(60)
        .slice(0, 10_000);
    const top = rank(letter).map((m) => m.offer.id);
    expect(top.slice(0, 5).some((id) => ['o001', 'o002', 'o004', 'o005', 'o009'].includes(id))).toBe(true);
    expect(top.some((id) => ['o029', 'o030', 'o036'].includes(id))).toBe(true);
  });

  it('empty texts give no matches', () => {
    expect(rank('')).toEqual([]);
    expect(rank('🚲')).toEqual([]);
    expect(engine.rank({ id: 'q', text: 'fiets' }, [])).toEqual([]);
    expect(engine.rank({ id: 'q', text: 'fiets' }, [{ id: 'o', text: '' }])).toEqual([]);
  });

  it('a non-string text from untyped callers is treated as empty', () => {
    expect(engine.rank({ id: 'q', text: 42 as unknown as string }, offers)).toEqual([]);
  });
});

describe('schakel match', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'schakel-match-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (input: unknown, args: string[] = []) => {
    const file = path.join(dir, `in-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
    let out = '';
    let err = '';
    const code = await matchCommand(['--input', file, ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
  };

  it('writes the ten best offers per request in the agreed format', async () => {
    const input = {
      offers: labelledSet.offers,
      requests: [
        { id: 'a', text: 'fietsherstelling' },
        { id: 'b', text: '' },
        { id: 'c', text: 'koken', lang: 'tlh' },
      ],
    };
    const { code, out } = await run(input);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(['results']);
    expect(result.results.map((r: { request: string }) => r.request)).toEqual(['a', 'b', 'c']);
    expect(result.results[1].matches).toEqual([]);
    expect(result.results[0].matches.length).toBeGreaterThan(0);
    expect(result.results[2].matches.length).toBeLessThanOrEqual(10);
    for (const m of result.results[0].matches) expect(Object.keys(m)).toEqual(['offer', 'score', 'reasons']);
    expect(result).toEqual(matchAll(validateMatchInput(input)));
  });

  it('writes to --output when asked', async () => {
    const output = path.join(dir, 'out.json');
    const { code, out } = await run({ offers: [{ id: 'o', text: 'Ik herstel fietsen' }], requests: [{ id: 'r', text: 'fiets' }] }, ['--output', output]);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(JSON.parse(readFileSync(output, 'utf8')).results[0].matches[0].offer).toBe('o');
  });

  it('names what is wrong and exits with 2', async () => {
    const bad = [
      ['not json', '{"offers": [', /not valid JSON/],
      ['no arrays', { offers: {} }, /"offers" must be an array[\s\S]*"requests" must be an array \(it is missing\)/],
      ['missing id', { offers: [{ text: 'x' }], requests: [] }, /offers\[0\]: "id" must be a non-empty string/],
      [
        'duplicate id',
        {
          offers: [],
          requests: [
            { id: 'r', text: 'a' },
            { id: 'r', text: 'b' },
          ],
        },
        /requests\[1\]: id "r" is used twice/,
      ],
      ['text too long', { offers: [{ id: 'o', text: 'x'.repeat(10_001) }], requests: [] }, /10,001 characters; at most 10,000/],
      ['text not a string', { offers: [{ id: 'o', text: null }], requests: [] }, /"text" must be a string, not null/],
      ['lang not a string', { offers: [{ id: 'o', text: 'x', lang: 5 }], requests: [] }, /"lang" must be a language code/],
    ] as const;
    for (const [name, input, message] of bad) {
      const { code, err, out } = await run(input);
      expect(code, name).toBe(2);
      expect(err, name).toMatch(message);
      expect(out, name).toBe('');
    }
    let err = '';
    expect(await matchCommand([], { stdout: () => {}, stderr: (s) => (err += s) })).toBe(2);
    expect(err).toMatch(/--input FILE.json is required/);
    expect(await matchCommand(['--input', path.join(dir, 'none.json')], { stdout: () => {}, stderr: () => {} })).toBe(2);
  });

  it('accepts a text of exactly 10,000 characters', async () => {
    const { code } = await run({ offers: [{ id: 'o', text: 'é'.repeat(10_000) }], requests: [{ id: 'r', text: '🚲'.repeat(10_000) }] });
    expect(code).toBe(0);
  });
});
