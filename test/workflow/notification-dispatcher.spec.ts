/**
 * The notification dispatcher workflow on the time-skipping server, with a scripted stand-in for
 * its delivery activity (the integration and end-to-end tiers run the real one): it polls at its
 * interval, drains full batches at once, wakes on a signal, and survives a delivery activity that
 * keeps failing (bounded retries, then the next poll).
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type {
  DeliverDueNotificationsResult,
  NotificationDeliveryActivities,
} from '../../activities/notification-delivery.activity';
import {
  NOTIFICATION_DISPATCHER_WORKFLOW_TYPE,
  wakeDispatcherSignal,
  type NotificationDispatcherInput,
} from '../../workflows/notifications/notification-dispatcher.messages';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { createTimeSkippingEnv, testDataConverter } from '../support/temporal-env';

const BATCH = 3;
const POLL_MS = 60_000;

function result(claimed: number): DeliverDueNotificationsResult {
  return { claimed, delivered: claimed, retrying: 0, failed: 0, skipped: 0 };
}

describe('notification dispatcher workflow', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    bundle = await bundleWorkflows({ stackTraces: true });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  /** Runs the dispatcher with the scripted activity through the scenario, checks it still runs, then terminates it. */
  async function runDispatcher(
    deliver: NotificationDeliveryActivities['deliverDueNotifications'],
    scenario: (handle: { signalWake(): Promise<void> }) => Promise<void>,
  ): Promise<void> {
    const taskQueue = `dispatcher-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: { deliverDueNotifications: deliver },
      dataConverter: testDataConverter(),
    });
    await worker.runUntil(async () => {
      const input: NotificationDispatcherInput = { pollIntervalMs: POLL_MS, batchSize: BATCH };
      const handle = await env.client.workflow.start(NOTIFICATION_DISPATCHER_WORKFLOW_TYPE, {
        workflowId: `notification-dispatcher-${randomUUID()}`,
        taskQueue,
        args: [input],
      });
      try {
        await scenario({ signalWake: () => handle.signal(wakeDispatcherSignal) });
        expect((await handle.describe()).status.name).toBe('RUNNING');
      } finally {
        await handle.terminate('test finished');
      }
    });
  }

  /** Advances server time in small steps so the worker can answer each task in between. */
  async function advance(ms: number, steps = 4): Promise<void> {
    for (let step = 0; step < steps; step += 1) await env.sleep(ms / steps);
  }

  async function until(predicate: () => boolean): Promise<void> {
    for (let attempt = 0; attempt < 100 && !predicate(); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(predicate()).toBe(true);
  }

  it('drains full batches at once and then polls once per interval', async () => {
    const claims = [BATCH, BATCH, 1, 0, 0];
    let calls = 0;
    await runDispatcher(
      async () => result(claims[calls++] ?? 0),
      async () => {
        // Two full batches and a partial one run back to back, then the dispatcher waits.
        await until(() => calls === 3);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(calls).toBe(3);
        await advance(POLL_MS);
        await until(() => calls === 4);
        await advance(POLL_MS);
        await until(() => calls === 5);
      },
    );
  });

  it('polls at once when woken by the signal', async () => {
    let calls = 0;
    await runDispatcher(
      async () => {
        calls += 1;
        return result(0);
      },
      async ({ signalWake }) => {
        await until(() => calls === 1);
        await signalWake();
        await until(() => calls === 2);
      },
    );
  });

  it('keeps dispatching after the delivery activity has used up its retries', async () => {
    let calls = 0;
    await runDispatcher(
      async () => {
        calls += 1;
        // The database is down for the first five attempts: the activity's whole retry budget.
        if (calls <= 5) throw new Error('koneksi basis data terputus');
        return result(0);
      },
      async () => {
        await until(() => calls === 1);
        // Retries back off 1, 2, 4 and 8 seconds; then the dispatcher waits one poll interval.
        await advance(20_000, 20);
        await until(() => calls === 5);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(calls).toBe(5);
        await advance(POLL_MS);
        await until(() => calls === 6);
      },
    );
  });
});
