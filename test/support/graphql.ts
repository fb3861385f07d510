/**
 * Small helpers to talk GraphQL to a running gateway: over HTTP (fetch) and over graphql-ws.
 */
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: GraphQLErrorShape[];
  headers: Headers;
}

export interface GraphQLRequestOptions {
  token?: string;
  requestId?: string;
  headers?: Record<string, string>;
}

/** POSTs one operation; returns the HTTP status, data and errors as they came. */
export async function graphqlRequest<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GraphQLRequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T; errors?: GraphQLErrorShape[] };
  try {
    body = JSON.parse(text) as { data?: T; errors?: GraphQLErrorShape[] };
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 500)}`);
  }
  return { status: response.status, data: body.data ?? undefined, errors: body.errors, headers: response.headers };
}

/** Like graphqlRequest, but throws when the response carries errors. */
export async function gql<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GraphQLRequestOptions = {},
): Promise<T> {
  const response = await graphqlRequest<T>(baseUrl, query, variables, options);
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? response)}`);
  }
  return response.data;
}

/** The first error's `extensions.code` of an operation that is expected to fail. */
export async function errorCodeOf(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GraphQLRequestOptions = {},
): Promise<{ code?: string; message?: string; error?: GraphQLErrorShape }> {
  const response = await graphqlRequest(baseUrl, query, variables, options);
  const error = response.errors?.[0];
  return { code: error?.extensions?.code, message: error?.message, error };
}

/** A graphql-ws client; the token goes in connectionParams.authorization. */
export function wsClient(baseUrl: string, token?: string): WsClient {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * Subscribes and resolves with the first event the predicate accepts. The returned `ready` resolves
 * once the server acknowledged the connection, so the caller may then trigger the change.
 */
export function nextEvent<T>(
  client: WsClient,
  query: string,
  variables: Record<string, unknown>,
  accept: (data: T) => boolean,
): { ready: Promise<void>; event: Promise<T>; dispose: () => void } {
  let dispose = (): void => undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const off = client.on('connected', () => markReady());
  const event = new Promise<T>((resolve, reject) => {
    dispose = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors?.length) return reject(new Error(JSON.stringify(value.errors)));
          if (value.data && accept(value.data as T)) {
            resolve(value.data as T);
            dispose();
          }
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => undefined,
      },
    );
  });
  return {
    ready,
    event,
    dispose: () => {
      off();
      dispose();
    },
  };
}

/** Polls `probe` until it returns a value (not undefined); gives up after `attempts`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  { attempts = 100, intervalMs = 200 }: { attempts?: number; intervalMs?: number } = {},
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met after ${attempts} attempts${lastError ? `: ${String(lastError)}` : ''}`);
}
