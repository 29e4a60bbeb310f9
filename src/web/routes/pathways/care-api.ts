import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  AssessmentInput,
  assessmentsOverview,
  Instrument,
  InstrumentDetail,
  InstrumentInput,
  InstrumentPatch,
  JournalEntry,
  JournalInput,
  journalPage,
  NetworkComparison,
  NetworkEntryInput,
  networkOverview,
  Snapshot,
} from '../../../shared/care.ts';
import { ApiError, api } from '../../api/client.ts';
import { useErrorMessage } from '../../components/ui.tsx';

export type JournalPage = z.infer<typeof journalPage>;
export type AssessmentsOverview = z.infer<typeof assessmentsOverview>;
export type NetworkOverview = z.infer<typeof networkOverview>;

const keys = {
  journal: (id: string) => ['care', 'journal', id] as const,
  assessments: (id: string) => ['care', 'assessments', id] as const,
  network: (id: string) => ['care', 'network', id] as const,
  instruments: ['care', 'instruments'] as const,
};

/** The care texts for the API's codes (consent_withdrawn, journal_entry_locked, ...), else the common ones. */
export function useCareError() {
  const { t, i18n } = useTranslation();
  const common = useErrorMessage();
  return (error: unknown) => {
    if (error instanceof ApiError && i18n.exists(`care.errors.${error.code}`)) return t(`care.errors.${error.code}`);
    return common(error);
  };
}

export function useJournal(pathwayId: string) {
  return useInfiniteQuery({
    queryKey: keys.journal(pathwayId),
    initialPageParam: '',
    queryFn: ({ pageParam }) => api<JournalPage>(`/pathways/${pathwayId}/journal`, { query: { limit: 20, cursor: pageParam || undefined } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useJournalWrite(pathwayId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: keys.journal(pathwayId) });
  return {
    create: useMutation({ mutationFn: (body: JournalInput) => api<JournalEntry>(`/pathways/${pathwayId}/journal`, { method: 'POST', body }), onSuccess: done }),
    update: useMutation({
      mutationFn: ({ id, ...body }: Partial<JournalInput> & { id: string }) =>
        api<JournalEntry>(`/pathways/${pathwayId}/journal/${id}`, { method: 'PATCH', body }),
      onSuccess: done,
    }),
    remove: useMutation({ mutationFn: (id: string) => api<void>(`/pathways/${pathwayId}/journal/${id}`, { method: 'DELETE' }), onSuccess: done }),
  };
}

export function useAssessments(pathwayId: string) {
  return useQuery({ queryKey: keys.assessments(pathwayId), queryFn: () => api<AssessmentsOverview>(`/pathways/${pathwayId}/assessments`) });
}

export function useScore(pathwayId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessmentInput) => api(`/pathways/${pathwayId}/assessments`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.assessments(pathwayId) }),
  });
}

export function useNetwork(pathwayId: string) {
  return useQuery({ queryKey: keys.network(pathwayId), queryFn: () => api<NetworkOverview>(`/pathways/${pathwayId}/network`) });
}

export function useSnapshot(pathwayId: string, snapshotId: string | null) {
  return useQuery({
    queryKey: [...keys.network(pathwayId), 'snapshot', snapshotId],
    queryFn: () => api<Snapshot>(`/pathways/${pathwayId}/network/snapshots/${snapshotId}`),
    enabled: !!snapshotId,
  });
}

export function useNetworkComparison(pathwayId: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: [...keys.network(pathwayId), 'compare', from, to],
    queryFn: () => api<NetworkComparison>(`/pathways/${pathwayId}/network/compare`, { query: { from: from ?? '', to: to ?? '' } }),
    enabled: !!from && !!to && from !== to,
  });
}

export function useNetworkWrite(pathwayId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: keys.network(pathwayId) });
  return {
    create: useMutation({
      mutationFn: (body: { takenOn: string; note?: string | null; entries?: NetworkEntryInput[] }) =>
        api<Snapshot>(`/pathways/${pathwayId}/network/snapshots`, { method: 'POST', body }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string; takenOn?: string; note?: string | null; entries?: NetworkEntryInput[] }) =>
        api<Snapshot>(`/pathways/${pathwayId}/network/snapshots/${id}`, { method: 'PATCH', body }),
      onSuccess: done,
    }),
  };
}

export function useInstruments(archived = false) {
  return useQuery({
    queryKey: [...keys.instruments, archived],
    queryFn: () => api<{ items: Instrument[] }>('/instruments', { query: { archived: archived ? 'true' : undefined } }),
  });
}

export function useInstrument(id: string | undefined) {
  return useQuery({ queryKey: [...keys.instruments, 'one', id], queryFn: () => api<InstrumentDetail>(`/instruments/${id}`), enabled: !!id });
}

export function useSaveInstrument(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InstrumentInput | InstrumentPatch) =>
      id ? api<InstrumentDetail>(`/instruments/${id}`, { method: 'PATCH', body }) : api<InstrumentDetail>('/instruments', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.instruments }),
  });
}

/** Today in Brussels as YYYY-MM-DD (the default date of a new assessment or snapshot). */
export const todayIso = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export function formatDay(iso: string, language: string, style: 'medium' | 'long' = 'medium') {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: 'UTC' }).format(d);
}
export function formatMoment(iso: string, language: string) {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(iso));
}
/** "+2", "−1", "0" in the reader's digits. */
export function signed(n: number, language: string) {
  return new Intl.NumberFormat(language, { signDisplay: 'exceptZero' }).format(n);
}
