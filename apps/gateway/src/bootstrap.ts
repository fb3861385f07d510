import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/src/config';
import { createAppLogger, type AppLogger } from '../../../libs/logging/src/logger';
import { createAppModule } from './app.module';
import { SopRegistry } from './catalog/sop-registry';
import type { GatewayDeps } from './core/gateway-options';
import { requestIdFrom } from './core/request-context';
import { servePages } from './pages/pages';

/** Largest accepted request body: a complaint is text; attachments travel as references. */
export const BODY_LIMIT = '256kb';

export type { GatewayDeps } from './core/gateway-options';

interface HttpRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  on(event: 'finish', listener: () => void): void;
}

/**
 * The GraphQL gateway as a Nest application, not listening yet: the caller does
 * `app.listen(port, host)` and `app.close()`. It serves `/graphql` (HTTP and graphql-ws),
 * `GET /health/live`, `GET /health/ready` and the pages (`/`, `/konsol/`, `/explorer`).
 */
export async function createGateway(
  config: AppConfig,
  deps: { client: Client; dataSource: DataSource } & Partial<Omit<GatewayDeps, 'client' | 'dataSource'>>,
): Promise<INestApplication> {
  const logger: AppLogger = (deps.logger ?? createAppLogger(config)).child({ service: 'gateway' });
  const trackingCodeSecret = deps.trackingCodeSecret ?? config.gateway.jwt.secret;
  if (!trackingCodeSecret) {
    throw new Error('The gateway needs a tracking-code secret: set JWT_SECRET (or pass trackingCodeSecret)');
  }
  const registry = deps.sopRegistry ?? SopRegistry.fromCatalog();
  const module = createAppModule({
    config,
    deps: { ...deps, logger },
    logger,
    registry,
    secrets: { trackingCodeSecret },
  });
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Request id: the client's `x-request-id` or a fresh one; echoed back and logged with every request.
  app.use((req: HttpRequest, res: HttpResponse, next: () => void) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info('http request', {
        requestId,
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  });
  servePages(app, config, logger);
  return app;
}
