import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { Logger } from '@temporalio/common';

/**
 * The embedded PostgreSQL used when no PostgreSQL is configured or reachable: PGlite (PostgreSQL
 * compiled to WebAssembly) persisted in a folder, served over the PostgreSQL wire protocol by
 * `@electric-sql/pglite-socket`, so the normal `pg` driver and TypeORM use it unchanged.
 *
 * It runs in a child process of its own: PGlite executes queries on the thread that hosts it, which
 * must not be the worker's or the gateway's event loop (and PGlite's dynamic imports need a plain
 * Node process). PGlite runs one query at a time; the socket server queues them. Its
 * `maxConnections` must exceed the pool size, or the extra pooled connections are dropped
 * ("Connection terminated unexpectedly").
 */
export interface EmbeddedPostgresOptions {
  /** Folder holding the database files (created if missing). */
  dataDir: string;
  port: number;
  host?: string;
  maxConnections?: number;
  log?: Logger;
  /** How long to wait for the server to listen (the first start initializes the folder). */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** Connection string for `pg` / TypeORM. PGlite has a single database, `postgres`. */
  url: string;
  pid: number;
  /** Stops the server and closes the database files; resolves once the process is gone. */
  stop(): Promise<void>;
}

export const EMBEDDED_MAX_CONNECTIONS = 16;

interface ServerArgs {
  dataDir: string;
  port: number;
  host: string;
  maxConnections: number;
}

const READY = 'EMBEDDED_POSTGRES_READY';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const args: ServerArgs = {
    dataDir: options.dataDir,
    port: options.port,
    host: options.host ?? '127.0.0.1',
    maxConnections: options.maxConnections ?? EMBEDDED_MAX_CONNECTIONS,
  };
  fs.mkdirSync(args.dataDir, { recursive: true });
  // Compiled (dist): run this .js file; from source: through ts-node, as `npm start` does.
  const runner = __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
  const child = spawn(process.execPath, [...runner, __filename, JSON.stringify(args)], {
    // stdin stays open as a lifeline: when this process dies, the server sees EOF and stops.
    stdio: ['pipe', 'pipe', 'pipe'],
    // Own process group: a Ctrl-C reaches the runner, which stops the database last.
    detached: true,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (error) => {
      output += String(error);
      exited = true;
      resolve();
    });
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    options.log?.debug('embedded PostgreSQL', { output: chunk.toString('utf8').trim() });
  });

  const ready = new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.includes(READY)) resolve();
    });
    void exit.then(() =>
      reject(
        new Error(
          `embedded PostgreSQL (PGlite) stopped before listening on ${args.host}:${args.port}: ${output.trim()}. ` +
            'Set ADUAN_EMBEDDED_PG_PORT to a free port, or DATABASE_URL to a PostgreSQL server.',
        ),
      ),
    );
  });
  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`embedded PostgreSQL did not start within ${timeoutMs} ms`)), timeoutMs);
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!exited && child.pid) {
        child.kill('SIGTERM');
        let killTimer: NodeJS.Timeout | undefined;
        await Promise.race([
          exit,
          new Promise<void>((resolve) => {
            killTimer = setTimeout(() => {
              child.kill('SIGKILL');
              resolve();
            }, 15_000);
          }),
        ]);
        clearTimeout(killTimer);
        await exit;
      }
      child.stdin?.destroy();
    })();
    return stopping;
  };

  try {
    await Promise.race([ready, timeout]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  options.log?.debug('Embedded PostgreSQL (PGlite) listening', { ...args, pid: child.pid });
  return { url: `postgres://postgres@${args.host}:${args.port}/postgres`, pid: child.pid ?? -1, stop };
}

/** The child process: PGlite plus the socket server, until SIGTERM/SIGINT or the parent goes away. */
async function serve(args: ServerArgs): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(args.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: args.host,
    port: args.port,
    maxConnections: args.maxConnections,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await server.stop();
      await db.close();
      process.exit(0);
    })();
    return closing;
  };
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  process.stdin.on('end', () => void close());
  process.stdin.resume();
  process.stdout.write(`${READY}\n`);
}

if (require.main === module) {
  serve(JSON.parse(process.argv[2] ?? '{}') as ServerArgs).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
