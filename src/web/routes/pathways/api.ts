import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CaseloadItem,
  Consent,
  EntryData,
  followUpDueItem,
  Goal,
  IntakeInput,
  PathwayOverview,
  pathwayEvent,
  ReferralIn,
  ReferralInInput,
  TeamMember,
  teamCandidate,
} from '../../../shared/pathways-api.ts';
import { api } from '../../api/client.ts';

export type { CaseloadItem, Consent, EntryData, Goal, PathwayOverview, ReferralIn, TeamMember };
export type FollowUpDue = z.infer<typeof followUpDueItem>;
export type PathwayEvent = z.infer<typeof pathwayEvent>;
export type TeamCandidate = z.infer<typeof teamCandidate>;

/** Every pathways query starts with this key, so one invalidation refreshes the file after a change. */
export const pathwaysKey = ['pathways'] as const;
export const pathwayKey = (id: string) => ['pathways', 'one', id] as const;

export function usePathway(id: string | undefined) {
  return useQuery({ queryKey: pathwayKey(id ?? ''), queryFn: () => api<PathwayOverview>(`/pathways/${id}`), enabled: !!id });
}

export function useCaseload(q: { scope: 'mine' | 'place'; q?: string; status?: string; placeId?: string; offset?: number }, enabled = true) {
  return useQuery({
    queryKey: ['pathways', 'caseload', q],
    queryFn: () => api<{ items: CaseloadItem[]; total: number }>('/pathways', { query: { ...q, limit: 50 } }),
    enabled,
  });
}

export function useFollowUpsDue() {
  return useQuery({ queryKey: ['pathways', 'follow-ups-due'], queryFn: () => api<{ items: FollowUpDue[] }>('/pathways/follow-ups-due') });
}

export function useReferrals(q: { status?: string; placeId?: string; offset?: number }) {
  return useQuery({
    queryKey: ['pathways', 'referrals', q],
    queryFn: () => api<{ items: ReferralIn[]; total: number }>('/referrals-in', { query: { ...q, limit: 50 } }),
  });
}

export function useReferral(id: string | null) {
  return useQuery({ queryKey: ['pathways', 'referral', id], queryFn: () => api<ReferralIn>(`/referrals-in/${id}`), enabled: !!id });
}

export function useMyPathway() {
  return useQuery({ queryKey: ['pathways', 'mine'], queryFn: () => api<{ pathway: PathwayOverview | null; plan: Goal[] }>('/my-pathway') });
}

export function usePlan(id: string) {
  return useQuery({ queryKey: ['pathways', 'plan', id], queryFn: () => api<{ items: Goal[] }>(`/pathways/${id}/plan`) });
}
export function useTeam(id: string) {
  return useQuery({ queryKey: ['pathways', 'team', id], queryFn: () => api<{ items: TeamMember[] }>(`/pathways/${id}/team`) });
}
export function useTeamCandidates(id: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['pathways', 'candidates', id, q],
    queryFn: () => api<{ items: TeamCandidate[] }>(`/pathways/${id}/team/candidates`, { query: { q } }),
    enabled,
  });
}
export function useConsents(id: string) {
  return useQuery({ queryKey: ['pathways', 'consents', id], queryFn: () => api<{ items: Consent[] }>(`/pathways/${id}/consents`) });
}
export function useEntryData(id: string) {
  return useQuery({ queryKey: ['pathways', 'entry', id], queryFn: () => api<EntryData>(`/pathways/${id}/entry-data`), staleTime: 60_000 });
}
export function useEvents(id: string, enabled = true) {
  return useQuery({ queryKey: ['pathways', 'events', id], queryFn: () => api<{ items: PathwayEvent[] }>(`/pathways/${id}/events`), enabled });
}

/** A change on the pathways API; afterwards every pathways query reads again. */
export function usePathwayMutation<V, T = unknown>(fn: (v: V) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: pathwaysKey }) });
}

export const createReferral = (body: ReferralInInput) => api<ReferralIn>('/referrals-in', { method: 'POST', body });
export const updateReferral = (id: string, body: { status: string; intakeOn?: string | null; notStartedReason?: string | null }) =>
  api<ReferralIn>(`/referrals-in/${id}`, { method: 'PATCH', body });
export const startPathway = (body: IntakeInput) => api<PathwayOverview>('/pathways', { method: 'POST', body });

/** Options for the forms: places, programmes and partners (with contacts) of the organisation. */
export function useOrgOptions() {
  const places = useQuery({
    queryKey: ['pathways', 'opt', 'places'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/places'),
    staleTime: 5 * 60_000,
  });
  const programmes = useQuery({
    queryKey: ['pathways', 'opt', 'programmes'],
    queryFn: () => api<{ items: { id: string; name: string; places?: { id: string }[] }[] }>('/programmes'),
    staleTime: 5 * 60_000,
  });
  const partners = useQuery({
    queryKey: ['pathways', 'opt', 'partners'],
    queryFn: () => api<{ items: { id: string; name: string; kind: string; contacts: { id: string; name: string }[] }[] }>('/partners'),
    staleTime: 5 * 60_000,
  });
  return { places, programmes, partners };
}

/** A date (YYYY-MM-DD) in the UI language. */
export function formatDate(date: string | null | undefined, language: string) {
  if (!date) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date.slice(0, 10)}T12:00:00Z`));
}
export function todayIso() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
