import 'reflect-metadata';
import { Client as PgClient } from 'pg';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { READ_MODEL_ENTITIES } from './entities';
import { InitialReadModel1732300000000 } from './migrations/1732300000000-InitialReadModel';
import { MonthlyRecaps1764000000000 } from './migrations/1764000000000-MonthlyRecaps';
import { CatalogAndStaff1764100000000 } from './migrations/1764100000000-CatalogAndStaff';
import { ActionRequests1764800000000 } from './migrations/1764800000000-ActionRequests';
import { ArchiveRegister1765000000000 } from './migrations/1765000000000-ArchiveRegister';
import { NotificationDelivery1765100000000 } from './migrations/1765100000000-NotificationDelivery';
import { ComplaintChangeXid1765150000000 } from './migrations/1765150000000-ComplaintChangeXid';
import { InboxAndTrackingIndexes1765200000000 } from './migrations/1765200000000-InboxAndTrackingIndexes';
import { readSeedCatalog } from '../../domain/src/catalog/seed-files';
import { loadSeeds } from './catalog-store';

/** Every migration in order, listed explicitly (no globs: they break under ts-jest and ts-node). */
export const READ_MODEL_MIGRATIONS = [
  InitialReadModel1732300000000,
  MonthlyRecaps1764000000000,
  CatalogAndStaff1764100000000,
  ActionRequests1764800000000,
  ArchiveRegister1765000000000,
  NotificationDelivery1765100000000,
  ComplaintChangeXid1765150000000,
  InboxAndTrackingIndexes1765200000000,
];

export const DEFAULT_POOL_SIZE = 4;

/** Advisory lock key held while migrations run ("aduan-mg" as a number). */
export const MIGRATION_LOCK_KEY = 7_243_100_001;

export interface DataSourceOptions {
  /**
   * Connections in the pool (default 4). With the embedded PostgreSQL (PGlite) it must stay below
   * the socket server's `maxConnections`, or the extra connections are dropped.
   */
  poolSize?: number;
  /** Shown in `pg_stat_activity`. */
  applicationName?: string;
  /** TypeORM's SQL logging (off by default). */
  logging?: boolean;
  logger?: TypeOrmLogger;
}

/**
 * The read model's DataSource. Not initialized: call `initialize()` and, once per process that owns
 * the schema, `runMigrations()`. `synchronize` stays off: the schema changes only by migration.
 */
export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: options.logging ?? false,
    ...(options.logger ? { logger: options.logger } : {}),
    applicationName: options.applicationName ?? 'aduan',
    poolSize: options.poolSize ?? DEFAULT_POOL_SIZE,
    extra: { connectionTimeoutMillis: 10_000 },
  });
}

/**
 * Applies the pending migrations (each in its own transaction), then loads the seed offices and SOP
 * versions the database lacks (`seeds/`), and returns the migrations' names. Accepts an initialized
 * DataSource, or a URL for which it opens and closes one.
 */
export async function runMigrations(target: DataSource | string): Promise<string[]> {
  return withDataSource(target, async (dataSource) => {
    // Several replicas may start at once: one migrates, the others wait here and then find nothing pending.
    // The lock is held on a connection of its own, so a pool of one still runs the migrations.
    const lock = new PgClient({
      connectionString: (dataSource.options as { url?: string }).url,
      application_name: 'aduan-migrate-lock',
    });
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await loadSeeds(dataSource, readSeedCatalog());
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lock.end();
    }
  });
}

/** Undoes the last applied migration; returns its name, or undefined when none was applied. */
export async function revertLastMigration(target: DataSource | string): Promise<string | undefined> {
  return withDataSource(target, async (dataSource) => {
    const last = await lastAppliedMigration(dataSource);
    if (last === undefined) return undefined;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return last;
  });
}

async function lastAppliedMigration(dataSource: DataSource): Promise<string | undefined> {
  const table = dataSource.driver.escape(dataSource.options.migrationsTableName ?? 'migrations');
  const exists: { present: boolean }[] = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    `public.${table}`,
  ]);
  if (!exists[0]?.present) return undefined;
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM ${table} ORDER BY id DESC LIMIT 1`);
  return rows[0]?.name;
}

async function withDataSource<T>(
  target: DataSource | string,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  if (typeof target !== 'string') return work(target);
  const dataSource = createDataSource(target, { poolSize: 1, applicationName: 'aduan-migrate' });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
