import type { Logger } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import type { AppConfig } from '../../../libs/config/src/config';
import { dataConverterOf } from '../../../libs/temporal/src/payload-codec';
import { statisticsUpkeepPlugin } from './read-model-statistics';

/** `workflows/index.ts` re-exports every workflow; the worker bundles from there. */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');

export interface CreateWorkerOptions {
  /** Without `database`, the worker keeps no planner statistics (read-model-statistics.ts). */
  config: Pick<AppConfig, 'temporal' | 'payloadKeys'> & Partial<Pick<AppConfig, 'notifications' | 'database'>>;
  connection: NativeConnection;
  dataSource: DataSource;
  /** A prebuilt bundle (tests build it once); otherwise bundled from WORKFLOWS_PATH. */
  workflowBundle?: WorkflowBundleOption;
  /** Overrides the configured task queue (tests use a unique one). */
  taskQueue?: string;
  /** Workflows kept in memory (sticky cache); `config.temporal.maxCachedWorkflows` when unset. */
  maxCachedWorkflows?: number;
}

/** Preloaded unless stack traces are asked for: workflow code then captures none (see the module). */
const STACK_TRACES_OFF_MODULE = require.resolve('../../../workflows/shared/stack-traces-off');

/**
 * Bundles `workflows/` for the worker. The bundler reports its full webpack statistics at info
 * level; they go to debug here so that a normal start stays readable. Without `stackTraces`, workflow
 * code captures no stack traces (`workflows/shared/stack-traces-off.ts`: much less CPU per step).
 */
export function bundleWorkflows(
  logger: Logger = Runtime.instance().logger,
  { stackTraces = false }: { stackTraces?: boolean } = {},
): Promise<WorkflowBundleOption> {
  const quiet: Logger = {
    log: (level, message, meta) => logger.log(level === 'INFO' ? 'DEBUG' : level, message, meta),
    trace: (message, meta) => logger.trace(message, meta),
    debug: (message, meta) => logger.debug(message, meta),
    info: (message, meta) => logger.debug(message, meta),
    warn: (message, meta) => logger.warn(message, meta),
    error: (message, meta) => logger.error(message, meta),
  };
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: quiet,
    preloadModules: stackTraces ? [] : [STACK_TRACES_OFF_MODULE],
  });
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
      workflowBundle ?? (await bundleWorkflows(undefined, { stackTraces: config.temporal.workflowStackTraces })),
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
