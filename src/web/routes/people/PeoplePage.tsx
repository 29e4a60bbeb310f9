import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PersonSummary } from '../../../shared/people.ts';
import { ApiError, api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { ErrorAlert, Loading, PageHeader, Pagination, SearchField } from '../../components/ui.tsx';

const PAGE_SIZE = 25;
const DEBOUNCE_MS = 250;

/** Find someone: searches as you type, keeps the search and page in the address so Back works. */
export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const may = useCan();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('page') ?? 1)) || 1);
  const offset = (page - 1) * PAGE_SIZE;

  const [text, setText] = useState(q);
  const pushed = useRef(q);
  // Typing: after a short pause, the search goes into the address (replacing, so Back leaves the page).
  useEffect(() => {
    const next = text.trim();
    if (next === pushed.current) return;
    const timer = setTimeout(() => {
      pushed.current = next;
      setParams(next ? { q: next } : {}, { replace: true });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, setParams]);
  // Back/forward or a link changed the address: show that search.
  useEffect(() => {
    if (q !== pushed.current) {
      pushed.current = q;
      setText(q);
    }
  }, [q]);

  const mayRead = may('people.read');
  const people = useQuery({
    enabled: mayRead,
    queryKey: ['people', 'search', { q, offset }],
    queryFn: () => api<{ items: PersonSummary[]; total: number }>('/people', { query: { q: q || undefined, limit: PAGE_SIZE, offset } }),
    placeholderData: keepPreviousData,
  });

  const goTo = (newOffset: number) => {
    const p = Math.floor(newOffset / PAGE_SIZE) + 1;
    const next: Record<string, string> = {};
    if (q) next.q = q;
    if (p > 1) next.page = String(p);
    setParams(next);
  };

  if (!mayRead)
    return (
      <>
        <PageHeader title={t('people.list.title')} />
        <ErrorAlert error={new ApiError(403, { code: 'forbidden' })} />
      </>
    );
  const canAdd = may('people.write');
  const total = people.data?.total ?? 0;
  const nf = new Intl.NumberFormat(i18n.language);

  return (
    <div>
      <PageHeader
        title={t('people.list.title')}
        actions={
          canAdd && (
            <Link to="/people/new" className="button button-primary">
              <span aria-hidden="true">+</span> {t('people.list.add')}
            </Link>
          )
        }
      />
      <div className="search-bar">
        <SearchField label={t('people.list.search')} description={t('people.list.searchHelp')} value={text} onChange={setText} autoFocus />
      </div>

      <p role="status" className="result-count">
        {people.data &&
          (q ? t('people.list.foundFor', { count: total, n: nf.format(total), q }) : t('people.list.count', { count: total, n: nf.format(total) }))}
      </p>

      {people.isLoading && <Loading />}
      <ErrorAlert error={people.error} />

      {people.data && people.data.total === 0 && (
        <div className="empty-state">
          <p>{q ? t('people.list.emptySearch') : t('people.list.empty')}</p>
          {canAdd && (
            <p>
              <Link to="/people/new">{t('people.list.addInstead')}</Link>
            </p>
          )}
        </div>
      )}

      {people.data && people.data.total > 0 && (
        <>
          <table className="data responsive people-table" aria-busy={people.isFetching}>
            <caption className="visually-hidden">{t('people.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.field.name')}</th>
                <th scope="col">{t('people.field.place')}</th>
                <th scope="col">{t('people.field.email')}</th>
              </tr>
            </thead>
            <tbody>
              {people.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="person-name">
                    <Link to={`/people/${p.id}`}>
                      {p.givenName} {p.familyName}
                    </Link>
                    {p.kind === 'staff' && <span className="badge">{t('people.kind.staff')}</span>}
                  </th>
                  <td data-label={t('people.field.place')}>{p.placeName ?? <span className="muted">{t('people.none')}</span>}</td>
                  <td data-label={t('people.field.email')}>{p.email ? <bdi dir="ltr">{p.email}</bdi> : <span className="muted">{t('people.none')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination offset={offset} limit={PAGE_SIZE} total={total} onChange={goTo} label={t('people.list.pages')} />
        </>
      )}
    </div>
  );
}
