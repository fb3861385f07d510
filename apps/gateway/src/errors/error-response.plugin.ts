import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { AppLogger } from '../../../../libs/logging/src/logger';
import type { GatewayContext } from '../auth/auth.types';

/** What the HTTP access log learns of a failed GraphQL operation (Express `res.locals`). */
export interface GraphQLOutcome {
  level: 'warn' | 'error';
  codes: string[];
}
export interface GraphQLOutcomeCarrier {
  locals?: { graphqlOutcome?: GraphQLOutcome };
}

/** Codes that mean "the client asked for something wrong"; the others mean the server failed. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_TRANSITION',
  'CONFLICT',
]);

function codesOf(errors: readonly GraphQLFormattedError[]): string[] {
  return errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
}

function isRateLimited(errors: readonly GraphQLFormattedError[]): boolean {
  return errors.some((error) => error.extensions?.reason === 'RATE_LIMITED');
}

/**
 * HTTP status and logging of failed GraphQL operations (after `formatError` gave each error its
 * code): a spent rate limit answers 429 (the limiter set Retry-After); a request refused before
 * execution (syntax, validation, limits, variables) answers 400 instead of Apollo's 500 for plugin
 * errors; every failed operation is logged at warn (client mistakes) or error (server failures)
 * with its codes, never with its variables (they carry personal data).
 */
export function errorResponsePlugin(logger: AppLogger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext: GraphQLRequestContext<object>) {
          const { response } = requestContext;
          const body = response.body;
          if (body?.kind !== 'single') return;
          const result = body.singleResult;
          const errors = result.errors;
          if (!errors?.length) return;
          const codes = codesOf(errors);
          const clientMistake = codes.every((code) => CLIENT_CODES.has(code));
          if (isRateLimited(errors)) {
            response.http.status = 429;
          } else if (result.data === undefined && clientMistake) {
            response.http.status = 400;
          }
          const meta = {
            requestId: (requestContext.contextValue as { requestId?: string }).requestId,
            operation: requestContext.operationName ?? requestContext.operation?.operation ?? 'unknown',
            status: response.http.status ?? 200,
            codes: [...new Set(codes)],
          };
          const level = clientMistake || isRateLimited(errors) ? 'warn' : 'error';
          // The HTTP access line (bootstrap) logs this outcome too, not "info, status 200".
          const res = (requestContext.contextValue as GatewayContext).http?.res as GraphQLOutcomeCarrier | undefined;
          if (res?.locals) res.locals.graphqlOutcome = { level, codes: meta.codes };
          logger[level](level === 'warn' ? 'graphql request refused' : 'graphql request failed', meta);
        },
      };
    },
  };
}
