/**
 * Benchmark: N open complaints (SOP 000, Kebakkramat) waiting on their baku-mutu timers. Prints the
 * time to start them (each answered with its register number and first step), the resident memory
 * of the worker (its own process, with the chosen sticky-cache size) and of the gateway (this
 * process) apart, and the p50/p95/p99 of the `complaints` list and `myInbox` over those rows
 * through GraphQL.
 *
 *   npm run bench:open -- --n 10000 --c 20 --cache 200 [--worker-heap 512]
 *
 * Uses TEMPORAL_ADDRESS when set, otherwise starts a local dev server; DATABASE_URL when set,
 * otherwise a scratch database on 127.0.0.1:5432 that is dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../libs/config/src/config';
import { findSop } from '../libs/domain/src/catalog';
import { gql } from '../test/support/graphql';
import { arg, percentiles, startBenchStack } from './bench-stack';

const OFFICE = 'KEBAKKRAMAT';
const SOP = findSop('kebakkramat-aduan')!;
async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const n = arg('n', 10_000);
  const concurrency = arg('c', 20);
  const cache = arg('cache', loadConfig().temporal.maxCachedWorkflows);
  const reads = arg('reads', 200);
  const workerHeapMiB = process.argv.includes('--worker-heap') ? arg('worker-heap', 1) : undefined;
  const stack = await startBenchStack('bench-open', { maxCachedWorkflows: cache, workerProcess: true, workerHeapMiB });
  const { baseUrl } = stack;
  const loket = stack.token('petugas_loket', OFFICE);

  try {
    let next = 0;
    const workerBefore = (await stack.workerMemory())!;
    const gatewayBefore = process.memoryUsage();
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
    const gatewayAfter = process.memoryUsage();
    const workerAfter = (await stack.workerMemory())!;

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
    console.log(
      `\n${n} open complaints (SOP 000), concurrency ${concurrency}, worker sticky cache ${cache}, ` +
        `worker heap limit ${workerHeapMiB ? `${workerHeapMiB} MiB` : 'V8 default'}`,
    );
    console.log(`start     ${(startMs / 1000).toFixed(1)} s (${((n * 1000) / startMs).toFixed(1)} complaints/s)`);
    // The worker's main heap holds activities and the SDK's JS side; the workflow thread's heap (the
    // cached workflows) and the SDK core are the rest of its RSS.
    console.log(
      `worker    rss ${mib(workerBefore.rss)} → ${mib(workerAfter.rss)} MiB, main JS heap ` +
        `${mib(workerBefore.heapUsed)} → ${mib(workerAfter.heapUsed)} MiB, external ${mib(workerAfter.external)} MiB, ` +
        `outside the main heap ${mib(workerAfter.rss - workerAfter.heapTotal)} MiB, ` +
        `${workerAfter.cachedWorkflows} workflows cached`,
    );
    console.log(
      `gateway   rss ${mib(gatewayBefore.rss)} → ${mib(gatewayAfter.rss)} MiB, JS heap ` +
        `${mib(gatewayBefore.heapUsed)} → ${mib(gatewayAfter.heapUsed)} MiB (this process, after a full GC)`,
    );
    console.log(`${'read'.padEnd(10)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}`);
    for (const [label, values] of [
      ['complaints', list],
      ['myInbox', inbox],
    ] as const) {
      const p = percentiles(values);
      console.log(`${label.padEnd(10)}${fmt(p.p50)}${fmt(p.p95)}${fmt(p.p99)}`);
    }
  } catch (error) {
    // Printed before the stack stops: stopping may itself fail once the run is broken.
    console.error(error);
    throw error;
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
