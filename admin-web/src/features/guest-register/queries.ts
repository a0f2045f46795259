import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import { getGuestImage, getRegisterEntry, listRegisterEntries, type RegisterQuery } from './api';

/** Register pages for the filters, following `nextCursor` when the operator loads more. */
export function useRegisterEntries(filters: Omit<RegisterQuery, 'cursor'> | null) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: ['register', filters],
    enabled: filters !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => listRegisterEntries(client, { ...filters!, cursor: pageParam }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useRegisterEntry(entryId: string) {
  const client = useApiClient();
  return useQuery({ queryKey: ['register-entry', entryId], queryFn: () => getRegisterEntry(client, entryId) });
}

/**
 * Fetches a decrypted passport image and drops it from the cache once no screen shows it
 * (`gcTime` 0), because it is the most sensitive data the app handles.
 */
export function useGuestImage(entryId: string, imageId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['guest-image', entryId, imageId],
    queryFn: () => getGuestImage(client, entryId, imageId),
    gcTime: 0,
    staleTime: Infinity,
  });
}
