/**
 * The embedded PostgreSQL (PGlite behind the wire protocol) that `npm start` falls back to when no
 * PostgreSQL is configured or reachable: the real `pg` driver, the real migrations, a pool of
 * several connections, and data that survives a restart.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { openLocalDatabase, type LocalDatabase } from '../../apps/local/src/local-database';
import { runStatisticsPass } from '../../apps/worker/src/read-model-statistics';
import { loadConfig, type AppConfig } from '../../libs/config/src/config';
import { createLogger } from '../../libs/logging/src/logger';
import { createDataSource, READ_MODEL_MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { freePorts, isPortOpen } from '../support/processes';

describe('embedded PostgreSQL fallback', () => {
  let dataDir: string;
  let config: AppConfig;
  let database: LocalDatabase | undefined;
  const log = createLogger({ level: 'error' });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduan-pglite-'));
    const [unusedPort, embeddedPort] = await freePorts(2);
    const base = loadConfig({ ADUAN_DATA_DIR: dataDir });
    // Nothing listens on `unusedPort`: this machine has no reachable "local PostgreSQL".
    config = {
      ...base,
      database: {
        ...base.database,
        url: `postgres://postgres@127.0.0.1:${unusedPort}/aduan`,
        explicit: false,
        embeddedPort,
      },
    };
  });

  afterAll(async () => {
    await database?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts when no PostgreSQL answers, takes the migrations and serves a pool through pg', async () => {
    database = await openLocalDatabase(config, log);
    expect(database.kind).toBe('embedded');
    expect(database.url).toBe(`postgres://postgres@127.0.0.1:${config.database.embeddedPort}/postgres`);

    const dataSource = createDataSource(database.url, { poolSize: 4 });
    await dataSource.initialize();
    try {
      expect(await runMigrations(dataSource)).toEqual(READ_MODEL_MIGRATIONS.map((migration) => migration.name));
    } finally {
      await dataSource.destroy();
    }

    const pool = new Pool({ connectionString: database.url, max: 4 });
    try {
      const next = () =>
        pool.query<{ last_seq: number }>(
          `INSERT INTO register_counters (office_code, year, last_seq) VALUES ('KBK', 2026, 1)
           ON CONFLICT (office_code, year) DO UPDATE SET last_seq = register_counters.last_seq + 1
           RETURNING last_seq`,
        );
      const results = await Promise.all(Array.from({ length: 40 }, () => next()));
      const sequences = results.map((result) => result.rows[0].last_seq).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    } finally {
      await pool.end();
    }

    await database.stop();
    expect(await isPortOpen(config.database.embeddedPort)).toBe(false);
    database = undefined;
    expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
  });

  it('keeps its data in the data folder across a restart', async () => {
    database = await openLocalDatabase(config, log);
    expect(database.kind).toBe('embedded');
    expect(await runMigrations(database.url)).toEqual([]);
    const pool = new Pool({ connectionString: database.url, max: 2 });
    try {
      const { rows } = await pool.query(`SELECT last_seq FROM register_counters WHERE office_code = 'KBK'`);
      expect(rows).toEqual([{ last_seq: 40 }]);
    } finally {
      await pool.end();
    }
  });

  it("gets its tables analyzed by the worker's statistics pass: PGlite counts changes but runs no autovacuum", async () => {
    database ??= await openLocalDatabase(config, log);
    const dataSource = createDataSource(database.url, { poolSize: 2 });
    await dataSource.initialize();
    try {
      const [settings] = await dataSource.query<{ autovacuum: string; launchers: number }[]>(
        `SELECT current_setting('autovacuum') AS autovacuum,
                count(*) FILTER (WHERE backend_type = 'autovacuum launcher')::int AS launchers
           FROM pg_stat_activity`,
      );
      expect(settings).toEqual({ autovacuum: 'on', launchers: 0 });
      await dataSource.query(
        `INSERT INTO register_counters (office_code, year, last_seq)
         SELECT 'STAT-' || g, 2026, 1 FROM generate_series(1, 100) AS g`,
      );
      await dataSource.query('SELECT pg_stat_force_next_flush()');
      const [{ modified }] = await dataSource.query<{ modified: number }[]>(
        `SELECT n_mod_since_analyze::int AS modified FROM pg_stat_user_tables WHERE relname = 'register_counters'`,
      );
      expect(modified).toBeGreaterThan(50);

      const pass = await runStatisticsPass(dataSource);

      expect(pass.analyzed).toContain('register_counters');
      const [table] = await dataSource.query<{ analyzeCount: number; estimatedRows: number }[]>(
        `SELECT s.analyze_count::int AS "analyzeCount", c.reltuples::float8 AS "estimatedRows"
           FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'register_counters'`,
      );
      expect(table).toEqual({ analyzeCount: 1, estimatedRows: 101 });
    } finally {
      await dataSource.destroy();
    }
  });
});
