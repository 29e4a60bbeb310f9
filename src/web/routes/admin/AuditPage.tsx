import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader, Pagination, Select } from '../../components/ui.tsx';
import { useCan } from '../../api/session.ts';
import { BackLink, formatDate, formatDateTime, formatEuro, useAllStaff, usePlaceList } from './common.tsx';

interface AuditEntry {
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actorAccountId: string | null;
  actorLogin: string | null;
  changes: Record<string, unknown> | null;
}

const PAGE_SIZE = 50;
const ALL = 'all';
/** The kinds of records the modules write to the log today; others still show, under "all". */
const entityTypes = ['person', 'account', 'programme', 'place', 'partner', 'partner-contact'] as const;
/** Actions whose changes are pairs [before, after]; for the others a change is the value written. */
const pairActions = new Set(['update', 'disable', 'enable']);

/** Where a record can still be opened; deleted ones cannot. */
const screens: Record<string, string> = { programme: '/admin/programmes/', place: '/admin/places/', partner: '/admin/partners/', person: '/people/' };
const entityLink = (e: AuditEntry) => (e.entityId && e.action !== 'delete' && screens[e.entityType] ? screens[e.entityType] + e.entityId : null);

function raw(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * A logged value as a person reads it: names instead of ids, euro instead of cents, dates and
 * roles in the reader's language. Anything unknown is shown as it was stored.
 */
function useShow() {
  const { t, i18n } = useTranslation();
  const may = useCan();
  const places = usePlaceList();
  const staff = useAllStaff(may('staff.manage'));
  const placeName = (id: unknown) => places.data?.items.find((p) => p.id === id)?.name ?? raw(id);
  const personName = (id: unknown) => {
    const s = staff.data?.items.find((m) => m.personId === id);
    return s ? `${s.givenName} ${s.familyName}` : raw(id);
  };
  const lang = i18n.language;
  const one = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value)) return value.length ? value.map((v) => one(field, v)).join('; ') : '—';
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
    switch (field) {
      case 'placeId':
      case 'placeIds':
        return placeName(value);
      case 'hostPersonIds':
        return personName(value);
      case 'roles': {
        // Stored as "role@placeId", with * for the whole organisation.
        const [role, place] = String(value).split('@');
        return `${t(`roles.${role}`, { defaultValue: role })} · ${place === '*' ? t('admin.staff.wholeOrganisation') : placeName(place)}`;
      }
      case 'status':
        return t(`admin.staff.status.${value}`, { defaultValue: String(value) });
      case 'kind':
        return t(`admin.partnerKinds.${value}`, { defaultValue: String(value) });
      case 'fundingLines': {
        const l = value as { funder?: string; reference?: string | null; amountCents?: number };
        if (typeof l.amountCents !== 'number') return raw(value);
        return [t(`admin.funders.${l.funder}`, { defaultValue: l.funder ?? '' }), l.reference, formatEuro(l.amountCents, lang)].filter(Boolean).join(' ');
      }
      default:
        return raw(value);
    }
  };
  return one;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const show = useShow();
  const changes = entry.changes ? Object.entries(entry.changes) : [];
  if (changes.length === 0) return <span className="muted">—</span>;
  const label = (field: string) => t(`admin.audit.fields.${field}`, { defaultValue: field });
  return (
    <ul className="plain-list changes">
      {changes.map(([field, value]) => (
        <li key={field}>
          <span className="change-field">{label(field)}</span>:{' '}
          {pairActions.has(entry.action) && Array.isArray(value) && value.length === 2 ? (
            <>
              <del>
                <bdi>{show(field, value[0])}</bdi>
              </del>{' '}
              <span aria-hidden="true" className="flip">
                →
              </span>
              <span className="visually-hidden">{t('admin.audit.becomes')}</span>{' '}
              <ins>
                <bdi>{show(field, value[1])}</bdi>
              </ins>
            </>
          ) : (
            <bdi>{show(field, value)}</bdi>
          )}
        </li>
      ))}
    </ul>
  );
}

/** /admin/audit: who changed what, when; filter by kind of record, newest first, page by page. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? ALL;
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const log = useQuery({
    queryKey: ['audit', { type, offset }],
    queryFn: () => api<{ items: AuditEntry[]; total: number }>('/audit', { query: { entityType: type === ALL ? undefined : type, limit: PAGE_SIZE, offset } }),
    placeholderData: keepPreviousData,
  });
  const typeOptions = [{ id: ALL, label: t('admin.audit.allTypes') }, ...entityTypes.map((e) => ({ id: e, label: t(`admin.audit.types.${e}`) }))];
  const nf = new Intl.NumberFormat(i18n.language);

  return (
    <div>
      <BackLink to="/admin" label={t('admin.title')} />
      <PageHeader title={t('admin.audit.title')} />
      <p className="lead">{t('admin.audit.intro')}</p>
      <div className="filter-bar">
        <Select label={t('admin.audit.filter')} options={typeOptions} value={type} onChange={(v) => setParams(v === ALL ? {} : { type: v })} />
      </div>
      <p role="status" className="result-count">
        {log.data && t('admin.audit.count', { count: log.data.total, n: nf.format(log.data.total) })}
      </p>
      {log.isPending && <Loading />}
      <ErrorAlert error={log.error} />
      {!!log.data?.items.length && (
        <table className="data responsive audit">
          <caption className="visually-hidden">{t('admin.audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.when')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.what')}</th>
              <th scope="col">{t('admin.audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((e) => (
              <tr key={e.id}>
                <td data-label={t('admin.audit.when')}>
                  <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                </td>
                <td data-label={t('admin.audit.who')}>{e.actorLogin ? <span dir="ltr">{e.actorLogin}</span> : <span className="muted">{t('admin.audit.system')}</span>}</td>
                <td data-label={t('admin.audit.action')}>{t(`admin.audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                <td data-label={t('admin.audit.what')}>
                  {t(`admin.audit.types.${e.entityType}`, { defaultValue: e.entityType })}
                  {e.entityId && (
                    <>
                      {' '}
                      {entityLink(e) ? (
                        <Link to={entityLink(e) as string} title={e.entityId}>
                          <code>{e.entityId.slice(-8)}</code>
                        </Link>
                      ) : (
                        <code className="muted" title={e.entityId}>
                          {e.entityId.slice(-8)}
                        </code>
                      )}
                    </>
                  )}
                </td>
                <td data-label={t('admin.audit.changes')}>
                  <Changes entry={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.data && (
        <Pagination
          offset={offset}
          limit={PAGE_SIZE}
          total={log.data.total}
          label={t('admin.audit.paging')}
          onChange={(o) => setParams({ ...(type !== ALL ? { type } : {}), ...(o ? { offset: String(o) } : {}) })}
        />
      )}
    </div>
  );
}
