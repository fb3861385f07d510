/**
 * The complaint worker alone, as a child process of a benchmark, so that the worker's memory is
 * measured apart from the gateway's (bench:open). Configured by the environment the parent passes
 * (TEMPORAL_ADDRESS, DATABASE_URL, TEMPORAL_TASK_QUEUE, TEMPORAL_MAX_CACHED_WORKFLOWS). Over IPC it
 * says `ready`, answers `memory` with its memory after a full GC of its main heap, and ends on `stop`.
 */
import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createWorker } from '../apps/worker/src/worker';
import { loadConfig } from '../libs/config/src/config';
import { createLogger } from '../libs/logging/src/logger';
import { createDataSource } from '../libs/persistence/src/data-source';

export interface WorkerMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  cachedWorkflows: number;
}

export type WorkerProcessMessage = { type: 'ready' } | { type: 'memory'; memory: WorkerMemory };

async function main(): Promise<void> {
  // Not bench-stack's logger: importing that module would load the gateway into the worker's memory.
  Runtime.install({ logger: createLogger({ level: 'error', write: () => undefined }) });
  const config = loadConfig();
  const send = (message: WorkerProcessMessage) => process.send!(message);
  const dataSource = createDataSource(config.database.url, { poolSize: 10, applicationName: 'aduan-bench-worker' });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address! });
  const worker = await createWorker({ config, connection, dataSource });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') worker.shutdown();
    if (message.type === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      send({
        type: 'memory',
        memory: { rss, heapUsed, heapTotal, external, cachedWorkflows: worker.getStatus().numCachedWorkflows },
      });
    }
  });
  const running = worker.run();
  send({ type: 'ready' });
  await running;
  await dataSource.destroy();
  await connection.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
