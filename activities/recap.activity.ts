import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { monthBounds, monthLabel, OFFICE_UTC_OFFSET_HOURS, type MonthlyRecapSummary } from '../libs/domain/src/recap';
import { canonicalJson, sha256Hex } from '../libs/integrity/src/digest';
import { registerHead } from '../libs/audit/src/archive-register';
import type {
  ArchiveMonthlyRecapInput,
  ArchiveMonthlyRecapResult,
  BuildMonthlyRecapInput,
  RecapActivities,
} from './contracts';
import { activityLog } from './notification.activity';

export interface RecapActivityDeps {
  dataSource: DataSource;
}

function badInput(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'BAD_USER_INPUT');
}

function checkPeriod(input: { officeCode: string; year: number; month: number }): void {
  if (typeof input?.officeCode !== 'string' || input.officeCode === '') throw badInput('Kode kantor wajib diisi.');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 9999)
    throw badInput('Tahun rekap tidak valid.');
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) throw badInput('Bulan rekap tidak valid.');
}

interface ComplaintRow {
  register_number: string | null;
  status: string;
  channel: string;
  complaint_type: string | null;
  category: string | null;
  sla_breached: boolean;
  submitted_at: Date;
  closed_at: Date | null;
  delivered_at: string | null;
}

const ANSWERED_STATUSES = ['dijawab', 'selesai'];
const OPEN_STATUSES = ['diterima', 'tunda', 'dijawab'];
const NOT_CLASSIFIED = 'belum_diklasifikasi';

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

/** The stored document whose canonical JSON is digested (everything the row holds but the digest). */
export interface MonthlyRecapDocument {
  officeCode: string;
  year: number;
  month: number;
  recap: MonthlyRecapSummary;
  evaluation: Record<string, unknown> | null;
  archiveRef: string;
  archivedAt: string;
}

export function createRecapActivities(
  deps: RecapActivityDeps,
): Pick<RecapActivities, 'buildMonthlyRecap' | 'archiveMonthlyRecap'> {
  const { dataSource } = deps;

  /**
   * The month's recap from the read model: every complaint of the office submitted in the month
   * (office time zone), counted by status, channel, type and category, with answers, breaches and
   * the mean time to answer and to close.
   */
  async function buildMonthlyRecap(input: BuildMonthlyRecapInput): Promise<MonthlyRecapSummary> {
    checkPeriod(input);
    if (!(input.timeZone in OFFICE_UTC_OFFSET_HOURS)) throw badInput('Zona waktu kantor tidak dikenal.');
    const { from, to } = monthBounds(input, input.timeZone);
    const rows: ComplaintRow[] = await dataSource.query(
      `SELECT register_number, status, channel, complaint_type, category, sla_breached, submitted_at, closed_at,
              state->'answer'->>'deliveredAt' AS delivered_at
         FROM complaints
        WHERE office_code = $1 AND submitted_at >= $2 AND submitted_at < $3
        ORDER BY submitted_at, id`,
      [input.officeCode, from, to],
    );
    const byStatus: Record<string, number> = {};
    const byChannel: Record<string, number> = {};
    const byType: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    const breachedRegisterNumbers: string[] = [];
    const toAnswer: number[] = [];
    const toClose: number[] = [];
    let answered = 0;
    let closed = 0;
    let breached = 0;
    for (const row of rows) {
      increment(byStatus, row.status);
      increment(byChannel, row.channel);
      increment(byType, row.complaint_type ?? NOT_CLASSIFIED);
      increment(byCategory, row.category ?? NOT_CLASSIFIED);
      const submittedMs = new Date(row.submitted_at).getTime();
      if (row.delivered_at || ANSWERED_STATUSES.includes(row.status)) {
        answered += 1;
        if (row.delivered_at) toAnswer.push((Date.parse(row.delivered_at) - submittedMs) / 60_000);
      }
      if (!OPEN_STATUSES.includes(row.status)) {
        closed += 1;
        if (row.closed_at) toClose.push((new Date(row.closed_at).getTime() - submittedMs) / 60_000);
      }
      if (row.sla_breached) {
        breached += 1;
        if (row.register_number) breachedRegisterNumbers.push(row.register_number);
      }
    }
    breachedRegisterNumbers.sort();
    const summary: MonthlyRecapSummary = {
      officeCode: input.officeCode,
      year: input.year,
      month: input.month,
      timeZone: input.timeZone,
      from,
      to,
      total: rows.length,
      byStatus,
      byChannel,
      byType,
      byCategory,
      answered,
      closed,
      breached,
      breachedRegisterNumbers,
      averageMinutesToAnswer: mean(toAnswer),
      averageMinutesToClose: mean(toClose),
      generatedAt: new Date().toISOString(),
      archiveRegisterHead: await archiveRegisterHeadOf(dataSource, input.officeCode, input.year),
    };
    activityLog()?.info('Monthly recap built', {
      officeCode: input.officeCode,
      period: monthLabel(input),
      total: summary.total,
      breached,
    });
    return summary;
  }

  /**
   * Stores the month's recap once: a retried activity (or a second run for the same month) returns
   * the stored reference and digest and writes nothing.
   */
  async function archiveMonthlyRecap(input: ArchiveMonthlyRecapInput): Promise<ArchiveMonthlyRecapResult> {
    const { summary, state } = input;
    checkPeriod(summary);
    if (Number.isNaN(Date.parse(input.archivedAt))) throw badInput('Waktu pengarsipan tidak valid.');
    const archiveRef = input.action.archiveRef ?? `REKAP/${summary.officeCode}/${monthLabel(summary)}`;
    const document: MonthlyRecapDocument = {
      officeCode: summary.officeCode,
      year: summary.year,
      month: summary.month,
      recap: summary,
      evaluation: state.evaluation
        ? {
            ...state.evaluation,
            compileNote: state.compileNote,
            steps: state.completedSteps,
            breaches: state.breaches,
            workflowId: input.workflowId,
            archivedBy: input.archivedBy,
          }
        : null,
      archiveRef,
      archivedAt: new Date(input.archivedAt).toISOString(),
    };
    // Round-trip through JSON first, as jsonb stores it, so the digest matches what is read back.
    const stored = JSON.parse(canonicalJson(document)) as MonthlyRecapDocument;
    const digest = sha256Hex(canonicalJson(stored));
    const inserted: unknown[] = await dataSource.query(
      `INSERT INTO monthly_recaps (office_code, year, month, recap, evaluation, archive_ref, archived_at, digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (office_code, year, month) DO NOTHING
       RETURNING office_code`,
      [
        stored.officeCode,
        stored.year,
        stored.month,
        JSON.stringify(stored.recap),
        stored.evaluation === null ? null : JSON.stringify(stored.evaluation),
        stored.archiveRef,
        stored.archivedAt,
        digest,
      ],
    );
    if (inserted.length > 0) {
      activityLog()?.info('Monthly recap archived', { officeCode: stored.officeCode, archiveRef, digest });
      return { archiveRef, digest, archivedAt: stored.archivedAt };
    }
    const existing: { archive_ref: string; digest: string; archived_at: Date }[] = await dataSource.query(
      `SELECT archive_ref, digest, archived_at FROM monthly_recaps WHERE office_code = $1 AND year = $2 AND month = $3`,
      [stored.officeCode, stored.year, stored.month],
    );
    const row = existing[0];
    if (!row) throw ApplicationFailure.retryable('Rekap bulanan tidak ditemukan setelah konflik penyimpanan.');
    activityLog()?.info('Monthly recap already archived', {
      officeCode: stored.officeCode,
      archiveRef: row.archive_ref,
    });
    return { archiveRef: row.archive_ref, digest: row.digest, archivedAt: new Date(row.archived_at).toISOString() };
  }

  return { buildMonthlyRecap, archiveMonthlyRecap };
}

async function archiveRegisterHeadOf(
  dataSource: DataSource,
  officeCode: string,
  year: number,
): Promise<MonthlyRecapSummary['archiveRegisterHead']> {
  const { entries, lastSeq, headDigest } = await registerHead(dataSource, officeCode, year);
  return { entries, lastSeq, headDigest };
}
