import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import { listDevices, renameDevice, revokeDevice } from './api';

// Kiosks send a heartbeat every minute, so refreshing every 30 seconds keeps online states current.
const refreshIntervalMs = 30_000;

export function useDevices(facilityId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['devices', facilityId],
    queryFn: () => listDevices(client, facilityId),
    refetchInterval: refreshIntervalMs,
  });
}

export function useRenameDevice(facilityId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ deviceId, name }: { deviceId: string; name: string }) => renameDevice(client, deviceId, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['devices', facilityId] }),
  });
}

export function useRevokeDevice(facilityId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => revokeDevice(client, deviceId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['devices', facilityId] }),
  });
}
