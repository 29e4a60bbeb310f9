import { useQuery } from '@tanstack/react-query';
import type { Person } from '../../../shared/people.ts';
import { api } from '../../api/client.ts';

export const personKey = (id: string) => ['people', 'one', id] as const;

/** One profile, with what the signed-in user may do with it (`can`). */
export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: personKey(id ?? ''),
    queryFn: () => api<Person>(`/people/${id}`),
    enabled: !!id,
  });
}

export const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`;
