import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import { archiveFacility, createPairingCode, getFacility, listFacilities, saveFacility, type EditedFacility, type FacilityInput } from './api';

export function useFacilities() {
  const client = useApiClient();
  return useQuery({ queryKey: ['facilities'], queryFn: () => listFacilities(client) });
}

export function useFacility(facilityId: string | undefined) {
  const client = useApiClient();
  return useQuery({ queryKey: ['facility', facilityId], queryFn: () => getFacility(client, facilityId!), enabled: facilityId !== undefined });
}

/** Saves the create form, or the edit form of `edited`. A 409 means another operator saved first. */
export function useSaveFacility(edited: EditedFacility | undefined) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const facilityId = edited?.facilityId;
  return useMutation({
    mutationFn: (input: FacilityInput) => saveFacility(client, edited, input),
    onSuccess: async () => {
      // The 届出日 decides which 定期報告 periods are listed, so the reports are refetched too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['facilities'] }),
        queryClient.invalidateQueries({ queryKey: ['facility', facilityId] }),
        queryClient.invalidateQueries({ queryKey: ['periodic-reports'] }),
      ]);
    },
  });
}

export function useArchiveFacility() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (facilityId: string) => archiveFacility(client, facilityId),
    // Archiving also revokes the facility's kiosks, so its device list changes too.
    onSuccess: (_facility, facilityId) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['facilities'] }),
        queryClient.invalidateQueries({ queryKey: ['devices', facilityId] }),
      ]),
  });
}

export function useCreatePairingCode() {
  const client = useApiClient();
  return useMutation({ mutationFn: (facilityId: string) => createPairingCode(client, facilityId) });
}
