import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dream, DreamSuggestions, Item, Match, PlaceLocation, Profile, ProfileInput, Suggestion, TransitionInput } from '../../../shared/matching.ts';
import { api } from '../../api/client.ts';

export type { Dream, DreamSuggestions, Item, Match, PlaceLocation, Profile, Suggestion };
export interface ForMe {
  waiting: Match[];
  suggestions: { item: Item; suggestions: Suggestion[] }[];
}
export interface Board {
  placeId: string;
  placeName: string;
  unmatchedRequests: { request: Item; suggestions: Suggestion[] }[];
  unmatchedDreams: (Dream & { personName: string })[];
  matches: Record<Match['status'], Match[]>;
}

/** Every matching query starts with 'matching': one invalidation after a write refreshes them all. */
function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['matching'] });
}

export function useProfile(personId: string) {
  return useQuery({ queryKey: ['matching', 'profile', personId], queryFn: () => api<Profile>(`/matching/profiles/${personId}`) });
}
export function useSaveProfile(personId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: ProfileInput) => api<Profile>(`/matching/profiles/${personId}`, { method: 'PUT', body }), onSuccess: refresh });
}

export function useItems(side: 'offer' | 'request', personId: string) {
  return useQuery({
    queryKey: ['matching', side, personId],
    queryFn: () => api<{ items: Item[]; total: number }>(`/matching/${side}s`, { query: { personId, limit: 200 } }),
  });
}
export function useDreams(personId: string) {
  return useQuery({ queryKey: ['matching', 'dreams', personId], queryFn: () => api<{ items: Dream[] }>('/matching/dreams', { query: { personId } }) });
}
export function useCreateDream() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: { text: string }) => api<Dream>('/matching/dreams', { method: 'POST', body }), onSuccess: refresh });
}
export function useUpdateDream() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: Dream['status'] }) => api<Dream>(`/matching/dreams/${id}`, { method: 'PATCH', body: { status } }),
    onSuccess: refresh,
  });
}

export function useCreateItem(side: 'offer' | 'request') {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { text: string; kind: Item['kind']; dreamId?: string }) => api<Item>(`/matching/${side}s`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}
export function useUpdateItem() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ item, status }: { item: Item; status: Item['status'] }) =>
      api<Item>(`/matching/${item.side}s/${item.id}`, { method: 'PATCH', body: { status } }),
    onSuccess: refresh,
  });
}

export function useForMe() {
  const { i18n } = useTranslation();
  return useQuery({ queryKey: ['matching', 'for-me', i18n.language], queryFn: () => api<ForMe>('/matching/for-me', { query: { locale: i18n.language } }) });
}

export function useBoard(placeId: string | null, maxKm?: number) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['matching', 'board', placeId, maxKm ?? null, i18n.language],
    enabled: !!placeId,
    queryFn: () => api<Board>('/matching/board', { query: { placeId: placeId ?? '', locale: i18n.language, ...(maxKm ? { maxKm } : {}) } }),
  });
}

/** People, activities and partners that may help a dream; asked only when `enabled` (the reader opened it). */
export function useDreamSuggestions(dreamId: string, enabled: boolean) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['matching', 'dream-suggestions', dreamId, i18n.language],
    enabled,
    queryFn: () => api<DreamSuggestions>(`/matching/dreams/${dreamId}/suggestions`, { query: { locale: i18n.language } }),
  });
}

export function usePlaceLocation(placeId: string | null) {
  return useQuery({
    queryKey: ['matching', 'place-location', placeId],
    enabled: !!placeId,
    queryFn: () => api<PlaceLocation>(`/matching/places/${placeId}/location`),
  });
}
export function useSavePlaceLocation(placeId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { latitude: number; longitude: number } | null) => api<PlaceLocation>(`/matching/places/${placeId}/location`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
}

export function usePropose() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { requestId: string; offerId: string }) => api<Match>('/matching/matches', { method: 'POST', body }),
    onSuccess: refresh,
  });
}
export function useStep() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, step }: { id: string; step: TransitionInput }) => api<Match>(`/matching/matches/${id}/steps`, { method: 'POST', body: step }),
    onSuccess: refresh,
  });
}
