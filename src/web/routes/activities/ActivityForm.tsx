import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programmePart, programmeProblems } from '../../../shared/activities.ts';
import { api } from '../../api/client.ts';
import { type FieldProblem, type FieldProblems, messageFor } from '../../components/forms.ts';
import { Button, ErrorAlert, SearchField, TextField } from '../../components/ui.tsx';

/** One part of a network event's programme as the form holds it (speakers as one line, commas between). */
export interface PartValues {
  key: string;
  start: string;
  end: string;
  title: string;
  speakers: string;
  details: string;
}

export interface PersonRef {
  id: string;
  givenName: string;
  familyName: string;
}

export const newPart = (start = ''): PartValues => ({ key: crypto.randomUUID(), start, end: '', title: '', speakers: '', details: '' });

export const partFromApi = (p: { start: string; end?: string | null; title: string; speakers?: string[]; details?: string | null }): PartValues => ({
  key: crypto.randomUUID(),
  start: p.start,
  end: p.end ?? '',
  title: p.title,
  speakers: (p.speakers ?? []).join(', '),
  details: p.details ?? '',
});

export const partToApi = (p: PartValues) => ({
  start: p.start,
  end: p.end || null,
  title: p.title.trim(),
  speakers: p.speakers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  details: p.details.trim() || null,
});

/**
 * The problems of a programme, keyed `programme.<index>.<field>`: the shared zod schema of a part
 * (the API's own rule), then each part within the activity's hours.
 */
export function checkProgramme(parts: PartValues[], startTime: string, endTime: string): FieldProblems {
  const out: FieldProblems = {};
  const put = (key: string, p: FieldProblem) => {
    if (!(key in out)) out[key] = p;
  };
  parts.forEach((part, i) => {
    const blank = { start: !part.start, title: !part.title.trim() };
    const result = programmePart.safeParse(partToApi(part));
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? 'title');
        if (field in blank && blank[field as keyof typeof blank]) put(`programme.${i}.${field}`, { kind: 'required' });
        else if (issue.message === 'end_before_start') put(`programme.${i}.end`, { kind: 'code', code: 'end_before_start' });
        else if (issue.code === 'too_big' && issue.origin === 'string') put(`programme.${i}.${field}`, { kind: 'tooLong', max: Number(issue.maximum) });
        else put(`programme.${i}.${field}`, { kind: 'invalid' });
      }
    }
  });
  if (startTime && endTime) {
    const valid = parts.map((p, i) => ({ p, i })).filter(({ i }) => !out[`programme.${i}.start`] && !out[`programme.${i}.end`]);
    for (const [j, field, code] of programmeProblems(
      valid.map(({ p }) => partToApi(p)),
      startTime,
      endTime,
    ))
      put(`programme.${valid[j].i}.${field}`, { kind: 'code', code });
  }
  return out;
}

/**
 * The programme of a network event: parts with hours, a title, speakers and a few words. Parts are
 * added, removed and put in order with buttons, so it works by keyboard and screen reader; focus
 * stays with the part that moved and a status line says where it went.
 */
export function ProgrammeEditor({
  parts,
  onChange,
  problems,
  startTime,
}: {
  parts: PartValues[];
  onChange: (parts: PartValues[]) => void;
  problems: FieldProblems;
  startTime: string;
}) {
  const { t } = useTranslation();
  const [said, setSaid] = useState('');
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const message = (key: string) => {
    const p = problems[key];
    return p ? messageFor(t, key.split('.')[2], p) : undefined;
  };
  const setPart = (i: number, field: keyof PartValues) => (value: string) => onChange(parts.map((p, j) => (j === i ? { ...p, [field]: value } : p)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...parts];
    const [part] = next.splice(i, 1);
    next.splice(i + by, 0, part);
    const at = i + by;
    // Keep focus on the same button when it still can be pressed, else on the other one.
    const stillCan = by === -1 ? at > 0 : at < next.length - 1;
    focusNext.current = `part-${part.key}-${stillCan === (by === -1) ? 'up' : 'down'}`;
    onChange(next);
    setSaid(t('activities.programme.moved', { title: part.title || t('activities.programme.part', { n: i + 1 }), n: at + 1 }));
  };
  const remove = (i: number) => {
    const next = parts.filter((_, j) => j !== i);
    focusNext.current = next.length ? `part-${next[Math.min(i, next.length - 1)].key}-heading` : 'programme-add';
    onChange(next);
    setSaid(t('activities.programme.removed', { title: parts[i].title || t('activities.programme.part', { n: i + 1 }) }));
  };
  const add = () => {
    const last = parts.at(-1);
    const part = newPart(last?.end || (last ? '' : startTime));
    focusNext.current = `part-${part.key}-start`;
    onChange([...parts, part]);
    setSaid(t('activities.programme.added', { n: parts.length + 1 }));
  };
  return (
    <section className="programme-editor" aria-labelledby="programme-heading">
      <h2 id="programme-heading">{t('activities.programme.title')}</h2>
      <p className="muted">{t('activities.programme.intro')}</p>
      <p role="status" className="visually-hidden">
        {said}
      </p>
      {parts.length === 0 && <p className="muted">{t('activities.programme.empty')}</p>}
      <ol className="programme-parts">
        {parts.map((p, i) => (
          <li key={p.key}>
            <fieldset className="programme-part">
              <legend>
                <span id={`part-${p.key}-heading`} tabIndex={-1}>
                  {t('activities.programme.part', { n: i + 1 })}
                  {p.title.trim() && <span className="muted"> · {p.title}</span>}
                </span>
              </legend>
              <div className="row">
                <TextField
                  id={`part-${p.key}-start`}
                  label={t('activities.programme.start')}
                  type="time"
                  isRequired
                  value={p.start}
                  onChange={setPart(i, 'start')}
                  errorMessage={message(`programme.${i}.start`)}
                />
                <TextField
                  label={t('activities.programme.end')}
                  type="time"
                  value={p.end}
                  onChange={setPart(i, 'end')}
                  errorMessage={message(`programme.${i}.end`)}
                />
              </div>
              <TextField
                label={t('activities.programme.partTitle')}
                inputDir="auto"
                isRequired
                value={p.title}
                onChange={setPart(i, 'title')}
                errorMessage={message(`programme.${i}.title`)}
              />
              <TextField
                label={t('activities.programme.speakers')}
                inputDir="auto"
                description={t('activities.programme.speakersHint')}
                value={p.speakers}
                onChange={setPart(i, 'speakers')}
                errorMessage={message(`programme.${i}.speakers`)}
              />
              <TextField
                label={t('activities.programme.details')}
                inputDir="auto"
                multiline
                value={p.details}
                onChange={setPart(i, 'details')}
                errorMessage={message(`programme.${i}.details`)}
              />
              <div className="part-actions">
                <Button
                  id={`part-${p.key}-up`}
                  variant="quiet"
                  isDisabled={i === 0}
                  onPress={() => move(i, -1)}
                  aria-label={t('activities.programme.moveUpLabel', { n: i + 1 })}
                >
                  {t('activities.programme.moveUp')}
                </Button>
                <Button
                  id={`part-${p.key}-down`}
                  variant="quiet"
                  isDisabled={i === parts.length - 1}
                  onPress={() => move(i, 1)}
                  aria-label={t('activities.programme.moveDownLabel', { n: i + 1 })}
                >
                  {t('activities.programme.moveDown')}
                </Button>
                <Button variant="secondary" onPress={() => remove(i)} aria-label={t('activities.programme.removeLabel', { n: i + 1 })}>
                  {t('activities.programme.remove')}
                </Button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div>
        <Button id="programme-add" variant="secondary" onPress={add} isDisabled={parts.length >= 30}>
          {t('activities.programme.add')}
        </Button>
      </div>
    </section>
  );
}

/** Who leads it: the chosen people, each with a remove button, and a search to add someone. */
export function FacilitatorPicker({ value, onChange, canSearch }: { value: PersonRef[]; onChange: (v: PersonRef[]) => void; canSearch: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['people', 'search', 'facilitator', q],
    queryFn: () => api<{ items: PersonRef[] }>('/people', { query: { q, limit: 6 } }),
    enabled: canSearch && q.trim().length >= 2,
  });
  const chosen = new Set(value.map((p) => p.id));
  return (
    <fieldset className="facilitator-picker">
      <legend>{t('activities.edit.facilitators')}</legend>
      {value.length === 0 ? (
        <p className="muted">{t('activities.edit.noFacilitators')}</p>
      ) : (
        <ul className="chosen-people">
          {value.map((p) => (
            <li key={p.id} className="chosen-person">
              <span dir="auto">
                {p.givenName} {p.familyName}
              </span>
              <Button
                variant="quiet"
                onPress={() => onChange(value.filter((x) => x.id !== p.id))}
                aria-label={t('activities.edit.removeFacilitator', { name: `${p.givenName} ${p.familyName}` })}
              >
                {t('activities.edit.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {canSearch && (
        <>
          <SearchField label={t('activities.edit.findFacilitator')} value={q} onChange={setQ} />
          <ErrorAlert error={found.error} />
          {found.data && q.trim().length >= 2 && (
            <ul className="someone-list">
              {found.data.items
                .filter((p) => !chosen.has(p.id))
                .map((p) => (
                  <li key={p.id}>
                    <span dir="auto">
                      {p.givenName} {p.familyName}
                    </span>
                    <Button
                      variant="secondary"
                      onPress={() => {
                        onChange([...value, { id: p.id, givenName: p.givenName, familyName: p.familyName }]);
                        setQ('');
                      }}
                    >
                      {t('activities.edit.addFacilitator', { name: p.givenName })}
                    </Button>
                  </li>
                ))}
              {found.data.items.length === 0 && <li className="muted">{t('activities.organiser.noneFound')}</li>}
            </ul>
          )}
        </>
      )}
    </fieldset>
  );
}
