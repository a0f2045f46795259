import { useMutation, useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import { createPairingCode, listFacilities } from './api';

export function useFacilities() {
  const client = useApiClient();
  return useQuery({ queryKey: ['facilities'], queryFn: () => listFacilities(client) });
}

export function useCreatePairingCode() {
  const client = useApiClient();
  return useMutation({ mutationFn: (facilityId: string) => createPairingCode(client, facilityId) });
}
