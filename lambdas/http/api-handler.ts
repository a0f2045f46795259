import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { DomainError } from './domain-errors';

export interface ApiResult {
  readonly statusCode?: number;
  readonly body: unknown;
}

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * Wraps a route's domain function: appends the request id to the logger, maps a DomainError
 * to its 4xx response `{ error: { code, field?, message, fields? } }`, and answers anything else with a
 * generic 500 after logging it with the ids already appended.
 */
export function createApiHandler(
  logger: Logger,
  handle: (event: ApiEvent) => Promise<ApiResult>,
): (event: ApiEvent, context?: Context) => Promise<APIGatewayProxyStructuredResultV2> {
  return async (event, context) => {
    logger.resetKeys();
    logger.appendKeys({ requestId: event.requestContext?.requestId ?? context?.awsRequestId });
    try {
      const result = await handle(event);
      return jsonResponse(result.statusCode ?? 200, result.body);
    } catch (error) {
      if (error instanceof DomainError) {
        logger.warn('Request rejected', { errorCode: error.code, field: error.field, statusCode: error.statusCode });
        return jsonResponse(error.statusCode, {
          error: { code: error.code, field: error.field, message: error.bilingualMessage, fields: error.fieldErrors },
        });
      }
      logger.error('Request failed', { errorName: (error as Error)?.name, error: error as Error });
      return jsonResponse(500, {
        error: {
          code: 'internal_error',
          message: 'サーバーで問題が発生しました。時間をおいて再試行してください / internal error, please retry later',
        },
      });
    }
  };
}

function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}
