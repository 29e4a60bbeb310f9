import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { seriesStyles } from './patterns.tsx';

export interface TableData {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A chart with its title, a one-sentence summary in words, the picture (an image to assistive
 * technology, named by the title and summary), a legend with the pattern of each series, and
 * the same numbers as a table behind a toggle.
 */
export function ChartFrame({
  title,
  summary,
  legend,
  table,
  children,
  headingLevel = 3,
}: {
  title: string;
  summary: string;
  legend?: string[];
  table: TableData;
  children: (ids: { title: string; titleId: string; summaryId: string; patternId: string }) => ReactNode;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <H id={titleId} className="chart-title">
        {title}
      </H>
      <p id={summaryId} className="chart-summary">
        {summary}
      </p>
      {children({ title, titleId, summaryId, patternId: id })}
      {legend && legend.length > 1 && (
        <ul className="chart-legend" aria-label={t('dashboard.legend')}>
          {legend.map((label, i) => (
            <li key={label}>
              <svg width="18" height="18" aria-hidden="true" focusable="false">
                <rect width="18" height="18" rx="3" fill={`url(#${id}-p${i % seriesStyles.length})`} stroke="#222" strokeWidth="0.5" />
              </svg>
              {label}
            </li>
          ))}
        </ul>
      )}
      <details className="chart-table">
        <summary>{t('dashboard.showTable')}</summary>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it */}
        <section className="table-scroll" tabIndex={0} aria-label={title}>
          <table className="data">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={String(r[0]) + r.slice(1).join('|')}>
                  {r.map((v, i) =>
                    i === 0 ? (
                      <th key={table.columns[i]} scope="row">
                        {v}
                      </th>
                    ) : (
                      <td key={table.columns[i]} className="num">
                        {v}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
