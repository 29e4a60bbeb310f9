import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Place } from '../../../shared/organisation.ts';
import { useCan } from '../../api/session.ts';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui.tsx';
import { BackLink, SavedNotice, usePlaceList } from './common.tsx';

export const placeAddress = (p: Pick<Place, 'street' | 'postalCode' | 'city' | 'country'>) =>
  [p.street, [p.postalCode, p.city].filter(Boolean).join(' '), p.country !== 'BE' ? p.country : null].filter(Boolean).join(', ');

/** /admin/places: the community hubs, their address and hosts. */
export function PlacesPage() {
  const { t, i18n } = useTranslation();
  const may = useCan();
  const places = usePlaceList();
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <div>
      <BackLink to="/admin" label={t('admin.title')} />
      <PageHeader
        title={t('admin.places.title')}
        actions={
          may('organisation.manage') && (
            <Link to="/admin/places/new" className="button button-primary">
              <span aria-hidden="true">+</span> {t('admin.places.add')}
            </Link>
          )
        }
      />
      <SavedNotice />
      {places.isPending && <Loading />}
      <ErrorAlert error={places.error} />
      {places.data?.items.length === 0 && <p className="empty-state">{t('admin.places.empty')}</p>}
      {!!places.data?.items.length && (
        <table className="data responsive">
          <caption className="visually-hidden">{t('admin.places.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.places.name')}</th>
              <th scope="col">{t('admin.places.address')}</th>
              <th scope="col">{t('admin.places.hosts')}</th>
              <th scope="col" className="num">
                {t('admin.places.people')}
              </th>
            </tr>
          </thead>
          <tbody>
            {places.data.items.map((p) => (
              <tr key={p.id}>
                <td data-label={t('admin.places.name')}>
                  <Link to={`/admin/places/${p.id}`}>{p.name}</Link>
                </td>
                <td data-label={t('admin.places.address')}>{placeAddress(p)}</td>
                <td data-label={t('admin.places.hosts')}>
                  {p.hosts.map((h) => `${h.givenName} ${h.familyName}`).join(', ') || <span className="muted">{t('admin.common.none')}</span>}
                </td>
                <td data-label={t('admin.places.people')} className="num">
                  {nf.format(p.peopleCount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
