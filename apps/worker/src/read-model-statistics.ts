import type { Logger } from '@temporalio/common';
import { Runtime, type WorkerPlugin } from '@temporalio/worker';
import type { DataSource, QueryRunner } from 'typeorm';
import { inTransaction, queryRows } from '../../../libs/persistence/src/transaction';

/**
 * The read model's planner statistics when autovacuum does not keep them: a PostgreSQL with
 * `autovacuum = off`, a table with `autovacuum_enabled = false`, or the embedded PGlite (it reports
 * `autovacuum = on` but runs no launcher; its `pg_stat_user_tables` does count modifications).
 * Without statistics the planner takes a table of thousands of rows for a few dozen and, e.g., sorts
 * every waiting complaint instead of reading the inbox index (README "The inbox without table
 * statistics"). The worker owns the read model's writes, so it analyzes what autovacuum would have,
 * by autovacuum's own rule, every `intervalMs`.
 */

/** Whether autovacuum runs on this server and the thresholds it would analyze at. */
export interface AnalyzeSettings {
  /** `autovacuum` is on and its launcher is running. */
  autovacuumRunning: boolean;
  /** `autovacuum_analyze_threshold` (default 50). */
  analyzeThreshold: number;
  /** `autovacuum_analyze_scale_factor` (default 0.1). */
  analyzeScaleFactor: number;
}

/** One table's changes since its last analyze, as `pg_stat_user_tables` and `pg_class` report them. */
export interface TableActivity {
  /** The table as a `regclass` text (quoted where needed). */
  table: string;
  modifiedSinceAnalyze: number;
  /** `pg_class.reltuples`: −1 before the first analyze. */
  estimatedRows: number;
  /** `pg_class.reloptions`, `name=value` each. */
  options: string[];
}

export interface StatisticsPass {
  /** Another worker was running its pass; this one did nothing. */
  skipped: boolean;
  analyzed: string[];
  /** Tables whose ANALYZE failed (e.g. a lock not granted within the lock timeout); tried again next pass. */
  failed: { table: string; error: string }[];
}

export interface StatisticsPassOptions {
  /** How long ANALYZE waits for its lock (SHARE UPDATE EXCLUSIVE) before giving the table up. */
  lockTimeoutMs?: number;
  /** Tables to look at; all the data source's entity tables by default. */
  tables?: string[];
}

export const DEFAULT_ANALYZE_LOCK_TIMEOUT_MS = 1_000;

/** One pass at a time across all workers on a database: a second worker skips instead of waiting. */
const STATISTICS_PASS_LOCK = 'read_model_statistics';

/** PostgreSQL's spellings of false in a boolean reloption (`parse_bool`). */
const FALSE_SPELLINGS = new Set(['false', 'f', 'off', 'no', 'n', '0']);

/**
 * Autovacuum's analyze rule (`relation_needs_vacanalyze`) for a table autovacuum does not serve:
 * more than threshold + scale factor × rows changed since the last analyze, with the table's own
 * reloptions before the server's settings. False when autovacuum serves the table.
 */
export function needsAnalyze(table: TableActivity, settings: AnalyzeSettings): boolean {
  const option = (name: string): string | undefined =>
    table.options.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
  const enabledForTable = !FALSE_SPELLINGS.has((option('autovacuum_enabled') ?? 'true').toLowerCase());
  if (settings.autovacuumRunning && enabledForTable) return false;
  const threshold = numberOr(option('autovacuum_analyze_threshold'), settings.analyzeThreshold);
  const scaleFactor = numberOr(option('autovacuum_analyze_scale_factor'), settings.analyzeScaleFactor);
  return table.modifiedSinceAnalyze > threshold + scaleFactor * Math.max(table.estimatedRows, 0);
}

function numberOr(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** The tables a data source maps (views excluded). */
export function entityTables(dataSource: DataSource): string[] {
  return [
    ...new Set(
      dataSource.entityMetadatas
        .filter((metadata) => metadata.tableType === 'regular')
        .map((metadata) => metadata.tablePath),
    ),
  ];
}

async function readAnalyzeSettings(runner: QueryRunner): Promise<AnalyzeSettings> {
  const [settings] = await queryRows<AnalyzeSettings>(
    runner,
    `SELECT current_setting('autovacuum') = 'on'
              AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher')
              AS "autovacuumRunning",
            current_setting('autovacuum_analyze_threshold')::float8 AS "analyzeThreshold",
            current_setting('autovacuum_analyze_scale_factor')::float8 AS "analyzeScaleFactor"`,
  );
  return settings!;
}

async function readTableActivity(runner: QueryRunner, tables: string[]): Promise<TableActivity[]> {
  return queryRows<TableActivity>(
    runner,
    `SELECT c.oid::regclass::text AS "table",
            s.n_mod_since_analyze::float8 AS "modifiedSinceAnalyze",
            c.reltuples::float8 AS "estimatedRows",
            coalesce(c.reloptions, '{}') AS "options"
       FROM pg_class c
       JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.oid IN (SELECT to_regclass(name) FROM unnest($1::text[]) AS name)
      ORDER BY 1`,
    [tables],
  );
}

/**
 * One pass: analyzes each table autovacuum would have analyzed by now and does not. Runs in one
 * transaction with a short `lock_timeout`, so a table whose lock another session holds (a migration,
 * a VACUUM) is given up quickly and reported in `failed`, the others still analyzed; writers are
 * never blocked (ANALYZE's lock does not conflict with theirs).
 */
export async function runStatisticsPass(
  dataSource: DataSource,
  { lockTimeoutMs = DEFAULT_ANALYZE_LOCK_TIMEOUT_MS, tables = entityTables(dataSource) }: StatisticsPassOptions = {},
): Promise<StatisticsPass> {
  return inTransaction(dataSource, async (runner) => {
    const pass: StatisticsPass = { skipped: false, analyzed: [], failed: [] };
    await runner.query(`SELECT set_config('lock_timeout', $1, true)`, [`${lockTimeoutMs}ms`]);
    const [{ locked }] = await queryRows<{ locked: boolean }>(
      runner,
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
      [STATISTICS_PASS_LOCK],
    );
    if (!locked) return { ...pass, skipped: true };
    // Read after taking the lock: a pass that just ended elsewhere has reset its tables' counts.
    const settings = await readAnalyzeSettings(runner);
    for (const activity of await readTableActivity(runner, tables)) {
      if (!needsAnalyze(activity, settings)) continue;
      await runner.query('SAVEPOINT analyze_table');
      try {
        // `table` is a regclass text, quoted by PostgreSQL where needed.
        await runner.query(`ANALYZE ${activity.table}`);
        await runner.query('RELEASE SAVEPOINT analyze_table');
        pass.analyzed.push(activity.table);
      } catch (error) {
        await runner.query('ROLLBACK TO SAVEPOINT analyze_table');
        pass.failed.push({ table: activity.table, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return pass;
  });
}

export interface StatisticsUpkeep {
  /** Clears the timer and waits for a running pass to end. */
  stop(): Promise<void>;
}

export interface StatisticsUpkeepOptions extends StatisticsPassOptions {
  intervalMs: number;
  logger: Logger;
}

/**
 * Runs a pass every `intervalMs` (the first one interval after the start, not while the worker
 * starts up); a failed pass is logged and the next period simply tries again.
 */
export function startStatisticsUpkeep(
  dataSource: DataSource,
  { intervalMs, logger, ...passOptions }: StatisticsUpkeepOptions,
): StatisticsUpkeep {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = async (): Promise<void> => {
    try {
      const { analyzed, failed } = await runStatisticsPass(dataSource, passOptions);
      if (analyzed.length > 0) logger.info('Read model tables analyzed', { tables: analyzed });
      for (const { table, error } of failed) {
        logger.warn('Read model table not analyzed; tried again next period', { table, error });
      }
    } catch (error) {
      logger.warn('Read model statistics pass failed; tried again next period', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, intervalMs);
  };

  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Runs the upkeep while the worker runs (the SDK's `runWorker` hook), and stops it with the worker. */
export function statisticsUpkeepPlugin(
  dataSource: DataSource,
  options: Omit<StatisticsUpkeepOptions, 'logger'> & { logger?: Logger },
): WorkerPlugin {
  return {
    name: 'aduan-read-model-statistics',
    async runWorker(worker, next) {
      const upkeep = startStatisticsUpkeep(dataSource, {
        ...options,
        logger: options.logger ?? Runtime.instance().logger,
      });
      try {
        await next(worker);
      } finally {
        await upkeep.stop();
      }
    },
  };
}
