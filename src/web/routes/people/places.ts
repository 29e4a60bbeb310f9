import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.ts';

export interface PlaceOption {
  id: string;
  name: string;
}

/**
 * The organisation's places, for pickers and names. Until the places API exists (or when the
 * user may not list places) this is an empty list, and screens fall back to what they have.
 */
export function usePlaces(enabled = true) {
  return useQuery({
    queryKey: ['places', 'options'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<PlaceOption[]> => {
      try {
        const body = await api<{ items?: PlaceOption[] } | PlaceOption[]>('/places');
        const items = Array.isArray(body) ? body : (body.items ?? []);
        return items.map((p) => ({ id: p.id, name: p.name }));
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return [];
        throw e;
      }
    },
  });
}
