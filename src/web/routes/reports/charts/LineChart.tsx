import { seriesStyles, useDirection, useWidth } from './patterns.tsx';

const markers = ['circle', 'square', 'triangle', 'diamond'] as const;

function Marker({ kind, x, y, colour }: { kind: (typeof markers)[number]; x: number; y: number; colour: string }) {
  if (kind === 'circle') return <circle cx={x} cy={y} r={4} fill={colour} />;
  if (kind === 'square') return <rect x={x - 4} y={y - 4} width={8} height={8} fill={colour} />;
  if (kind === 'triangle') return <path d={`M${x},${y - 5} L${x + 5},${y + 4} L${x - 5},${y + 4} Z`} fill={colour} />;
  return <path d={`M${x},${y - 5} L${x + 5},${y} L${x},${y + 5} L${x - 5},${y} Z`} fill={colour} />;
}

/**
 * Lines over months: each series with its own colour, dash and marker shape, its name written at
 * the end of the line, and the last value labelled. Months run in the reading direction.
 */
export function LineChart({
  months,
  series,
  labelledBy,
  title,
  monthLabel,
  format,
}: {
  months: string[];
  series: { label: string; values: (number | null)[] }[];
  labelledBy: string;
  /** the chart's title, also inside the picture */
  title: string;
  monthLabel: (m: string) => string;
  format: (n: number) => string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const dir = useDirection();
  const height = 220;
  const left = 44;
  const right = 44;
  const top = 14;
  const bottom = 34;
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const step = months.length > 1 ? (width - left - right) / (months.length - 1) : 0;
  const px = (i: number) => dir.x(left + i * step, width);
  const py = (v: number) => top + (1 - v / max) * (height - top - bottom);
  const ticks = [0, Math.round(max / 2), max];
  const every = Math.max(1, Math.ceil(months.length / Math.max(2, Math.floor((width - left - right) / 60))));
  return (
    <div ref={ref} className="chart-canvas">
      <svg width={width} height={height} role="img" aria-labelledby={labelledBy}>
        <title>{title}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={dir.x(left, width)} x2={dir.x(width - right, width)} y1={py(v)} y2={py(v)} stroke="#d0d4d9" />
            <text x={dir.x(left - 6, width)} y={py(v) + 4} textAnchor={dir.end} className="chart-axis">
              {format(v)}
            </text>
          </g>
        ))}
        {months.map((m, i) =>
          i % every === 0 || i === months.length - 1 ? (
            <text key={m} x={px(i)} y={height - 12} textAnchor="middle" className="chart-axis">
              {monthLabel(m)}
            </text>
          ) : null,
        )}
        {series.map((s, k) => {
          const style = seriesStyles[k % seriesStyles.length];
          const points = s.values.map((v, i) => (v === null ? null : ([px(i), py(v)] as const)));
          const d = points.map((p, i) => (p ? `${i === 0 || !points[i - 1] ? 'M' : 'L'}${p[0]},${p[1]}` : '')).join(' ');
          const lastIndex = s.values.length - 1;
          const last = points[lastIndex];
          return (
            <g key={s.label}>
              <path d={d} fill="none" stroke={style.colour} strokeWidth={2.5} strokeDasharray={k === 0 ? undefined : k === 1 ? '6 4' : '2 3'} />
              {points.map((p, i) => (p ? <Marker key={months[i]} kind={markers[k % markers.length]} x={p[0]} y={p[1]} colour={style.colour} /> : null))}
              {last && (
                <text x={last[0] + (dir.rtl ? -8 : 8)} y={last[1] + 4 + k * 2} textAnchor={dir.start} className="chart-value">
                  {format(s.values[lastIndex] ?? 0)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s, k) => {
          const style = seriesStyles[k % seriesStyles.length];
          return (
            <li key={s.label}>
              <svg width="30" height="12" focusable="false" aria-hidden="true">
                <line x1="1" x2="29" y1="6" y2="6" stroke={style.colour} strokeWidth="2.5" strokeDasharray={k === 0 ? undefined : k === 1 ? '6 4' : '2 3'} />
                <Marker kind={markers[k % markers.length]} x={15} y={6} colour={style.colour} />
              </svg>
              {s.label}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
