import type { Logger } from '@temporalio/common';
import { NativeConnection, Runtime, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import type { AppConfig } from '../../../libs/config/src/config';
import { dataConverterOf } from '../../../libs/temporal/src/payload-codec';
import { bundleWorkflows } from '../../../libs/temporal/src/workflow-bundle';
import { statisticsUpkeepPlugin } from './read-model-statistics';

export interface CreateWorkerOptions {
  /** Without `database`, the worker keeps no planner statistics (read-model-statistics.ts). */
  config: Pick<AppConfig, 'temporal' | 'payloadKeys'> & Partial<Pick<AppConfig, 'notifications' | 'database'>>;
  connection: NativeConnection;
  dataSource: DataSource;
  /** A prebuilt bundle (tests build it once); otherwise bundled as configured. */
  workflowBundle?: WorkflowBundleOption;
  /** Overrides the configured task queue (tests use a unique one). */
  taskQueue?: string;
  /** Workflows kept in memory (sticky cache); `config.temporal.maxCachedWorkflows` when unset. */
  maxCachedWorkflows?: number;
}

/**
 * The worker's bundler logger: the bundler reports its full webpack statistics at info level; they
 * go to debug here so that a normal start stays readable.
 */
function bundlerLogger(logger: Logger): Logger {
  return {
    log: (level, message, meta) => logger.log(level === 'INFO' ? 'DEBUG' : level, message, meta),
    trace: (message, meta) => logger.trace(message, meta),
    debug: (message, meta) => logger.debug(message, meta),
    info: (message, meta) => logger.debug(message, meta),
    warn: (message, meta) => logger.warn(message, meta),
    error: (message, meta) => logger.error(message, meta),
  };
}

/**
 * The complaint worker: the workflows plus the activities wired to PostgreSQL. While it runs, it
 * also keeps the read model's planner statistics where autovacuum does not (read-model-statistics.ts).
 */
export async function createWorker({
  config,
  connection,
  dataSource,
  workflowBundle,
  taskQueue,
  maxCachedWorkflows,
}: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: taskQueue ?? config.temporal.taskQueue,
    workflowBundle:
      workflowBundle ??
      (await bundleWorkflows({
        logger: bundlerLogger(Runtime.instance().logger),
        stackTraces: config.temporal.workflowStackTraces,
      })),
    activities: createActivities({ dataSource, notifications: config.notifications }),
    dataConverter: dataConverterOf(config),
    // On shutdown, running activities get this long to finish before they are cancelled.
    shutdownGraceTime: '10s',
    // A killed worker's cached workflows move to another worker after this long (default 10 s).
    stickyQueueScheduleToStartTimeout: '2s',
    // The SDK's default sizes the cache from the V8 heap limit (2,310 with a 4 GiB heap limit), so a
    // worker with thousands of open complaints grows to gigabytes; a fixed size bounds it, and an
    // evicted complaint is replayed from its (short) history when its timer or a step comes.
    maxCachedWorkflows: maxCachedWorkflows ?? config.temporal.maxCachedWorkflows,
    workflowThreadPoolSize: config.temporal.workflowThreads,
    plugins: config.database
      ? [statisticsUpkeepPlugin(dataSource, { intervalMs: config.database.statisticsIntervalMs })]
      : [],
  });
}

export async function connectWorker(address: string): Promise<NativeConnection> {
  return NativeConnection.connect({ address });
}
