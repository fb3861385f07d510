/**
 * The worker's bundle captures no stack traces in workflow code unless asked to
 * (`TEMPORAL_WORKFLOW_STACK_TRACES`): the SDK's promise hook would format one for every promise a
 * step creates. What a supervisor sees in the Web UI's stack-trace view of a waiting complaint is
 * the `__stack_trace` query: empty by default, the waiting code's location when asked for.
 */
import { Worker } from '@temporalio/worker';
import { findSop } from '../../libs/domain/src/catalog';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { testDataConverter } from '../support/temporal-env';
import {
  createRecordingActivities,
  createWorkflowHarness,
  startComplaint,
  waitForStep,
  type WorkflowHarness,
} from '../support/workflow-harness';

const SOP = findSop('kebakkramat-aduan')!;

describe('stack traces of workflow code', () => {
  let harness: WorkflowHarness;

  beforeAll(async () => {
    harness = await createWorkflowHarness();
  });
  afterAll(async () => {
    await harness?.env.teardown();
  });

  async function stackTraceOfWaitingComplaint(stackTraces: boolean): Promise<string> {
    const bundle = await bundleWorkflows({ stackTraces });
    harness.taskQueue = `aduan-stack-traces-${stackTraces}-${Date.now()}`;
    const worker = await Worker.create({
      connection: harness.env.nativeConnection,
      taskQueue: harness.taskQueue,
      workflowBundle: bundle,
      activities: createRecordingActivities().activities,
      dataConverter: testDataConverter(),
    });
    return worker.runUntil(async () => {
      const handle = await startComplaint({ ...harness, bundle }, SOP);
      try {
        await waitForStep(handle, SOP.startStep);
        return await handle.query<string>('__stack_trace');
      } finally {
        await handle.terminate('test finished');
      }
    });
  }

  it('are off by default: a waiting complaint shows no stack', async () => {
    expect(await stackTraceOfWaitingComplaint(false)).not.toMatch(/\bat /);
  });

  it('show where a waiting complaint waits when asked for', async () => {
    expect(await stackTraceOfWaitingComplaint(true)).toMatch(/at .*workflows\/shared\/baku-mutu\.ts/);
  });
});
