import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { PageHeader } from '../../components/ui.tsx';
import { useAllStaff, usePartnerList, usePlaceList, useProgrammeList } from './common.tsx';

/** /admin: the organisation's set-up at a glance, one card per section. */
export function AdminHomePage() {
  const { t, i18n } = useTranslation();
  const may = useCan();
  const organisation = useQuery({ queryKey: ['organisation'], queryFn: () => api<{ id: string; name: string }>('/organisation') });
  const programmes = useProgrammeList();
  const places = usePlaceList();
  const partners = usePartnerList();
  const staff = useAllStaff(may('staff.manage'));
  const nf = new Intl.NumberFormat(i18n.language);
  const count = (key: string, n: number) => t(`admin.home.counts.${key}`, { count: n, n: nf.format(n) });

  const sections = [
    { key: 'programmes', title: t('admin.programmes.title'), n: programmes.data?.total },
    { key: 'places', title: t('admin.places.title'), n: places.data?.total },
    { key: 'partners', title: t('admin.partners.title'), n: partners.data?.total },
    { key: 'concepts', title: t('matchingAdmin.title'), n: undefined, hint: t('matchingAdmin.homeHint') },
    ...(may('instruments.manage') ? [{ key: 'instruments', title: t('care.instruments.title'), n: undefined, hint: t('care.instruments.homeHint') }] : []),
    ...(may('staff.manage') ? [{ key: 'staff', title: t('admin.staff.title'), n: staff.data?.total }] : []),
    ...(may('audit.read') ? [{ key: 'audit', title: t('admin.audit.title'), n: undefined }] : []),
  ];

  return (
    <div>
      <PageHeader title={t('admin.title')} />
      {organisation.data && <p className="lead">{t('admin.home.intro', { organisation: organisation.data.name })}</p>}
      <ul className="cards admin-cards">
        {sections.map((s) => (
          <li key={s.key} className="card">
            <h2>
              <Link to={`/admin/${s.key}`}>{s.title}</Link>
            </h2>
            <p className="muted">{'hint' in s ? s.hint : t(`admin.home.${s.key}`)}</p>
            {s.n !== undefined && <p className="badge">{count(s.key, s.n)}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
