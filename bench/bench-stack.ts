/**
 * What every benchmark starts: a Temporal server (TEMPORAL_ADDRESS, or a local dev server), a
 * PostgreSQL database (DATABASE_URL, or a scratch database on 127.0.0.1:5432 dropped at the end),
 * the complaint worker and the gateway in this process, with the payload codec the product uses.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { createWorker } from '../apps/worker/src/worker';
import { loadConfig, type AppConfig } from '../libs/config/src/config';
import { createLogger } from '../libs/logging/src/logger';
import { createDataSource } from '../libs/persistence/src/data-source';
import { dropDatabase, prepareDatabase, withDatabase } from '../libs/persistence/src/database';
import { dataConverterOf } from '../libs/temporal/src/payload-codec';
import { SEARCH_ATTRIBUTES } from '../libs/temporal/src/search-attributes';
import { mintToken } from '../scripts/mint-token';
import { processesMatching } from '../test/support/processes';
import type { WorkerMemory, WorkerProcessMessage } from './worker-process';

export const quietLogger = createLogger({ level: 'error', write: () => undefined });

/** A positive integer option: `--name N`, else BENCH_NAME, else the fallback. */
export function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : process.env[`BENCH_${name.toUpperCase()}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** Nearest-rank p50/p95/p99 of the values in milliseconds (NaN when there are none). */
export function percentiles(values: readonly number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted.length === 0
      ? NaN
      : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

function nextMessage(child: ChildProcess, type: WorkerProcessMessage['type']): Promise<WorkerProcessMessage> {
  return new Promise((resolve) => {
    const listener = (message: WorkerProcessMessage) => {
      if (message.type !== type) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });
}

export interface BenchStack {
  config: AppConfig;
  client: Client;
  nativeConnection: NativeConnection;
  dataSource: DataSource;
  app: INestApplication;
  baseUrl: string;
  /** A staff token of the office for the role. */
  token(role: string, office: string): string;
  /** The worker's memory, when it runs in its own process (`workerProcess`). */
  workerMemory(): Promise<WorkerMemory | undefined>;
  /**
   * CPU time used so far, in ms: this process (every thread: gateway, worker, workflow thread, V8's
   * helpers, the client) and the local Temporal dev server (undefined with TEMPORAL_ADDRESS).
   */
  cpuMs(): { bench: number; server?: number };
  stop(): Promise<void>;
}

export async function startBenchStack(
  name: string,
  options: {
    maxCachedWorkflows?: number;
    /** Run the worker in a child process (its memory measured apart). */
    workerProcess?: boolean;
    /** `--max-old-space-size` of that child process. */
    workerHeapMiB?: number;
  } = {},
): Promise<BenchStack> {
  Runtime.install({ logger: quietLogger });
  const base = loadConfig();
  const config: AppConfig = {
    ...base,
    temporal: { ...base.temporal, taskQueue: `${name}-${randomUUID()}` },
    gateway: { ...base.gateway, publicRateLimitPerMinute: 1_000_000 },
  };

  let stopServer = async (): Promise<void> => undefined;
  let serverPid: number | undefined;
  let address = config.temporal.address;
  if (!address) {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: config.temporal.cliPath },
        ip: '127.0.0.1',
        searchAttributes: Object.values(SEARCH_ATTRIBUTES),
        extraArgs: ['--log-level', 'error'],
      },
    });
    address = env.address;
    stopServer = () => env.teardown();
    serverPid = processesMatching(`start-dev --port ${address.split(':').at(-1)!} `)[0];
  }

  const scratch = process.env.DATABASE_URL
    ? undefined
    : withDatabase('postgres://postgres@127.0.0.1:5432/postgres', `aduan_${name.replace(/\W/g, '_')}_${Date.now()}`);
  const databaseUrl = process.env.DATABASE_URL ?? scratch!;
  await prepareDatabase(databaseUrl);
  const dataSource = createDataSource(databaseUrl, { poolSize: 10, applicationName: `aduan-${name}` });
  await dataSource.initialize();

  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: dataConverterOf(config),
  });
  let worker: Worker | undefined;
  let workerRun: Promise<void> = Promise.resolve();
  let workerChild: ChildProcess | undefined;
  if (options.workerProcess) {
    workerChild = fork(require.resolve('./worker-process'), [], {
      execArgv: [
        // V8 flags hold for every isolate of the process, the workflow thread's included.
        ...(options.workerHeapMiB ? [`--max-old-space-size=${options.workerHeapMiB}`] : []),
        '--expose-gc',
        '-r',
        'ts-node/register/transpile-only',
      ],
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: address,
        DATABASE_URL: databaseUrl,
        TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
        ...(options.maxCachedWorkflows ? { TEMPORAL_MAX_CACHED_WORKFLOWS: String(options.maxCachedWorkflows) } : {}),
      },
    });
    const exited = once(workerChild, 'exit');
    void exited.then(([code, signal]) => {
      if (code !== 0) console.error(`bench worker exited with ${String(code ?? signal)}`);
    });
    workerRun = exited.then(() => undefined);
    await Promise.race([
      nextMessage(workerChild, 'ready'),
      exited.then(([code]) => Promise.reject(new Error(`bench worker exited with ${String(code)}`))),
    ]);
  } else {
    worker = await createWorker({
      config,
      connection: nativeConnection,
      dataSource,
      ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    });
    workerRun = worker.run();
  }
  const app = await createGateway(config, { client, dataSource, logger: quietLogger, changePollIntervalMs: 0 });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const secret = config.gateway.jwt.secret!;

  return {
    config,
    client,
    nativeConnection,
    dataSource,
    app,
    baseUrl,
    token: (role, office) => mintToken({ sub: `bench-${role}`, name: `Bench ${role}`, roles: [role], office }, secret),
    async workerMemory() {
      if (!workerChild) return undefined;
      const answer = nextMessage(workerChild, 'memory');
      workerChild.send({ type: 'memory' });
      const message = await answer;
      return message.type === 'memory' ? message.memory : undefined;
    },
    cpuMs() {
      const { user, system } = process.cpuUsage();
      return { bench: (user + system) / 1000, server: serverPid === undefined ? undefined : processCpuMs(serverPid) };
    },
    async stop() {
      await app.close();
      worker?.shutdown();
      workerChild?.send({ type: 'stop' });
      await workerRun;
      await dataSource.destroy();
      await connection.close();
      await nativeConnection.close();
      await stopServer();
      if (scratch) await dropDatabase(scratch);
    },
  };
}

/** User + system CPU time of a process in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
