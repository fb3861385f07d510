import { Injectable, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { GatewayContext } from '../auth/auth.types';

/**
 * The public operations' rate limit (@nestjs/throttler) over GraphQL: counted per client address
 * (`req.ip`, which honours the trust-proxy setting) across all public operations; a spent budget
 * is refused with HTTP 429 and Retry-After (see the http-status plugin).
 */
@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    const gatewayContext = GqlExecutionContext.create(context).getContext<GatewayContext>();
    return {
      req: (gatewayContext.http?.req ?? { ip: gatewayContext.ip, headers: {} }) as unknown as Record<string, unknown>,
      res: (gatewayContext.http?.res ?? {}) as unknown as Record<string, unknown>,
    };
  }

  /** One budget per address for every public operation, not one per operation. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `public-${name}-${tracker}`;
  }
}
