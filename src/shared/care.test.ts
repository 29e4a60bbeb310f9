import { describe, expect, it } from 'vitest';
import { compareNetworks, distanceTravelled, instrumentInput, labelFor } from './care.ts';

const keys = ['work', 'housing', 'health'];

describe('distance travelled', () => {
  it('is the change per domain between the first and the latest assessment, and the total over those domains', () => {
    const d = distanceTravelled(
      [
        { assessedOn: '2025-06-01', scores: { work: 1, housing: 2, health: 3 } },
        { assessedOn: '2025-12-01', scores: { work: 2, housing: 2, health: 4 } },
        { assessedOn: '2026-06-01', scores: { work: 4, housing: 3, health: 3 } },
      ],
      keys,
    );
    expect(d.from).toBe('2025-06-01');
    expect(d.to).toBe('2026-06-01');
    expect(d.assessments).toBe(3);
    expect(d.domains.map((x) => [x.domainKey, x.change])).toEqual([
      ['work', 3],
      ['housing', 1],
      ['health', 0],
    ]);
    expect(d.total).toEqual({ first: 6, last: 10, change: 4, domains: 3 });
  });

  it('takes the order of the dates, not the order given', () => {
    const d = distanceTravelled(
      [
        { assessedOn: '2026-06-01', scores: { work: 4 } },
        { assessedOn: '2025-06-01', scores: { work: 1 } },
      ],
      ['work'],
    );
    expect(d.domains[0]).toEqual({ domainKey: 'work', first: { on: '2025-06-01', level: 1 }, last: { on: '2026-06-01', level: 4 }, change: 3 });
  });

  it('with one assessment only there is no change yet, and no total', () => {
    const d = distanceTravelled([{ assessedOn: '2026-01-10', scores: { work: 2, housing: 3 } }], keys);
    expect(d.assessments).toBe(1);
    expect(d.domains[0]).toEqual({ domainKey: 'work', first: { on: '2026-01-10', level: 2 }, last: { on: '2026-01-10', level: 2 }, change: null });
    expect(d.domains[2]).toEqual({ domainKey: 'health', first: null, last: null, change: null });
    expect(d.total).toBeNull();
  });

  it('without assessments everything is empty', () => {
    const d = distanceTravelled([], keys);
    expect(d).toEqual({
      from: null,
      to: null,
      assessments: 0,
      domains: keys.map((domainKey) => ({ domainKey, first: null, last: null, change: null })),
      total: null,
    });
  });

  it('a domain missing from the first assessment starts where it was first scored, and only compared domains count in the total', () => {
    const d = distanceTravelled(
      [
        { assessedOn: '2025-01-01', scores: { work: 1 } },
        { assessedOn: '2025-06-01', scores: { work: 2, housing: 2 } },
        { assessedOn: '2026-01-01', scores: { housing: 4, health: 5 } },
      ],
      keys,
    );
    expect(d.domains.find((x) => x.domainKey === 'work')).toMatchObject({
      first: { on: '2025-01-01', level: 1 },
      last: { on: '2025-06-01', level: 2 },
      change: 1,
    });
    expect(d.domains.find((x) => x.domainKey === 'housing')).toMatchObject({ first: { level: 2 }, last: { level: 4 }, change: 2 });
    // health was scored once: no change, and its 5 does not inflate the total
    expect(d.domains.find((x) => x.domainKey === 'health')?.change).toBeNull();
    expect(d.total).toEqual({ first: 3, last: 6, change: 3, domains: 2 });
  });

  it('between two chosen dates only the assessments in between count (dates inclusive)', () => {
    const series = [
      { assessedOn: '2025-01-01', scores: { work: 1 } },
      { assessedOn: '2025-06-01', scores: { work: 3 } },
      { assessedOn: '2025-12-01', scores: { work: 2 } },
      { assessedOn: '2026-06-01', scores: { work: 5 } },
    ];
    const d = distanceTravelled(series, ['work'], { from: '2025-06-01', to: '2025-12-01' });
    expect(d).toMatchObject({ from: '2025-06-01', to: '2025-12-01', assessments: 2 });
    expect(d.domains[0].change).toBe(-1);
    expect(distanceTravelled(series, ['work'], { from: '2027-01-01' }).total).toBeNull();
  });

  it('two assessments on one day keep the order given (the later one is the latest)', () => {
    const d = distanceTravelled(
      [
        { assessedOn: '2026-01-01', scores: { work: 2 } },
        { assessedOn: '2026-01-01', scores: { work: 3 } },
      ],
      ['work'],
    );
    expect(d.domains[0].change).toBe(1);
  });
});

describe('how a network changed', () => {
  const p = (name: string, closeness: number, kind = 'person') => ({ kind, name, closeness });
  it('names who was added, removed, moved closer or further; names match whatever the case or spaces', () => {
    const c = compareNetworks(
      [p('Mama', 1), p('Buurvrouw Rita', 2), p('VDAB', 3, 'organisation'), p('Karim', 3)],
      [p('mama ', 1), p('Buurvrouw  Rita', 3), p('VDAB', 2, 'organisation'), p('Trajectgezel Joyce', 2)],
    );
    expect(c.added.map((e) => e.name)).toEqual(['Trajectgezel Joyce']);
    expect(c.removed.map((e) => e.name)).toEqual(['Karim']);
    expect(c.closer).toEqual([{ entry: p('VDAB', 2, 'organisation'), from: 3, to: 2 }]);
    expect(c.further.map((m) => [m.entry.name, m.from, m.to])).toEqual([['Buurvrouw  Rita', 2, 3]]);
    expect(c.unchanged.map((e) => e.name)).toEqual(['mama ']);
  });
  it('a person and an organisation with the same name are different', () => {
    const c = compareNetworks([p('Arktos', 2)], [p('Arktos', 2, 'organisation')]);
    expect(c.added).toHaveLength(1);
    expect(c.removed).toHaveLength(1);
  });
});

describe('instrument validation', () => {
  const base = {
    name: { nl: 'Taal' },
    domains: [{ key: 'speaking', labels: { nl: 'Spreken' } }],
    levels: [
      { value: 1, labels: { nl: 'Begin' } },
      { value: 2, labels: { nl: 'Goed' } },
    ],
  };
  it('accepts one domain and two ascending levels with Dutch labels', () => {
    expect(instrumentInput.safeParse(base).success).toBe(true);
  });
  it.each([
    ['no domain', { ...base, domains: [] }],
    ['one level', { ...base, levels: [base.levels[0]] }],
    ['eleven levels', { ...base, levels: Array.from({ length: 11 }, (_, i) => ({ value: i, labels: { nl: `n${i}` } })) }],
    ['levels not ascending', { ...base, levels: [base.levels[1], base.levels[0]] }],
    ['two equal levels', { ...base, levels: [base.levels[0], base.levels[0]] }],
    ['a domain twice', { ...base, domains: [base.domains[0], base.domains[0]] }],
    ['a label without Dutch (the fallback)', { ...base, domains: [{ key: 'speaking', labels: { en: 'Speaking' } }] }],
    ['a key with spaces', { ...base, domains: [{ key: 'spreken en luisteren', labels: { nl: 'x' } }] }],
  ])('refuses %s', (_, input) => {
    expect(instrumentInput.safeParse(input).success).toBe(false);
  });
  it('a missing language falls back to Dutch', () => {
    expect(labelFor({ nl: 'Werk', ar: 'العمل' }, 'ar')).toBe('العمل');
    expect(labelFor({ nl: 'Werk', ar: '' }, 'ar')).toBe('Werk');
    expect(labelFor({ nl: 'Werk' }, 'fr')).toBe('Werk');
  });
});
