import type { DataSource, QueryRunner } from 'typeorm';

/** Runs `work` in one transaction on one pooled connection; commits, or rolls back and rethrows. */
export async function inTransaction<T>(dataSource: DataSource, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/** Rows of a query (TypeORM returns `[rows, count]` for UPDATE/DELETE; this always gives rows). */
export async function queryRows<T>(runner: QueryRunner, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = await runner.query(sql, parameters, true);
  return result.records as T[];
}

/** Whether a PostgreSQL error is a unique violation, optionally of the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: unknown })?.driverError ?? error;
  const { code, constraint: violated } = (driverError ?? {}) as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || violated === constraint);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value fits a `uuid` column (so a bad id is refused before it reaches the database). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** Whether a value is an ISO 8601 instant PostgreSQL will read as `timestamptz`. */
export function isInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 40 &&
    /^\d{4}-\d{2}-\d{2}T/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/**
 * Whether PostgreSQL refused the data itself (SQLSTATE class 22 "data exception", e.g. a NUL byte
 * or a lone surrogate in text, or class 23 "integrity constraint violation"): retrying the same
 * input can never succeed.
 */
export function isDataError(error: unknown): boolean {
  const driverError = (error as { driverError?: unknown })?.driverError ?? error;
  const code = (driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}
