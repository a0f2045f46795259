import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { scalars } from '@aws-amplify/amplify-appsync-simulator/lib/schema/appsync-scalars';

/**
 * AWSTimestamp as AppSync has it: any safe integer. The simulator (2.16.20) maps it to the
 * 32-bit GraphQL Int, so DataStore's `_lastChangedAt` and `lastSync`, which are epoch
 * milliseconds, fail to serialize or parse.
 */
export const widenedTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  description: 'Seconds or milliseconds since 1970-01-01T00:00Z as an integer, as on AppSync.',
  serialize: (value) => toSafeInteger(value),
  parseValue: (value) => toSafeInteger(value),
  parseLiteral(node) {
    if (node.kind !== Kind.INT) throw new GraphQLError(`AWSTimestamp must be an integer, got ${node.kind}.`);
    return toSafeInteger(Number(node.value));
  },
});

function toSafeInteger(value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new GraphQLError(`AWSTimestamp must be a safe integer, got ${JSON.stringify(value)}.`);
  }
  return number;
}

/** Replaces the simulator's AWSTimestamp for every schema it builds after this call. */
export function widenSimulatorTimestamp(): void {
  (scalars as Record<string, GraphQLScalarType>).AWSTimestamp = widenedTimestamp;
}
