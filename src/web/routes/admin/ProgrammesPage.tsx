import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../api/session.ts';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui.tsx';
import { BackLink, formatDate, formatEuro, SavedNotice, useProgrammeList } from './common.tsx';

/** /admin/programmes: each programme with its period, places and money per funder. */
export function ProgrammesPage() {
  const { t, i18n } = useTranslation();
  const may = useCan();
  const programmes = useProgrammeList();
  const lang = i18n.language;
  return (
    <div>
      <BackLink to="/admin" label={t('admin.title')} />
      <PageHeader
        title={t('admin.programmes.title')}
        actions={
          may('organisation.manage') && (
            <Link to="/admin/programmes/new" className="button button-primary">
              <span aria-hidden="true">+</span> {t('admin.programmes.add')}
            </Link>
          )
        }
      />
      <SavedNotice />
      {programmes.isPending && <Loading />}
      <ErrorAlert error={programmes.error} />
      {programmes.data?.items.length === 0 && <p className="empty-state">{t('admin.programmes.empty')}</p>}
      {!!programmes.data?.items.length && (
        <table className="data responsive">
          <caption className="visually-hidden">{t('admin.programmes.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.programmes.name')}</th>
              <th scope="col">{t('admin.programmes.period')}</th>
              <th scope="col">{t('admin.programmes.places')}</th>
              <th scope="col">{t('admin.programmes.funding')}</th>
              <th scope="col" className="num">
                {t('admin.programmes.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {programmes.data.items.map((p) => (
              <tr key={p.id}>
                <td data-label={t('admin.programmes.name')}>
                  <Link to={`/admin/programmes/${p.id}`}>{p.name}</Link>
                </td>
                <td data-label={t('admin.programmes.period')}>
                  {p.endsOn
                    ? t('admin.programmes.periodRange', { from: formatDate(p.startsOn, lang), to: formatDate(p.endsOn, lang) })
                    : t('admin.programmes.periodFrom', { from: formatDate(p.startsOn, lang) })}
                </td>
                <td data-label={t('admin.programmes.places')}>{p.places.map((x) => x.name).join(', ') || <span className="muted">{t('admin.common.none')}</span>}</td>
                <td data-label={t('admin.programmes.funding')}>
                  {p.totals.byFunder.length ? (
                    <ul className="plain-list">
                      {p.totals.byFunder.map((f) => (
                        <li key={f.funder}>
                          {t(`admin.funders.${f.funder}`, { defaultValue: f.funder })}: <span className="amount">{formatEuro(f.amountCents, lang)}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('admin.common.none')}</span>
                  )}
                </td>
                <td data-label={t('admin.programmes.total')} className="num amount">
                  {formatEuro(p.totals.amountCents, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
