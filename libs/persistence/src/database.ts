import { Client } from 'pg';
import { runMigrations } from './data-source';

/** The database name in a PostgreSQL URL (`postgres` when the URL names none). */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** The same server and credentials, another database (by default the maintenance db `postgres`). */
export function withDatabase(url: string, name = 'postgres'): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withAdminClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(url), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database named in `url` if the server does not have it yet, connecting to the
 * server's `postgres` database. Returns whether it created it. Throws if the server is unreachable.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  return withAdminClient(url, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    } catch (error) {
      // Another process created it between the check and the CREATE.
      if ((error as { code?: string }).code === '42P04') return false;
      throw error;
    }
    return true;
  });
}

/** Drops the database named in `url`, disconnecting its sessions (PostgreSQL 13+). */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withAdminClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
}

/** Creates the database if missing and applies pending migrations; returns the applied names. */
export async function prepareDatabase(url: string): Promise<string[]> {
  await ensureDatabase(url);
  return runMigrations(url);
}
