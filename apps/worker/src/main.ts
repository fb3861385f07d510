/**
 * The standalone worker process (production: one or more replicas against a Temporal cluster).
 * Applies pending migrations, runs the complaint workflows and activities, and on SIGINT/SIGTERM
 * stops polling, lets running activities finish (shutdownGraceTime), then exits 0.
 * `node dist/apps/worker/src/main.js` in the container; `npm run start:worker` from source.
 */
import 'reflect-metadata';
import { makeTelemetryFilterString, Runtime, type Worker } from '@temporalio/worker';
import { loadConfig } from '../../../libs/config/src/config';
import { createAppLogger } from '../../../libs/logging/src/logger';
import { createDataSource, runMigrations } from '../../../libs/persistence/src/data-source';
import { ensureDatabase } from '../../../libs/persistence/src/database';
import { connectClient, temporalAddress } from '../../../libs/temporal/src/connection';
import {
  ensureNotificationDispatcher,
  notificationDeliveryBanner,
} from '../../../libs/temporal/src/notification-dispatcher';
import { registerSearchAttributes } from '../../../libs/temporal/src/register-search-attributes';
import { connectWorker, createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createAppLogger(config, { service: 'worker' });
  Runtime.install({
    logger: log,
    shutdownSignals: [],
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) } },
  });
  const address = temporalAddress(config);
  // SIGINT/SIGTERM: before the worker runs, stop at once; afterwards drain it (worker.run() resolves).
  let worker: Worker | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log.info('Stopping', { signal });
      if (!worker || worker.getState() === 'INITIALIZED') process.exit(0);
      if (worker.getState() === 'RUNNING') worker.shutdown();
    });
  }

  try {
    await ensureDatabase(config.database.url);
  } catch (error) {
    // The server may forbid CREATE DATABASE or connecting to `postgres`; the migrations will tell.
    log.debug('Could not check/create the database', { error: String(error) });
  }
  const dataSource = createDataSource(config.database.url, { applicationName: 'aduan-worker' });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    const { connection, client } = await connectClient(config, address);
    try {
      // Idempotent; a cluster that refuses operator calls (e.g. a managed one) had them registered by its operator.
      const added = await registerSearchAttributes(connection, config.temporal.namespace);
      if (added.length > 0) log.info('Registered search attributes', { added });
    } catch (error) {
      log.warn('Could not check the search attributes; register them with the operator', { error: String(error) });
    }
    try {
      const dispatcher = await ensureNotificationDispatcher(client, config.notifications, config.temporal.taskQueue);
      log.info('Notification delivery', { dispatcher, delivery: notificationDeliveryBanner(config.notifications) });
    } catch (error) {
      log.warn('Could not start or stop the notification dispatcher', { error: String(error) });
    } finally {
      await connection.close();
    }
    const workerConnection = await connectWorker(address);
    try {
      worker = await createWorker({ config, connection: workerConnection, dataSource });
      log.info('Worker running', {
        address,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
      });
      await worker.run();
      log.info('Worker stopped');
    } finally {
      await workerConnection.close();
    }
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
