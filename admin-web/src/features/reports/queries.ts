import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import {
  exportGovernmentFile,
  listAnnualDayCounts,
  listPeriodicReports,
  saveBase64File,
  setReportStatus,
  type ReportQuery,
  type SubmissionStatus,
} from './api';

export function usePeriodicReports(query: ReportQuery, enabled = true) {
  const client = useApiClient();
  return useQuery({ queryKey: ['periodic-reports', query], enabled, queryFn: () => listPeriodicReports(client, query) });
}

export function useAnnualDayCounts(enabled = true) {
  const client = useApiClient();
  return useQuery({ queryKey: ['annual-day-counts'], enabled, queryFn: () => listAnnualDayCounts(client) });
}

/** Marks a report 提出済 or 未提出 and reloads the report list. */
export function useSetReportStatus() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { facilityId: string; periodId: string; status: SubmissionStatus }) => setReportStatus(client, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['periodic-reports'] }),
  });
}

/** Downloads the government upload file of one period. */
export function useGovernmentFileDownload() {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (periodId: string) => saveBase64File(await exportGovernmentFile(client, periodId)),
  });
}
