import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Series styles: a colour (dark enough for white text and distinct in greyscale) plus a fill
 * pattern, so no series is told apart by colour alone. Every chart also labels values directly.
 */
export const seriesStyles = [
  { colour: '#1f5fa8', pattern: 'solid' },
  { colour: '#b35900', pattern: 'stripes' },
  { colour: '#2e7d32', pattern: 'dots' },
  { colour: '#7b3fa0', pattern: 'cross' },
  { colour: '#5d6670', pattern: 'lines' },
  { colour: '#a3284a', pattern: 'zigzag' },
  { colour: '#00796b', pattern: 'grid' },
] as const;

export const fillOf = (i: number, id: string) => {
  const s = seriesStyles[i % seriesStyles.length];
  return s.pattern === 'solid' ? s.colour : `url(#${id}-p${i % seriesStyles.length})`;
};

/** The <defs> with one pattern per series style, ids prefixed per chart so charts never share them. */
export function PatternDefs({ id }: { id: string }) {
  return (
    <defs>
      {seriesStyles.map((s, i) => (
        <pattern key={s.pattern} id={`${id}-p${i}`} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={s.colour} />
          {s.pattern === 'stripes' && <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" strokeWidth="1.6" />}
          {s.pattern === 'dots' && <circle cx="4" cy="4" r="1.6" fill="#fff" />}
          {s.pattern === 'cross' && <path d="M0,0 l8,8 M8,0 l-8,8" stroke="#fff" strokeWidth="1.2" />}
          {s.pattern === 'lines' && <path d="M0,4 h8" stroke="#fff" strokeWidth="1.6" />}
          {s.pattern === 'zigzag' && <path d="M0,6 l2,-4 l2,4 l2,-4 l2,4" stroke="#fff" strokeWidth="1.2" fill="none" />}
          {s.pattern === 'grid' && <path d="M4,0 v8 M0,4 h8" stroke="#fff" strokeWidth="1" />}
        </pattern>
      ))}
    </defs>
  );
}

/** The rendered width of an element, so a chart draws at its real size (text stays readable at 375 px). */
export function useWidth<T extends HTMLElement>(fallback = 600) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(260, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

/** Right-to-left: x positions mirrored and text anchors swapped; numbers stay as they are. */
export function useDirection() {
  const { i18n } = useTranslation();
  const rtl = i18n.dir(i18n.language) === 'rtl';
  return {
    rtl,
    x: (v: number, width: number) => (rtl ? width - v : v),
    start: rtl ? 'end' : 'start',
    end: rtl ? 'start' : 'end',
  } as const;
}

/** A count as shown: "fewer than 5" for a suppressed cell. */
export function useCount() {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language);
  return (n: number | null | undefined, below?: number | null) => (n === null || n === undefined ? t('dashboard.suppressed', { n: below ?? 5 }) : nf.format(n));
}
