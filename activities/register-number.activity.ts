import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { isDataError, isInstant, isUniqueViolation, isUuid } from '../libs/persistence/src/transaction';
import type { AssignRegisterNumberInput, AssignRegisterNumberResult } from './contracts';

export interface RegisterNumberActivityDeps {
  dataSource: DataSource;
}

/** Width `{seq}` is zero-padded to; `{seq:N}` in a format asks for another width. */
export const DEFAULT_SEQUENCE_WIDTH = 4;
const PLACEHOLDER = /\{(seq|office|year)(?::(\d{1,2}))?\}/g;

/**
 * The register number as a SQL expression over the sequence column `seq`, so that the counter, the
 * number and the assignment are one statement: `000.8.3.3/{seq}/{office}/{year}` →
 * `000.8.3.3/0007/PALARAN/2026`. `{seq}` is zero-padded to four digits (`{seq:N}` for N) and keeps
 * growing past them; `{office}` and `{year}` are filled in here. The text around the sequence goes
 * as parameters, numbered from `firstParameter`.
 */
function registerNumberSql(
  format: string,
  parts: { office: string; year: number },
  seq: string,
  firstParameter: number,
): { sql: string; parameters: string[] } {
  const pieces: string[] = [];
  const parameters: string[] = [];
  let literal = '';
  let last = 0;
  const flushLiteral = () => {
    parameters.push(literal);
    pieces.push(`$${firstParameter + parameters.length - 1}::text`);
    literal = '';
  };
  for (const match of format.matchAll(PLACEHOLDER)) {
    const [placeholder, name, width] = match;
    literal += format.slice(last, match.index);
    last = match.index + placeholder.length;
    if (name === 'office') literal += parts.office;
    else if (name === 'year') literal += String(parts.year);
    else {
      flushLiteral();
      // The width is at most two digits (the placeholder's pattern): safe to write into the SQL.
      const padded = width === undefined ? DEFAULT_SEQUENCE_WIDTH : Number(width);
      pieces.push(
        `CASE WHEN length(${seq}::text) >= ${padded} THEN ${seq}::text ELSE lpad(${seq}::text, ${padded}, '0') END`,
      );
    }
  }
  literal += format.slice(last);
  flushLiteral();
  return { sql: `concat(${pieces.join(', ')})`, parameters };
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

const ASSIGNMENT_OF_COMPLAINT = 'SELECT register_number, seq, year FROM register_assignments WHERE complaint_id = $1';

function assignmentOf(row: AssignmentRow): AssignRegisterNumberResult {
  return { registerNumber: row.register_number, sequence: row.seq, year: row.year };
}

export function createRegisterNumberActivities(deps: RegisterNumberActivityDeps) {
  const { dataSource } = deps;

  /**
   * The complaint's register number from a gap-free counter per office and year. Idempotent: the
   * assignment is keyed by complaint, so a retry (or a concurrent duplicate) gets the same number.
   * One statement: the counter row is locked by the upsert until it ends, so numbers are handed out
   * in commit order; a statement that fails (a concurrent duplicate's assignment won) rolls its
   * increment back, so no number is skipped.
   */
  async function assignRegisterNumber(input: AssignRegisterNumberInput): Promise<AssignRegisterNumberResult> {
    checkInput(input);
    const { complaintId, office } = input;
    const year = registerYear(input.submittedAt, office.timeZone);
    const parameters = [complaintId, office.code, year];
    // The format's text goes as parameters numbered after the statement's own ($1–$3).
    const registerNumber = registerNumberSql(
      office.registerNumberFormat,
      { office: office.code, year },
      'last_seq',
      parameters.length + 1,
    );
    try {
      // One statement: the assignment kept for this complaint, else the counter's increment and the
      // new assignment. The counter row stays locked only for this statement.
      const [row]: AssignmentRow[] = await dataSource.query(
        `WITH existing AS (${ASSIGNMENT_OF_COMPLAINT}), counter AS (
           INSERT INTO register_counters (office_code, year, last_seq)
           SELECT $2, $3, 1 WHERE NOT EXISTS (SELECT 1 FROM existing)
           ON CONFLICT (office_code, year) DO UPDATE SET last_seq = register_counters.last_seq + 1
           RETURNING last_seq
         ), assigned AS (
           INSERT INTO register_assignments (complaint_id, office_code, year, seq, register_number)
           SELECT $1, $2, $3, last_seq, ${registerNumber.sql} FROM counter
           RETURNING register_number, seq, year
         )
         SELECT register_number, seq, year FROM existing
         UNION ALL
         SELECT register_number, seq, year FROM assigned`,
        [...parameters, ...registerNumber.parameters],
      );
      return assignmentOf(row!);
    } catch (error) {
      // The same complaint assigned concurrently: the other statement won; ours rolled back its increment.
      if (isUniqueViolation(error, 'PK_register_assignments')) {
        const [existing]: AssignmentRow[] = await dataSource.query(ASSIGNMENT_OF_COMPLAINT, [complaintId]);
        if (existing) return assignmentOf(existing);
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
