import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Partner, Place, Programme, StaffMember } from '../../../shared/organisation.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { Button, Notice } from '../../components/ui.tsx';

/* Pieces the administration screens share: queries, money, confirmation, the access guard. */

export const adminKeys = {
  programmes: ['programmes'] as const,
  places: ['places'] as const,
  partners: ['partners'] as const,
  staff: ['staff'] as const,
};

export const usePlaceList = () => useQuery({ queryKey: [...adminKeys.places, 'list'], queryFn: () => api<{ items: Place[]; total: number }>('/places') });
export const useProgrammeList = () => useQuery({ queryKey: [...adminKeys.programmes, 'list'], queryFn: () => api<{ items: Programme[]; total: number }>('/programmes') });
export const usePartnerList = () => useQuery({ queryKey: [...adminKeys.partners, 'list'], queryFn: () => api<{ items: Partner[]; total: number }>('/partners') });
/** Every staff member at once (for pickers such as a place's hosts). */
export const useAllStaff = (enabled = true) =>
  useQuery({ queryKey: [...adminKeys.staff, 'all'], enabled, queryFn: () => api<{ items: StaffMember[]; total: number }>('/staff', { query: { limit: 200 } }) });

/** Euro in the reader's language: "€ 632.813,50", "€632,813.50", "٦٣٢٬٨١٣٫٥٠ €". */
export function formatEuro(cents: number, language: string) {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** An amount as it goes back into a form field: no currency sign or grouping, two decimals. */
export function centsToInput(cents: number, language: string) {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100);
}

export function formatDate(iso: string | null, language: string) {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatDateTime(iso: string | null, language: string) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A name inside a translated sentence keeps its own direction (a Dutch name in an Arabic title). */
export const isolate = (text: string | undefined) => `\u2068${text ?? ''}\u2069`;

/** Empty text is "not known": the API takes null. */
export const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Shows the page only to those whose role allows it; others read why, not a blank screen. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const may = useCan();
  if (!may(permission)) {
    return (
      <div>
        <h1>{t('admin.title')}</h1>
        <p role="alert" className="alert alert-error">
          {t('errors.forbidden')}
        </p>
      </div>
    );
  }
  return <>{children}</>;
}

/** "Delete" asks once more, in place, before anything is removed. */
export function ConfirmDelete({ label, question, onConfirm, isPending }: { label: string; question: string; onConfirm: () => void; isPending?: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant="secondary" className="button-danger-outline" onPress={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{question}</p>
      <div className="form-actions">
        <Button variant="danger" onPress={onConfirm} isPending={isPending} autoFocus>
          {t('admin.common.confirmDelete')}
        </Button>
        <Button variant="quiet" onPress={() => setAsking(false)}>
          {t('admin.common.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** The message a list page shows after a form saved or deleted something (passed in navigation state). */
export function SavedNotice() {
  const location = useLocation();
  const message = (location.state as { notice?: string } | null)?.notice;
  return message ? <Notice>{message}</Notice> : null;
}

/** "← Administration", the way back up. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p className="back-link">
      <Link to={to}>
        <span aria-hidden="true" className="flip">
          ←
        </span>{' '}
        {label}
      </Link>
    </p>
  );
}
