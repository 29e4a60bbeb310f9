import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { NotFoundPage } from '../routes/home/NotFoundPage.tsx';
import { ErrorAlert, Loading, PageHeader } from './ui.tsx';

/**
 * A page about one record: "loading", "not found" on a 404 (also what the API answers for a
 * record the user may not see), or the error under the page's title; otherwise the page itself.
 */
export function RecordGate<T>({ query, title, children }: { query: UseQueryResult<T>; title: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.error) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorAlert error={query.error} />
      </>
    );
  }
  return <>{children(query.data as T)}</>;
}
