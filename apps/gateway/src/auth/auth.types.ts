import type { Role } from '../../../../libs/domain/src/roles';

/** The caller, from a verified JWT. */
export interface AuthUser {
  sub: string;
  name: string;
  roles: Role[];
  /** Office code, or `*` for supervisors/auditors who read every office. */
  office: string;
}

/** What every resolver finds in the GraphQL context. */
export interface GatewayContext {
  requestId: string;
  ip: string;
  user?: AuthUser;
  /** Set when a token was given but refused (expired, bad signature, bad claims). */
  authError?: string;
  /** The HTTP exchange (absent over graphql-ws): the rate limiter reads the address and sets headers. */
  http?: { req: { ip?: string; headers: Record<string, string | string[] | undefined> }; res: object };
}
