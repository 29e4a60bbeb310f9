import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { StaffMember } from '../../../shared/organisation.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader, Pagination, SearchField } from '../../components/ui.tsx';
import { adminKeys, BackLink, formatDateTime, SavedNotice } from './common.tsx';

const PAGE_SIZE = 25;

export function StaffStatus({ member }: { member: StaffMember }) {
  const { t } = useTranslation();
  if (member.status === 'disabled') return <span className="badge badge-off">{t('admin.staff.status.disabled')}</span>;
  if (!member.passwordSet) return <span className="badge badge-wait">{t('admin.staff.status.waiting')}</span>;
  return <span className="badge">{t('admin.staff.status.active')}</span>;
}

export function RoleList({ member }: { member: StaffMember }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {member.roles.map((r) => (
        <li key={`${r.role}@${r.placeId}`}>
          {t(`roles.${r.role}`, { defaultValue: r.role })} <span className="muted">· {r.placeName ?? t('admin.staff.wholeOrganisation')}</span>
        </li>
      ))}
    </ul>
  );
}

/** /admin/staff: colleagues with an account, their roles per place and whether they can sign in. */
export function StaffPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const [text, setText] = useState(q);
  const pushed = useRef(q);
  // Search after a short pause in typing, and keep it in the address so Back works.
  useEffect(() => {
    const next = text.trim();
    if (next === pushed.current) return;
    const timer = setTimeout(() => {
      pushed.current = next;
      setParams(next ? { q: next } : {}, { replace: true });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, setParams]);
  // Back or a link changed the address: show that search.
  useEffect(() => {
    if (q !== pushed.current) {
      pushed.current = q;
      setText(q);
    }
  }, [q]);

  const staff = useQuery({
    queryKey: [...adminKeys.staff, 'list', { q, offset }],
    queryFn: () => api<{ items: StaffMember[]; total: number }>('/staff', { query: { q: q || undefined, limit: PAGE_SIZE, offset } }),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <BackLink to="/admin" label={t('admin.title')} />
      <PageHeader
        title={t('admin.staff.title')}
        actions={
          <Link to="/admin/staff/new" className="button button-primary">
            <span aria-hidden="true">+</span> {t('admin.staff.add')}
          </Link>
        }
      />
      <SavedNotice />
      <div className="filter-bar">
        <SearchField label={t('admin.staff.search')} value={text} onChange={setText} />
      </div>
      {staff.isPending && <Loading />}
      <ErrorAlert error={staff.error} />
      {staff.data?.items.length === 0 && <p className="empty-state">{q ? t('admin.staff.emptySearch') : t('admin.staff.empty')}</p>}
      {!!staff.data?.items.length && (
        <table className="data responsive">
          <caption className="visually-hidden">{t('admin.staff.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.staff.name')}</th>
              <th scope="col">{t('admin.staff.email')}</th>
              <th scope="col">{t('admin.staff.roles')}</th>
              <th scope="col">{t('admin.staff.statusLabel')}</th>
              <th scope="col">{t('admin.staff.lastLogin')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.data.items.map((m) => (
              <tr key={m.accountId}>
                <td data-label={t('admin.staff.name')}>
                  <Link to={`/admin/staff/${m.accountId}`}>
                    {m.givenName} {m.familyName}
                  </Link>
                </td>
                <td data-label={t('admin.staff.email')}>
                  <span dir="ltr">{m.email}</span>
                </td>
                <td data-label={t('admin.staff.roles')}>
                  <RoleList member={m} />
                </td>
                <td data-label={t('admin.staff.statusLabel')}>
                  <StaffStatus member={m} />
                </td>
                <td data-label={t('admin.staff.lastLogin')}>{m.lastLoginAt ? formatDateTime(m.lastLoginAt, i18n.language) : <span className="muted">{t('admin.staff.never')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {staff.data && (
        <Pagination
          offset={offset}
          limit={PAGE_SIZE}
          total={staff.data.total}
          label={t('admin.staff.title')}
          onChange={(o) => setParams({ ...(q ? { q } : {}), ...(o ? { offset: String(o) } : {}) })}
        />
      )}
    </div>
  );
}
