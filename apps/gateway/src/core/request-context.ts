import { randomUUID } from 'node:crypto';
import type { AuthUser, GatewayContext } from '../auth/auth.types';
import { bearerToken, type TokenVerifier } from '../auth/token-verifier.service';
import { requestIdSchema } from '../../../../libs/domain/src/complaint';
import { DomainError } from '../../../../libs/domain/src/errors';

/** The client's `x-request-id` when it is a valid request id (the domain's rule), otherwise a fresh one. */
export function requestIdFrom(value: unknown): string {
  const candidate: unknown = Array.isArray(value) ? value[0] : value;
  const parsed = requestIdSchema.safeParse(candidate);
  return parsed.success ? parsed.data : randomUUID();
}

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
}

async function authenticate(
  verifier: TokenVerifier,
  rawAuthorization: unknown,
): Promise<{ user?: AuthUser; authError?: string }> {
  const token = bearerToken(rawAuthorization);
  if (!token) return {};
  try {
    return { user: await verifier.verify(token) };
  } catch (error) {
    return { authError: error instanceof DomainError ? error.message : 'Token tidak valid.' };
  }
}

/**
 * Builds the GraphQL context: over HTTP from the request (Authorization, x-request-id), over
 * graphql-ws from the connection params (`authorization`).
 */
export function contextFactory(verifier: TokenVerifier) {
  return async (input: {
    req?: HttpRequestLike;
    res?: object;
    connectionParams?: Record<string, unknown>;
    extra?: { request?: HttpRequestLike };
  }): Promise<GatewayContext> => {
    if (input.req) {
      const req = input.req;
      const requestId = requestIdFrom(req.headers['x-request-id']);
      const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
      const http = input.res ? { http: { req, res: input.res } } : {};
      return { requestId, ip, ...http, ...(await authenticate(verifier, req.headers.authorization)) };
    }
    const params = input.connectionParams ?? {};
    const request = input.extra?.request;
    const authorization = params.authorization ?? params.Authorization;
    return {
      requestId: requestIdFrom(params['x-request-id']),
      ip: request?.socket?.remoteAddress ?? 'unknown',
      ...(await authenticate(verifier, authorization)),
    };
  };
}
