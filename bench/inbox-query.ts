/**
 * Benchmark of the read side alone: N open complaints (plus some closed ones) written into a scratch
 * read model by the projection's own write (`writeComplaintProjection`) from synthetic states that
 * walk the seed SOPs, then the p50/p95/p99 of `myInbox` and `complaints` through the gateway's
 * GraphQL over HTTP. No workflow runs: the inbox and the list read only PostgreSQL, and starting
 * 10,000 workflows takes twenty minutes (`npm run bench:open` measures that whole path).
 *
 *   npm run bench:inbox -- --n 10000 --reads 300 [--explain]
 *
 * Uses DATABASE_URL when set, otherwise a scratch database on 127.0.0.1:5432 dropped at the end.
 * Prints wall-time percentiles and the mean CPU time of this process per read (the gateway runs
 * here; PostgreSQL's own time is not in it). Reads, in turn: the list, the inbox with countdowns (front
 * office and Camat), the inbox as bench:open reads it (no countdown, no label), the inbox as the staff
 * console reads it (labels and countdowns), and `__typename` (what any authenticated request costs,
 * this client's share included). `--explain` also prints `EXPLAIN (ANALYZE, BUFFERS)` of both list queries as the gateway sends them.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { loadConfig } from '../libs/config/src/config';
import { SOP_CATALOG } from '../libs/domain/src/catalog';
import type { ActionRecord, ComplaintState, CompletedStep } from '../libs/domain/src/complaint';
import type { ComplaintEvent, ProjectComplaintInput } from '../libs/domain/src/complaint-events';
import type { SopDefinition } from '../libs/domain/src/sop';
import { sha256Hex } from '../libs/integrity/src/digest';
import { writeComplaintProjection } from '../libs/persistence/src/complaint-row';
import { createDataSource } from '../libs/persistence/src/data-source';
import { dropDatabase, prepareDatabase, withDatabase } from '../libs/persistence/src/database';
import { mintToken } from '../scripts/mint-token';
import { gql } from '../test/support/graphql';
import { arg, percentiles, quietLogger } from './bench-stack';

const HOUR_MS = 3_600_000;
/** Share of the complaints per office: one busy office (the one whose inbox is read), four quieter ones. */
const OFFICE_WEIGHTS: Record<string, number> = {
  KEBAKKRAMAT: 0.6,
  'PPID-KRA': 0.1,
  'DISKOMINFO-KRA': 0.1,
  'SELEMADEG-TIMUR': 0.1,
  PALARAN: 0.1,
};
const READ_OFFICE = 'KEBAKKRAMAT';
/** The front office acts on the first and the last step of SOP 000 (most rows), the Camat on one. */
const READ_ROLES = ['petugas_loket', 'camat'];

/** A small deterministic generator, so two runs fill the same rows. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function newestSops(): SopDefinition[] {
  const newest = new Map<string, SopDefinition>();
  for (const sop of SOP_CATALOG) {
    const known = newest.get(sop.id);
    if (!known || sop.version > known.version) newest.set(sop.id, sop);
  }
  return [...newest.values()];
}

/** A complaint part-way through its SOP: the steps before `stepIndex` done, that one waiting. */
function syntheticProjection(
  sop: SopDefinition,
  index: number,
  random: () => number,
  now: number,
  closed: boolean,
): ProjectComplaintInput {
  const complaintId = randomUUID();
  const stepIndex = closed ? sop.steps.length : Math.floor(random() * random() * sop.steps.length);
  const submittedAt = now - Math.floor(random() * 20 * 24 * HOUR_MS);
  const at = (offsetHours: number) => new Date(submittedAt + offsetHours * HOUR_MS).toISOString();
  const completedSteps: CompletedStep[] = [];
  const actions: ActionRecord[] = [];
  const events: ComplaintEvent[] = [{ seq: 1, type: 'submitted', at: at(0), data: { channel: 'langsung' } }];
  for (const [position, step] of sop.steps.slice(0, stepIndex).entries()) {
    const actor = {
      userId: `u-${step.actorRoles[0]}`,
      name: `Petugas ${step.actorRoles[0]}`,
      role: step.actorRoles[0]!,
    };
    completedSteps.push({
      key: step.key,
      title: step.title,
      action: step.action,
      startedAt: at(position),
      dueAt: at(position + 8),
      completedAt: at(position + 1),
      breached: false,
      outcome: 'selesai',
      by: actor,
    });
    actions.push({
      requestId: randomUUID(),
      stepKey: step.key,
      kind: step.action,
      outcome: 'selesai',
      actor: { ...actor, officeCode: sop.office.code },
      at: at(position + 1),
      input: { kind: 'clarify', findings: `Tindak lanjut langkah ${step.title}: sudah diperiksa dan diteruskan.` },
      via: 'update',
    });
    events.push({ seq: events.length + 1, type: 'step_started', at: at(position), stepKey: step.key, data: {} });
    events.push({ seq: events.length + 1, type: 'action', at: at(position + 1), stepKey: step.key, actor, data: {} });
  }
  const current = closed ? undefined : sop.steps[stepIndex]!;
  // Deadlines from three days overdue to ten days ahead; a few steps have none computed yet.
  const dueAt = random() < 0.05 ? undefined : new Date(now + (random() * 13 - 3) * 24 * HOUR_MS).toISOString();
  if (current)
    events.push({ seq: events.length + 1, type: 'step_started', at: at(stepIndex), stepKey: current.key, data: {} });
  const state: ComplaintState = {
    complaintId,
    registerNumber: `000.8.3.3/${String(index + 1).padStart(5, '0')}/${sop.office.code}/2026`,
    officeCode: sop.office.code,
    sopId: sop.id,
    sopVersion: sop.version,
    channel: 'langsung',
    status: closed ? 'selesai' : random() < 0.03 ? 'tunda' : 'diterima',
    submittedAt: at(0),
    ...(closed ? { closedAt: at(sop.steps.length + 1), closeReason: 'Selesai ditangani' } : {}),
    confidential: false,
    currentSteps: current
      ? [
          {
            key: current.key,
            title: current.title,
            action: current.action,
            actorRoles: [...current.actorRoles],
            bakuMutu: current.bakuMutu,
            startedAt: at(stepIndex),
            ...(dueAt ? { dueAt } : {}),
            breached: dueAt !== undefined && Date.parse(dueAt) < now,
          },
        ]
      : [],
    completedSteps,
    breaches: [],
    actions,
    notes: [],
    supplements: [],
    dispositions: [],
    reopenedCount: 0,
  };
  return {
    workflowId: `complaint-${complaintId}`,
    state,
    summary: {
      subject: `Aduan ${index}: jalan berlubang di depan pasar`,
      contentExcerpt: 'Jalan berlubang di depan pasar membahayakan pengendara, mohon segera ditambal.',
      complainantName: `Warga ${index}`,
      anonymous: false,
      trackingCodeHash: sha256Hex(`TRACK-${index}`),
    },
    events,
  };
}

async function fill(dataSource: DataSource, open: number, closed: number): Promise<void> {
  const random = seededRandom(9);
  const sops = newestSops();
  const now = Date.now();
  const inputs: ProjectComplaintInput[] = [];
  for (let index = 0; index < open + closed; index += 1) {
    let pick = random();
    const office =
      Object.entries(OFFICE_WEIGHTS).find(([, weight]) => (pick -= weight) < 0)?.[0] ?? Object.keys(OFFICE_WEIGHTS)[0]!;
    const candidates = sops.filter((sop) => sop.office.code === office);
    const sop = candidates[Math.floor(random() * candidates.length)]!;
    inputs.push(syntheticProjection(sop, index, random, now, index >= open));
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < inputs.length) {
        const input = inputs[next]!;
        next += 1;
        await writeComplaintProjection(dataSource, input);
      }
    }),
  );
  await dataSource.query('VACUUM ANALYZE complaints');
}

async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The SQL the gateway sends for a GraphQL read, captured from TypeORM's query runner. */
async function explainGatewayQueries(dataSource: DataSource, read: () => Promise<unknown>): Promise<void> {
  const captured: { sql: string; parameters: unknown[] }[] = [];
  const original = dataSource.driver.createQueryRunner.bind(dataSource.driver);
  dataSource.driver.createQueryRunner = (mode) => {
    const runner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, parameters?: unknown[], ...rest: unknown[]) => {
      if (/^\s*SELECT/i.test(sql) && /"?complaints"?/.test(sql)) captured.push({ sql, parameters: parameters ?? [] });
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, parameters, ...rest);
    }) as typeof runner.query;
    return runner;
  };
  try {
    await read();
  } finally {
    dataSource.driver.createQueryRunner = original;
  }
  for (const { sql, parameters } of captured) {
    const plan: { 'QUERY PLAN': string }[] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
    console.log(`\n${sql}\n${plan.map((line) => line['QUERY PLAN']).join('\n')}`);
  }
}

async function main(): Promise<void> {
  const open = arg('n', 10_000);
  const closed = arg('closed', Math.max(1, Math.floor(open / 5)));
  const reads = arg('reads', 300);
  const config = loadConfig();
  const scratch = process.env.DATABASE_URL
    ? undefined
    : withDatabase('postgres://postgres@127.0.0.1:5432/postgres', `aduan_bench_inbox_${Date.now()}`);
  const databaseUrl = process.env.DATABASE_URL ?? scratch!;
  await prepareDatabase(databaseUrl);
  const dataSource = createDataSource(databaseUrl, { poolSize: 10, applicationName: 'aduan-bench-inbox' });
  await dataSource.initialize();
  // The inbox and the list never call Temporal; a lazy connection is never opened.
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await createGateway(config, { client, dataSource, logger: quietLogger, changePollIntervalMs: 0 });
  try {
    const fillMs = await timedMs(() => fill(dataSource, open, closed));
    await app.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const secret = config.gateway.jwt.secret!;
    // Minted once per role: signing is the client's cost, not the read's.
    const tokens = new Map(
      READ_ROLES.map((role) => [
        role,
        mintToken({ sub: `bench-${role}`, name: `Bench ${role}`, roles: [role], office: READ_OFFICE }, secret),
      ]),
    );
    const token = (role: string) => tokens.get(role)!;
    const listQuery = 'query { complaints(first: 20) { totalCount edges { node { id subject dueAt } } } }';
    const inboxQuery =
      'query { myInbox(first: 50) { overdue complaint { id subject } pending { stepKey title dueAt countdown { workingMinutesLeft } } } }';
    // What bench:open reads (no countdown, no label), and what the staff console reads (web/src/console/inbox.tsx).
    const bareInboxQuery = 'query { myInbox(first: 50) { overdue pending { stepKey dueAt } } }';
    const officeTimeFields = '{ at local zone }';
    const consoleInboxQuery = `query { myInbox { overdue
      complaint { id registerNumber subject statusLabel submittedAtOffice ${officeTimeFields} }
      pending { stepKey title dueAtOffice ${officeTimeFields}
        countdown { at workingMinutesLeft officeOpen changesAt changesAtOffice ${officeTimeFields} } overdue } } }`;
    // The fixed cost of any authenticated request (HTTP, token, Apollo, this client).
    const floorQuery = 'query { __typename }';
    const [counts] = (await dataSource.query(
      `SELECT count(*) FILTER (WHERE office_code = $1 AND status = 'diterima')::int AS office,
              count(*) FILTER (WHERE office_code = $1 AND status = 'diterima' AND current_actor_roles && $2)::int AS loket,
              count(*) FILTER (WHERE office_code = $1 AND status = 'diterima' AND current_actor_roles && $3)::int AS camat
         FROM complaints`,
      [READ_OFFICE, ['petugas_loket'], ['camat']],
    )) as { office: number; loket: number; camat: number }[];
    if (process.argv.includes('--explain')) {
      for (const role of READ_ROLES) {
        await explainGatewayQueries(dataSource, () => gql(baseUrl, inboxQuery, {}, { token: token(role) }));
      }
      await explainGatewayQueries(dataSource, () => gql(baseUrl, listQuery, {}, { token: token('petugas_loket') }));
    }
    const timings = new Map<string, number[]>();
    // CPU time of this process (gateway and client) per read: steadier than wall time on a shared machine.
    const cpuMs = new Map<string, number>();
    const measure = async (label: string, query: string, role: string) => {
      const values = timings.get(label) ?? [];
      const cpu = process.cpuUsage();
      values.push(await timedMs(() => gql(baseUrl, query, {}, { token: token(role) })));
      const used = process.cpuUsage(cpu);
      cpuMs.set(label, (cpuMs.get(label) ?? 0) + (used.user + used.system) / 1000);
      timings.set(label, values);
    };
    for (let i = 0; i < 20; i += 1) await measure('warm-up', inboxQuery, 'petugas_loket');
    timings.delete('warm-up');
    cpuMs.delete('warm-up');
    for (let i = 0; i < reads; i += 1) {
      await measure('complaints', listQuery, 'petugas_loket');
      await measure('myInbox petugas_loket', inboxQuery, 'petugas_loket');
      await measure('myInbox camat', inboxQuery, 'camat');
      await measure('myInbox loket, bare', bareInboxQuery, 'petugas_loket');
      await measure('myInbox loket, console', consoleInboxQuery, 'petugas_loket');
      await measure('floor (__typename)', floorQuery, 'petugas_loket');
    }
    console.log(
      `\n${open} open + ${closed} closed complaints over ${Object.keys(OFFICE_WEIGHTS).length} offices ` +
        `(written in ${(fillMs / 1000).toFixed(1)} s); ${READ_OFFICE}: ${counts!.office} in progress, ` +
        `${counts!.loket} waiting for petugas_loket, ${counts!.camat} for camat; ${reads} reads each, in turn`,
    );
    const fmt = (value: number) => value.toFixed(1).padStart(8);
    console.log(
      `${'read'.padEnd(26)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'cpu ms'.padStart(8)}`,
    );
    for (const [label, values] of timings) {
      const p = percentiles(values);
      const cpu = cpuMs.get(label)! / values.length;
      console.log(`${label.padEnd(26)}${fmt(p.p50)}${fmt(p.p95)}${fmt(p.p99)}${fmt(cpu)}`);
    }
  } finally {
    await app.close();
    await dataSource.destroy();
    if (scratch) await dropDatabase(scratch);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
