import { fillOf, PatternDefs, useDirection, useWidth } from './patterns.tsx';

export interface BarRow {
  label: string;
  /** one value per series; null = suppressed (drawn as nothing, labelled in the table) */
  values: (number | null)[];
}

/**
 * Horizontal bars, one row per label, stacked when there are several series. Labels above each
 * bar (long names of partners fit on a phone), the total at the bar's end, and each segment
 * filled with its series' colour and pattern.
 */
export function BarChart({
  rows,
  series,
  patternId,
  labelledBy,
  title,
  format,
  hidden = '<5',
}: {
  rows: BarRow[];
  series: string[];
  patternId: string;
  labelledBy: string;
  /** the chart's title, also inside the picture */
  title: string;
  format: (n: number) => string;
  /** how a hidden (suppressed) count reads */
  hidden?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const dir = useDirection();
  const bar = 20;
  const rowHeight = bar + 26;
  const pad = 8;
  const totals = rows.map((r) => r.values.reduce<number>((n, v) => n + (v ?? 0), 0));
  const max = Math.max(1, ...totals);
  const room = width - pad * 2 - 56;
  const height = rows.length * rowHeight + pad;
  return (
    <div ref={ref} className="chart-canvas">
      <svg width={width} height={height} role="img" aria-labelledby={labelledBy}>
        <title>{title}</title>
        <PatternDefs id={patternId} />
        {rows.map((r, i) => {
          const y = pad + i * rowHeight;
          let at = pad;
          return (
            <g key={r.label}>
              <text x={dir.x(pad, width)} y={y + 12} textAnchor={dir.start} className="chart-label">
                {r.label}
              </text>
              {r.values.map((v, s) => {
                const w = ((v ?? 0) / max) * room;
                const x0 = at;
                at += w;
                if (!w) return null;
                return (
                  <rect
                    key={series[s] ?? s}
                    x={dir.rtl ? width - x0 - w : x0}
                    y={y + 17}
                    width={w}
                    height={bar}
                    fill={fillOf(s, patternId)}
                    stroke="#fff"
                    strokeWidth="1"
                  />
                );
              })}
              <text x={dir.x(at + 6, width)} y={y + 17 + bar - 5} textAnchor={dir.start} className="chart-value">
                {r.values.some((v) => v === null) ? (totals[i] === 0 ? hidden : `${format(totals[i])} + ${hidden}`) : format(totals[i])}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
