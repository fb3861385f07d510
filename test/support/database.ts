/**
 * The test database: one fresh PostgreSQL database per jest run (created and migrated by the
 * global setup, dropped by the teardown), and helpers for specs that use it.
 */
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from '../../libs/persistence/src/data-source';
import {
  databaseName,
  dropDatabase,
  prepareDatabase,
  quoteIdentifier,
  withDatabase,
} from '../../libs/persistence/src/database';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TEST_DATABASE_PREFIX = 'aduan_test_';
const TEST_DATABASE_PATTERN = /^aduan_test_(\d+)_(\d+)$/;

/** The server the test databases are created on (`TEST_DATABASE_ADMIN_URL`). */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL;
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Migrations applied to it. */
  migrations: string[];
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function connectAdmin(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    throw new Error(
      `The tests need PostgreSQL at ${where.hostname}:${where.port || 5432} (user ${where.username || 'postgres'}), ` +
        `but connecting failed: ${error instanceof Error ? error.message : String(error)}.\n` +
        'Start it (e.g. `sudo service postgresql start`, or `pg_ctlcluster 15 main start`), or point ' +
        'TEST_DATABASE_ADMIN_URL at a PostgreSQL 13+ server where the user may CREATE DATABASE.',
    );
  }
  return client;
}

/**
 * Drops test databases left behind by runs whose process is gone (a crash or a killed jest skips
 * the teardown). Databases of runs still alive are left alone.
 */
async function dropOrphans(client: Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
    `${TEST_DATABASE_PREFIX}%`,
  ]);
  for (const { datname } of rows) {
    const match = TEST_DATABASE_PATTERN.exec(datname);
    if (!match || isProcessAlive(Number(match[2]))) continue;
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`).catch(() => undefined);
  }
}

/**
 * Creates and migrates a fresh database `aduan_test_<timestamp>_<pid>` and publishes its URL in
 * `DATABASE_URL` and `ADUAN_TEST_DATABASE_URL` (inherited by jest's workers).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = adminUrl();
  const client = await connectAdmin(admin);
  const name = `${TEST_DATABASE_PREFIX}${Date.now()}_${process.pid}`;
  try {
    await dropOrphans(client);
  } finally {
    await client.end();
  }
  const url = withDatabase(admin, name);
  const migrations = await prepareDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.ADUAN_TEST_DATABASE_URL = url;
  return { name, url, migrations };
}

export async function dropTestDatabase(database: Pick<TestDatabase, 'url'>): Promise<void> {
  await dropDatabase(database.url);
}

/** The URL of this run's test database (set by the jest global setup). */
export function testDatabaseUrl(): string {
  const url = process.env.ADUAN_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'ADUAN_TEST_DATABASE_URL is not set: run the tests with jest so test/setup/global-setup.ts creates the test database',
    );
  }
  return url;
}

/** An initialized DataSource on the test database; close it with `destroy()` in afterAll. */
export async function openTestDataSource(options: DataSourceOptions = {}): Promise<DataSource> {
  const dataSource = createDataSource(testDatabaseUrl(), { applicationName: 'aduan-test', ...options });
  await dataSource.initialize();
  return dataSource;
}

/** Read-model tables (everything but TypeORM's migration bookkeeping). */
export const READ_MODEL_TABLES = [
  'complaints',
  'complaint_events',
  'register_counters',
  'register_assignments',
  'notifications',
  'complaint_archives',
  'audit_refusals',
  'monthly_recaps',
  'notification_deliveries',
  'action_requests',
  'archive_register',
] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

/** The catalog tables (offices, SOP versions, staff, their audit): seeded by the migrate step, never truncated. */
export const CATALOG_TABLES = ['offices', 'sop_versions', 'staff_users', 'admin_audit'] as const;

/** Empties the given read-model tables (all by default) and restarts their id sequences. */
export async function truncateTables(
  dataSource: DataSource,
  tables: readonly ReadModelTable[] = READ_MODEL_TABLES,
): Promise<void> {
  if (tables.length === 0) return;
  await dataSource.query(`TRUNCATE ${tables.map(quoteIdentifier).join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * A scratch database on the test server for specs that need a schema of their own (e.g. to run
 * migrations down and up without disturbing the shared one). Dropped by `drop()`.
 */
export async function createScratchDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = databaseName(testDatabaseUrl());
  const url = withDatabase(testDatabaseUrl(), `${base}_${label}`.slice(0, 63));
  await dropDatabase(url);
  const client = await connectAdmin(withDatabase(url));
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(databaseName(url))}`);
  } finally {
    await client.end();
  }
  return { url, drop: () => dropDatabase(url) };
}
