import { useTranslation } from 'react-i18next';
import { useCount } from './patterns.tsx';

/**
 * The participation ladder's moves as a matrix: a row per rung at the first assessment, a column
 * per rung at the last. The table is the chart: each cell shows its number, shaded by size (the text stays dark on every shade), and
 * cells above the diagonal (moved up) are marked with an arrow as well as a green tint, below it
 * (moved down) with an arrow and an orange tint, so colour never carries the meaning alone.
 */
export function HeatTable({
  rungs,
  moves,
  rungLabel,
  suppressedBelow,
  labelledBy,
}: {
  rungs: number[];
  moves: { from: number; to: number; count: number | null }[];
  rungLabel: (r: number) => string;
  suppressedBelow: number | null;
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const count = useCount();
  const max = Math.max(1, ...moves.map((m) => m.count ?? 0));
  const cell = (from: number, to: number) => {
    const m = moves.find((x) => x.from === from && x.to === to);
    return m ? m.count : 0;
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
    <section className="table-scroll" tabIndex={0} aria-labelledby={labelledBy}>
      <table className="heat-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t('dashboard.ladder.firstLast')}</span>
              <span aria-hidden="true">{t('dashboard.ladder.corner')}</span>
            </th>
            {rungs.map((r) => (
              <th key={r} scope="col" title={rungLabel(r)}>
                <span aria-hidden="true">{r}</span>
                <span className="visually-hidden">{t('dashboard.ladder.toRung', { rung: r, label: rungLabel(r) })}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rungs.map((from) => (
            <tr key={from}>
              <th scope="row" title={rungLabel(from)}>
                <span aria-hidden="true">{from}</span>
                <span className="visually-hidden">{t('dashboard.ladder.fromRung', { rung: from, label: rungLabel(from) })}</span>
              </th>
              {rungs.map((to) => {
                const n = cell(from, to);
                const share = n === null ? 0 : n / max;
                const kind = to > from ? 'up' : to < from ? 'down' : 'same';
                const hue = kind === 'up' ? '46, 125, 50' : kind === 'down' ? '179, 89, 0' : '93, 102, 112';
                return (
                  <td
                    key={to}
                    className={`heat-${kind}`}
                    style={{ background: n ? `rgba(${hue}, ${0.1 + share * 0.35})` : undefined, fontWeight: share > 0.55 ? 700 : undefined }}
                  >
                    {n !== 0 && (
                      <span aria-hidden="true" className="heat-arrow">
                        {kind === 'up' ? '↑' : kind === 'down' ? '↓' : '='}
                      </span>
                    )}
                    {n === null ? count(null, suppressedBelow) : n}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
