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
import { randomUUID } from 'node:crypto';
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
  const cache = arg('cache', 2_000);
  const reads = arg('reads', 200);
  const stack = await startBenchStack('bench-open', { maxCachedWorkflows: cache });
  const { baseUrl } = stack;
  const loket = stack.token('petugas_loket', OFFICE);

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
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
