/**
 * The whole product for end-to-end specs: a real Temporal dev server, the real worker on its own
 * task queue, the test database, and the gateway listening on a free port.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import type { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import { createWorker } from '../../apps/worker/src/worker';
import { loadConfig, type AppConfig } from '../../libs/config/src/config';
import { createLogger } from '../../libs/logging/src/logger';
import { openTestDataSource } from './database';
import { createLocalEnv } from './temporal-env';

export interface GatewayStack {
  env: TestWorkflowEnvironment;
  dataSource: DataSource;
  config: AppConfig;
  app: INestApplication;
  baseUrl: string;
  stop(): Promise<void>;
}

export interface GatewayStackOptions {
  /** Prefix of the worker's unique task queue. */
  name: string;
  sopRegistry?: SopRegistry;
  poolSize?: number;
  publicRateLimitPerMinute?: number;
  changePollIntervalMs?: number;
  /** Adjusts the configuration the worker and gateway get (e.g. notification delivery). */
  configure?: (config: AppConfig) => AppConfig;
}

export async function startGatewayStack(options: GatewayStackOptions): Promise<GatewayStack> {
  const env = await createLocalEnv();
  const dataSource = await openTestDataSource({ poolSize: options.poolSize ?? 6 });
  const base = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const configured: AppConfig = {
    ...base,
    temporal: { ...base.temporal, taskQueue: `${options.name}-${randomUUID()}` },
    gateway: {
      ...base.gateway,
      publicRateLimitPerMinute: options.publicRateLimitPerMinute ?? base.gateway.publicRateLimitPerMinute,
    },
  };
  const config = options.configure ? options.configure(configured) : configured;
  const worker = await createWorker({ config, connection: env.nativeConnection, dataSource });
  const workerRun = worker.run();
  const app = await createGateway(config, {
    client: env.client,
    dataSource,
    logger: createLogger({ level: 'error', write: () => undefined }),
    ...(options.sopRegistry ? { sopRegistry: options.sopRegistry } : {}),
    ...(options.changePollIntervalMs ? { changePollIntervalMs: options.changePollIntervalMs } : {}),
  });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    env,
    dataSource,
    config,
    app,
    baseUrl,
    async stop() {
      await app.close();
      worker.shutdown();
      await workerRun;
      await dataSource.destroy();
      await env.teardown();
    },
  };
}
