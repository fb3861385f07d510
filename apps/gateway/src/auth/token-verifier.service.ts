import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt, { type JwtHeader, type JwtPayload, type SigningKeyCallback } from 'jsonwebtoken';
import type { JwksClient } from 'jwks-rsa';
import { z } from 'zod';
import type { AppConfig } from '../../../../libs/config/src/config';
import { ADMIN_ROLES, COMPLAINANT_ROLE, READ_ONLY_ROLES, STAFF_ROLES } from '../../../../libs/domain/src/roles';
import { APP_CONFIG } from '../core/gateway.tokens';
import { unauthenticated } from '../errors/gateway.errors';
import type { AuthUser } from './auth.types';

const claimsSchema = z.object({
  sub: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  roles: z.array(z.enum([...STAFF_ROLES, ...READ_ONLY_ROLES, ...ADMIN_ROLES])).min(1),
  office: z.string().min(1).max(32),
});

/** Extracts the token of a `Bearer <token>` header value (or a bare token). */
export function bearerToken(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
  if (match) return match[1];
  return /^\S+$/.test(value.trim()) && value.trim().length > 0 ? value.trim() : undefined;
}

/**
 * Verifies staff JWTs: HS256 with the shared secret (local), or RS256 with keys from a JWKS
 * endpoint (production). Claims: sub, name, roles[], office.
 */
@Injectable()
export class TokenVerifier {
  private readonly jwks?: JwksClient;
  /**
   * The HS256 secret as a key object, made once: given the string, jsonwebtoken first tries to read it
   * as a PEM public key on every request (an exception thrown and caught: most of a millisecond).
   */
  private readonly secretKey?: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { jwksUri, secret } = config.gateway.jwt;
    if (secret) this.secretKey = createSecretKey(Buffer.from(secret));
    if (jwksUri) {
      // Loaded only when configured: jwks-rsa pulls in the ESM-only `jose`.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { JwksClient: Jwks } = require('jwks-rsa') as typeof import('jwks-rsa');
      this.jwks = new Jwks({ jwksUri, cache: true, rateLimit: true });
    }
  }

  async verify(token: string): Promise<AuthUser> {
    const { issuer, audience } = this.config.gateway.jwt;
    const secret = this.secretKey;
    let payload: string | JwtPayload;
    try {
      payload = await new Promise<string | JwtPayload>((resolve, reject) => {
        jwt.verify(
          token,
          (header: JwtHeader, callback: SigningKeyCallback) => this.keyFor(header, secret, callback),
          {
            algorithms: this.jwks ? ['RS256', ...(secret ? (['HS256'] as const) : [])] : ['HS256'],
            ...(issuer ? { issuer } : {}),
            ...(audience ? { audience } : {}),
          },
          (error, decoded) => (error || decoded === undefined ? reject(error ?? new Error('empty')) : resolve(decoded)),
        );
      });
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw unauthenticated(expired ? 'Sesi Anda telah berakhir; silakan masuk kembali.' : 'Token tidak valid.');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('Token tidak memuat identitas petugas yang lengkap.');
    if ((claims.data.roles as string[]).includes(COMPLAINANT_ROLE)) throw unauthenticated('Token tidak valid.');
    return claims.data;
  }

  private keyFor(header: JwtHeader, secret: KeyObject | undefined, callback: SigningKeyCallback): void {
    if (header.alg === 'HS256') {
      if (!secret) return callback(new Error('HS256 is not configured'));
      return callback(null, secret);
    }
    if (!this.jwks) return callback(new Error('RS256 is not configured'));
    this.jwks.getSigningKey(header.kid).then(
      (key) => callback(null, key.getPublicKey()),
      (error: unknown) => callback(error as Error),
    );
  }
}
