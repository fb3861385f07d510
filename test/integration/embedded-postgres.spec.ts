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
      database: { url: `postgres://postgres@127.0.0.1:${unusedPort}/aduan`, explicit: false, embeddedPort },
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
});
