import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import { listOffices, saveOffice } from './api';

export function useOffices() {
  const client = useApiClient();
  return useQuery({ queryKey: ['offices'], queryFn: () => listOffices(client) });
}

export function useSaveOffice() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ officeId, name }: { officeId?: string; name: string }) => saveOffice(client, officeId, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['offices'] }),
  });
}
