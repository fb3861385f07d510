/**
 * Benchmark: N complaints through every step of SOP 000 (Kebakkramat: verify → disposisi → draft
 * answer → deliver) over GraphQL at concurrency C, then the same through the raw Temporal client,
 * against the same Temporal server, worker and PostgreSQL in the same run, and Temporal's floor: a
 * bare workflow answering a no-op Update per step (bench/floor.workflow.ts), same concurrency; and
 * the design's floor: the same with what DESIGN asks of Temporal per step (a local activity, the
 * baku-mutu timer, the search attributes that change). Prints p50/p95/p99 per operation and the
 * ratios to both floors (the targets are set against the bare one).
 *
 *   npm run bench -- --n 100 --c 10
 *
 * Uses TEMPORAL_ADDRESS when set, otherwise starts a local dev server; DATABASE_URL when set,
 * otherwise a scratch database on 127.0.0.1:5432 that is dropped at the end.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { complaintIdFor, trackingCodeFor } from '../apps/gateway/src/complaints/services/complaint-identity';
import { sha256Hex } from '../libs/integrity/src/digest';
import type { AppConfig } from '../libs/config/src/config';
import { findSop } from '../libs/domain/src/catalog';
import { submissionSchema, type ActionInput, type ActionRequest } from '../libs/domain/src/complaint';
import { dataConverterOf } from '../libs/temporal/src/payload-codec';
import { gql } from '../test/support/graphql';
import {
  actUpdate,
  COMPLAINT_WORKFLOW_TYPE,
  complaintWorkflowId,
  submitUpdate,
  type ComplaintUpdateResult,
  type ComplaintWorkflowInput,
} from '../workflows/complaint/complaint.messages';
import { ActionRequestLedger } from '../apps/gateway/src/complaints/services/action-request-ledger.service';
import { ComplaintCommandsService } from '../apps/gateway/src/complaints/services/complaint-commands.service';
import { arg, percentiles, startBenchStack, type BenchStack } from './bench-stack';
import { designFloorActivities, noopUpdate } from './floor.workflow';

const OFFICE = 'KEBAKKRAMAT';
const SOP = findSop('kebakkramat-aduan')!;

type Timings = Map<string, number[]>;

async function timed<T>(timings: Timings, operation: string, work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  try {
    return await work();
  } finally {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const list = timings.get(operation) ?? [];
    list.push(ms);
    timings.set(operation, list);
  }
}

async function runPool(n: number, concurrency: number, work: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const index = next;
        next += 1;
        await work(index);
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function submissionFor(index: number) {
  return {
    channel: 'langsung' as const,
    complainant: { anonymous: false, name: `Warga ${index}` },
    subject: `Aduan bench ${index}`,
    content: 'Jalan berlubang di depan pasar, mohon segera ditambal.',
  };
}

const STEPS: {
  operation: string;
  role: string;
  action: ActionInput;
  mutation: string;
  input: Record<string, unknown>;
}[] = [
  {
    operation: 'verify',
    role: 'petugas_loket',
    action: { kind: 'verify', outcome: 'accepted' },
    mutation: 'verifyComplaint(input: $input) { status }',
    input: { outcome: 'accepted' },
  },
  {
    operation: 'dispose',
    role: 'camat',
    action: { kind: 'dispose', toUnit: 'Seksi Trantib', instructions: 'Segera tindak lanjuti.' },
    mutation: 'disposeComplaint(input: $input) { status }',
    input: { toUnit: 'Seksi Trantib', instructions: 'Segera tindak lanjuti.' },
  },
  {
    operation: 'draft_answer',
    role: 'kasi_kasubbag',
    action: { kind: 'draft_answer', answer: 'Jalan akan ditambal minggu ini.' },
    mutation: 'draftComplaintAnswer(input: $input) { status }',
    input: { answer: 'Jalan akan ditambal minggu ini.' },
  },
  {
    operation: 'deliver',
    role: 'petugas_loket',
    action: { kind: 'deliver', channel: 'langsung', receipt: 'Diterima langsung' },
    mutation: 'deliverComplaintAnswer(input: $input) { status }',
    input: { channel: 'langsung', receipt: 'Diterima langsung' },
  },
];
const INPUT_TYPES: Record<string, string> = {
  verify: 'VerifyComplaintInput',
  dispose: 'DisposeComplaintInput',
  draft_answer: 'DraftComplaintAnswerInput',
  deliver: 'DeliverComplaintAnswerInput',
};

async function main(): Promise<void> {
  const n = arg('n', 50);
  const concurrency = arg('c', 10);
  const stack = await startBenchStack('bench');
  const { config, client, nativeConnection, baseUrl } = stack;
  const floorQueue = `bench-floor-${randomUUID()}`;
  const floorWorker = await Worker.create({
    connection: nativeConnection,
    taskQueue: floorQueue,
    workflowsPath: require.resolve('./floor.workflow'),
    activities: designFloorActivities,
    // The client encrypts every payload: the floor pays for the same codec as the complaint worker.
    dataConverter: dataConverterOf(config),
  });
  const floorRun = floorWorker.run();
  const secret = config.gateway.jwt.secret!;
  const tokens = Object.fromEntries(
    ['petugas_loket', 'camat', 'kasi_kasubbag'].map((role) => [role, stack.token(role, OFFICE)]),
  );

  try {
    // Warm-up: one complaint each way, not measured (bundle, caches, connections).
    await graphqlRun(baseUrl, tokens, new Map(), -1);
    await clientRun(client, config, secret, new Map(), -1);
    await floorOnce(client, floorQueue, 'floorWorkflow', new Map());
    await floorOnce(client, floorQueue, 'designFloorWorkflow', new Map());

    const cpu: CpuPerWorkflow[] = [];
    const floorTimings: Timings = new Map();
    const floorMs = await withCpu(stack, 'floor', n, cpu, () =>
      runPool(n, concurrency, () => floorOnce(client, floorQueue, 'floorWorkflow', floorTimings)),
    );
    const designFloorTimings: Timings = new Map();
    const designFloorMs = await withCpu(stack, 'design', n, cpu, () =>
      runPool(n, concurrency, () => floorOnce(client, floorQueue, 'designFloorWorkflow', designFloorTimings)),
    );

    const gatewayTimings: Timings = new Map();
    const phaseTimings: Timings = new Map();
    const phases = instrumentPhases(stack, phaseTimings);
    const gatewayMs = await withCpu(stack, 'graphql', n, cpu, () =>
      runPool(n, concurrency, (index) => graphqlRun(baseUrl, tokens, gatewayTimings, index)),
    );
    phases.stop();
    const clientTimings: Timings = new Map();
    const clientMs = await withCpu(stack, 'client', n, cpu, () =>
      runPool(n, concurrency, (index) => clientRun(client, config, secret, clientTimings, index)),
    );

    report(n, concurrency, gatewayMs, gatewayTimings, clientMs, clientTimings);
    reportFloor('floor', n, floorMs, floorTimings, gatewayMs, gatewayTimings);
    reportFloor('design', n, designFloorMs, designFloorTimings, gatewayMs, gatewayTimings);
    reportPhases(phaseTimings);
    reportCpu(cpu);
  } finally {
    floorWorker.shutdown();
    await floorRun;
    await stack.stop();
  }
}

async function graphqlRun(
  baseUrl: string,
  tokens: Record<string, string>,
  timings: Timings,
  index: number,
): Promise<void> {
  const submitted = await timed(timings, 'submit', () =>
    gql<{ submitComplaint: { complaintId: string; registerNumber: string | null } }>(
      baseUrl,
      'mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { complaintId registerNumber } }',
      { input: { clientRequestId: randomUUID(), sopId: SOP.id, ...submissionFor(index) } },
      { token: tokens.petugas_loket },
    ),
  );
  const { complaintId, registerNumber } = submitted.submitComplaint;
  if (!registerNumber) throw new Error('no register number');
  for (const step of STEPS) {
    await timed(timings, step.operation, () =>
      gql(
        baseUrl,
        `mutation($input: ${INPUT_TYPES[step.operation]}!) { ${step.mutation} }`,
        { input: { complaintId, ...step.input } },
        { token: tokens[step.role] },
      ),
    );
  }
}

async function clientRun(
  client: Client,
  config: AppConfig,
  secret: string,
  timings: Timings,
  index: number,
): Promise<void> {
  const complaintId = complaintIdFor(OFFICE, randomUUID());
  const submissionDigest = sha256Hex(`bench/${complaintId}`);
  const handle = await timed(timings, 'submit', async () => {
    const input: ComplaintWorkflowInput = {
      complaintId,
      sop: SOP,
      submission: submissionSchema.parse(submissionFor(index)),
      trackingCodeHash: sha256Hex(trackingCodeFor(secret, complaintId)),
      submittedBy: { userId: 'bench-petugas_loket', name: 'Bench petugas_loket', role: 'petugas_loket' },
      submissionDigest,
    };
    // Same contract as the gateway: one Update-With-Start that answers with the register number.
    const start = new WithStartWorkflowOperation(COMPLAINT_WORKFLOW_TYPE, {
      workflowId: complaintWorkflowId(complaintId),
      taskQueue: config.temporal.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    const submitted = await client.workflow.executeUpdateWithStart(submitUpdate, {
      args: [{ submissionDigest }],
      startWorkflowOperation: start,
    });
    if (!submitted.registerNumber) throw new Error('no register number');
    return start.workflowHandle();
  });
  let state: ComplaintUpdateResult | undefined;
  for (const step of STEPS) {
    const stepKey = { verify: 'receive', dispose: 'dispose', draft_answer: 'clarify_answer', deliver: 'deliver' }[
      step.operation
    ]!;
    const request: ActionRequest = {
      requestId: randomUUID(),
      actor: {
        userId: `bench-${step.role}`,
        name: `Bench ${step.role}`,
        role: step.role as ActionRequest['actor']['role'],
        officeCode: OFFICE,
      },
      stepKey,
      action: step.action,
    };
    state = await timed(timings, step.operation, () =>
      handle.executeUpdate(actUpdate, { args: [request], updateId: request.requestId }),
    );
  }
  if (state?.status !== 'dijawab') throw new Error(`complaint ended in ${state?.status}`);
}

function report(
  n: number,
  concurrency: number,
  gatewayMs: number,
  gateway: Timings,
  clientMs: number,
  direct: Timings,
): void {
  const operations = ['submit', ...STEPS.map((step) => step.operation)];
  const row = (label: string, timings: Timings, operation: string) => {
    return { label, operation, ...percentiles(timings.get(operation) ?? []) };
  };
  const fmt = (value: number) => value.toFixed(1).padStart(8);
  console.log(`\nSOP 000 (${SOP.id}): ${n} complaints × ${operations.length} operations, concurrency ${concurrency}\n`);
  console.log(
    `${'path'.padEnd(9)}${'operation'.padEnd(14)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}`,
  );
  for (const operation of operations) {
    for (const [label, timings] of [
      ['graphql', gateway],
      ['client', direct],
    ] as const) {
      const r = row(label, timings, operation);
      console.log(`${r.label.padEnd(9)}${r.operation.padEnd(14)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.p99)}`);
    }
  }
  const gatewayRate = (n * 1000) / gatewayMs;
  const clientRate = (n * 1000) / clientMs;
  console.log(
    `\nthroughput  graphql ${gatewayRate.toFixed(2)} complaints/s (${(gatewayRate * operations.length).toFixed(1)} ops/s)` +
      `  client ${clientRate.toFixed(2)} complaints/s (${(clientRate * operations.length).toFixed(1)} ops/s)`,
  );
  console.log(`ratio       graphql/client throughput ${(gatewayRate / clientRate).toFixed(2)}`);
  for (const operation of operations) {
    const g = row('graphql', gateway, operation).p50;
    const c = row('client', direct, operation).p50;
    console.log(`            ${operation.padEnd(14)} p50 graphql/client ${(g / c).toFixed(2)}`);
  }
}

/**
 * Where a GraphQL action spends its time: wraps the gateway's ledger, its pre-check and read-back
 * and the Temporal calls for the GraphQL run only (a breakdown for the reader, no assertion).
 * Methods a version of the gateway does not have are skipped.
 */
function instrumentPhases(stack: BenchStack, timings: Timings): { stop(): void } {
  const restores: (() => void)[] = [];
  const wrap = (target: object, method: string, label: string, onResult?: (result: unknown) => unknown): void => {
    const holder = target as Record<string, unknown>;
    const original = holder[method];
    if (typeof original !== 'function') return;
    const own = Object.prototype.hasOwnProperty.call(holder, method);
    holder[method] = function (this: unknown, ...args: unknown[]) {
      const result = timed(timings, label, () =>
        Promise.resolve((original as (...a: unknown[]) => unknown).apply(this, args)),
      );
      return onResult ? result.then(onResult) : result;
    };
    restores.push(() => (own ? (holder[method] = original) : delete holder[method]));
  };
  const ledger = stack.app.get(ActionRequestLedger);
  const ledgerMethods = ['prior', 'priorWithComplaint', 'claim', 'complete', 'completeWithSettledState'];
  for (const method of ledgerMethods) wrap(ledger, method, `ledger.${method}`);
  const commands = stack.app.get(ComplaintCommandsService);
  for (const method of ['preflight', 'state', 'settledState']) wrap(commands, method, `commands.${method}`);
  wrap(stack.client.workflow, 'executeUpdateWithStart', 'temporal update-with-start');
  const getHandle = stack.client.workflow.getHandle.bind(stack.client.workflow);
  stack.client.workflow.getHandle = ((...args: Parameters<typeof getHandle>) => {
    const handle = getHandle(...args);
    wrap(handle, 'executeUpdate', 'temporal update');
    return handle;
  }) as typeof getHandle;
  restores.push(() => (stack.client.workflow.getHandle = getHandle));
  return { stop: () => restores.reverse().forEach((restore) => restore()) };
}

function reportPhases(phases: Timings): void {
  const fmt = (value: number) => value.toFixed(1).padStart(8);
  console.log('\ngraphql run, time per gateway phase (all operations; count, p50, p95, mean ms)');
  for (const [label, values] of [...phases].sort(([a], [b]) => a.localeCompare(b))) {
    const p = percentiles(values);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    console.log(`${label.padEnd(30)}${String(values.length).padStart(6)}${fmt(p.p50)}${fmt(p.p95)}${fmt(mean)}`);
  }
}

interface CpuPerWorkflow {
  label: string;
  /** ms of CPU per workflow (complaint or floor workflow): this process, and the Temporal dev server. */
  bench: number;
  server?: number;
}

/** Runs one measured pool and notes the CPU it took per workflow (steadier than wall time on a shared machine). */
async function withCpu(
  stack: BenchStack,
  label: string,
  n: number,
  into: CpuPerWorkflow[],
  run: () => Promise<number>,
): Promise<number> {
  const before = stack.cpuMs();
  const wallMs = await run();
  const after = stack.cpuMs();
  const server =
    before.server === undefined || after.server === undefined ? undefined : (after.server - before.server) / n;
  into.push({ label, bench: (after.bench - before.bench) / n, ...(server === undefined ? {} : { server }) });
  return wallMs;
}

function reportCpu(cpu: CpuPerWorkflow[]): void {
  console.log('\nCPU per workflow (ms; bench process = gateway + worker + client; server = Temporal dev server)');
  for (const { label, bench, server } of cpu) {
    const serverText = server === undefined ? 'n/a' : server.toFixed(1);
    console.log(`${label.padEnd(9)}bench ${bench.toFixed(1).padStart(7)}  server ${serverText.padStart(7)}`);
  }
  const graphql = cpu.find((entry) => entry.label === 'graphql');
  for (const label of ['floor', 'design']) {
    const floor = cpu.find((entry) => entry.label === label);
    if (floor && graphql && floor.server !== undefined && graphql.server !== undefined) {
      const ratio = (graphql.bench + graphql.server) / (floor.bench + floor.server);
      console.log(
        `graphql complaint / ${label === 'floor' ? 'bare' : 'design'} floor workflow, CPU`.padEnd(50) +
          ratio.toFixed(2),
      );
    }
  }
}

/** A floor workflow: start + Update in one call (like submit), then one Update per step. */
async function floorOnce(
  client: Client,
  taskQueue: string,
  workflowType: 'floorWorkflow' | 'designFloorWorkflow',
  timings: Timings,
): Promise<void> {
  const start = new WithStartWorkflowOperation(workflowType, {
    workflowId: `floor-${randomUUID()}`,
    taskQueue,
    args: [STEPS.length + 1],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await timed(timings, 'start+update', () =>
    client.workflow.executeUpdateWithStart(noopUpdate, { startWorkflowOperation: start }),
  );
  const handle = await start.workflowHandle();
  for (let step = 0; step < STEPS.length; step += 1) {
    await timed(timings, 'update', () => handle.executeUpdate(noopUpdate));
  }
  await handle.result();
}

function reportFloor(
  label: 'floor' | 'design',
  n: number,
  floorMs: number,
  floor: Timings,
  gatewayMs: number,
  gateway: Timings,
): void {
  const fmt = (value: number) => value.toFixed(1).padStart(8);
  const floorRate = (n * 1000) / floorMs;
  console.log(
    label === 'floor'
      ? '\nfloor (bare workflow, no-op Update, same server and concurrency)'
      : "\ndesign floor (the same, plus DESIGN's per-step local activity, baku-mutu timer and search attributes)",
  );
  for (const operation of ['start+update', 'update']) {
    const s = percentiles(floor.get(operation) ?? []);
    console.log(`${label.padEnd(9)}${operation.padEnd(14)}${fmt(s.p50)}${fmt(s.p95)}${fmt(s.p99)}`);
  }
  console.log(`${label.padEnd(9)}${floorRate.toFixed(2)} workflows/s`);
  const update = percentiles(floor.get('update') ?? []);
  const startUpdate = percentiles(floor.get('start+update') ?? []);
  const steps = percentiles(STEPS.flatMap((step) => gateway.get(step.operation) ?? []));
  const submit = percentiles(gateway.get('submit') ?? []);
  const gatewayRate = (n * 1000) / gatewayMs;
  console.log(
    label === 'floor'
      ? '\nratios to the floor (targets: step p50 <= 2, step p99 <= 3, submit p50 <= 2, complaints/s >= 0.5)'
      : '\nratios to the design floor (for the reader; the targets are set against the bare floor)',
  );
  console.log(`graphql step p50 / ${label} update p50`.padEnd(44) + (steps.p50 / update.p50).toFixed(2));
  console.log(`graphql step p99 / ${label} update p99`.padEnd(44) + (steps.p99 / update.p99).toFixed(2));
  console.log(`graphql submit p50 / ${label} start+update`.padEnd(44) + (submit.p50 / startUpdate.p50).toFixed(2));
  console.log(`complaints/s / ${label} workflows/s`.padEnd(44) + (gatewayRate / floorRate).toFixed(2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
