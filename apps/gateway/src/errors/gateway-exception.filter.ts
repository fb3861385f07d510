import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * For GraphQL operations every exception is handed to Apollo unchanged, where `formatGraphQLError`
 * maps it to a stable code (one place). Nest's own handler would log expected refusals as errors.
 * HTTP routes (health) keep Nest's default JSON errors.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json(exception.getResponse());
      return undefined;
    }
    response.status(500).json({ statusCode: 500, message: 'Terjadi kesalahan pada server.' });
    return undefined;
  }
}
