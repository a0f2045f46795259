import { useInfiniteQuery } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import { listAuditRecords, type AuditQuery } from './api';

/** Audit log pages for the filters, following `nextCursor` when the owner loads more. */
export function useAuditRecords(filters: Omit<AuditQuery, 'cursor'>) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: ['audit-log', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => listAuditRecords(client, { ...filters, cursor: pageParam }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
