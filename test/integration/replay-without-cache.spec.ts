/**
 * A worker that keeps no workflow in memory (`maxCachedWorkflows: 0`): every workflow task replays
 * the complaint's whole history, as after a worker restart. Staff actions (Updates that end a step's
 * baku mutu timer), a tunda and a reopen must go through on a real dev server, with the production
 * worker and PostgreSQL, and the resulting histories must replay with `Worker.runReplayHistory`.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleOption } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { bundleWorkflows, createWorker } from '../../apps/worker/src/worker';
import { verifyReplay } from '../../libs/audit/src/replay';
import { loadConfig } from '../../libs/config/src/config';
import { getStateQuery } from '../../workflows/complaint/complaint.messages';
import { openTestDataSource } from '../support/database';
import { waitFor } from '../support/processes';
import { SCENARIOS } from '../support/scenarios';
import { createLocalEnv } from '../support/temporal-env';
import type { WorkflowHarness } from '../support/workflow-harness';

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
    bundle = await bundleWorkflows();
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

  async function expectHealthyHistory(handle: WorkflowHandle): Promise<void> {
    const history = await handle.fetchHistory();
    const failedTasks = (history.events ?? []).filter(
      (event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
    );
    expect(failedTasks.map((event) => event.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
    expect(await verifyReplay(history, { workflowBundle: bundle as never }, handle.workflowId)).toEqual({ ok: true });
  }

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
