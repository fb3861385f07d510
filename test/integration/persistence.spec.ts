/**
 * The read-model schema on a real PostgreSQL (and on the embedded PGlite the local runner falls
 * back to): migrations apply, revert and re-apply, and the entities match what they create.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  READ_MODEL_MIGRATIONS,
  revertLastMigration,
  runMigrations,
} from '../../libs/persistence/src/data-source';
import { inTransaction, queryRows } from '../../libs/persistence/src/transaction';
import { inboxQuery } from '../../apps/gateway/src/complaints/services/complaint-queries.service';
import { OFFICES, SOP_CATALOG } from '../../libs/domain/src/catalog';
import { listOffices, listSopVersions } from '../../libs/persistence/src/catalog-store';
import {
  CATALOG_TABLES,
  createScratchDatabase,
  openTestDataSource,
  READ_MODEL_TABLES,
  testDatabaseUrl,
} from '../support/database';
import { freePort } from '../support/processes';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

async function publicTables(dataSource: DataSource): Promise<string[]> {
  const rows: { tablename: string }[] = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return rows.map((row) => row.tablename);
}

async function publicIndexes(dataSource: DataSource): Promise<string[]> {
  const rows: { indexname: string }[] = await dataSource.query(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
  );
  return rows.map((row) => row.indexname);
}

/** SQL TypeORM would run to make the database match the entities (empty: entities and migrations agree). */
async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

/** Migrations down to nothing and back up, checking the schema at each end. */
async function roundTrip(dataSource: DataSource): Promise<void> {
  const migrationNames = READ_MODEL_MIGRATIONS.map((migration) => new migration().name);
  expect(await publicTables(dataSource)).toEqual(expect.arrayContaining([...READ_MODEL_TABLES]));
  expect(await schemaDrift(dataSource)).toEqual([]);

  const reverted: string[] = [];
  for (let name = await revertLastMigration(dataSource); name; name = await revertLastMigration(dataSource)) {
    reverted.push(name);
  }
  expect(reverted).toEqual([...migrationNames].reverse());
  expect(await publicTables(dataSource)).toEqual(['migrations']);

  expect(await runMigrations(dataSource)).toEqual(migrationNames);
  expect(await runMigrations(dataSource)).toEqual([]);
  expect(await schemaDrift(dataSource)).toEqual([]);
}

describe('read-model migrations on PostgreSQL', () => {
  it('were applied to the test database by the global setup, and the entities match them', async () => {
    const dataSource = await openTestDataSource();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
      expect(await publicTables(dataSource)).toEqual([...READ_MODEL_TABLES, ...CATALOG_TABLES, 'migrations'].sort());
      expect(await schemaDrift(dataSource)).toEqual([]);
      // The indexes TypeORM cannot describe (GIN on the role array, word search, partial ones) are there too.
      expect(await publicIndexes(dataSource)).toEqual(
        expect.arrayContaining([
          'IDX_complaints_current_actor_roles',
          'IDX_complaints_search',
          'IDX_complaints_inbox',
          'IDX_complaints_unnumbered_tracking_code',
        ]),
      );
      // The migrate step loaded the seeds (seeds/): five offices, six published SOP versions, each audited
      // by the seed actor. Other specs sharing this database may onboard more offices; the seeds are all there.
      expect((await listOffices(dataSource.manager)).map((office) => office.code)).toEqual(
        expect.arrayContaining(OFFICES.map((office) => office.code)),
      );
      const versions = await listSopVersions(dataSource.manager, { statuses: ['published'] });
      expect(versions.map((version) => `${version.sopId}@${version.version}`)).toEqual(
        expect.arrayContaining(SOP_CATALOG.map((sop) => `${sop.id}@${sop.version}`)),
      );
      const seeded: { count: string }[] = await dataSource.query(
        `SELECT count(*) AS count FROM admin_audit WHERE actor_user_id = 'seed'`,
      );
      expect(Number(seeded[0]?.count)).toBe(OFFICES.length + SOP_CATALOG.length);
    } finally {
      await dataSource.destroy();
    }
  });

  it('revert to an empty schema and apply again', async () => {
    const scratch = await createScratchDatabase('migrations');
    try {
      expect(await runMigrations(scratch.url)).toEqual(READ_MODEL_MIGRATIONS.map((migration) => new migration().name));
      const dataSource = createDataSource(scratch.url);
      await dataSource.initialize();
      try {
        await roundTrip(dataSource);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await scratch.drop();
    }
  });

  it('npm run migrate creates a missing database, applies, reports nothing pending, and reverts with --revert', async () => {
    const scratch = await createScratchDatabase('cli');
    await scratch.drop(); // the CLI must create it
    const env = { ...process.env, DATABASE_URL: scratch.url };
    const migrate = (...args: string[]) =>
      run('npx', ['ts-node', '--transpile-only', 'libs/persistence/src/migrate.ts', ...args], { cwd: ROOT, env });
    try {
      const first = await migrate();
      expect(first.stdout).toContain('Created the database.');
      expect(first.stdout).toContain('Applied InitialReadModel1732300000000');
      expect((await migrate()).stdout).toContain('No pending migrations.');
      expect((await migrate('--revert')).stdout).toContain('Reverted InboxAndTrackingIndexes1765200000000');
      expect((await migrate('--revert')).stdout).toContain('Reverted ComplaintChangeXid1765150000000');
      expect((await migrate('--revert')).stdout).toContain('Reverted NotificationDelivery1765100000000');
      expect((await migrate('--revert')).stdout).toContain('Reverted ArchiveRegister1765000000000');
      expect((await migrate('--revert')).stdout).toContain('Reverted ActionRequests1764800000000');
      expect((await migrate('--revert')).stdout).toContain('Reverted CatalogAndStaff1764100000000');
      expect((await migrate('--revert')).stdout).toContain('Reverted MonthlyRecaps1764000000000');
      expect((await migrate('--revert')).stdout).toContain('Reverted InitialReadModel1732300000000');
      expect((await migrate('--revert')).stdout).toContain('No applied migration to revert.');
    } finally {
      await scratch.drop();
    }
  });

  /** The plan PostgreSQL chooses for a query with the given planner paths closed (its text, one line per node). */
  async function planOf(sql: string, parameters: unknown[], closedPaths: string[], verbose = false): Promise<string> {
    const dataSource = await openTestDataSource();
    try {
      const plan = await inTransaction(dataSource, async (runner) => {
        for (const path of closedPaths) await runner.query(`SET LOCAL ${path} = off`);
        return queryRows<{ 'QUERY PLAN': string }>(runner, `EXPLAIN ${verbose ? '(VERBOSE) ' : ''}${sql}`, parameters);
      });
      return plan.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await dataSource.destroy();
    }
  }

  it('the word search index serves a plain to_tsvector query', async () => {
    const plan = await planOf(
      `SELECT id FROM complaints
       WHERE to_tsvector('simple'::regconfig, subject || ' ' || content_excerpt) @@ plainto_tsquery('simple', 'jalan')`,
      [],
      ['enable_seqscan'],
    );
    expect(plan).toContain('IDX_complaints_search');
  });

  it("the inbox index serves the gateway's inbox query, its filter and its order, without a sort", async () => {
    const dataSource = await openTestDataSource();
    const { sql, parameters } = inboxQuery(dataSource, 'KEBAKKRAMAT', ['camat', 'sekcam'], 50);
    await dataSource.destroy();
    // Only the paths that need no sort of the office's rows remain open to the planner.
    const plan = await planOf(sql, parameters, ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']);
    expect(plan).toContain('Index Scan using "IDX_complaints_inbox"');
    expect(plan).not.toContain('Sort');
  });

  it("the inbox reads the state of its page's rows only, also when the plan sorts all the office's rows", async () => {
    const dataSource = await openTestDataSource();
    const { sql, parameters } = inboxQuery(dataSource, 'KEBAKKRAMAT', ['petugas_loket'], 50);
    await dataSource.destroy();
    // No ordered index path: the plan PostgreSQL takes for a table it has no statistics of.
    const plan = await planOf(sql, parameters, ['enable_indexscan', 'enable_bitmapscan'], true);
    const limitAt = plan.indexOf('->  Limit');
    const subPlanAt = plan.search(/^\s*SubPlan \d/m);
    expect(plan.slice(limitAt, subPlanAt)).toContain('Sort Key: c.due_at, c.submitted_at');
    // Nothing at or below the limit carries the state; it is read per row of the page, after the limit.
    expect(plan.slice(limitAt, subPlanAt)).not.toContain('state');
    expect(plan.slice(subPlanAt)).toContain("(s.state -> 'currentSteps'::text)");
  });

  it('the tracking code alone finds an unnumbered complaint through its partial index', async () => {
    const plan = await planOf(
      `SELECT id, tracking_code_hash FROM complaints WHERE register_number IS NULL AND tracking_code_hash = $1`,
      ['0'.repeat(64)],
      ['enable_seqscan'],
    );
    expect(plan).toContain('IDX_complaints_unnumbered_tracking_code');
  });
});

/**
 * The embedded PostgreSQL in a child process: PGlite loads its WebAssembly with a dynamic import,
 * which jest's module sandbox does not allow.
 */
async function startEmbeddedInChild(dataDir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const script = `
    const { startEmbeddedPostgres } = require('./libs/persistence/src/embedded-postgres');
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, maxConnections: 8 }).then((pg) => {
      process.stdout.write('READY ' + pg.url + '\\n');
      process.on('SIGTERM', () => pg.stop().then(() => process.exit(0)));
    }, (error) => { console.error(error); process.exit(1); });`;
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /READY (\S+)/.exec(stdout);
      if (ready) resolve(ready[1]);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${stderr}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('read-model migrations on the embedded PostgreSQL (PGlite)', () => {
  it('apply, revert and apply again, with the entities matching', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduan-pglite-'));
    const embedded = await startEmbeddedInChild(dataDir, await freePort());
    try {
      const dataSource = createDataSource(embedded.url);
      await dataSource.initialize();
      try {
        expect(await runMigrations(dataSource)).toHaveLength(READ_MODEL_MIGRATIONS.length);
        await roundTrip(dataSource);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// The test database URL comes from the global setup; a run without it fails loudly, not silently.
it('the global setup published the test database URL', () => {
  expect(testDatabaseUrl()).toMatch(/\/aduan_test_\d+_\d+$/);
  expect(process.env.DATABASE_URL).toBe(testDatabaseUrl());
});
