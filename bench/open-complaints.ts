/**
 * Benchmark: N open complaints (SOP 000, Kebakkramat) waiting on their baku-mutu timers. Prints the
 * time to start them (each answered with its register number and first step), the worker's
 * resident memory with the chosen sticky-cache size, and the p50/p95/p99 of the `complaints` list
 * and `myInbox` over those rows through GraphQL.
 *
 *   npm run bench:open -- --n 10000 --c 20 --cache 2000
 *
 * Uses TEMPORAL_ADDRESS when set, otherwise starts a local dev server; DATABASE_URL when set,
 * otherwise a scratch database on 127.0.0.1:5432 that is dropped at the end. The worker and the
 * gateway run in this process, so the RSS printed is theirs together.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { createWorker } from '../apps/worker/src/worker';
import { loadConfig, type AppConfig } from '../libs/config/src/config';
import { findSop } from '../libs/domain/src/catalog';
import { createLogger } from '../libs/logging/src/logger';
import { createDataSource } from '../libs/persistence/src/data-source';
import { dropDatabase, prepareDatabase, withDatabase } from '../libs/persistence/src/database';
import { SEARCH_ATTRIBUTES } from '../libs/temporal/src/search-attributes';
import { mintToken } from '../scripts/mint-token';
import { gql } from '../test/support/graphql';

const OFFICE = 'KEBAKKRAMAT';
const SOP = findSop('kebakkramat-aduan')!;
const quiet = createLogger({ level: 'error', write: () => undefined });

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : process.env[`BENCH_${name.toUpperCase()}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

function percentiles(values: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const n = arg('n', 10_000);
  const concurrency = arg('c', 20);
  const cache = arg('cache', 2_000);
  const reads = arg('reads', 200);
  Runtime.install({ logger: quiet });
  const base = loadConfig();
  const config: AppConfig = {
    ...base,
    temporal: { ...base.temporal, taskQueue: `bench-open-${randomUUID()}` },
    gateway: { ...base.gateway, publicRateLimitPerMinute: 1_000_000 },
  };

  let stopServer = async (): Promise<void> => undefined;
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
  }
  const scratch = process.env.DATABASE_URL
    ? undefined
    : withDatabase('postgres://postgres@127.0.0.1:5432/postgres', `aduan_bench_open_${Date.now()}`);
  const databaseUrl = process.env.DATABASE_URL ?? scratch!;
  await prepareDatabase(databaseUrl);
  const dataSource = createDataSource(databaseUrl, { poolSize: 10, applicationName: 'aduan-bench-open' });
  await dataSource.initialize();

  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const worker = await createWorker({ config, connection: nativeConnection, dataSource, maxCachedWorkflows: cache });
  const workerRun = worker.run();
  const app = await createGateway(config, { client, dataSource, logger: quiet, changePollIntervalMs: 0 });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const secret = config.gateway.jwt.secret!;
  const token = (role: string) =>
    mintToken({ sub: `bench-${role}`, name: `Bench ${role}`, roles: [role], office: OFFICE }, secret);
  const loket = token('petugas_loket');

  try {
    let next = 0;
    const rssBefore = process.memoryUsage().rss;
    const startMs = await timedMs(() =>
      Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < n) {
            const index = next;
            next += 1;
            await gql(
              baseUrl,
              'mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { registerNumber } }',
              {
                input: {
                  clientRequestId: randomUUID(),
                  sopId: SOP.id,
                  channel: 'langsung',
                  complainant: { anonymous: false, name: `Warga ${index}` },
                  subject: `Aduan terbuka ${index}`,
                  content: 'Jalan berlubang di depan pasar, mohon segera ditambal.',
                },
              },
              { token: loket },
            );
          }
        }),
      ),
    );
    // Garbage of the start phase is not memory the open complaints hold (npm script runs node --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rssAfter = process.memoryUsage().rss;
    const heapAfter = process.memoryUsage().heapUsed;

    const list: number[] = [];
    const inbox: number[] = [];
    for (let i = 0; i < reads; i += 1) {
      list.push(
        await timedMs(() =>
          gql(baseUrl, 'query { complaints(first: 20) { totalCount edges { node { id } } } }', {}, { token: loket }),
        ),
      );
      inbox.push(
        await timedMs(() =>
          gql(baseUrl, 'query { myInbox(first: 50) { overdue pending { stepKey dueAt } } }', {}, { token: loket }),
        ),
      );
    }
    const fmt = (value: number) => value.toFixed(1).padStart(8);
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    console.log(`\n${n} open complaints (SOP 000), concurrency ${concurrency}, worker sticky cache ${cache}`);
    console.log(`start     ${(startMs / 1000).toFixed(1)} s (${((n * 1000) / startMs).toFixed(1)} complaints/s)`);
    console.log(
      `rss       ${mib(rssBefore)} MiB before, ${mib(rssAfter)} MiB after, JS heap ${mib(heapAfter)} MiB ` +
        '(worker + gateway, one process, after a full GC)',
    );
    console.log(`${'read'.padEnd(10)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}`);
    for (const [label, values] of [
      ['complaints', list],
      ['myInbox', inbox],
    ] as const) {
      const p = percentiles(values);
      console.log(`${label.padEnd(10)}${fmt(p.p50)}${fmt(p.p95)}${fmt(p.p99)}`);
    }
  } finally {
    await app.close();
    worker.shutdown();
    await workerRun;
    await dataSource.destroy();
    await connection.close();
    await nativeConnection.close();
    await stopServer();
    if (scratch) await dropDatabase(scratch);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
