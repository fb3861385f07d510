import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from '@temporalio/common';
import { ensureNamespaceRetention } from './namespace-retention';
import { registerSearchAttributes } from './register-search-attributes';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from './search-attributes';

export interface DevServerOptions {
  /** Path of the `temporal` CLI (see `resolveCliPath`). */
  cliPath: string;
  ip?: string;
  port: number;
  /** Web UI port; omit to run headless. */
  uiPort?: number;
  /** SQLite file keeping the server state across restarts; omit for in-memory state. */
  dbFile?: string;
  namespace?: string;
  /** Retention of closed histories in the namespace, in days (the dev server's default is 1). */
  retentionDays?: number;
  /** The Web UI decodes payloads through this remote codec endpoint (the gateway's `/codec`). */
  uiCodecEndpoint?: string;
  /** `temporal server start-dev --search-attribute` pairs; the project's by default. */
  searchAttributes?: { name: string; cliType: string }[];
  /** The server's own output (JSON lines) is appended here when given. */
  logFile?: string;
  log?: Logger;
  /** How long to wait for the frontend to answer. */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface DevServer {
  /** gRPC frontend, `host:port`. */
  address: string;
  uiUrl?: string;
  pid: number;
  /** SIGTERM, wait for exit, SIGKILL after the timeout. Safe to call more than once. */
  stop(): Promise<void>;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals | null>;
}

const TAIL_LINES = 30;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Arguments of `temporal server start-dev` for these options. */
export function devServerArgs(options: DevServerOptions): string[] {
  const ip = options.ip ?? '127.0.0.1';
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(options.port)];
  if (options.uiPort !== undefined) {
    args.push('--ui-port', String(options.uiPort), '--ui-disable-news-fetch');
    if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  } else {
    args.push('--headless');
  }
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  const namespace = options.namespace ?? 'default';
  if (namespace !== 'default') args.push('--namespace', namespace);
  for (const { name, cliType } of options.searchAttributes ?? SEARCH_ATTRIBUTE_REGISTRATIONS) {
    args.push('--search-attribute', `${name}=${cliType}`);
  }
  args.push('--log-format', 'json', '--log-level', 'warn');
  return args;
}

/**
 * Starts `temporal server start-dev` as a child process in its own process group (so a Ctrl-C in
 * the terminal reaches only the runner, which stops the server last, after the worker drained),
 * waits until the frontend answers, and makes sure the project's search attributes exist (also on
 * a restart over an existing database file, where new attributes may have been added since).
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const address = `${ip}:${options.port}`;
  const namespace = options.namespace ?? 'default';
  const log = options.log;
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const logStream = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;

  const child: ChildProcess = spawn(options.cliPath, devServerArgs(options), {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    logStream?.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let exitedWith: number | NodeJS.Signals | null | undefined;
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = code ?? signal;
      resolve(exitedWith);
    });
    child.once('error', (error) => {
      tail.push(String(error));
      exitedWith = null;
      resolve(null);
    });
  });
  void exited.then(() => logStream?.end());

  // If this process exits without calling stop() (an uncaught error), take the server with it.
  const killOnExit = () => {
    if (exitedWith === undefined && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const timeoutMs = options.stopTimeoutMs ?? 15_000;
      if (exitedWith === undefined && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (!finished) {
          log?.warn('Temporal dev server did not stop in time; killing it', { pid: child.pid, timeoutMs });
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
          await exited;
        }
      }
      process.removeListener('exit', killOnExit);
    })();
    return stopping;
  };

  const failure = (reason: string) =>
    new Error(`Temporal dev server (${options.cliPath}) ${reason}. Last output:\n${tail.join('\n')}`);

  try {
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    for (;;) {
      if (exitedWith !== undefined) throw failure(`exited with ${String(exitedWith)} before it was ready`);
      let connection: Connection | undefined;
      try {
        connection = await Connection.connect({ address, connectTimeout: 1_000 });
        await connection.workflowService.describeNamespace({ namespace });
        const added = await registerSearchAttributes(connection, namespace);
        if (added.length > 0) log?.info('Registered search attributes', { namespace, added });
        if (options.retentionDays !== undefined) {
          if (await ensureNamespaceRetention(connection, namespace, options.retentionDays)) {
            log?.info('Set namespace retention', { namespace, retentionDays: options.retentionDays });
          }
        }
        break;
      } catch (error) {
        if (Date.now() > deadline) throw failure(`did not answer on ${address} in time (${String(error)})`);
        await delay(250);
      } finally {
        await connection?.close();
      }
    }
    const uiUrl = options.uiPort !== undefined ? `http://${ip}:${options.uiPort}` : undefined;
    if (uiUrl) await waitForHttp(uiUrl, deadline, () => exitedWith !== undefined);
    log?.debug('Temporal dev server ready', { address, uiUrl, pid: child.pid, dbFile: options.dbFile });
    return { address, uiUrl, pid: child.pid ?? -1, stop, exited };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForHttp(url: string, deadline: number, gone: () => boolean): Promise<void> {
  for (;;) {
    if (gone()) throw new Error(`Temporal dev server exited before the Web UI answered at ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Temporal Web UI did not answer at ${url} (${String(error)})`);
      await delay(250);
    }
  }
}
