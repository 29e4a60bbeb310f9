/** The network screens' server state: referrals out, the partner inbox, cohorts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Partner } from '../../../shared/organisation.ts';
import type { ReferralOutStatus } from '../../../shared/pathways.ts';
import type {
  CohortDetail,
  CohortSummary,
  cohortInput,
  PartnerReferral,
  partnerAnswerStatuses,
  ReferralOut,
  referralOutInput,
} from '../../../shared/referrals.ts';
import { ApiError, api } from '../../api/client.ts';
import { useErrorMessage } from '../../components/ui.tsx';

/** The part of the pathway overview (GET /pathways/:id) that the referrals and data tabs read. */
export interface PathwayFileProps {
  pathway: {
    id: string;
    status: string;
    capacity: 'participant' | 'team' | 'lead';
    allowed: readonly string[];
    participant: { id: string; givenName: string };
  };
}

/** A pathway in the caseload list (GET /pathways), as the cohort screen uses it. */
interface CaseloadRow {
  id: string;
  participant: { id: string; givenName: string; familyName: string };
}

const keys = {
  referrals: (pathwayId: string) => ['referrals-out', pathwayId] as const,
  inbox: (show: string) => ['partner-referrals', show] as const,
  cohorts: ['cohorts'] as const,
  cohort: (id: string) => ['cohorts', id] as const,
};

/** The texts for the API's codes under referrals.errors (consent_required, ...), else the common ones. */
export function useNetworkError() {
  const { t, i18n } = useTranslation();
  const common = useErrorMessage();
  return (error: unknown) => {
    if (error instanceof ApiError && i18n.exists(`referrals.errors.${error.code}`)) return t(`referrals.errors.${error.code}`);
    return common(error);
  };
}

export const useReferralsOut = (pathwayId: string) =>
  useQuery({ queryKey: keys.referrals(pathwayId), queryFn: () => api<{ items: ReferralOut[] }>(`/pathways/${pathwayId}/referrals-out`) });

export const usePartners = (enabled: boolean) =>
  useQuery({ queryKey: ['partners', 'all'], enabled, queryFn: () => api<{ items: Partner[] }>('/partners', { query: { limit: 200 } }) });

export function useReferralWrite(pathwayId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: keys.referrals(pathwayId) });
  return {
    propose: useMutation({
      mutationFn: (body: z.input<typeof referralOutInput>) => api<ReferralOut>(`/pathways/${pathwayId}/referrals-out`, { method: 'POST', body }),
      onSuccess: done,
    }),
    move: useMutation({
      mutationFn: ({ id, status, feedback }: { id: string; status: Exclude<ReferralOutStatus, 'proposed'>; feedback?: string | null }) =>
        api<ReferralOut>(`/referrals-out/${id}/status`, { method: 'POST', body: { status, feedback } }),
      onSuccess: done,
    }),
  };
}

export const usePartnerInbox = (show: 'open' | 'all') =>
  useQuery({
    queryKey: keys.inbox(show),
    queryFn: () => api<{ partnerName: string | null; items: PartnerReferral[] }>('/partner/referrals', { query: { show } }),
  });

export function usePartnerAnswer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status, feedback }: { id: string; status?: (typeof partnerAnswerStatuses)[number]; feedback?: string | null }) =>
      api<PartnerReferral>(`/partner/referrals/${id}/answer`, { method: 'POST', body: { status, feedback } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['partner-referrals'] }),
  });
}

export const useCohorts = () => useQuery({ queryKey: keys.cohorts, queryFn: () => api<{ items: CohortSummary[] }>('/cohorts') });
export const useCohort = (id: string | undefined) =>
  useQuery({ queryKey: keys.cohort(id ?? ''), enabled: !!id, queryFn: () => api<CohortDetail>(`/cohorts/${id}`) });

export function useCohortWrite() {
  const qc = useQueryClient();
  const done = (c: CohortDetail) => {
    qc.setQueryData(keys.cohort(c.id), c);
    return qc.invalidateQueries({ queryKey: keys.cohorts, exact: true });
  };
  return {
    create: useMutation({ mutationFn: (body: z.input<typeof cohortInput>) => api<CohortDetail>('/cohorts', { method: 'POST', body }), onSuccess: done }),
    add: useMutation({
      mutationFn: ({ id, pathwayId }: { id: string; pathwayId: string }) =>
        api<CohortDetail>(`/cohorts/${id}/members`, { method: 'POST', body: { pathwayId } }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: ({ id, pathwayId }: { id: string; pathwayId: string }) => api<CohortDetail>(`/cohorts/${id}/members/${pathwayId}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
  };
}

/** Active pathways at a place that the caller walks beside or leads: candidates for a cohort. */
export const usePlacePathways = (placeId: string | null | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['pathways', 'place', placeId ?? 'all'],
    enabled,
    queryFn: () => api<{ items: CaseloadRow[] }>('/pathways', { query: { scope: 'place', placeId: placeId ?? undefined, status: 'active', limit: 200 } }),
  });

/** Places, programmes and group-session series to pick for a cohort. */
export const useCohortChoices = (enabled: boolean) =>
  useQuery({
    queryKey: ['cohort-choices'],
    enabled,
    queryFn: async () => {
      const [places, programmes] = await Promise.all([
        api<{ items: { id: string; name: string }[] }>('/places'),
        api<{ items: { id: string; name: string }[] }>('/programmes'),
      ]);
      return { places: places.items, programmes: programmes.items };
    },
  });

/** The activities at a place in the coming months, grouped by series, to link a cohort to its weekly group session. */
export const useSeriesAt = (placeId: string | null) =>
  useQuery({
    queryKey: ['cohort-series', placeId],
    enabled: !!placeId,
    queryFn: async () => {
      const from = new Date();
      const to = new Date(from.getTime() + 90 * 86_400_000);
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const res = await api<{ items: { activityId: string; title: string; typeKey: string | null }[] }>('/activities/calendar', {
        query: { placeId: placeId ?? undefined, from: day(from), to: day(to) },
      });
      const seen = new Map<string, { id: string; title: string; typeKey: string | null }>();
      for (const o of res.items) if (!seen.has(o.activityId)) seen.set(o.activityId, { id: o.activityId, title: o.title, typeKey: o.typeKey });
      return [...seen.values()].sort((a, b) => Number(b.typeKey === 'group-session') - Number(a.typeKey === 'group-session') || a.title.localeCompare(b.title));
    },
  });
