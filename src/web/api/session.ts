import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { can, type Permission, type RoleAssignment } from '../../shared/permissions.ts';
import i18n from '../i18n.ts';
import { api, ApiError } from './client.ts';

export interface Me {
  accountId: string;
  personId: string;
  login: string;
  locale: string;
  kind: 'participant' | 'staff';
  givenName: string;
  familyName: string;
  organisation: { id: string; name: string };
  roles: RoleAssignment[];
}

/** The signed-in person, or null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useCan() {
  const { data: me } = useMe();
  return (permission: Permission, placeId?: string | null) => !!me && can(me.roles, permission, placeId);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) => api<Me>('/auth/login', { method: 'POST', body }),
    onSuccess: (me) => signedIn(qc, me),
  });
}

/** After any sign-in: remember who, and take over their language unless they just chose one here. */
export function signedIn(qc: ReturnType<typeof useQueryClient>, me: Me) {
  qc.clear();
  qc.setQueryData(['me'], me);
  if (me.locale !== i18n.language) void api('/auth/me/locale', { method: 'PUT', body: { locale: i18n.language } });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(['me'], null);
    },
  });
}
