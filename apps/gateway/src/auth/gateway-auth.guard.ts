import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { unauthenticated } from '../errors/gateway.errors';
import type { GatewayContext } from './auth.types';
import { IS_PUBLIC_KEY } from './public.decorator';

/**
 * The global guard: every operation needs a verified staff token unless marked `@Public()`. The
 * token itself is verified once per request while the GraphQL context is built.
 */
@Injectable()
export class GatewayAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    if (context.getType<string>() !== 'graphql') throw unauthenticated();
    const gqlContext = GqlExecutionContext.create(context).getContext<GatewayContext>();
    if (gqlContext.authError) throw unauthenticated(gqlContext.authError);
    if (!gqlContext.user) throw unauthenticated();
    return true;
  }
}
