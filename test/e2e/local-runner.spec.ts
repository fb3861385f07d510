/**
 * The real `npm start`: a Temporal dev server, migrations, the worker and the gateway on free
 * ports, answering GraphQL; SIGTERM stops all of it and leaves no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { descendantsOf, freePorts, isPortOpen, isProcessAlive, processesMatching, waitFor } from '../support/processes';

const ROOT = path.resolve(__dirname, '..', '..');

interface Runner {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startRunner(env: NodeJS.ProcessEnv): Runner {
  let output = '';
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function graphql(port: number, query: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('npm start (local runner)', () => {
  let dataDir: string;
  let runner: Runner | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduan-e2e-'));
  });

  afterAll(async () => {
    // Only if the test failed half-way: do not leave the runner behind.
    if (runner && runner.child.exitCode === null && runner.child.signalCode === null) {
      const pids = descendantsOf(runner.child.pid as number);
      runner.child.kill('SIGKILL');
      for (const pid of pids) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
      for (const pid of processesMatching(dataDir)) process.kill(pid, 'SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves GraphQL and the Temporal Web UI, then shuts down cleanly on SIGTERM', async () => {
    const [temporalPort, uiPort, gatewayPort, embeddedPgPort] = await freePorts(4);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ADUAN_DATA_DIR: dataDir,
      TEMPORAL_LOCAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      GATEWAY_PORT: String(gatewayPort),
      ADUAN_EMBEDDED_PG_PORT: String(embeddedPgPort),
    };
    delete env.TEMPORAL_ADDRESS;
    delete env.PORT;
    delete env.NOTIFY_DELIVERY;
    expect(env.DATABASE_URL).toBeDefined(); // the test database of this run (global setup)

    runner = startRunner(env);
    const current = runner;
    const exitedEarly = () => current.child.exitCode !== null || current.child.signalCode !== null;

    type Health = { status: string; temporal: string; database: string };
    const outcome = await waitFor('the GraphQL endpoint', async () => {
      if (exitedEarly()) return { exited: true as const };
      const body = await graphql(gatewayPort, '{ health { status temporal database } }').catch(() => undefined);
      const health = body?.data?.health as Health | undefined;
      return health ? { health } : undefined;
    });
    if ('exited' in outcome) throw new Error(`npm start exited early:\n${current.output()}`);
    const { health } = outcome;
    expect(health).toEqual({ status: 'ok', temporal: 'up', database: 'up' });

    const ready = await fetch(`http://127.0.0.1:${gatewayPort}/health/ready`);
    expect(ready.status).toBe(200);

    const ui = await fetch(`http://127.0.0.1:${uiPort}/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/<html/i);

    expect(current.output()).toContain(`http://127.0.0.1:${gatewayPort}/graphql`);
    // The pages: their addresses in the banner, served by the gateway.
    expect(current.output()).toMatch(new RegExp(`Citizen page\\s+http://127.0.0.1:${gatewayPort}/\\n`));
    expect(current.output()).toContain(`http://127.0.0.1:${gatewayPort}/konsol/`);
    const consolePage = await fetch(`http://127.0.0.1:${gatewayPort}/konsol/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('Konsol Petugas Aduan');
    expect(current.output()).toContain(`http://127.0.0.1:${uiPort}`);
    expect(current.output()).toMatch(/Database\s+DATABASE_URL/);
    // Delivery is off locally unless NOTIFY_DELIVERY says otherwise, and the banner says so.
    expect(current.output()).toMatch(/Notifications\s+OFF: outbox only, nothing is sent/);
    expect(fs.existsSync(path.join(dataDir, 'temporal.sqlite'))).toBe(true);

    const devServers = processesMatching(path.join(dataDir, 'temporal.sqlite'));
    expect(devServers).toHaveLength(1);
    const family = descendantsOf(current.child.pid as number);
    expect(family.length).toBeGreaterThanOrEqual(1);

    // Retention is set, not defaulted; the Web UI decodes encrypted payloads through the gateway.
    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(Number(described.config?.workflowExecutionRetentionTtl?.seconds)).toBe(30 * 24 * 60 * 60);
    } finally {
      await connection.close();
    }
    const devServerArgs = fs.readFileSync(`/proc/${devServers[0]}/cmdline`, 'utf8').split('\0');
    expect(devServerArgs[devServerArgs.indexOf('--ui-codec-endpoint') + 1]).toBe(
      `http://127.0.0.1:${gatewayPort}/codec`,
    );

    current.child.kill('SIGTERM');
    const { code, signal } = await current.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });

    // Nothing left: the runner's processes, the dev server, and every port it had open.
    await waitFor(
      'the runner processes to be gone',
      async () => ([...family, ...devServers].every((pid) => !isProcessAlive(pid)) ? true : undefined),
      15_000,
    );
    expect(processesMatching(dataDir)).toEqual([]);
    for (const port of [temporalPort, uiPort, gatewayPort]) {
      expect({ port, open: await isPortOpen(port) }).toEqual({ port, open: false });
    }
    expect(current.output()).toContain('Stopped');
  });
});
