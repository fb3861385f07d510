/**
 * A worker killed in the middle of an activity: the staff action waiting on it completes on
 * another worker within 10 s (short start-to-close, bounded retries, short sticky timeout).
 * Real dev server, real PostgreSQL, the real worker in a child process killed with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/config/src/config';
import { submissionSchema } from '../../libs/domain/src/complaint';
import { createWorker } from '../../apps/worker/src/worker';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import {
  actUpdate,
  complaintWorkflowId,
  getStateQuery,
  type ComplaintWorkflowInput,
} from '../../workflows/complaint/complaint.messages';
import { KEBAKKRAMAT_TEST_SOP } from '../fixtures/sops';
import { openTestDataSource, testDatabaseUrl } from '../support/database';
import { waitFor } from '../support/processes';
import { createLocalEnv } from '../support/temporal-env';
import { defaultAction, sampleSubmission, staff } from '../support/workflow-harness';

const ROOT = path.resolve(__dirname, '..', '..');

/** The production worker (`createWorker`) in its own process, so it can be killed like a crashed pod. */
function startWorkerProcess(address: string, taskQueue: string): Promise<ChildProcess> {
  const script = `
    const { NativeConnection } = require('@temporalio/worker');
    const { createWorker } = require('./apps/worker/src/worker');
    const { createDataSource } = require('./libs/persistence/src/data-source');
    (async () => {
      const dataSource = createDataSource(${JSON.stringify(testDatabaseUrl())});
      await dataSource.initialize();
      const connection = await NativeConnection.connect({ address: ${JSON.stringify(address)} });
      const base = require('./libs/config/src/config').loadConfig({ ...process.env, NODE_ENV: 'test' });
      const config = { ...base, temporal: { ...base.temporal, namespace: 'default', taskQueue: ${JSON.stringify(taskQueue)} } };
      const worker = await createWorker({ config, connection, dataSource });
      process.stdout.write('READY\\n');
      await worker.run();
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
  });
}

describe('a worker killed mid-activity', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let bundle: WorkflowBundleOption;
  beforeAll(async () => {
    env = await createLocalEnv();
    dataSource = await openTestDataSource();
    bundle = await bundleWorkflows({ stackTraces: false });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.teardown();
  });

  it('kills the worker mid-activity and asserts the action completes within 10 s', async () => {
    const taskQueue = `aduan-failover-${randomUUID()}`;
    const sop = KEBAKKRAMAT_TEST_SOP;
    const complaintId = randomUUID();
    const child = await startWorkerProcess(env.address, taskQueue);
    let survivor: Worker | undefined;
    let survivorRun: Promise<void> | undefined;
    const connection = await NativeConnection.connect({ address: env.address });
    const lock = dataSource.createQueryRunner();
    try {
      const input: ComplaintWorkflowInput = {
        complaintId,
        sop,
        submission: submissionSchema.parse(sampleSubmission),
        trackingCodeHash: 'f'.repeat(64),
      };
      const handle = await env.client.workflow.start('complaintWorkflow', {
        taskQueue,
        workflowId: complaintWorkflowId(complaintId),
        args: [input],
      });
      const opened = await waitFor('the first step', async () => {
        const state = await handle.query(getStateQuery);
        const row = await dataSource.query('SELECT last_event_seq FROM complaints WHERE id = $1', [complaintId]);
        return state.currentSteps[0]?.dueAt && row[0]?.last_event_seq >= 3 ? state : undefined;
      });
      const active = opened.currentSteps[0]!;

      // Hold the complaint row: the projection of the action blocks inside the child's activity.
      await lock.connect();
      await lock.startTransaction();
      await lock.query('SELECT id FROM complaints WHERE id = $1 FOR UPDATE', [complaintId]);
      const requestId = randomUUID();
      const action = handle.executeUpdate(actUpdate, {
        args: [
          {
            requestId,
            actor: staff(sop, active.actorRoles[0]!),
            stepKey: active.key,
            action: defaultAction(active.action),
          },
        ],
        updateId: requestId,
      });
      await waitFor(
        'the projection to block on the row lock',
        async () => {
          const waiting: unknown[] = await dataSource.query(
            `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO complaints (%'`,
          );
          return waiting.length > 0 ? true : undefined;
        },
        30_000,
      );

      survivor = await createWorker({
        config: loadConfig({ ...process.env, NODE_ENV: 'test' }),
        taskQueue,
        connection,
        dataSource,
        workflowBundle: bundle,
      });
      survivorRun = survivor.run();
      const killedAt = Date.now();
      child.kill('SIGKILL');
      await lock.rollbackTransaction();

      await action;
      const took = Date.now() - killedAt;
      const state = await handle.query(getStateQuery);
      expect(state.completedSteps.map((step) => step.key)).toContain(active.key);
      expect(took).toBeLessThan(10_000);
      const [row] = await dataSource.query('SELECT current_step_keys FROM complaints WHERE id = $1', [complaintId]);
      expect(row.current_step_keys).toEqual(state.currentSteps.map((step) => step.key));
      await handle.terminate('test done');
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (survivor) {
        survivor.shutdown();
        await survivorRun;
      }
      await connection.close();
    }
  });
});
