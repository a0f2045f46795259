import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import { getMe } from './api';

export function useOperator() {
  const client = useApiClient();
  return useQuery({ queryKey: ['me'], queryFn: () => getMe(client) });
}
