/**
 * The worker's upkeep of the read model's planner statistics on a real PostgreSQL, for a table
 * autovacuum leaves alone (`autovacuum_enabled = false`, so the test does not depend on the server's
 * own setting): analyzed past autovacuum's threshold and not below it, given up quickly when another
 * session holds the table's lock, and one pass at a time across workers.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { inboxQuery } from '../../apps/gateway/src/complaints/services/complaint-queries.service';
import { runStatisticsPass, startStatisticsUpkeep } from '../../apps/worker/src/read-model-statistics';
import { createWorker } from '../../apps/worker/src/worker';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { loadConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import { initialComplaintState } from '../../libs/domain/src/complaint-fold';
import { createLogger } from '../../libs/logging/src/logger';
import { writeComplaintProjection } from '../../libs/persistence/src/complaint-row';
import { createDataSource, runMigrations } from '../../libs/persistence/src/data-source';
import { createScratchDatabase } from '../support/database';
import { waitFor } from '../support/processes';
import { createLocalEnv } from '../support/temporal-env';

const SOP = findSop('kebakkramat-aduan')!;
const FIRST_STEP = SOP.steps[0]!;

interface ComplaintsStatistics {
  modifiedSinceAnalyze: number;
  analyzeCount: number;
  estimatedRows: number;
}

describe('read model statistics kept by the worker where autovacuum does not run', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let template: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase('statistics');
    dataSource = createDataSource(scratch.url, { poolSize: 4, applicationName: 'aduan-test' });
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.query('ALTER TABLE complaints SET (autovacuum_enabled = false)');
    // One real projection, waiting on the front office's first step; the rest are copies of it.
    const complaintId = randomUUID();
    const submittedAt = new Date(Date.now() - 86_400_000).toISOString();
    const start = {
      complaintId,
      sop: { id: SOP.id, version: SOP.version, office: { code: SOP.office.code } },
      submission: { channel: 'langsung' as const, confidential: false },
    };
    await writeComplaintProjection(dataSource, {
      workflowId: `complaint-${complaintId}`,
      state: {
        ...initialComplaintState(start, submittedAt),
        currentSteps: [
          {
            key: FIRST_STEP.key,
            title: FIRST_STEP.title,
            action: FIRST_STEP.action,
            actorRoles: [...FIRST_STEP.actorRoles],
            bakuMutu: FIRST_STEP.bakuMutu,
            startedAt: submittedAt,
            dueAt: new Date(Date.now() + 86_400_000).toISOString(),
            breached: false,
          },
        ],
      },
      summary: {
        subject: 'Aduan statistik',
        contentExcerpt: 'Lampu jalan mati.',
        complainantName: 'Warga',
        anonymous: false,
        trackingCodeHash: '0'.repeat(64),
      },
      events: [{ seq: 1, type: 'submitted', at: submittedAt, data: { channel: 'langsung' } }],
    });
    template = complaintId;
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  /**
   * Copies of the template complaint spread over the catalog's offices, all waiting for the same
   * role, and their modifications flushed to the statistics.
   */
  async function writeWaitingComplaints(count: number): Promise<void> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      const { modifiedSinceAnalyze: before } = await complaintsStatistics();
      await runner.query(
        `WITH offices AS (SELECT array_agg(code ORDER BY code) AS codes FROM offices)
         INSERT INTO complaints
         SELECT (jsonb_populate_record(NULL::complaints, to_jsonb(c) || jsonb_build_object(
                   'id', id.value, 'workflow_id', 'complaint-' || id.value, 'register_number', NULL,
                   'tracking_code_hash', md5(id.value::text),
                   'office_code', offices.codes[1 + id.g % cardinality(offices.codes)],
                   'due_at', c.due_at + make_interval(mins => (random() * 20000)::int),
                   'submitted_at', c.submitted_at - make_interval(mins => (random() * 20000)::int)))).*
           FROM complaints c, offices,
                (SELECT gen_random_uuid() AS value, g FROM generate_series(1, $2::int) AS g) AS id
          WHERE c.id = $1`,
        [template, count],
      );
      // A backend reports its table counts when idle, at most once a second; this one reports now.
      await runner.query('SELECT pg_stat_force_next_flush()');
      await runner.query('SELECT 1');
      const deadline = Date.now() + 15_000;
      while ((await complaintsStatistics()).modifiedSinceAnalyze < before + count) {
        if (Date.now() > deadline) throw new Error(`the statistics never counted ${count} new complaints`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await runner.release();
    }
  }

  async function complaintsStatistics(): Promise<ComplaintsStatistics> {
    const [row] = await dataSource.query<ComplaintsStatistics[]>(
      `SELECT s.n_mod_since_analyze::float8 AS "modifiedSinceAnalyze", s.analyze_count::float8 AS "analyzeCount",
              c.reltuples::float8 AS "estimatedRows"
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.relid = 'complaints'::regclass`,
    );
    return row!;
  }

  async function inboxPlan(): Promise<string> {
    const { sql, parameters } = inboxQuery(dataSource, SOP.office.code, [...FIRST_STEP.actorRoles], 50);
    const rows = await dataSource.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, parameters);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  /** Another session holding `lock` until `release()`. */
  async function holdLock(lock: string): Promise<{ release(): Promise<void> }> {
    const session = new Client({ connectionString: scratch.url });
    await session.connect();
    await session.query('BEGIN');
    await session.query(lock);
    return {
      async release() {
        await session.query('ROLLBACK');
        await session.end();
      },
    };
  }

  it('analyzes the table once enough rows changed, and the inbox then reads its index', async () => {
    await writeWaitingComplaints(3_000);
    expect(await complaintsStatistics()).toMatchObject({ analyzeCount: 0 });

    const pass = await runStatisticsPass(dataSource);
    expect(pass).toMatchObject({ skipped: false, failed: [] });
    expect(pass.analyzed).toContain('complaints');
    expect(await complaintsStatistics()).toEqual({ modifiedSinceAnalyze: 0, analyzeCount: 1, estimatedRows: 3_001 });
    expect(await inboxPlan()).toContain('Index Scan using "IDX_complaints_inbox"');
  });

  it('leaves it alone below threshold + scale factor × rows (50 + 300 here)', async () => {
    await writeWaitingComplaints(300);

    const pass = await runStatisticsPass(dataSource);

    expect(pass.analyzed).not.toContain('complaints');
    expect(await complaintsStatistics()).toMatchObject({ analyzeCount: 1, modifiedSinceAnalyze: 300 });
  });

  it('gives the table up after the lock timeout while another session holds its lock, logs it, and analyzes it next period', async () => {
    await writeWaitingComplaints(100);
    const lock = await holdLock('LOCK TABLE complaints IN SHARE UPDATE EXCLUSIVE MODE');
    try {
      const pass = await runStatisticsPass(dataSource, { lockTimeoutMs: 200 });
      expect(pass.analyzed).not.toContain('complaints');
      expect(pass.failed).toEqual([{ table: 'complaints', error: expect.stringContaining('lock timeout') }]);

      const lines: string[] = [];
      const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) });
      const upkeep = startStatisticsUpkeep(dataSource, { intervalMs: 50, lockTimeoutMs: 200, logger });
      try {
        const deadline = Date.now() + 15_000;
        while (!lines.some((line) => line.includes('Read model table not analyzed'))) {
          if (Date.now() > deadline) throw new Error(`nothing logged: ${lines.join('\n')}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await upkeep.stop();
      }
      expect(lines.join('\n')).toContain('lock timeout');
    } finally {
      await lock.release();
    }
    expect(await complaintsStatistics()).toMatchObject({ analyzeCount: 1 });

    const pass = await runStatisticsPass(dataSource);

    expect(pass.analyzed).toContain('complaints');
    expect(await complaintsStatistics()).toMatchObject({ analyzeCount: 2, estimatedRows: 3_401 });
  });

  it("skips the pass while another worker's pass runs", async () => {
    await writeWaitingComplaints(400);
    const otherWorker = await holdLock(`SELECT pg_advisory_xact_lock(hashtext('read_model_statistics'))`);
    try {
      expect(await runStatisticsPass(dataSource)).toEqual({ skipped: true, analyzed: [], failed: [] });
    } finally {
      await otherWorker.release();
    }
    expect(await complaintsStatistics()).toMatchObject({ analyzeCount: 2 });
  });

  it('runs in the complaint worker every ADUAN_STATISTICS_INTERVAL_MS while it runs, and stops with it', async () => {
    await writeWaitingComplaints(500);
    const analyzedBefore = (await complaintsStatistics()).analyzeCount;
    const env = await createLocalEnv();
    try {
      const worker = await createWorker({
        config: loadConfig({ ...process.env, NODE_ENV: 'test', ADUAN_STATISTICS_INTERVAL_MS: '100' }),
        connection: env.nativeConnection,
        dataSource,
        workflowBundle: await bundleWorkflows({ stackTraces: false }),
        taskQueue: `aduan-statistics-${randomUUID()}`,
      });
      await worker.runUntil(
        waitFor(
          'the worker to analyze complaints',
          async () => ((await complaintsStatistics()).analyzeCount > analyzedBefore ? true : undefined),
          30_000,
        ),
      );
      expect(worker.getState()).toBe('STOPPED');
    } finally {
      await env.teardown();
    }
    expect(await complaintsStatistics()).toMatchObject({ analyzeCount: analyzedBefore + 1, modifiedSinceAnalyze: 0 });
  });
});
