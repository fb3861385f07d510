/**
 * A worker that keeps no workflow in memory (`maxCachedWorkflows: 0`): every workflow task replays
 * the complaint's whole history, as after a worker restart. Staff actions (Updates that end a step's
 * baku mutu timer), a tunda and a reopen must go through on a real dev server, with the production
 * worker and PostgreSQL, and the resulting histories must replay with `Worker.runReplayHistory`.
 * The scenario runs follow the complaint by polling queries: with no cache, sdk-core may drop a task
 * buffered while the run is evicted ("leftover buffered tasks"), and a workflow task then times out
 * (10 s) and is retried; only the run driven by Updates alone asserts that no task times out.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleOption } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { createWorker } from '../../apps/worker/src/worker';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { verifyReplay } from '../../libs/audit/src/replay';
import { loadConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import { findStep } from '../../libs/domain/src/sop-model';
import { submissionSchema, type ActionInput } from '../../libs/domain/src/complaint';
import {
  actUpdate,
  COMPLAINT_WORKFLOW_TYPE,
  complaintWorkflowId,
  getStateQuery,
  submitUpdate,
  type ComplaintUpdateResult,
} from '../../workflows/complaint/complaint.messages';
import { openTestDataSource } from '../support/database';
import { waitFor } from '../support/processes';
import { SCENARIOS } from '../support/scenarios';
import { createLocalEnv } from '../support/temporal-env';
import { defaultAction, sampleSubmission, staff, type WorkflowHarness } from '../support/workflow-harness';

const EventType = temporal.api.enums.v1.EventType;

describe('a complaint on a worker without a workflow cache (every task replays the full history)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let bundle: WorkflowBundleOption;
  let worker: Worker;
  let workerRun: Promise<void>;
  let harness: WorkflowHarness;

  beforeAll(async () => {
    env = await createLocalEnv();
    dataSource = await openTestDataSource();
    bundle = await bundleWorkflows({ stackTraces: false });
    const taskQueue = `aduan-no-cache-${randomUUID()}`;
    worker = await createWorker({
      config: loadConfig({ ...process.env, NODE_ENV: 'test' }),
      connection: env.nativeConnection,
      dataSource,
      workflowBundle: bundle,
      taskQueue,
      maxCachedWorkflows: 0,
    });
    workerRun = worker.run();
    harness = { env, bundle: bundle as WorkflowHarness['bundle'], taskQueue, started: [] };
  });
  afterAll(async () => {
    await Promise.all(harness?.started.map((handle) => handle.terminate('test finished').catch(() => undefined)) ?? []);
    worker?.shutdown();
    await workerRun;
    await dataSource?.destroy();
    await env?.teardown();
  });

  /** No workflow task failed (a nondeterminism would), optionally none timed out, and the history replays. */
  async function expectHealthyHistory(handle: WorkflowHandle, { noTimedOutTasks = false } = {}): Promise<void> {
    const history = await handle.fetchHistory();
    const failedTasks = (history.events ?? []).filter(
      (event) =>
        event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED ||
        (noTimedOutTasks && event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT),
    );
    expect(
      failedTasks.map(
        (event) => event.workflowTaskFailedEventAttributes?.failure?.message ?? EventType[event.eventType!],
      ),
    ).toEqual([]);
    expect(await verifyReplay(history, { workflowBundle: bundle as never }, handle.workflowId)).toEqual({ ok: true });
  }

  it('takes a Palaran complaint through its rapat by Updates alone (as the gateway does), no task failing or stalling', async () => {
    const sop = findSop('palaran-pengaduan')!;
    const complaintId = randomUUID();
    const digest = 'a'.repeat(64);
    let result: ComplaintUpdateResult = await env.client.workflow.executeUpdateWithStart(submitUpdate, {
      args: [{ submissionDigest: digest }],
      updateId: `submit-${digest}`,
      startWorkflowOperation: new WithStartWorkflowOperation(COMPLAINT_WORKFLOW_TYPE, {
        workflowId: complaintWorkflowId(complaintId),
        taskQueue: harness.taskQueue,
        args: [
          {
            complaintId,
            sop,
            submission: submissionSchema.parse(sampleSubmission),
            trackingCodeHash: 'f'.repeat(64),
            submissionDigest: digest,
          },
        ],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const handle = env.client.workflow.getHandle(complaintWorkflowId(complaintId));
    harness.started.push(handle);
    const visited: string[] = [];
    // Each Update answers once the next step is open with its deadline: no query needed to follow it.
    while (result.currentStepKeys[0] && visited.length < 20) {
      const active = findStep(sop, result.currentStepKeys[0])!;
      const requestId = randomUUID();
      const override =
        active.action === 'decide'
          ? { rapatRequired: true }
          : active.action === 'deliver' && !visited.includes('draft_answer')
            ? { answer: 'Aduan Anda telah ditindaklanjuti.' }
            : {};
      result = await handle.executeUpdate(actUpdate, {
        args: [
          {
            requestId,
            actor: staff(sop, active.actorRoles[0]!),
            stepKey: active.key,
            action: { ...defaultAction(active.action), ...override } as ActionInput,
          },
        ],
        updateId: requestId,
      });
      visited.push(active.key);
    }
    expect(result.status).toBe('dijawab');
    expect(visited).toContain('rapat');
    await expectHealthyHistory(handle, { noTimedOutTasks: true });
  });

  it.each(['kebakkramat-aduan-reopen', 'kebakkramat-aduan-tunda', 'selemadeg-timur-a-revision'])(
    'runs %s end to end, each action ending its step timer, and its history replays',
    async (name) => {
      const scenario = SCENARIOS.find((candidate) => candidate.name === name)!;
      const handle = await scenario.run(harness);
      harness.started.push(handle);
      const state = await handle.query(getStateQuery);
      // Answered (the reopen window runs), or closed at the SOP's arsip step (SOP 003).
      expect(['dijawab', 'selesai']).toContain(state.status);
      expect(state.completedSteps.length).toBeGreaterThanOrEqual(4);
      const row = await waitFor('the read model to show the answered complaint', async () => {
        const [found] = await dataSource.query('SELECT status, register_number FROM complaints WHERE id = $1', [
          state.complaintId,
        ]);
        return found?.status === state.status ? found : undefined;
      });
      expect(row.register_number).toBe(state.registerNumber);
      await expectHealthyHistory(handle);
    },
  );
});
