import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type Partner, partnerKinds } from '../../../shared/organisation.ts';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { ErrorAlert, Loading, PageHeader, Select } from '../../components/ui.tsx';
import { adminKeys, BackLink, SavedNotice } from './common.tsx';

const ALL = 'all';

/** /admin/partners: the network, filterable by kind; each with its contact persons. */
export function PartnersPage() {
  const { t } = useTranslation();
  const may = useCan();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? ALL;
  const partners = useQuery({
    queryKey: [...adminKeys.partners, 'list', kind],
    queryFn: () => api<{ items: Partner[]; total: number }>('/partners', { query: { kind: kind === ALL ? undefined : kind } }),
  });
  const kindOptions = [{ id: ALL, label: t('admin.partners.allKinds') }, ...partnerKinds.map((k) => ({ id: k, label: t(`admin.partnerKinds.${k}`) }))];
  return (
    <div>
      <BackLink to="/admin" label={t('admin.title')} />
      <PageHeader
        title={t('admin.partners.title')}
        actions={
          may('organisation.manage') && (
            <Link to="/admin/partners/new" className="button button-primary">
              <span aria-hidden="true">+</span> {t('admin.partners.add')}
            </Link>
          )
        }
      />
      <SavedNotice />
      <div className="filter-bar">
        <Select label={t('admin.partners.kind')} options={kindOptions} value={kind} onChange={(k) => setParams(k === ALL ? {} : { kind: k }, { replace: true })} />
      </div>
      {partners.isPending && <Loading />}
      <ErrorAlert error={partners.error} />
      {partners.data?.items.length === 0 && <p className="empty-state">{t('admin.partners.empty')}</p>}
      {!!partners.data?.items.length && (
        <table className="data responsive">
          <caption className="visually-hidden">{t('admin.partners.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.partners.name')}</th>
              <th scope="col">{t('admin.partners.kind')}</th>
              <th scope="col">{t('admin.partners.contacts')}</th>
              <th scope="col">{t('admin.partners.reach')}</th>
            </tr>
          </thead>
          <tbody>
            {partners.data.items.map((p) => (
              <tr key={p.id}>
                <td data-label={t('admin.partners.name')}>
                  <Link to={`/admin/partners/${p.id}`}>{p.name}</Link>
                </td>
                <td data-label={t('admin.partners.kind')}>{t(`admin.partnerKinds.${p.kind}`, { defaultValue: p.kind })}</td>
                <td data-label={t('admin.partners.contacts')}>
                  {p.contacts.length ? (
                    <ul className="plain-list">
                      {p.contacts.map((c) => (
                        <li key={c.id}>
                          {c.name}
                          {c.role && <span className="muted"> · {c.role}</span>}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('admin.common.none')}</span>
                  )}
                </td>
                <td data-label={t('admin.partners.reach')}>
                  {!p.email && !p.phone && !p.website ? (
                    <span className="muted">{t('admin.common.none')}</span>
                  ) : (
                    <ul className="plain-list">
                      {p.email && (
                        <li>
                          <a href={`mailto:${p.email}`} dir="ltr">
                            {p.email}
                          </a>
                        </li>
                      )}
                      {p.phone && (
                        <li>
                          <span dir="ltr">{p.phone}</span>
                        </li>
                      )}
                      {p.website && (
                        <li>
                          <a href={p.website} rel="noreferrer noopener" target="_blank" dir="ltr">
                            {p.website.replace(/^https?:\/\//, '')}
                          </a>
                        </li>
                      )}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
