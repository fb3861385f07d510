import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { loadComplaintRecord, type ComplaintRecord } from '../../../../../libs/audit/src/archive-register';
import { AuditNotFoundError, loadRefusals } from '../../../../../libs/audit/src/audit-store';
import { buildExportDocument } from '../../../../../libs/audit/src/export-document';
import { historyFromJsonObject } from '../../../../../libs/audit/src/history-json';
import { verifyReplay, type ReplayCode } from '../../../../../libs/audit/src/replay';
import { bundleWorkflows } from '../../../../../libs/temporal/src/workflow-bundle';
import {
  deriveTimeline,
  mergeRefusals,
  type ComplaintTimeline,
  type TimelineEntry,
} from '../../../../../libs/audit/src/timeline';
import type { BusinessCalendar } from '../../../../../libs/calendar/src/business-calendar';
import { CLOSED_STATUSES, unsafeTextReason, type ComplaintState } from '../../../../../libs/domain/src/complaint';
import type { Role } from '../../../../../libs/domain/src/roles';
import type { AuthUser } from '../../auth/auth.types';
import type { SopRegistry } from '../../catalog/sop-registry';
import { DATA_SOURCE, SOP_REGISTRY, TEMPORAL_CLIENT } from '../../core/gateway.tokens';
import { AuditErrors } from '../audit.errors';
import { DEGRADED_COMPLAINTS_QUERY } from '../../health/health.service';
import { SEARCH_ATTRIBUTES } from '../../../../../libs/temporal/src/search-attributes';
import { getDegradationsQuery, type Degradation } from '../../../../../workflows/complaint/complaint.messages';

/** Roles that read the audit of every office (with office `*`) or of their own office. */
const AUDIT_READERS: readonly Role[] = ['supervisor', 'auditor'];
/** Heads who read the audit of their own office. */
const OFFICE_HEADS: readonly Role[] = ['camat', 'sekcam', 'kepala_diskominfo'];

export interface OverdueRow {
  complaintId: string;
  registerNumber?: string;
  officeCode: string;
  status: string;
  subject: string;
  currentStepKeys: string[];
  dueAt?: string;
  slaBreached: boolean;
  overdue: boolean;
  minutesOverBakuMutu: number;
  breachCount: number;
}

/** The degraded-complaints list is bounded: a supervisor narrows it by office. */
const DEGRADED_LIST_LIMIT = 100;
const DEGRADED_LIST_DEADLINE_MS = 15_000;

export interface DegradedComplaintRow {
  complaintId: string;
  workflowId: string;
  registerNumber?: string;
  officeCode?: string;
  status?: string;
  executionStatus: string;
  degradations: Degradation[];
}

/** Audit reads: timelines and replays from Temporal histories, overdue lists from the read model. */
@Injectable()
export class AuditQueriesService {
  /** Replay code: the current workflows (bundled on first use). Tests may swap it. */
  replayCode: ReplayCode = {};

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
  ) {}

  /** Whether the user may read the audit of an office. */
  assertCanAudit(user: AuthUser, officeCode: string): void {
    const reader = user.roles.some((role) => AUDIT_READERS.includes(role));
    const head = user.roles.some((role) => OFFICE_HEADS.includes(role));
    if (!reader && !head) throw AuditErrors.notAllowed();
    if (reader && user.office === '*') return;
    if (user.office !== officeCode) throw AuditErrors.foreignOffice(user.office);
  }

  /** The complaint's history from Temporal, or its archived export once Temporal no longer has it. */
  private async record(reference: string): Promise<ComplaintRecord> {
    // An id, workflow id or register number: short and printable, or refused before Temporal sees it.
    if (reference.length > 120 || unsafeTextReason(reference)) throw AuditErrors.badReference();
    try {
      return await loadComplaintRecord(this.client, this.dataSource, reference);
    } catch (error) {
      if (error instanceof AuditNotFoundError) throw AuditErrors.notFound();
      throw error;
    }
  }

  private timelineOf(record: ComplaintRecord): ComplaintTimeline {
    return record.source === 'archive'
      ? record.document.timeline
      : deriveTimeline(record.history, { workflowId: record.workflowId });
  }

  async timeline(
    reference: string,
    user: AuthUser,
  ): Promise<{ timeline: ComplaintTimeline; entries: TimelineEntry[] }> {
    const record = await this.record(reference);
    const timeline = this.timelineOf(record);
    this.assertCanAudit(user, timeline.sop.officeCode);
    const refusals =
      record.source === 'archive'
        ? record.document.refusals
        : await loadRefusals(this.dataSource, timeline.complaintId);
    return { timeline, entries: mergeRefusals(timeline, refusals) };
  }

  async verifyReplay(reference: string, user: AuthUser) {
    const record = await this.record(reference);
    const timeline = this.timelineOf(record);
    this.assertCanAudit(user, timeline.sop.officeCode);
    if (!this.replayCode.workflowBundle && !this.replayCode.workflowsPath) {
      this.replayCode = { workflowBundle: await bundleWorkflows({ stackTraces: false }) };
    }
    const history = record.source === 'archive' ? historyFromJsonObject(record.document.history) : record.history;
    return {
      complaintId: timeline.complaintId,
      verdict: await verifyReplay(history, this.replayCode, timeline.workflowId),
    };
  }

  /** The export document: built from Temporal's history, or the very document archived in the register. */
  async export(reference: string, user: AuthUser) {
    const record = await this.record(reference);
    const timeline = this.timelineOf(record);
    this.assertCanAudit(user, timeline.sop.officeCode);
    const document =
      record.source === 'archive'
        ? record.document
        : buildExportDocument({
            history: record.history,
            workflowId: record.workflowId,
            refusals: await loadRefusals(this.dataSource, timeline.complaintId),
          });
    return { complaintId: timeline.complaintId, digest: document.digest, document: JSON.stringify(document) };
  }

  /** Open complaints of an office past their deadline or with a breached baku mutu (read model). */
  async overdue(officeCode: string, user: AuthUser, includeClosed = false, now = new Date()): Promise<OverdueRow[]> {
    if (!this.registry.offices().some((office) => office.code === officeCode)) throw AuditErrors.unknownOffice();
    this.assertCanAudit(user, officeCode);
    const rows: {
      id: string;
      register_number: string | null;
      office_code: string;
      status: string;
      subject: string;
      current_step_keys: string[];
      due_at: Date | null;
      sla_breached: boolean;
      state: ComplaintState;
    }[] = await this.dataSource.query(
      `SELECT id, register_number, office_code, status, subject, current_step_keys, due_at, sla_breached, state
         FROM complaints
        WHERE office_code = $1 AND (due_at < $2 OR sla_breached)
          AND ($3 OR NOT (status = ANY($4)))
        ORDER BY due_at NULLS LAST, submitted_at`,
      [officeCode, now, includeClosed, [...CLOSED_STATUSES]],
    );
    return rows.map((row) => {
      const calendar = this.calendarFor(row.state);
      const over = (from: string, to: string): number =>
        calendar ? calendar.workingMinutesBetween(from, to) : Math.max(0, (Date.parse(to) - Date.parse(from)) / 60_000);
      let minutes = 0;
      for (const step of row.state.currentSteps ?? []) {
        if (step.dueAt && Date.parse(step.dueAt) < now.getTime()) minutes += over(step.dueAt, now.toISOString());
      }
      for (const step of row.state.completedSteps ?? []) {
        if (step.breached && step.dueAt) minutes += over(step.dueAt, step.completedAt);
      }
      return {
        complaintId: row.id,
        registerNumber: row.register_number ?? undefined,
        officeCode: row.office_code,
        status: row.status,
        subject: row.subject,
        currentStepKeys: row.current_step_keys,
        dueAt: row.due_at ? new Date(row.due_at).toISOString() : undefined,
        slaBreached: row.sla_breached,
        overdue: row.due_at !== null && new Date(row.due_at).getTime() < now.getTime(),
        minutesOverBakuMutu: Math.round(minutes * 100) / 100,
        breachCount: row.state.breaches?.length ?? 0,
      };
    });
  }

  /**
   * Complaints marked degraded (search attribute `AduanDegraded`), newest first, at most
   * `DEGRADED_LIST_LIMIT`, each with what was not written (the workflow's `getDegradations` query).
   * Without an office, every office: only for supervisors and auditors of office `*`.
   */
  async degraded(officeCode: string | undefined, user: AuthUser): Promise<DegradedComplaintRow[]> {
    if (officeCode === undefined) {
      this.assertCanAudit(user, '*');
    } else {
      if (!this.registry.offices().some((office) => office.code === officeCode)) throw AuditErrors.unknownOffice();
      this.assertCanAudit(user, officeCode);
    }
    // The office code is one the registry knows, so it is safe inside the visibility query.
    const query =
      officeCode === undefined
        ? DEGRADED_COMPLAINTS_QUERY
        : `${DEGRADED_COMPLAINTS_QUERY} AND ${SEARCH_ATTRIBUTES.office.name} = '${officeCode}'`;
    // One deadline for the whole list: a closed complaint's query needs a worker to replay it.
    return this.client.withDeadline(Date.now() + DEGRADED_LIST_DEADLINE_MS, () => this.listDegraded(query));
  }

  private async listDegraded(query: string): Promise<DegradedComplaintRow[]> {
    const rows: DegradedComplaintRow[] = [];
    for await (const execution of this.client.workflow.list({ query, pageSize: DEGRADED_LIST_LIMIT })) {
      const degradations = await this.client.workflow
        .getHandle(execution.workflowId, execution.runId)
        .query(getDegradationsQuery);
      rows.push({
        complaintId: execution.workflowId.replace(/^complaint-/, ''),
        workflowId: execution.workflowId,
        registerNumber: execution.typedSearchAttributes.get(SEARCH_ATTRIBUTES.registerNumber),
        officeCode: execution.typedSearchAttributes.get(SEARCH_ATTRIBUTES.office),
        status: execution.typedSearchAttributes.get(SEARCH_ATTRIBUTES.status),
        executionStatus: execution.status.name,
        degradations,
      });
      if (rows.length >= DEGRADED_LIST_LIMIT) break;
    }
    return rows;
  }

  private calendarFor(state: ComplaintState): BusinessCalendar | undefined {
    return this.registry.calendarOf(state.sopId, state.sopVersion);
  }
}
