import { useId, useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { type Assessment, type Distance, distanceTravelled, type Instrument, type InstrumentSeries, labelFor } from '../../../shared/care.ts';
import { Button, Loading, Select, TextField } from '../../components/ui.tsx';
import { formatDay, signed, todayIso, useAssessments, useCareError, useScore } from './care-api.ts';
import './care.css';
import type { PathwayTabProps } from './tabs.ts';

/**
 * Assessments: per instrument the companion's and the participant's scores side by side over
 * time (a chart per domain, with a table and a text summary for screen readers), the distance
 * travelled per domain, and a scoring form with a big, readable choice per level.
 */
export function AssessmentsTab({ pathway }: PathwayTabProps) {
  const { t, i18n } = useTranslation();
  const pathwayId = pathway.id;
  const overview = useAssessments(pathwayId);
  const careError = useCareError();
  const [scoring, setScoring] = useState<string | null>(null);
  const data = overview.data;
  // The distance travelled between any two dates on which someone scored (default: first and latest).
  const [from, setFrom] = useState('first');
  const [to, setTo] = useState('latest');
  const dates = [...new Set(data?.items.flatMap((i) => [...i.series.companion, ...i.series.participant].map((a) => a.assessedOn)) ?? [])].sort();
  return (
    <div className="care-section">
      <p className="muted">{t('care.assessments.lead')}</p>
      {dates.length > 2 && (
        <fieldset className="care-row distance-window">
          <legend>{t('care.assessments.window')}</legend>
          <Select
            label={t('care.assessments.from')}
            options={[{ id: 'first', label: t('care.assessments.first') }, ...dates.map((d) => ({ id: d, label: formatDay(d, i18n.language) }))]}
            value={from}
            onChange={setFrom}
          />
          <Select
            label={t('care.assessments.to')}
            options={[{ id: 'latest', label: t('care.assessments.latest') }, ...dates.map((d) => ({ id: d, label: formatDay(d, i18n.language) }))]}
            value={to}
            onChange={setTo}
          />
        </fieldset>
      )}
      {overview.isPending && <Loading />}
      {overview.error && (
        <p role="alert" className="alert alert-error">
          {careError(overview.error)}
        </p>
      )}
      {data?.items.map((item) => (
        <InstrumentCard
          key={item.instrument.id}
          item={item}
          pathwayId={pathwayId}
          scoreAs={item.instrument.archived ? null : data.scoreAs}
          scoring={scoring === item.instrument.id}
          onScore={(on) => setScoring(on ? item.instrument.id : null)}
          window={{ from: from === 'first' ? undefined : from, to: to === 'latest' ? undefined : to }}
        />
      ))}
    </div>
  );
}

function InstrumentCard({
  item,
  pathwayId,
  scoreAs,
  scoring,
  onScore,
  window,
}: {
  item: InstrumentSeries;
  pathwayId: string;
  scoreAs: 'companion' | 'participant' | null;
  scoring: boolean;
  onScore: (on: boolean) => void;
  window: { from?: string; to?: string };
}) {
  const { t, i18n } = useTranslation();
  const { instrument, series } = item;
  // The same function as the API and the reports, here for the chosen dates.
  const keys = instrument.domains.map((d) => d.key);
  const distance =
    window.from || window.to
      ? { companion: distanceTravelled(series.companion, keys, window), participant: distanceTravelled(series.participant, keys, window) }
      : item.distance;
  const name = labelFor(instrument.name, i18n.language);
  const headingId = useId();
  const empty = !series.companion.length && !series.participant.length;
  return (
    <article className="card instrument-card" aria-labelledby={headingId}>
      <div className="care-heading">
        <h3 id={headingId}>{name}</h3>
        {scoreAs && !scoring && (
          <Button onPress={() => onScore(true)}>{t(scoreAs === 'participant' ? 'care.assessments.scoreSelf' : 'care.assessments.scoreCompanion')}</Button>
        )}
      </div>
      {instrument.description && <p className="muted">{labelFor(instrument.description, i18n.language)}</p>}
      {scoring && scoreAs && <ScoreForm instrument={instrument} pathwayId={pathwayId} scoreAs={scoreAs} onDone={() => onScore(false)} />}
      {empty ? (
        <p className="empty-state">{t('care.assessments.none')}</p>
      ) : (
        <>
          <Legend />
          <div className={instrument.domains.length > 1 ? 'chart-grid' : 'chart-single'}>
            {instrument.domains.map((d) => (
              <DomainChart key={d.key} instrument={instrument} domainKey={d.key} series={series} />
            ))}
          </div>
          <DistanceTable instrument={instrument} distance={distance} />
          <details className="care-details">
            <summary>{t('care.assessments.showTable')}</summary>
            <ScoresTable instrument={instrument} series={series} />
          </details>
        </>
      )}
    </article>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <p className="chart-legend" aria-hidden="true">
      <span>
        <svg width="36" height="14" viewBox="0 0 36 14" aria-hidden="true">
          <line x1="2" y1="7" x2="34" y2="7" className="line-companion" />
          <circle cx="18" cy="7" r="4" className="dot-companion" />
        </svg>
        {t('care.assessments.roles.companion')}
      </span>
      <span>
        <svg width="36" height="14" viewBox="0 0 36 14" aria-hidden="true">
          <line x1="2" y1="7" x2="34" y2="7" className="line-participant" />
          <rect x="14" y="3" width="8" height="8" className="dot-participant" />
        </svg>
        {t('care.assessments.roles.participant')}
      </span>
    </p>
  );
}

const W = 320;
const H = 170;
const PAD = { top: 12, bottom: 28, side: 30 };

/** One domain's levels over time: the companion's line and the participant's, mirrored for right-to-left. */
function DomainChart({ instrument, domainKey, series }: { instrument: Instrument; domainKey: string; series: InstrumentSeries['series'] }) {
  const { t, i18n } = useTranslation();
  const rtl = i18n.dir(i18n.language) === 'rtl';
  const titleId = useId();
  const descId = useId();
  const domain = instrument.domains.find((d) => d.key === domainKey);
  const levels = instrument.levels.map((l) => l.value);
  const minL = Math.min(...levels);
  const maxL = Math.max(...levels);
  const all = [...series.companion, ...series.participant];
  const times = all.map((a) => Date.parse(`${a.assessedOn}T00:00:00Z`));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const plotW = W - 2 * PAD.side;
  const x = (on: string) => {
    const f = t1 === t0 ? 0.5 : (Date.parse(`${on}T00:00:00Z`) - t0) / (t1 - t0);
    return rtl ? W - PAD.side - f * plotW : PAD.side + f * plotW;
  };
  const y = (level: number) => PAD.top + (maxL === minL ? 0.5 : (maxL - level) / (maxL - minL)) * (H - PAD.top - PAD.bottom);
  const points = (as: Assessment[]) => as.filter((a) => typeof a.scores[domainKey] === 'number').map((a) => ({ on: a.assessedOn, level: a.scores[domainKey] }));
  const c = points(series.companion);
  const p = points(series.participant);
  const path = (ps: { on: string; level: number }[]) => ps.map((pt, i) => `${i ? 'L' : 'M'}${x(pt.on).toFixed(1)},${y(pt.level).toFixed(1)}`).join(' ');
  const domainName = labelFor(domain?.labels, i18n.language);
  const levelName = (v: number) => labelFor(instrument.levels.find((l) => l.value === v)?.labels, i18n.language);
  const describe = (role: 'companion' | 'participant', ps: { on: string; level: number }[]) => {
    if (!ps.length) return t('care.assessments.summaryNone', { role: t(`care.assessments.roles.${role}`) });
    const a = ps[0];
    const b = ps[ps.length - 1];
    return t('care.assessments.summary', {
      role: t(`care.assessments.roles.${role}`),
      from: `${a.level} (${levelName(a.level)})`,
      to: `${b.level} (${levelName(b.level)})`,
      fromDate: formatDay(a.on, i18n.language),
      toDate: formatDay(b.on, i18n.language),
      n: ps.length,
    });
  };
  const edgeDates = t0 === t1 ? [all[0]?.assessedOn] : [new Date(t0).toISOString().slice(0, 10), new Date(t1).toISOString().slice(0, 10)];
  return (
    <figure className="domain-chart">
      {instrument.domains.length > 1 && <figcaption className="chart-caption">{domainName}</figcaption>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart">
        <title id={titleId}>{domainName}</title>
        <desc id={descId}>{`${describe('companion', c)} ${describe('participant', p)}`}</desc>
        {levels.map((l) => (
          <g key={l}>
            <line x1={PAD.side} x2={W - PAD.side} y1={y(l)} y2={y(l)} className="gridline" />
            <text x={rtl ? W - PAD.side + 8 : PAD.side - 8} y={y(l) + 4} textAnchor={rtl ? 'start' : 'end'} className="axis-label">
              {new Intl.NumberFormat(i18n.language).format(l)}
            </text>
          </g>
        ))}
        {edgeDates.filter(Boolean).map((d, i) => (
          <text
            key={d}
            x={edgeDates.length === 1 ? W / 2 : x(d as string)}
            y={H - 8}
            // The date reads in the page's direction; 'start' is then the outer edge on either side.
            direction={rtl ? 'rtl' : 'ltr'}
            textAnchor={edgeDates.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}
            className="axis-label"
          >
            {formatDay(d as string, i18n.language)}
          </text>
        ))}
        {c.length > 1 && <path d={path(c)} className="line-companion" />}
        {p.length > 1 && <path d={path(p)} className="line-participant" />}
        {c.map((pt) => (
          <circle key={`c${pt.on}${pt.level}`} cx={x(pt.on)} cy={y(pt.level)} r="5" className="dot-companion" />
        ))}
        {p.map((pt) => (
          <rect key={`p${pt.on}${pt.level}`} x={x(pt.on) - 4.5} y={y(pt.level) - 4.5} width="9" height="9" className="dot-participant" />
        ))}
      </svg>
    </figure>
  );
}

function changeText(d: Distance['domains'][number] | undefined, language: string, none: string) {
  if (!d?.first) return none;
  if (d.change === null) return `${d.first.level}`;
  return `${d.first.level} → ${d.last?.level} (${signed(d.change, language)})`;
}

/** Distance travelled per domain and in total, for both assessors. */
function DistanceTable({ instrument, distance }: { instrument: Instrument; distance: InstrumentSeries['distance'] }) {
  const { t, i18n } = useTranslation();
  const none = t('care.assessments.notScored');
  const total = (d: Distance) => (d.total ? `${d.total.first} → ${d.total.last} (${signed(d.total.change, i18n.language)})` : none);
  return (
    <table className="care-table distance-table">
      <caption>
        {t('care.assessments.distance')}
        {(distance.companion.from || distance.participant.from) && (
          <span className="muted small">
            {' '}
            ·{' '}
            {t('care.assessments.between', {
              from: formatDay([distance.companion.from, distance.participant.from].filter(Boolean).sort()[0] as string, i18n.language),
              to: formatDay([distance.companion.to, distance.participant.to].filter(Boolean).sort().reverse()[0] as string, i18n.language),
            })}
          </span>
        )}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('care.assessments.domain')}</th>
          <th scope="col">{t('care.assessments.roles.companion')}</th>
          <th scope="col">{t('care.assessments.roles.participant')}</th>
        </tr>
      </thead>
      <tbody>
        {instrument.domains.map((d) => {
          const c = distance.companion.domains.find((x) => x.domainKey === d.key);
          const p = distance.participant.domains.find((x) => x.domainKey === d.key);
          return (
            <tr key={d.key}>
              <th scope="row">{labelFor(d.labels, i18n.language)}</th>
              <td className={c?.change ? (c.change > 0 ? 'up' : 'down') : undefined}>{changeText(c, i18n.language, none)}</td>
              <td className={p?.change ? (p.change > 0 ? 'up' : 'down') : undefined}>{changeText(p, i18n.language, none)}</td>
            </tr>
          );
        })}
      </tbody>
      {instrument.domains.length > 1 && (
        <tfoot>
          <tr>
            <th scope="row">{t('care.assessments.total')}</th>
            <td>{total(distance.companion)}</td>
            <td>{total(distance.participant)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Every assessment as a row: the table alternative to the charts. */
function ScoresTable({ instrument, series }: { instrument: Instrument; series: InstrumentSeries['series'] }) {
  const { t, i18n } = useTranslation();
  const rows = [...series.companion, ...series.participant].sort((a, b) => (a.assessedOn < b.assessedOn ? -1 : a.assessedOn > b.assessedOn ? 1 : 0));
  return (
    <div className="table-scroll">
      <table className="care-table">
        <thead>
          <tr>
            <th scope="col">{t('care.assessments.date')}</th>
            <th scope="col">{t('care.assessments.by')}</th>
            {instrument.domains.map((d) => (
              <th scope="col" key={d.key}>
                {labelFor(d.labels, i18n.language)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <th scope="row">{formatDay(a.assessedOn, i18n.language)}</th>
              <td>
                {t(`care.assessments.roles.${a.assessorRole}`)} ({a.assessor.name})
              </td>
              {instrument.domains.map((d) => (
                <td key={d.key}>{typeof a.scores[d.key] === 'number' ? a.scores[d.key] : '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One choice per domain, each level a big button with its label and description; skipping a domain is allowed. */
function ScoreForm({
  instrument,
  pathwayId,
  scoreAs,
  onDone,
}: {
  instrument: Instrument;
  pathwayId: string;
  scoreAs: 'companion' | 'participant';
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const score = useScore(pathwayId);
  const careError = useCareError();
  const [date, setDate] = useState(todayIso());
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const scores = Object.entries(levels)
      .filter(([, v]) => v !== '')
      .map(([domainKey, v]) => ({ domainKey, level: Number(v) }));
    if (!scores.length) return setProblem(t('care.assessments.pickOne'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setProblem(t('care.assessments.dateInvalid'));
    setProblem(null);
    score.mutate({ instrumentId: instrument.id, assessedOn: date, scores }, { onSuccess: onDone });
  };
  return (
    <form className="care-form score-form" onSubmit={submit}>
      <p className="lead">{t(scoreAs === 'participant' ? 'care.assessments.selfLead' : 'care.assessments.companionLead')}</p>
      <TextField label={t('care.assessments.date')} type="date" value={date} onChange={setDate} isRequired />
      {instrument.domains.map((d) => (
        <RadioGroup key={d.key} className="field level-choice" value={levels[d.key] ?? ''} onChange={(v) => setLevels((s) => ({ ...s, [d.key]: v }))}>
          <Label className="group-label domain-label">{labelFor(d.labels, i18n.language)}</Label>
          <div className="level-options">
            {instrument.levels.map((l) => (
              <Radio key={l.value} value={String(l.value)} className="level-option">
                <span className="level-value" aria-hidden="true">
                  {new Intl.NumberFormat(i18n.language).format(l.value)}
                </span>
                <span className="level-text">
                  <span className="level-label">{labelFor(l.labels, i18n.language)}</span>
                  {l.description && <span className="level-description">{labelFor(l.description, i18n.language)}</span>}
                </span>
              </Radio>
            ))}
            <Radio value="" className="level-option level-skip">
              <span className="level-text">
                <span className="level-label">{t('care.assessments.skip')}</span>
              </span>
            </Radio>
          </div>
        </RadioGroup>
      ))}
      {(problem || score.error) && (
        <p role="alert" className="alert alert-error">
          {problem ?? careError(score.error)}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" isPending={score.isPending}>
          {t('care.save')}
        </Button>
        <Button variant="secondary" onPress={onDone}>
          {t('care.cancel')}
        </Button>
      </div>
    </form>
  );
}
