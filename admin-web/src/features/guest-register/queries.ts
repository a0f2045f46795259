import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import {
  confirmLongStay,
  correctRegisterEntry,
  createRegisterExport,
  getGuestImage,
  getRegisterEntry,
  listLongStays,
  listRegisterEntries,
  type RegisterCorrectionRequest,
  type RegisterExport,
  type RegisterExportFormat,
  type RegisterExportRequest,
  type RegisterQuery,
} from './api';

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

/**
 * Queues a register export in `format`; the file is ready when the mutation succeeds. The export
 * polls its own status and passes each state to `onProgress`.
 */
export function useCreateRegisterExport(format: RegisterExportFormat, onProgress: (job: RegisterExport) => void) {
  const client = useApiClient();
  return useMutation({ mutationFn: (request: RegisterExportRequest) => createRegisterExport(client, request, format, 1000, onProgress) });
}

/** Long stays in progress at the caller's facilities, for the dashboard. */
export function useLongStays(enabled = true) {
  const client = useApiClient();
  return useQuery({ queryKey: ['long-stays'], enabled, queryFn: () => listLongStays(client) });
}

/** Records a long-stay confirmation and reloads the entry, the register and the dashboard. */
export function useConfirmLongStay(entryId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => confirmLongStay(client, entryId),
    onSuccess: () => invalidateEntry(queryClient, entryId),
  });
}

/** Corrects an entry and reloads it, so the form starts again from the new revision. */
export function useCorrectRegisterEntry(entryId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RegisterCorrectionRequest) => correctRegisterEntry(client, entryId, request),
    onSuccess: () => invalidateEntry(queryClient, entryId),
  });
}

function invalidateEntry(queryClient: ReturnType<typeof useQueryClient>, entryId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['register-entry', entryId] }),
    queryClient.invalidateQueries({ queryKey: ['register'] }),
    queryClient.invalidateQueries({ queryKey: ['long-stays'] }),
    queryClient.invalidateQueries({ queryKey: ['periodic-reports'] }),
  ]);
}
