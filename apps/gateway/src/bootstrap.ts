import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/src/config';
import { createAppLogger, type AppLogger } from '../../../libs/logging/src/logger';
import { createAppModule, GRAPHQL_LIMITS } from './app.module';
import type { GraphQLOutcomeCarrier } from './errors/error-response.plugin';
import { queryTokenLimit } from './errors/query-token-limit.middleware';
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
interface HttpResponse extends GraphQLOutcomeCarrier {
  statusCode: number;
  setHeader(name: string, value: string): void;
  on(event: 'finish', listener: () => void): void;
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Express error middleware for what the JSON body parser refuses: 413 or 400, with a code and Indonesian message. */
function bodyErrorHandler(
  error: unknown,
  _req: unknown,
  res: HttpResponse & { status(code: number): { json(body: unknown): void } },
  next: (error?: unknown) => void,
): void {
  const failure = error as BodyParserError | undefined;
  if (!failure || typeof failure.status !== 'number' || failure.status >= 500) return next(error);
  const tooLarge = failure.type === 'entity.too.large' || failure.status === 413;
  const message = tooLarge
    ? `Permintaan terlalu besar: paling besar ${BODY_LIMIT.replace('kb', ' KB')}.`
    : 'Isi permintaan bukan JSON yang valid.';
  res.status(tooLarge ? 413 : 400).json({
    errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason: tooLarge ? 'BODY_TOO_LARGE' : 'BODY_INVALID' } }],
  });
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
  app.set('trust proxy', config.gateway.trustProxy);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Open311 GeoReport clients post forms (`attribute[code]=…` becomes a nested object).
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  // Body-parser failures (too large, unreadable JSON) get the GraphQL error shape, not Express's 500 page.
  app.use(bodyErrorHandler);
  app.use(queryTokenLimit(GRAPHQL_LIMITS.maxTokens));
  // Request id: the client's `x-request-id` or a fresh one; echoed back and logged with every request.
  app.use((req: HttpRequest, res: HttpResponse, next: () => void) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const graphql = res.locals?.graphqlOutcome;
      const byStatus = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      const level = graphql?.level === 'error' ? 'error' : byStatus === 'info' && graphql ? 'warn' : byStatus;
      logger[level]('http request', {
        requestId,
        method: req.method,
        path: req.originalUrl.length > 200 ? `${req.originalUrl.slice(0, 200)}…` : req.originalUrl,
        status: res.statusCode,
        ...(graphql ? { codes: graphql.codes } : {}),
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  });
  servePages(app, config, logger);
  return app;
}
