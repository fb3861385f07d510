/**
 * The local runner's Temporal state lives in a SQLite file: a workflow started before a dev-server
 * restart is still there afterwards and can be signalled to completion.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { loadConfig } from '../../libs/config/src/config';
import { resolveCliPath } from '../../libs/temporal/src/binaries';
import { startDevServer, type DevServer } from '../../libs/temporal/src/dev-server';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../../libs/temporal/src/register-search-attributes';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../libs/temporal/src/search-attributes';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { finishSignal, stageQuery, waitingWorkflow } from '../fixtures/workflows';
import { freePort, isPortOpen, isProcessAlive } from '../support/processes';

const TASK_QUEUE = 'dev-server-restart-test';

describe('Temporal dev server with a database file', () => {
  let dataDir: string;
  let bundle: WorkflowBundleWithSourceMap;
  let server: DevServer | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduan-restart-'));
    bundle = await bundleWorkflows({
      workflowsPath: require.resolve('../fixtures/workflows'),
      logger: quietLogger,
      stackTraces: true,
    });
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(port: number): Promise<DevServer> {
    server = await startDevServer({
      cliPath: resolveCliPath(loadConfig()),
      port,
      dbFile: path.join(dataDir, 'temporal.sqlite'),
      namespace: 'default',
    });
    return server;
  }

  async function withWorker<T>(address: string, fn: () => Promise<T>): Promise<T> {
    const connection = await NativeConnection.connect({ address });
    try {
      const worker = await Worker.create({ connection, taskQueue: TASK_QUEUE, workflowBundle: bundle });
      return await worker.runUntil(fn);
    } finally {
      await connection.close();
    }
  }

  async function withClient<T>(address: string, fn: (client: Client) => Promise<T>): Promise<T> {
    const connection = await Connection.connect({ address });
    try {
      return await fn(new Client({ connection }));
    } finally {
      await connection.close();
    }
  }

  it('keeps a waiting workflow across a restart and completes it afterwards', async () => {
    const port = await freePort();
    const workflowId = `restart-${randomUUID()}`;

    const first = await start(port);
    await withClient(first.address, async (client) => {
      await withWorker(first.address, async () => {
        const handle = await client.workflow.start(waitingWorkflow, {
          workflowId,
          taskQueue: TASK_QUEUE,
          args: ['aduan'],
        });
        expect(await handle.query(stageQuery)).toBe('waiting:aduan');
      });
    });
    await first.stop();
    expect(isProcessAlive(first.pid)).toBe(false);
    expect(await isPortOpen(port)).toBe(false);

    const second = await start(port);
    expect(second.pid).not.toBe(first.pid);
    await withClient(second.address, async (client) => {
      const handle = client.workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('RUNNING');

      const attributes = await client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(attributes.customAttributes ?? {})).toEqual(
        expect.arrayContaining(SEARCH_ATTRIBUTE_REGISTRATIONS.map((attribute) => attribute.name)),
      );

      await withWorker(second.address, async () => {
        await handle.signal(finishSignal, 'selesai');
        expect(await handle.result()).toBe('aduan:selesai');
      });
      expect((await handle.describe()).status.name).toBe('COMPLETED');
    });
    await second.stop();
    expect(isProcessAlive(second.pid)).toBe(false);
    server = undefined;
  });

  it('reports a clear error when the CLI binary is missing', async () => {
    expect(() =>
      resolveCliPath({ temporal: { ...loadConfig().temporal, cliPath: path.join(dataDir, 'no-such-temporal') } }),
    ).toThrow(/npm run provision/);
  });
});

describe('search attributes on an external cluster (TEMPORAL_ADDRESS)', () => {
  it('registers the missing ones once and is idempotent afterwards', async () => {
    // A bare dev server started without the project's attributes stands in for an external cluster.
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: resolveCliPath(loadConfig()) }, ip: '127.0.0.1' },
    });
    try {
      const names = SEARCH_ATTRIBUTE_REGISTRATIONS.map((attribute) => attribute.name);
      const before = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(before.customAttributes ?? {})).not.toEqual(expect.arrayContaining(names));

      expect((await registerSearchAttributes(env.connection, 'default')).sort()).toEqual([...names].sort());
      expect(await registerSearchAttributes(env.connection, 'default')).toEqual([]);

      const after = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(after.customAttributes ?? {})).toEqual(expect.arrayContaining(names));
    } finally {
      await env.teardown();
    }
  });
});

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
