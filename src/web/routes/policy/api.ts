import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BarrierDetail,
  BarrierInput,
  BarrierSummary,
  barrierOptions,
  barrierPatch,
  decisionInput,
  Meeting,
  meetingInput,
  meetingOptions,
  meetingSummary,
  Proposal,
  ProposalInput,
  proposalPatch,
  Story,
  storyInput,
} from '../../../shared/policy.ts';
import { api } from '../../api/client.ts';

export type { BarrierDetail, BarrierSummary, Meeting, Proposal, Story };
export type BarrierOptions = z.infer<typeof barrierOptions>;
export type MeetingSummary = z.infer<typeof meetingSummary>;
export type MeetingOptions = z.infer<typeof meetingOptions>;

/** Every policy query starts with 'policy': one invalidation after a write refreshes them all. */
function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['policy'] });
}

export function useBarrierOptions() {
  return useQuery({ queryKey: ['policy', 'options'], queryFn: () => api<BarrierOptions>('/policy/options'), staleTime: 60_000 });
}

export interface BarrierFilter {
  domain?: string;
  status?: string;
  placeId?: string;
  mine?: 'true';
  q?: string;
  limit?: number;
}
export function useBarriers(filter: BarrierFilter) {
  return useQuery({
    queryKey: ['policy', 'barriers', filter],
    queryFn: () => api<{ items: BarrierSummary[]; total: number }>('/policy/barriers', { query: { limit: 100, ...filter } }),
  });
}
export function useBarrier(id: string) {
  return useQuery({ queryKey: ['policy', 'barrier', id], queryFn: () => api<BarrierDetail>(`/policy/barriers/${id}`) });
}
export function useRaiseBarrier() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: BarrierInput) => api<BarrierDetail>('/policy/barriers', { method: 'POST', body }), onSuccess: refresh });
}
export function useUpdateBarrier(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof barrierPatch>) => api<BarrierDetail>(`/policy/barriers/${id}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}
export function useSupport() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, support, note }: { id: string; support: boolean; note?: string }) =>
      api<BarrierDetail>(`/policy/barriers/${id}/support`, support ? { method: 'POST', body: { note: note || null } } : { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
export function useMerge() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { survivorId: string; mergeIds: string[] }) => api<BarrierDetail>('/policy/barriers/merge', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useProposals() {
  return useQuery({ queryKey: ['policy', 'proposals'], queryFn: () => api<{ items: Proposal[] }>('/policy/proposals') });
}
export function useCreateProposal() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: ProposalInput) => api<Proposal>('/policy/proposals', { method: 'POST', body }), onSuccess: refresh });
}
export function useUpdateProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof proposalPatch> & { id: string }) => api<Proposal>(`/policy/proposals/${id}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useMeetings() {
  return useQuery({ queryKey: ['policy', 'meetings'], queryFn: () => api<{ items: MeetingSummary[] }>('/policy/meetings') });
}
export function useMeeting(id: string) {
  return useQuery({ queryKey: ['policy', 'meeting', id], queryFn: () => api<Meeting>(`/policy/meetings/${id}`) });
}
export function useMeetingOptions(enabled: boolean) {
  return useQuery({ queryKey: ['policy', 'meeting-options'], queryFn: () => api<MeetingOptions>('/policy/meetings/options'), enabled });
}
export function useCreateMeeting() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: z.input<typeof meetingInput>) => api<Meeting>('/policy/meetings', { method: 'POST', body }), onSuccess: refresh });
}
export function useSetAgenda(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (items: { barrierId?: string; proposalId?: string; note?: string | null }[]) =>
      api<Meeting>(`/policy/meetings/${id}/agenda`, { method: 'PUT', body: { items } }),
    onSuccess: refresh,
  });
}
export function useDecide(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ itemId, ...body }: z.input<typeof decisionInput> & { itemId: string }) =>
      api<Meeting>(`/policy/meetings/${id}/agenda/${itemId}/decision`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}
export function useUpdateMeeting(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { status?: 'planned' | 'held'; memberPersonIds?: string[]; partnerContactIds?: string[] }) =>
      api<Meeting>(`/policy/meetings/${id}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useStories() {
  return useQuery({ queryKey: ['policy', 'stories'], queryFn: () => api<{ items: Story[] }>('/policy/stories') });
}
export function useCreateStory() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: z.input<typeof storyInput>) => api<Story>('/policy/stories', { method: 'POST', body }), onSuccess: refresh });
}
export function useWithdrawStory() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api<Story>(`/policy/stories/${id}/withdraw`, { method: 'POST' }), onSuccess: refresh });
}
export function useParticipantSearch(q: string) {
  return useQuery({
    queryKey: ['policy', 'people', q],
    queryFn: () =>
      api<{ items: { id: string; givenName: string; familyName: string; placeName: string | null }[] }>('/people', {
        query: { kind: 'participant', q, limit: 20 },
      }),
    enabled: q.trim().length >= 2,
  });
}
