/**
 * Audit against real services: a Temporal dev server, the real worker (workflows + activities) and
 * PostgreSQL. Timelines come from the histories alone; exports are verified; a non-deterministic
 * change of the workflow is caught by replay; the read model is rebuilt from the histories.
 */
import { writeNonDeterministicWorkflows } from '../support/nondeterministic-workflow';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  driftCommand,
  exportToFile,
  rebuildCommand,
  replayCommand,
  timelineOf,
  verifyFile,
  type CliDeps,
} from '../../apps/cli/src/commands';
import { AuditRefusalService } from '../../apps/gateway/src/audit/services/audit-refusal.service';
import { createWorker } from '../../apps/worker/src/worker';
import { listComplaintWorkflowIds, resolveWorkflowId } from '../../libs/audit/src/audit-store';
import { localActivityOf } from '../../libs/audit/src/history-events';
import { verifyReplay } from '../../libs/audit/src/replay';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { loadConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import {
  submissionSchema,
  type ActionInput,
  type ActionRequest,
  type ComplaintState,
} from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { createLogger } from '../../libs/logging/src/logger';
import { decryptPayload, encryptPayload, keyringOf } from '../../libs/temporal/src/payload-codec';
import {
  actUpdate,
  complaintWorkflowId,
  getStateQuery,
  type ComplaintWorkflowInput,
} from '../../workflows/complaint/complaint.messages';
import { makeTestSop } from '../fixtures/sops';
import { openTestDataSource, truncateTables } from '../support/database';
import { eventually } from '../support/graphql';
import { updateAppliedTimes } from '../support/history-times';
import { createLocalEnv } from '../support/temporal-env';
import { defaultAction, sampleSubmission } from '../support/workflow-harness';

/** Kebakkramat with a 3-second disposition (so it is breached during the test) and a short reopen window. */
const KEBAKKRAMAT_AUDIT_SOP = makeTestSop(findSop('kebakkramat-aduan')!, {
  stepMinutes: { dispose: 0.05 },
  reopenWindow: { amount: 0.05, unit: 'minutes' },
  idSuffix: '-audit-test',
});
/** Palaran with long steps: it stays running, untouched, while the read model is rebuilt. */
const PALARAN_AUDIT_SOP = makeTestSop(findSop('palaran-pengaduan')!, { minutes: 600, idSuffix: '-audit-test' });

const quiet = createLogger({ level: 'error', write: () => undefined });

function actor(sop: SopDefinition, role: string, userId: string): ActionRequest['actor'] {
  return {
    userId,
    name: `Petugas ${userId}`,
    role: role as ActionRequest['actor']['role'],
    officeCode: sop.office.code,
  };
}

describe('audit (Temporal dev server, real worker, PostgreSQL)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let worker: Worker;
  let workerRun: Promise<void>;
  let bundle: WorkflowBundle;
  let deps: CliDeps;
  let refusals: AuditRefusalService;
  const taskQueue = `audit-${randomUUID()}`;
  const scratch: string[] = [];

  // The Kebakkramat complaint, acted on by the first test and audited by the others.
  let kebakkramat: WorkflowHandle;
  let registerNumber: string;
  const performed: { requestId: string; stepKey: string; userId: string; role: string }[] = [];
  let refusedRequestId: string;

  async function start(sop: SopDefinition): Promise<WorkflowHandle> {
    const complaintId = randomUUID();
    const input: ComplaintWorkflowInput = {
      complaintId,
      sop,
      submission: submissionSchema.parse(sampleSubmission),
      trackingCodeHash: 'e'.repeat(64),
    };
    return env.client.workflow.start('complaintWorkflow', {
      taskQueue,
      workflowId: complaintWorkflowId(complaintId),
      args: [input],
    });
  }

  async function stepOpen(handle: WorkflowHandle, stepKey: string): Promise<ComplaintState> {
    return eventually(async () => {
      const state = await handle.query(getStateQuery);
      return state.currentSteps[0]?.key === stepKey && state.currentSteps[0].dueAt ? state : undefined;
    });
  }

  async function act(
    handle: WorkflowHandle,
    sop: SopDefinition,
    stepKey: string,
    role: string,
    userId: string,
    override: Partial<ActionInput> = {},
  ): Promise<void> {
    const state = await stepOpen(handle, stepKey);
    const requestId = randomUUID();
    await handle.executeUpdate(actUpdate, {
      args: [
        {
          requestId,
          actor: actor(sop, role, userId),
          stepKey,
          action: { ...defaultAction(state.currentSteps[0]!.action), ...override } as ActionInput,
        },
      ],
      updateId: requestId,
    });
    performed.push({ requestId, stepKey, userId, role });
  }

  beforeAll(async () => {
    env = await createLocalEnv();
    dataSource = await openTestDataSource({ poolSize: 6 });
    await truncateTables(dataSource);
    const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    bundle = await bundleWorkflows({ stackTraces: false });
    worker = await createWorker({
      config,
      connection: env.nativeConnection,
      dataSource,
      taskQueue,
      workflowBundle: bundle,
    });
    workerRun = worker.run();
    deps = { client: env.client, dataSource, out: () => undefined };
    refusals = new AuditRefusalService(dataSource, quiet);
  });

  afterAll(async () => {
    worker?.shutdown();
    await workerRun;
    await dataSource?.destroy();
    await env?.teardown();
    for (const dir of scratch) await fs.rm(dir, { recursive: true, force: true });
  });

  it('derives the timeline from history: actors, order, times, the breach and the refused attempt', async () => {
    const sop = KEBAKKRAMAT_AUDIT_SOP;
    kebakkramat = await start(sop);
    await act(kebakkramat, sop, 'receive', 'petugas_loket', 'loket-1');

    // A camat of another office tries the disposition: refused by the validator, recorded by the gateway path.
    const disposeState = await stepOpen(kebakkramat, 'dispose');
    const wrong: ActionRequest = {
      requestId: randomUUID(),
      actor: { ...actor(sop, 'camat', 'camat-lain'), officeCode: 'PALARAN' },
      stepKey: 'dispose',
      action: defaultAction('dispose'),
    };
    refusedRequestId = wrong.requestId;
    let refusedError: unknown;
    await kebakkramat
      .executeUpdate(actUpdate, { args: [wrong], updateId: wrong.requestId })
      .catch((error: unknown) => (refusedError = error));
    expect(refusedError).toBeInstanceOf(WorkflowUpdateFailedError);
    await refusals.recordFailure(refusedError, {
      complaintId: disposeState.complaintId,
      operation: 'act',
      actor: wrong.actor,
      stepKey: wrong.stepKey,
      requestId: wrong.requestId,
      request: { ...wrong, trackingCode: 'RAHASIA' },
    });

    // The 3-second disposition passes unanswered: breached and escalated.
    await eventually(async () => ((await kebakkramat.query(getStateQuery)).breaches.length > 0 ? true : undefined));
    await act(kebakkramat, sop, 'dispose', 'camat', 'camat-1', {
      toUnit: 'Seksi Trantib',
      instructions: 'Periksa lampu di RT 03',
    } as Partial<ActionInput>);
    await act(kebakkramat, sop, 'clarify_answer', 'kasi_kasubbag', 'kasi-1', {
      answer: 'Lampu sudah diganti petugas.',
    } as Partial<ActionInput>);
    await act(kebakkramat, sop, 'deliver', 'petugas_loket', 'loket-2', { receipt: 'TT-7' } as Partial<ActionInput>);
    const result = await kebakkramat.result();
    expect(result.status).toBe('selesai');
    registerNumber = result.registerNumber!;

    // Found by register number through the search attribute (visibility is eventually consistent).
    await eventually(async () =>
      (await resolveWorkflowId(env.client, registerNumber).catch(() => undefined)) ? true : undefined,
    );
    const view = await timelineOf(deps, registerNumber);
    const { timeline } = view;
    expect(timeline).toMatchObject({ complaintId: disposeState.complaintId, registerNumber, status: 'selesai' });
    expect(timeline.consistency).toEqual({ ok: true, mismatches: [] });

    const history = await kebakkramat.fetchHistory();
    // An action happened when the workflow applied it (its domain event's time).
    const appliedAt = updateAppliedTimes(history);
    const actions = timeline.entries.filter((entry) => entry.kind === 'action');
    expect(
      actions.map((entry) => [entry.stepKey, entry.actor?.userId, entry.actor?.role, entry.details.requestId]),
    ).toEqual(performed.map((action) => [action.stepKey, action.userId, action.role, action.requestId]));
    expect(actions.map((entry) => entry.at)).toEqual(performed.map((action) => appliedAt.get(action.requestId)));
    expect(actions.map((entry) => entry.breached)).toEqual([false, true, false, false]);
    expect(timeline.steps.map((step) => [step.stepKey, step.breached])).toEqual([
      ['receive', false],
      ['dispose', true],
      ['clarify_answer', false],
      ['deliver', false],
    ]);
    const dispose = timeline.steps[1];
    expect(dispose.bakuMutuWorkingMinutes).toBeCloseTo(0.05, 5);
    expect(dispose.minutesOverBakuMutu).toBeGreaterThan(0);
    expect(timeline.entries.find((entry) => entry.kind === 'breach')).toMatchObject({
      stepKey: 'dispose',
      details: { escalatedTo: ['camat'] },
    });

    // The refused attempt is merged in, marked refused, after the dispose step started and before its breach.
    const kinds = view.entries.map((entry) => entry.kind);
    const refusedIndex = view.entries.findIndex((entry) => entry.refused);
    expect(view.entries[refusedIndex]).toMatchObject({
      kind: 'refused',
      stepKey: 'dispose',
      actor: { userId: 'camat-lain', role: 'camat' },
      details: { operation: 'act', code: 'FORBIDDEN', requestId: refusedRequestId },
    });
    expect(JSON.stringify(view.entries[refusedIndex].details)).not.toContain('RAHASIA');
    expect(refusedIndex).toBeGreaterThan(kinds.lastIndexOf('step_started', kinds.indexOf('breach')));
    expect(refusedIndex).toBeLessThan(kinds.indexOf('breach'));
    // History alone: the refused request id appears nowhere in it.
    expect(JSON.stringify(timeline.entries)).not.toContain(refusedRequestId);
  });

  it('exports a complaint that verifies, and a tampered export that does not', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aduan-export-'));
    scratch.push(dir);
    const file = path.join(dir, 'aduan.json');
    const document = await exportToFile(deps, registerNumber, file, { html: true });
    expect(document.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(document.refusals).toHaveLength(1);
    expect(document.sopSnapshot.id).toBe(KEBAKKRAMAT_AUDIT_SOP.id);
    const html = await fs.readFile(path.join(dir, 'aduan.html'), 'utf8');
    expect(html).toContain(registerNumber);
    expect(html).toContain('Percobaan ditolak');

    const verified = await verifyFile(file, { workflowBundle: bundle });
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);

    // The auditor's file with one actor changed in the history itself.
    const tampered = JSON.parse(await fs.readFile(file, 'utf8'));
    const accepted = tampered.history.events.find(
      (event: Record<string, unknown>) => event.workflowExecutionUpdateAcceptedEventAttributes,
    );
    const payloads = accepted.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input.args.payloads;
    // Stored encrypted (payload codec): whoever edits it holds the key, and the digest still catches it.
    const keyring = keyringOf(loadConfig());
    const stored: { metadata: Record<string, string>; data: string } = payloads[0];
    const plain = decryptPayload(
      {
        metadata: Object.fromEntries(
          Object.entries(stored.metadata).map(([name, value]) => [name, Buffer.from(value, 'base64')]),
        ),
        data: Buffer.from(stored.data, 'base64'),
      },
      keyring,
    );
    const request = JSON.parse(Buffer.from(plain.data!).toString('utf8'));
    request.actor.userId = 'orang-lain';
    const reencrypted = encryptPayload({ ...plain, data: Buffer.from(JSON.stringify(request)) }, keyring);
    payloads[0] = {
      metadata: Object.fromEntries(
        Object.entries(reencrypted.metadata!).map(([name, value]) => [name, Buffer.from(value).toString('base64')]),
      ),
      data: Buffer.from(reencrypted.data!).toString('base64'),
    };
    const tamperedFile = path.join(dir, 'aduan-diubah.json');
    await fs.writeFile(tamperedFile, JSON.stringify(tampered), 'utf8');
    const result = await verifyFile(tamperedFile, { workflowBundle: bundle });
    expect(result.ok).toBe(false);
    expect(result.digest.ok).toBe(false);
    // The re-derived timeline no longer matches the one in the file either.
    expect(result.timeline.ok).toBe(false);
    expect(result.timeline.differences.join('\n')).toContain('orang-lain');
  });

  it('replays the history with the current code, and catches a non-deterministic change', async () => {
    expect(await replayCommand(deps, registerNumber, { workflowBundle: bundle })).toEqual({ ok: true });

    const dir = await writeNonDeterministicWorkflows();
    scratch.push(dir);
    const history = await kebakkramat.fetchHistory();
    const verdict = await verifyReplay(history, { workflowsPath: dir });
    expect(verdict.ok).toBe(false);
    expect(verdict.errorType).toBe('DeterminismViolationError');
    // The first divergence: where the history recorded its first local activity (v7: the projection
    // that numbers the complaint and opens its first step) and the code scheduled something else.
    const first = (history.events ?? []).find((event) => localActivityOf(event) !== undefined)!;
    expect(verdict.firstDivergence?.message).toContain(localActivityOf(first)!.type);
    expect(verdict.firstDivergence?.eventId).toBe(Number(first.eventId));
  });

  it('rebuilds the wiped read model from the histories exactly, and lists drift', async () => {
    // A second complaint, of another office, still running.
    const palaran = await start(PALARAN_AUDIT_SOP);
    await act(palaran, PALARAN_AUDIT_SOP, 'receive', 'staf_umum', 'staf-1');
    await stepOpen(palaran, 'clarify');
    const complaintIds = [(await kebakkramat.describe()).workflowId, palaran.workflowId];
    // Both listed by office (search attributes are eventually consistent) and fully projected.
    await eventually(async () => {
      const ids = await listComplaintWorkflowIds(env.client);
      const kebakkramatIds = await listComplaintWorkflowIds(env.client, 'KEBAKKRAMAT');
      return complaintIds.every((id) => ids.includes(id)) && kebakkramatIds.length === 1 ? true : undefined;
    });
    await eventually(async () => ((await driftCommand(deps)).differences.length === 0 ? true : undefined));

    const snapshot = async () => ({
      // change_xid is the writing transaction (the change feed's watermark): a rebuild writes anew.
      complaints: (await dataSource.query('SELECT * FROM complaints ORDER BY id')).map(
        ({ change_xid: _xid, ...row }: Record<string, unknown>) => row,
      ),
      events: await dataSource.query('SELECT * FROM complaint_events ORDER BY complaint_id, seq'),
    });
    const before = await snapshot();
    expect(before.complaints).toHaveLength(2);
    expect(before.events.length).toBeGreaterThan(10);

    await truncateTables(dataSource, ['complaint_events', 'complaints']);
    const drift = await driftCommand(deps);
    expect(drift.checked).toBe(2);
    expect(drift.differences).toEqual(
      expect.arrayContaining([expect.stringContaining('baris aduan tidak ada di read model')]),
    );

    const report = await rebuildCommand(deps);
    expect(report.complaints).toBe(2);
    expect(await snapshot()).toEqual(before);
    expect((await driftCommand(deps)).differences).toEqual([]);

    // Drift in one office: found by the check, repaired by rebuilding that office alone.
    await dataSource.query("UPDATE complaints SET status = 'ditolak' WHERE office_code = 'KEBAKKRAMAT'");
    await dataSource.query(
      "DELETE FROM complaint_events WHERE seq = 3 AND complaint_id IN (SELECT id FROM complaints WHERE office_code = 'KEBAKKRAMAT')",
    );
    const officeDrift = await driftCommand(deps, 'KEBAKKRAMAT');
    expect(officeDrift.checked).toBe(1);
    expect(officeDrift.differences).toEqual([
      expect.stringContaining('kolom status berbeda'),
      expect.stringContaining('kejadian #3 '),
    ]);
    await rebuildCommand(deps, 'KEBAKKRAMAT');
    expect(await snapshot()).toEqual(before);
    await palaran.terminate('test done');
  });
});
