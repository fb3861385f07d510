import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GatewayContext } from './auth.types';

/** The GraphQL context of the operation (user, request id, client address). */
export const GqlContext = createParamDecorator((_data: unknown, context: ExecutionContext): GatewayContext =>
  GqlExecutionContext.create(context).getContext<GatewayContext>(),
);
