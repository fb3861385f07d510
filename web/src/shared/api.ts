import { createClient, type Client } from 'graphql-ws';

/** An error the gateway answered with: its stable code and its Indonesian message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'aduan.token';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  save: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** One GraphQL operation over HTTP; the first error becomes an `ApiError`. */
export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  token = session.token(),
): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('Tidak dapat menghubungi server. Periksa sambungan lalu coba lagi.', 'UNAVAILABLE');
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code);
  if (!body.data) throw new ApiError(`Server menjawab ${response.status}.`, 'UNAVAILABLE');
  return body.data;
}

let wsClient: Client | undefined;
let wsToken: string | null = null;

/** Live changes of an office's complaints (graphql-ws); returns the unsubscribe function. */
export function onComplaintChanged(officeCode: string, listener: (complaintId: string) => void): () => void {
  const token = session.token();
  if (!wsClient || wsToken !== token) {
    void wsClient?.dispose();
    wsToken = token;
    wsClient = createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 5,
    });
  }
  return wsClient.subscribe<{ complaintChanged: { complaintId: string } }>(
    {
      query: 'subscription($office: String!) { complaintChanged(officeCode: $office) { complaintId status } }',
      variables: { office: officeCode },
    },
    {
      next: (value) => value.data && listener(value.data.complaintChanged.complaintId),
      error: () => undefined,
      complete: () => undefined,
    },
  );
}

/** A fresh request id; `useSendOnce` (send-once.tsx) gives one to each new request and repeats it after a lost answer. */
export function requestId(): string {
  return crypto.randomUUID();
}
