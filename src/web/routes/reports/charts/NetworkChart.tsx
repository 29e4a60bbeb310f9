import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/dashboard.ts';
import { seriesStyles, useDirection, useWidth } from './patterns.tsx';

const kindStyle: Record<string, { colour: string; dash?: string }> = {
  match: { colour: seriesStyles[0].colour },
  'referral-out': { colour: seriesStyles[1].colour, dash: '8 4' },
  team: { colour: seriesStyles[2].colour, dash: '2 4' },
  cohort: { colour: seriesStyles[3].colour, dash: '10 3 2 3' },
};

/**
 * The network the programme created: the participants in the middle, the partners and other
 * people around them. A line per kind of link (its own colour and dash), thicker for more
 * links, with the number of links and of bridging ones written beside it. Partners are drawn
 * as squares, people as circles. Links among participants loop back to the middle.
 */
export function NetworkChart({
  network,
  labelledBy,
  title,
  nodeLabel,
  format,
}: {
  network: Dashboard['network'];
  labelledBy: string;
  /** the chart's title, also inside the picture */
  title: string;
  nodeLabel: (n: Dashboard['network']['nodes'][number]) => string;
  format: (n: number | null) => string;
}) {
  const { t } = useTranslation();
  const [ref, width] = useWidth<HTMLDivElement>();
  const dir = useDirection();
  const around = network.nodes.filter((n) => n.id !== 'participants');
  const height = Math.max(300, Math.min(520, width * 0.85));
  const cx = width / 2;
  const cy = height / 2;
  const r = Math.min(width, height) / 2 - 58;
  const pos = new Map<string, { x: number; y: number }>([['participants', { x: cx, y: cy }]]);
  around.forEach((n, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, around.length);
    pos.set(n.id, { x: dir.rtl ? cx - r * Math.cos(a) : cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
  });
  const maxLinks = Math.max(1, ...network.edges.map((e) => e.links ?? 0));
  const edgesTo = new Map<string, Dashboard['network']['edges']>();
  for (const e of network.edges) edgesTo.set(e.to, [...(edgesTo.get(e.to) ?? []), e]);
  return (
    <div ref={ref} className="chart-canvas">
      <svg width={width} height={height} role="img" aria-labelledby={labelledBy}>
        <title>{title}</title>
        {[...edgesTo.entries()].map(([to, edges]) => {
          const a = pos.get('participants');
          const b = pos.get(to);
          if (!a || !b) return null;
          return edges.map((e, k) => {
            const style = kindStyle[e.kind];
            const w = 1.5 + ((e.links ?? 0) / maxLinks) * 7;
            const offset = (k - (edges.length - 1) / 2) * 10;
            if (to === 'participants') {
              const lx = cx + 36 + k * 16;
              return (
                <g key={e.kind}>
                  <ellipse
                    cx={lx}
                    cy={cy - 34}
                    rx={30 + k * 8}
                    ry={26 + k * 6}
                    fill="none"
                    stroke={style.colour}
                    strokeWidth={w}
                    strokeDasharray={style.dash}
                  />
                  <text x={lx + 30 + k * 8} y={cy - 62 - k * 6} textAnchor="middle" className="chart-value">
                    {format(e.links)}
                  </text>
                </g>
              );
            }
            const dx = b.x - a.x;
            const dy = b.y - a.y;
            const len = Math.hypot(dx, dy) || 1;
            const ox = (-dy / len) * offset;
            const oy = (dx / len) * offset;
            return (
              <g key={e.kind}>
                <line x1={a.x + ox} y1={a.y + oy} x2={b.x + ox} y2={b.y + oy} stroke={style.colour} strokeWidth={w} strokeDasharray={style.dash} />
                <text x={a.x + dx * 0.6 + ox * 1.6} y={a.y + dy * 0.6 + oy * 1.6 + 4} textAnchor="middle" className="chart-edge-label">
                  {format(e.links)}
                  {(e.bridging ?? 0) > 0 || e.bridging === null ? ` (${t('dashboard.network.bridgingShort', { n: format(e.bridging) })})` : ''}
                </text>
              </g>
            );
          });
        })}
        {network.nodes.map((n) => {
          const p = pos.get(n.id);
          if (!p) return null;
          const hub = n.id === 'participants';
          const size = hub ? 30 : 16;
          const label = nodeLabel(n);
          return (
            <g key={n.id}>
              {n.kind === 'partner' || n.kind === 'other-partners' ? (
                <rect x={p.x - size} y={p.y - size} width={size * 2} height={size * 2} rx={4} fill="#fff" stroke="#333" strokeWidth={2} />
              ) : (
                <circle cx={p.x} cy={p.y} r={size} fill={hub ? '#e8f0fa' : '#fff'} stroke="#333" strokeWidth={2} />
              )}
              <text x={p.x} y={p.y + 4} textAnchor="middle" className="chart-value">
                {format(n.count)}
              </text>
              <text x={p.x} y={hub || p.y >= cy ? p.y + size + 15 : p.y - size - 7} textAnchor="middle" className="chart-node-label">
                {label.length > 22 ? `${label.slice(0, 21)}…` : label}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        {Object.entries(kindStyle).map(([kind, style]) => (
          <li key={kind}>
            <svg width="34" height="12" focusable="false" aria-hidden="true">
              <line x1="1" x2="33" y1="6" y2="6" stroke={style.colour} strokeWidth="3" strokeDasharray={style.dash} />
            </svg>
            {t(`dashboard.network.kinds.${kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
