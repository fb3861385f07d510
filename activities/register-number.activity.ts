import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  inTransaction,
  isDataError,
  isInstant,
  isUniqueViolation,
  isUuid,
  queryRows,
} from '../libs/persistence/src/transaction';
import type { AssignRegisterNumberInput, AssignRegisterNumberResult } from './contracts';

export interface RegisterNumberActivityDeps {
  dataSource: DataSource;
}

/** Width `{seq}` is zero-padded to; `{seq:N}` in a format asks for another width. */
export const DEFAULT_SEQUENCE_WIDTH = 4;
const PLACEHOLDER = /\{(seq|office|year)(?::(\d{1,2}))?\}/g;

/**
 * `000.8.3.3/{seq}/{office}/{year}` → `000.8.3.3/0007/PALARAN/2026`. `{seq}` is zero-padded to four
 * digits (`{seq:N}` for N), and keeps growing past them.
 */
export function formatRegisterNumber(format: string, parts: { seq: number; office: string; year: number }): string {
  return format.replace(PLACEHOLDER, (_match, name: string, width?: string) => {
    if (name === 'seq')
      return String(parts.seq).padStart(width === undefined ? DEFAULT_SEQUENCE_WIDTH : Number(width), '0');
    return name === 'office' ? parts.office : String(parts.year);
  });
}

/** The register year: the calendar year of the submission in the office's time zone. */
export function registerYear(submittedAt: string, timeZone: string): number {
  return DateTime.fromISO(submittedAt, { zone: timeZone }).year;
}

function badInput(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'BAD_USER_INPUT');
}

function checkInput(input: AssignRegisterNumberInput): void {
  if (!isUuid(input?.complaintId)) throw badInput('ID aduan harus berupa UUID.');
  const office = input.office;
  if (typeof office?.code !== 'string' || office.code.trim() === '') throw badInput('Kode kantor wajib diisi.');
  if (typeof office.timeZone !== 'string' || !DateTime.local().setZone(office.timeZone).isValid) {
    throw badInput(`Zona waktu kantor tidak dikenal: ${String(office.timeZone)}.`);
  }
  if (typeof office.registerNumberFormat !== 'string' || !/\{seq(?::\d{1,2})?\}/.test(office.registerNumberFormat)) {
    throw badInput('Format nomor register harus memuat {seq}.');
  }
  if (!isInstant(input.submittedAt)) throw badInput('Waktu pengajuan (submittedAt) harus ISO 8601.');
}

interface AssignmentRow {
  register_number: string;
  seq: number;
  year: number;
}

async function findAssignment(
  runner: QueryRunner,
  complaintId: string,
): Promise<AssignRegisterNumberResult | undefined> {
  const [row] = await queryRows<AssignmentRow>(
    runner,
    'SELECT register_number, seq, year FROM register_assignments WHERE complaint_id = $1',
    [complaintId],
  );
  return row ? { registerNumber: row.register_number, sequence: row.seq, year: row.year } : undefined;
}

export function createRegisterNumberActivities(deps: RegisterNumberActivityDeps) {
  const { dataSource } = deps;

  /**
   * The complaint's register number from a gap-free counter per office and year. Idempotent: the
   * assignment is keyed by complaint, so a retry (or a concurrent duplicate) gets the same number.
   * The counter row is locked by the upsert until the transaction ends, so numbers are handed out
   * in commit order; a failed transaction rolls its increment back, so no number is skipped.
   */
  async function assignRegisterNumber(input: AssignRegisterNumberInput): Promise<AssignRegisterNumberResult> {
    checkInput(input);
    const { complaintId, office } = input;
    const year = registerYear(input.submittedAt, office.timeZone);
    try {
      return await inTransaction(dataSource, async (runner) => {
        const existing = await findAssignment(runner, complaintId);
        if (existing) return existing;
        const [counter] = await queryRows<{ last_seq: number }>(
          runner,
          `INSERT INTO register_counters (office_code, year, last_seq) VALUES ($1, $2, 1)
           ON CONFLICT (office_code, year) DO UPDATE SET last_seq = register_counters.last_seq + 1
           RETURNING last_seq`,
          [office.code, year],
        );
        const seq = counter.last_seq;
        const registerNumber = formatRegisterNumber(office.registerNumberFormat, { seq, office: office.code, year });
        await runner.query(
          `INSERT INTO register_assignments (complaint_id, office_code, year, seq, register_number)
           VALUES ($1, $2, $3, $4, $5)`,
          [complaintId, office.code, year, seq, registerNumber],
        );
        return { registerNumber, sequence: seq, year };
      });
    } catch (error) {
      // The same complaint assigned concurrently: the other transaction won; ours rolled back its increment.
      if (isUniqueViolation(error, 'PK_register_assignments')) {
        const existing = await inTransaction(dataSource, (runner) => findAssignment(runner, complaintId));
        if (existing) return existing;
      }
      if (isUniqueViolation(error, 'UQ_register_assignments_register_number')) {
        throw ApplicationFailure.nonRetryable(
          `Nomor register bentrok dengan aduan lain; format "${office.registerNumberFormat}" harus membedakan kantor dan tahun.`,
          'CONFLICT',
        );
      }
      if (isDataError(error)) {
        throw badInput(`Data nomor register ditolak oleh basis data: ${(error as Error).message}`);
      }
      throw error;
    }
  }

  return { assignRegisterNumber };
}
