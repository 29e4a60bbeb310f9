import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchStatuses } from '../../../shared/matching.ts';
import { placesWith } from '../../../shared/permissions.ts';
import { useMe } from '../../api/session.ts';
import { Button, ErrorAlert, Loading, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { usePlaces } from '../people/places.ts';
import { useBoard, usePlaceLocation, usePropose, useSavePlaceLocation } from './api.ts';
import { DreamSuggestionsPanel, ItemText, MatchCard, SuggestionCard } from './components.tsx';
import './matching.css';

/** The matchmaker's board of one place: what waits for a match, suggestions with reasons, and matches by status. */
export function BoardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const places = usePlaces();
  const allowed = me ? placesWith(me.roles, 'matching.manage') : [];
  const options = (
    allowed === 'all' ? (places.data ?? []) : allowed.map((id) => ({ id, name: places.data?.find((p) => p.id === id)?.name ?? t('matching.board.yourPlace') }))
  ).map((p) => ({
    id: p.id,
    label: p.name,
  }));
  const [chosen, setChosen] = useState<string | null>(null);
  const placeId = chosen ?? options[0]?.id ?? null;
  const [distance, setDistance] = useState('any');
  const board = useBoard(placeId, distance === 'any' ? undefined : Number(distance));
  const location = usePlaceLocation(placeId);
  const located = location.data?.latitude != null;
  const distances = [
    { id: 'any', label: t('matching.distance.any') },
    ...[2, 5, 10, 25].map((km) => ({ id: String(km), label: t('matching.distance.within', { km }) })),
  ];
  const propose = usePropose();

  return (
    <div>
      <PageHeader title={board.data ? t('matching.board.titleAt', { place: board.data.placeName }) : t('matching.board.title')} />
      <div className="filter-bar">
        {options.length > 1 && <Select label={t('matching.board.place')} options={options} value={placeId} onChange={setChosen} />}
        {located && <Select label={t('matching.distance.label')} options={distances} value={distance} onChange={setDistance} />}
      </div>
      {placeId && <PlaceLocationForm key={placeId} placeId={placeId} />}
      {board.isPending && placeId && <Loading />}
      <ErrorAlert error={board.error ?? propose.error} />
      {board.data && (
        <div className="board-columns">
          <section aria-labelledby="waiting">
            <h2 id="waiting">{t('matching.board.waiting', { n: board.data.unmatchedRequests.length })}</h2>
            {!board.data.unmatchedRequests.length && <p className="muted">{t('matching.board.noneWaiting')}</p>}
            <ul className="matching-list">
              {board.data.unmatchedRequests.map(({ request, suggestions }) => (
                <li key={request.id} className="card matching-item">
                  <h3>{request.ownerName ?? t('matching.someone')}</h3>
                  <ItemText item={request} />
                  {suggestions.length ? (
                    <>
                      <p className="field-label">{t('matching.board.suggested')}</p>
                      <ul className="matching-list">
                        {suggestions.map((s) => (
                          <li key={s.item.id}>
                            <SuggestionCard
                              s={s}
                              action={
                                <div className="matching-actions">
                                  <Button
                                    variant="secondary"
                                    isPending={propose.isPending}
                                    onPress={() => propose.mutate({ requestId: request.id, offerId: s.item.id })}
                                  >
                                    {t('matching.actions.propose')}
                                    <span className="visually-hidden">
                                      {' '}
                                      {t('matching.board.proposeTo', { name: s.item.ownerName ?? t('matching.someone') })}
                                    </span>
                                  </Button>
                                </div>
                              }
                            />
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p className="muted">{t('matching.board.noSuggestion')}</p>
                  )}
                </li>
              ))}
            </ul>
            <h2>{t('matching.board.dreams', { n: board.data.unmatchedDreams.length })}</h2>
            <ul className="matching-list">
              {board.data.unmatchedDreams.map((d) => (
                <li key={d.id} className="card matching-item">
                  <h3>{d.personName}</h3>
                  <p className="item-text" dir="auto">
                    {d.text}
                  </p>
                  <p className="muted">{t('matching.board.dreamSteps', { n: d.requestIds.length })}</p>
                  <DreamSuggestionsPanel dreamId={d.id} headingLevel={4} />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="matches">
            <h2 id="matches">{t('matching.board.matches')}</h2>
            {matchStatuses.map((status) => {
              const list = board.data.matches[status];
              return (
                <section key={status} aria-labelledby={`status-${status}`}>
                  <h3 id={`status-${status}`}>
                    {t(`matching.status.${status}`)} <span className="muted">({list.length})</span>
                  </h3>
                  <ul className="matching-list">
                    {list.map((m) => (
                      <li key={m.id}>
                        <MatchCard m={m} headingLevel={4} />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </section>
        </div>
      )}
    </div>
  );
}

/**
 * Where the place is, entered by its staff (decimal degrees, e.g. from a map): there is no
 * geocoding offline. With it, suggestions from other places say how far they are.
 */
function PlaceLocationForm({ placeId }: { placeId: string }) {
  const { t } = useTranslation();
  const location = usePlaceLocation(placeId);
  const save = useSavePlaceLocation(placeId);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (location.data) {
      setLat(location.data.latitude?.toString() ?? '');
      setLon(location.data.longitude?.toString() ?? '');
    }
  }, [location.data]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const latitude = Number(lat.replace(',', '.'));
    const longitude = Number(lon.replace(',', '.'));
    if (!lat.trim() && !lon.trim()) {
      setProblem(null);
      save.mutate(null);
      return;
    }
    if (!lat.trim() || !lon.trim() || !Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      setProblem(t('matching.distance.invalid'));
      return;
    }
    setProblem(null);
    save.mutate({ latitude, longitude });
  };
  return (
    <details className="card place-location-card">
      <summary>{location.data?.latitude != null ? t('matching.distance.placeKnown') : t('matching.distance.placeUnknown')}</summary>
      <form className="place-location" onSubmit={submit} noValidate>
        <TextField
          label={t('matching.distance.latitude')}
          value={lat}
          onChange={setLat}
          inputDir="ltr"
          inputMode="decimal"
          errorMessage={problem ?? undefined}
        />
        <TextField label={t('matching.distance.longitude')} value={lon} onChange={setLon} inputDir="ltr" inputMode="decimal" />
        <Button type="submit" variant="secondary" isPending={save.isPending}>
          {t('matching.distance.save')}
        </Button>
      </form>
      <p className="muted">{t('matching.distance.hint')}</p>
      <ErrorAlert error={save.error} />
    </details>
  );
}
