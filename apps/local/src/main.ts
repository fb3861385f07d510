/**
 * `npm start`: the whole product on one machine. A Temporal dev server (state persisted in the
 * data folder, Web UI on), PostgreSQL (configured, local, or embedded), migrations, the worker and
 * the GraphQL gateway in this process. Ctrl-C / SIGTERM stops everything in order: the gateway
 * stops accepting, the worker drains, then the dev server and the embedded database stop.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { createGateway } from '../../gateway/src/bootstrap';
import { createWorker, connectWorker } from '../../worker/src/worker';
import { loadConfig } from '../../../libs/config/src/config';
import { createAppLogger } from '../../../libs/logging/src/logger';
import { createDataSource, runMigrations } from '../../../libs/persistence/src/data-source';
import { resolveCliPath } from '../../../libs/temporal/src/binaries';
import { SOP_CATALOG } from '../../../libs/domain/src/catalog';
import { connectClient } from '../../../libs/temporal/src/connection';
import { registerSearchAttributes } from '../../../libs/temporal/src/register-search-attributes';
import { startDevServer } from '../../../libs/temporal/src/dev-server';
import { ensureRecapSchedules } from '../../../libs/temporal/src/schedules';
import {
  ensureNotificationDispatcher,
  notificationDeliveryBanner,
} from '../../../libs/temporal/src/notification-dispatcher';
import { openLocalDatabase } from './local-database';

type Closer = { name: string; close: () => Promise<unknown> };

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createAppLogger(config, { service: 'local' });
  Runtime.install({
    logger: log,
    shutdownSignals: [],
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) } },
  });

  // Resources are closed in reverse order of creation.
  const closers: Closer[] = [];
  let stopping: Promise<void> | undefined;
  let exitCode = 0;
  let started = false;
  let stopReason: string | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopReason ??= reason;
    stopping ??= (async () => {
      log.info('Shutting down', { reason });
      for (const closer of closers.reverse()) {
        try {
          await closer.close();
          log.debug(`Stopped ${closer.name}`);
        } catch (error) {
          exitCode = 1;
          log.error(`Could not stop ${closer.name}`, { error });
        }
      }
      log.info('Stopped');
    })();
    return stopping;
  };
  const stopAndExit = (reason: string) => void shutdown(reason).then(() => process.exit(exitCode));
  // A signal during startup is honoured once the step under way has finished (so that what it
  // started is known and gets stopped); after startup it stops everything at once.
  const stopRequested = () => stopReason !== undefined;
  class StopRequested extends Error {}
  const checkpoint = () => {
    if (stopRequested()) throw new StopRequested();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopRequested()) return;
      stopReason = signal;
      if (started) stopAndExit(signal);
    });
  }
  // If the parent (npm, a shell) disappears without signalling us, do not linger as an orphan.
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid === parentPid || stopRequested()) return;
    stopReason = 'parent process exited';
    if (started) stopAndExit(stopReason);
  }, 1_000).unref();

  try {
    fs.mkdirSync(config.dataDir, { recursive: true });

    // Temporal: the configured cluster, or our own dev server with persisted state.
    let temporalAddress: string;
    let uiUrl: string | undefined;
    if (config.temporal.address) {
      temporalAddress = config.temporal.address;
    } else {
      const devServer = await startDevServer({
        cliPath: resolveCliPath(config),
        port: config.temporal.localPort,
        uiPort: config.temporal.uiPort,
        dbFile: path.join(config.dataDir, 'temporal.sqlite'),
        logFile: path.join(config.dataDir, 'temporal-server.log'),
        namespace: config.temporal.namespace,
        retentionDays: config.temporal.retentionDays,
        uiCodecEndpoint: `http://${config.gateway.host}:${config.gateway.port}/codec`,
        log,
      });
      closers.push({ name: 'Temporal dev server', close: () => devServer.stop() });
      void devServer.exited.then((code) => {
        if (!stopRequested()) {
          exitCode = 1;
          log.error('Temporal dev server exited unexpectedly', { code });
          stopReason = 'Temporal dev server exited';
          if (started) stopAndExit(stopReason);
        }
      });
      temporalAddress = devServer.address;
      uiUrl = devServer.uiUrl;
    }
    checkpoint();

    const { connection, client } = await connectClient(config, temporalAddress);
    closers.push({ name: 'Temporal client', close: () => connection.close() });
    if (config.temporal.address) await registerSearchAttributes(connection, config.temporal.namespace);
    checkpoint();

    // PostgreSQL read model.
    const database = await openLocalDatabase(config, log);
    closers.push({ name: 'database', close: () => database.stop() });
    checkpoint();
    const dataSource = createDataSource(database.url, { applicationName: 'aduan-local' });
    await dataSource.initialize();
    closers.push({ name: 'database pool', close: () => dataSource.destroy() });
    await runMigrations(dataSource);
    checkpoint();

    // Worker (drained on shutdown before the server stops).
    const workerConnection = await connectWorker(temporalAddress);
    closers.push({ name: 'worker connection', close: () => workerConnection.close() });
    const worker = await createWorker({ config, connection: workerConnection, dataSource });
    const running = worker.run();
    closers.push({
      name: 'worker',
      close: async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      },
    });
    void running.then(
      () => undefined,
      (error: unknown) => {
        if (stopRequested()) return;
        exitCode = 1;
        log.error('Worker failed', { error });
        stopReason = 'worker failed';
        if (started) stopAndExit(stopReason);
      },
    );
    try {
      const schedules = await ensureRecapSchedules(client, SOP_CATALOG, { taskQueue: config.temporal.taskQueue });
      log.info('Monthly recap schedules ensured', { schedules });
    } catch (error) {
      log.warn('Could not ensure the monthly recap schedules', { error });
    }
    try {
      await ensureNotificationDispatcher(client, config.notifications, config.temporal.taskQueue);
    } catch (error) {
      log.warn('Could not start or stop the notification dispatcher', { error });
    }
    checkpoint();

    // Gateway, with the pages built first when their sources changed since the last build.
    // A plain Node script (it also runs as postinstall, before TypeScript tooling is there).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildPages } = require('../../../scripts/build-web.js') as { buildPages: () => number };
    if (buildPages() !== 0) log.warn('The pages could not be built; the gateway serves the previous build, if any');
    const app = await createGateway(config, { client, dataSource, logger: log });
    closers.push({ name: 'gateway', close: () => app.close() });
    await app.listen(config.gateway.port, config.gateway.host);
    checkpoint();

    const gatewayUrl = `http://${config.gateway.host}:${config.gateway.port}`;
    const lines = [
      '',
      'Aduan is running. Ctrl-C stops everything.',
      `  Citizen page   ${gatewayUrl}/`,
      `  Staff console  ${gatewayUrl}/konsol/${config.env === 'production' ? '' : ' (development sign-in: choose a user)'}`,
      `  GraphQL        ${gatewayUrl}/graphql${config.env === 'production' ? '' : ` (explorer: ${gatewayUrl}/explorer)`}`,
      `  Health         ${gatewayUrl}/health/ready`,
      `  Temporal       ${temporalAddress}${config.temporal.address ? ' (TEMPORAL_ADDRESS)' : ' (dev server)'}`,
      `  Temporal UI    ${uiUrl ?? '(the external cluster’s own UI)'}`,
      `  Database       ${database.description}`,
      `  Data folder    ${config.dataDir}`,
      `  Task queue     ${config.temporal.taskQueue} (namespace ${config.temporal.namespace})`,
      `  Notifications  ${notificationDeliveryBanner(config.notifications)}`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    started = true;
  } catch (error) {
    if (!(error instanceof StopRequested)) {
      exitCode = 1;
      log.error('Startup failed', { error: error instanceof Error ? error.message : String(error) });
    }
    stopAndExit(stopReason ?? 'startup failed');
  }
}

void main();
