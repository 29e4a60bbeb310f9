import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { PersonSummary } from '../../../shared/people.ts';
import { useCan } from '../../api/session.ts';
import { focusFirstProblem } from '../../components/forms.ts';
import { Button, CheckboxGroup, Loading, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { usePerson } from '../people/person.ts';
import { startPathway, todayIso, useOrgOptions, usePathwayMutation, useReferral } from './api.ts';
import { errorFor, PathwaysError, usePathwaysError } from './components.tsx';
import { EntryFields, type EntryValues, emptyEntry, entryPayload, requiredEntry } from './EntryFields.tsx';
import { ParticipantPicker } from './ReferralFormPage.tsx';
import './pathways.css';

const purposes = ['guidance', 'research', 'photos-stories'] as const;

/**
 * The intake: consent per purpose, the funder's entry data, the programme, place and start date.
 * One long form in sections; on a phone it reads top to bottom. Whoever does it becomes lead companion.
 */
export function IntakePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const may = useCan();
  const message = usePathwaysError();
  const form = useRef<HTMLFormElement>(null);
  const [params] = useSearchParams();
  const referral = useReferral(params.get('referral'));
  const { places, programmes, partners } = useOrgOptions();
  const myPlaces = (places.data?.items ?? []).filter((p) => may('pathways.manage', p.id));

  const [person, setPerson] = useState<PersonSummary | null>(null);
  const participantId = referral.data?.participant.id ?? person?.id;
  const known = usePerson(participantId);
  const [birthDate, setBirthDate] = useState('');
  const [consents, setConsents] = useState<string[]>([]);
  const [share, setShare] = useState<string[]>([]);
  const [entry, setEntry] = useState<EntryValues>(emptyEntry);
  const [placeId, setPlaceId] = useState('');
  const [programmeId, setProgrammeId] = useState('none');
  const [startedOn, setStartedOn] = useState(todayIso());
  const [tried, setTried] = useState(false);

  // What is already known fills in: the referral's place, the person's date of birth.
  useEffect(() => {
    if (referral.data?.placeId) setPlaceId((p) => p || (referral.data?.placeId ?? ''));
  }, [referral.data?.placeId]);
  useEffect(() => {
    if (known.data?.birthDate) setBirthDate((b) => b || (known.data?.birthDate ?? ''));
  }, [known.data?.birthDate]);

  const place = placeId || (myPlaces.length === 1 ? myPlaces[0].id : '');
  const programmeOptions = (programmes.data?.items ?? []).filter((p) => !p.places?.length || p.places.some((x) => x.id === place));
  const start = usePathwayMutation(() =>
    startPathway({
      referralId: referral.data?.id,
      participantId: participantId as string,
      placeId: place,
      programmeId: programmeId === 'none' ? null : programmeId,
      startedOn,
      birthDate,
      consents: { guidance: true, research: consents.includes('research'), photosStories: consents.includes('photos-stories'), sharePartnerIds: share },
      entry: entryPayload(entry),
    }),
  );

  // Missing answers show once the form was sent, and go away as they are filled in.
  const m: Record<string, boolean> = {
    person: !participantId,
    guidance: !consents.includes('guidance'),
    birthDate: !birthDate,
    placeId: !place,
    startedOn: !startedOn,
    unemployedSince: entry.employmentAtEntry === 'unemployed' && !entry.unemployedSince,
  };
  for (const k of requiredEntry) m[k] = !entry[k];
  const missing: Record<string, boolean> = tried ? m : {};
  const req = (k: string) => (missing[k] ? t('common.validation.required') : undefined);
  const entryErrors = Object.fromEntries([...requiredEntry, 'unemployedSince'].map((k) => [k, req(k) ?? errorFor(start.error, k, message)])) as Record<
    string,
    string | undefined
  >;

  if (params.get('referral') && referral.isPending) return <Loading />;
  const name = referral.data ? `${referral.data.participant.givenName} ${referral.data.participant.familyName}` : null;

  return (
    <div className="form-page pathways-page intake">
      <p className="muted back-link">
        <Link to="/pathways">{t('pathways.caseload.title')}</Link>
      </p>
      <PageHeader title={name ? `${t('pathways.intake.title')}: ${name}` : t('pathways.intake.title')} />
      <p className="lead">{t('pathways.intake.lead')}</p>
      <PathwaysError error={referral.error} />
      <form
        ref={form}
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (Object.values(m).some(Boolean)) return focusFirstProblem(form.current);
          start.mutate(undefined, {
            onSuccess: (p) => navigate(`/pathways/${(p as { id: string }).id}`, { state: { notice: 'started' } }),
            onError: () => focusFirstProblem(form.current),
          });
        }}
      >
        {!referral.data && (
          <section aria-labelledby="intake-who" className="form-section">
            <h2 id="intake-who">{t('pathways.intake.who')}</h2>
            <p className="muted">{t('pathways.intake.chooseParticipant')}</p>
            <ParticipantPicker value={person} onChange={setPerson} errorMessage={req('person')} />
          </section>
        )}

        <section aria-labelledby="intake-consent" className="form-section">
          <h2 id="intake-consent">{t('pathways.intake.consent')}</h2>
          <p className="muted">{t('pathways.intake.consentLead')}</p>
          <CheckboxGroup
            label={t('pathways.intake.consent')}
            value={consents}
            onChange={setConsents}
            options={purposes.map((p) => ({ id: p, label: `${t(`pathways.purpose.${p}`)}: ${t(`pathways.purposeHelp.${p}`)}` }))}
            errorMessage={missing.guidance ? t('pathways.intake.guidanceRequired') : undefined}
          />
          {!!partners.data?.items.length && (
            <CheckboxGroup
              label={t('pathways.intake.sharePartners')}
              description={t('pathways.purposeHelp.share-with-partner')}
              value={share}
              onChange={setShare}
              options={partners.data.items.map((p) => ({ id: p.id, label: p.name }))}
            />
          )}
        </section>

        <section aria-labelledby="intake-entry" className="form-section">
          <h2 id="intake-entry">{t('pathways.intake.entry')}</h2>
          <p className="muted">{t('pathways.intake.entryLead')}</p>
          <TextField
            label={t('pathways.intake.birthDate')}
            type="date"
            inputDir="ltr"
            value={birthDate}
            onChange={setBirthDate}
            isRequired
            errorMessage={req('birthDate') ?? errorFor(start.error, 'birthDate', message)}
          />
          <EntryFields value={entry} onChange={setEntry} errors={entryErrors} />
        </section>

        <section aria-labelledby="intake-pathway" className="form-section">
          <h2 id="intake-pathway">{t('pathways.intake.pathway')}</h2>
          <Select
            label={t('pathways.intake.place')}
            value={place || null}
            onChange={setPlaceId}
            options={myPlaces.map((p) => ({ id: p.id, label: p.name }))}
            isRequired
            errorMessage={req('placeId')}
          />
          <Select
            label={t('pathways.intake.programme')}
            value={programmeId}
            onChange={setProgrammeId}
            options={[{ id: 'none', label: t('pathways.intake.noProgramme') }, ...programmeOptions.map((p) => ({ id: p.id, label: p.name }))]}
          />
          <TextField
            label={t('pathways.intake.startedOn')}
            description={t('pathways.intake.startedOnHelp')}
            type="date"
            inputDir="ltr"
            value={startedOn}
            onChange={setStartedOn}
            isRequired
            errorMessage={req('startedOn') ?? errorFor(start.error, 'startedOn', message)}
          />
        </section>

        <PathwaysError error={start.error} />
        <div className="form-actions">
          <Button type="submit" isPending={start.isPending}>
            {t('pathways.intake.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
