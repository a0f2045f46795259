import { useOperator } from './queries';

/** Whether the signed-in user holds a permission; false while /me is loading. */
export function useCan(permission: string): boolean {
  const operator = useOperator();
  return operator.data?.permissions.includes(permission) ?? false;
}
