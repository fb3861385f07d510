import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { nationalHolidays } from '../../../../../libs/calendar/src/holidays';
import { monthBounds, OFFICE_UTC_OFFSET_HOURS } from '../../../../../libs/domain/src/recap';
import type { Office } from '../../../../../libs/domain/src/sop';
import type { AuthUser } from '../../auth/auth.types';
import type { SopRegistry } from '../../catalog/sop-registry';
import { DATA_SOURCE, SOP_REGISTRY } from '../../core/gateway.tokens';
import { ReportErrors } from '../reports.errors';
import { MONTH_NAMES } from '../../../../../libs/domain/src/labels';

/** Key of complaints not classified yet (the same as in the monthly recap). */
export const NOT_CLASSIFIED = 'belum_diklasifikasi';

export interface ReportPeriodRequest {
  officeCode?: string;
  year: number;
  /** Absent: the whole year. */
  month?: number;
}

export interface ReportScope {
  office: Office;
  year: number;
  month?: number;
  label: string;
  /** UTC bounds of the period in the office's time zone: [from, to). */
  from: string;
  to: string;
}

export interface ReportCount {
  key: string;
  count: number;
}

export interface StepReport {
  stepKey: string;
  title: string;
  /** Step runs completed within the period. */
  completed: number;
  withinBakuMutu: number;
  breached: number;
  /** withinBakuMutu / completed × 100, one decimal; null without completed runs. */
  compliancePercent: number | null;
  /** Working minutes (office hours, no weekends, holidays or closures) from the step's start to its completion. */
  medianWorkingMinutes: number | null;
  p90WorkingMinutes: number | null;
  /** Elapsed minutes from the step's start to its completion. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Elapsed minutes the deadline allowed (the baku mutu in the office's working calendar). */
  medianAllowedMinutes: number | null;
  /** The baku mutu in working minutes, as the deadline activity computed it. */
  bakuMutuWorkingMinutes: number | null;
}

export interface ComplaintReport {
  scope: ReportScope;
  /** Complaints submitted within the period. */
  total: number;
  byStatus: ReportCount[];
  byChannel: ReportCount[];
  byType: ReportCount[];
  byCategory: ReportCount[];
  steps: StepReport[];
  /** Submitted before the period's end and neither answered nor closed by then. */
  openAtEnd: number;
  /** Of those, with a step past its deadline at the period's end. */
  overdueAtEnd: number;
}

export interface AnnualMonthRow {
  month: number;
  monthName: string;
  received: number;
  answered: number;
  rejected: number;
  forwarded: number;
  withdrawn: number;
  incomplete: number;
  inProgress: number;
  averageDaysToAnswer: number | null;
}

export interface RefusalReason {
  status: string;
  reason: string;
  count: number;
}

/** Rincian pelayanan informasi publik for the PPID's annual report (SOP 001). */
export interface AnnualPublicInformationReport {
  scope: ReportScope;
  totals: Omit<AnnualMonthRow, 'month' | 'monthName'>;
  medianDaysToAnswer: number | null;
  months: AnnualMonthRow[];
  byType: ReportCount[];
  byChannel: ReportCount[];
  /** Why complaints were refused, forwarded (bukan wewenang) or closed incomplete. */
  refusalReasons: RefusalReason[];
  steps: StepReport[];
}

/** Statuses counted as answered; the rest of the closed ones each have their own column. */
const ANSWERED = ['dijawab', 'selesai'];

function round(value: number | string | null, digits = 1): number | null {
  if (value === null || value === undefined) return null;
  const factor = 10 ** digits;
  return Math.round(Number(value) * factor) / factor;
}

/**
 * Reports over the read model, computed in SQL: counts by status, channel, type and category;
 * per-step compliance with the baku mutu and elapsed time (median, p90); complaints open and
 * overdue at the period's end; and the PPID's annual public-information report.
 */
@Injectable()
export class ComplaintReportService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
  ) {}

  /** The office and period within the caller's scope (own office, or any for supervisors/auditors). */
  scope(user: AuthUser, request: ReportPeriodRequest): ReportScope {
    const officeCode = request.officeCode ?? user.office;
    if (officeCode === '*') throw ReportErrors.officeRequired();
    if (user.office !== '*' && user.office !== officeCode) throw ReportErrors.foreignOffice(user.office, officeCode);
    if (!Number.isInteger(request.year) || request.year < 2000 || request.year > 2100) throw ReportErrors.badPeriod();
    if (request.month !== undefined && (!Number.isInteger(request.month) || request.month < 1 || request.month > 12)) {
      throw ReportErrors.badPeriod();
    }
    const office = this.registry.offices().find((candidate) => candidate.code === officeCode);
    if (!office) throw ReportErrors.unknownOffice(officeCode);
    const { year, month } = request;
    const from = monthBounds({ year, month: month ?? 1 }, office.timeZone).from;
    const to =
      month === undefined || month === 12
        ? monthBounds({ year: year + 1, month: 1 }, office.timeZone).from
        : monthBounds({ year, month: month + 1 }, office.timeZone).from;
    const label = month === undefined ? `Tahun ${year}` : `${MONTH_NAMES[month - 1]} ${year}`;
    return { office, year, ...(month !== undefined ? { month } : {}), label, from, to };
  }

  async complaintReport(user: AuthUser, request: ReportPeriodRequest): Promise<ComplaintReport> {
    const scope = this.scope(user, request);
    const params = [scope.office.code, scope.from, scope.to];
    const counts: { dimension: string; key: string; count: number }[] = await this.dataSource.query(
      `WITH period AS (
         SELECT * FROM complaints WHERE office_code = $1 AND submitted_at >= $2 AND submitted_at < $3)
       SELECT 'status' AS dimension, status AS key, count(*)::int AS count FROM period GROUP BY status
       UNION ALL SELECT 'channel', channel, count(*)::int FROM period GROUP BY channel
       UNION ALL SELECT 'type', coalesce(complaint_type, '${NOT_CLASSIFIED}'), count(*)::int FROM period
         GROUP BY coalesce(complaint_type, '${NOT_CLASSIFIED}')
       UNION ALL SELECT 'category', coalesce(category, '${NOT_CLASSIFIED}'), count(*)::int FROM period
         GROUP BY coalesce(category, '${NOT_CLASSIFIED}')
       ORDER BY dimension, count DESC, key`,
      params,
    );
    const dimension = (name: string): ReportCount[] =>
      counts.filter((row) => row.dimension === name).map(({ key, count }) => ({ key, count }));
    const byStatus = dimension('status');
    const [atEnd] = await this.openAtEnd(scope.office.code, scope.to);
    return {
      scope,
      total: byStatus.reduce((sum, row) => sum + row.count, 0),
      byStatus,
      byChannel: dimension('channel'),
      byType: dimension('type'),
      byCategory: dimension('category'),
      steps: await this.steps(scope),
      openAtEnd: atEnd?.open_at_end ?? 0,
      overdueAtEnd: atEnd?.overdue_at_end ?? 0,
    };
  }

  private openAtEnd(officeCode: string, end: string): Promise<{ open_at_end: number; overdue_at_end: number }[]> {
    // A step run was overdue at the end when it had started and its deadline had passed by then, and
    // it was not completed by then (the current steps have no completedAt).
    return this.dataSource.query(
      `SELECT count(*) FILTER (WHERE open_at_end)::int AS open_at_end,
              count(*) FILTER (WHERE open_at_end AND overdue_at_end)::int AS overdue_at_end
         FROM (
           SELECT (c.closed_at IS NULL OR c.closed_at >= $2)
                    AND ((c.state->'answer'->>'deliveredAt') IS NULL
                         OR (c.state->'answer'->>'deliveredAt')::timestamptz >= $2) AS open_at_end,
                  EXISTS (
                    SELECT 1 FROM jsonb_array_elements(
                        coalesce(c.state->'completedSteps', '[]'::jsonb) || coalesce(c.state->'currentSteps', '[]'::jsonb)) s
                     WHERE (s->>'startedAt')::timestamptz < $2
                       AND (s->>'dueAt')::timestamptz < $2
                       AND ((s->>'completedAt') IS NULL OR (s->>'completedAt')::timestamptz > $2)) AS overdue_at_end
             FROM complaints c
            WHERE c.office_code = $1 AND c.submitted_at < $2) AS at_end`,
      [officeCode, end],
    );
  }

  /**
   * Step runs completed within the period, per step key, in the order of the office's SOP. Working
   * minutes are computed in SQL from the office's hours (its current definition) in its time zone,
   * skipping the national holidays and the office's closures, which are passed in as dates.
   */
  private async steps(scope: ReportScope): Promise<StepReport[]> {
    const { office } = scope;
    const firstYear = Number(scope.from.slice(0, 4)) - 1;
    const lastYear = Number(scope.to.slice(0, 4));
    const closedDays = [...office.closures];
    for (let year = firstYear; year <= lastYear; year += 1) closedDays.push(...nationalHolidays(year));
    const rows: {
      step_key: string;
      title: string;
      completed: number;
      within_baku_mutu: number;
      breached: number;
      median_working_minutes: string | null;
      p90_working_minutes: string | null;
      median_minutes: string | null;
      p90_minutes: string | null;
      median_allowed_minutes: string | null;
      baku_mutu_working_minutes: string | null;
    }[] = await this.dataSource.query(
      `WITH runs AS (
         SELECT c.id AS complaint_id, s->>'key' AS step_key, s->>'title' AS title,
                (s->>'startedAt')::timestamptz AS started_at, (s->>'dueAt')::timestamptz AS due_at,
                (s->>'completedAt')::timestamptz AS completed_at, coalesce((s->>'breached')::boolean, false) AS breached
           FROM complaints c CROSS JOIN LATERAL jsonb_array_elements(coalesce(c.state->'completedSteps', '[]'::jsonb)) s
          WHERE c.office_code = $1),
       started AS (
         SELECT e.complaint_id, e.step_key, (e.data->>'dueAt')::timestamptz AS due_at,
                (e.data->>'workingMinutes')::numeric AS working_minutes
           FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
          WHERE c.office_code = $1 AND e.type = 'step_started')
       SELECT r.step_key, min(r.title) AS title, count(*)::int AS completed,
              count(*) FILTER (WHERE r.due_at IS NOT NULL AND r.completed_at <= r.due_at)::int AS within_baku_mutu,
              count(*) FILTER (WHERE r.breached OR r.completed_at > r.due_at)::int AS breached,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY w.minutes) AS median_working_minutes,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY w.minutes) AS p90_working_minutes,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.completed_at - r.started_at) / 60)
                AS median_minutes,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r.completed_at - r.started_at) / 60)
                AS p90_minutes,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.due_at - r.started_at) / 60)
                AS median_allowed_minutes,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY s.working_minutes) AS baku_mutu_working_minutes
         FROM runs r
         LEFT JOIN started s ON s.complaint_id = r.complaint_id AND s.step_key = r.step_key AND s.due_at = r.due_at
         -- Each office day the run touches, clipped to that day's office hours and to the run.
         CROSS JOIN LATERAL (
           SELECT coalesce(sum(greatest(0, extract(epoch FROM
                    least(r.completed_at, (d.day::date + h.close_at::time) AT TIME ZONE $4::text)
                    - greatest(r.started_at, (d.day::date + h.open_at::time) AT TIME ZONE $4::text)) / 60)), 0) AS minutes
             FROM generate_series((r.started_at AT TIME ZONE $4::text)::date, (r.completed_at AT TIME ZONE $4::text)::date,
                                  interval '1 day') AS d(day)
             JOIN jsonb_to_recordset($5::jsonb) AS h(weekday int, open_at text, close_at text)
               ON h.weekday = extract(isodow FROM d.day)
            WHERE NOT (d.day::date = ANY($6::date[]))) w
        WHERE r.completed_at >= $2 AND r.completed_at < $3
        GROUP BY r.step_key`,
      [
        office.code,
        scope.from,
        scope.to,
        office.timeZone,
        JSON.stringify(
          office.officeHours.map((hours) => ({ weekday: hours.weekday, open_at: hours.start, close_at: hours.end })),
        ),
        closedDays,
      ],
    );
    const order = this.stepOrder(scope.office.code);
    return rows
      .map((row) => ({
        stepKey: row.step_key,
        title: row.title,
        completed: row.completed,
        withinBakuMutu: row.within_baku_mutu,
        breached: row.breached,
        compliancePercent: row.completed > 0 ? round((row.within_baku_mutu / row.completed) * 100) : null,
        medianWorkingMinutes: round(row.median_working_minutes),
        p90WorkingMinutes: round(row.p90_working_minutes),
        medianMinutes: round(row.median_minutes),
        p90Minutes: round(row.p90_minutes),
        medianAllowedMinutes: round(row.median_allowed_minutes),
        bakuMutuWorkingMinutes: round(row.baku_mutu_working_minutes),
      }))
      .sort((a, b) => order(a.stepKey) - order(b.stepKey) || a.stepKey.localeCompare(b.stepKey));
  }

  private stepOrder(officeCode: string): (stepKey: string) => number {
    const keys = this.registry
      .all()
      .filter((sop) => sop.office.code === officeCode)
      .flatMap((sop) => sop.steps.map((step) => step.key));
    return (stepKey) => {
      const index = keys.indexOf(stepKey);
      return index === -1 ? Number.MAX_SAFE_INTEGER : index;
    };
  }

  /**
   * The year's rincian pelayanan informasi publik (Perki SLIP 1/2010, the PPID's "Laporan Tahunan
   * Layanan Informasi Publik"): complaints received per month with their outcome as of now, the
   * time to answer, and the reasons for refusals.
   */
  async annualPublicInformationReport(
    user: AuthUser,
    request: Omit<ReportPeriodRequest, 'month'>,
  ): Promise<AnnualPublicInformationReport> {
    const scope = this.scope(user, { officeCode: request.officeCode, year: request.year });
    const offsetHours = OFFICE_UTC_OFFSET_HOURS[scope.office.timeZone];
    const params = [scope.office.code, scope.from, scope.to];
    const monthRows: (Omit<AnnualMonthRow, 'monthName' | 'averageDaysToAnswer'> & {
      average_days_to_answer: string | null;
    })[] = await this.dataSource.query(
      `WITH year_complaints AS (
         SELECT *, extract(month FROM submitted_at + make_interval(hours => ${offsetHours}))::int AS month,
                extract(epoch FROM (state->'answer'->>'deliveredAt')::timestamptz - submitted_at) / 86400 AS days_to_answer
           FROM complaints WHERE office_code = $1 AND submitted_at >= $2 AND submitted_at < $3)
       SELECT m.month, count(y.id)::int AS received,
              count(y.id) FILTER (WHERE y.status = ANY($4))::int AS answered,
              count(y.id) FILTER (WHERE y.status = 'ditolak')::int AS rejected,
              count(y.id) FILTER (WHERE y.status = 'dialihkan')::int AS forwarded,
              count(y.id) FILTER (WHERE y.status = 'dicabut')::int AS withdrawn,
              count(y.id) FILTER (WHERE y.status = 'tidak_lengkap')::int AS incomplete,
              count(y.id) FILTER (WHERE y.status IN ('diterima', 'tunda'))::int AS "inProgress",
              avg(y.days_to_answer) AS average_days_to_answer
         FROM generate_series(1, 12) AS m(month) LEFT JOIN year_complaints y ON y.month = m.month
        GROUP BY m.month ORDER BY m.month`,
      [...params, ANSWERED],
    );
    const [overall]: { median_days: string | null; average_days: string | null }[] = await this.dataSource.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median_days, avg(d) AS average_days
         FROM (SELECT extract(epoch FROM (state->'answer'->>'deliveredAt')::timestamptz - submitted_at) / 86400 AS d
                 FROM complaints WHERE office_code = $1 AND submitted_at >= $2 AND submitted_at < $3
                  AND state->'answer'->>'deliveredAt' IS NOT NULL) AS answered`,
      params,
    );
    const reasons: RefusalReason[] = await this.dataSource.query(
      `SELECT status, coalesce(nullif(state->>'closeReason', ''), 'Tidak disebutkan') AS reason, count(*)::int AS count
         FROM complaints
        WHERE office_code = $1 AND submitted_at >= $2 AND submitted_at < $3
          AND status IN ('ditolak', 'dialihkan', 'tidak_lengkap')
        GROUP BY 1, 2 ORDER BY count DESC, status, reason`,
      params,
    );
    const report = await this.complaintReport(user, { officeCode: scope.office.code, year: scope.year });
    const months: AnnualMonthRow[] = monthRows.map((row) => ({
      month: row.month,
      monthName: MONTH_NAMES[row.month - 1]!,
      received: row.received,
      answered: row.answered,
      rejected: row.rejected,
      forwarded: row.forwarded,
      withdrawn: row.withdrawn,
      incomplete: row.incomplete,
      inProgress: row.inProgress,
      averageDaysToAnswer: round(row.average_days_to_answer),
    }));
    const sum = (key: keyof Omit<AnnualMonthRow, 'month' | 'monthName' | 'averageDaysToAnswer'>) =>
      months.reduce((total, row) => total + row[key], 0);
    return {
      scope,
      totals: {
        received: sum('received'),
        answered: sum('answered'),
        rejected: sum('rejected'),
        forwarded: sum('forwarded'),
        withdrawn: sum('withdrawn'),
        incomplete: sum('incomplete'),
        inProgress: sum('inProgress'),
        averageDaysToAnswer: round(overall?.average_days ?? null),
      },
      medianDaysToAnswer: round(overall?.median_days ?? null),
      months,
      byType: report.byType,
      byChannel: report.byChannel,
      refusalReasons: reasons,
      steps: report.steps,
    };
  }
}
