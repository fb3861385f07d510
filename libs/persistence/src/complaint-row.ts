/**
 * The complaint row of the read model: its values derived from a projection input, and the write
 * of a projection (row + events + v5 notifications) that the projection activity and the read-model
 * rebuild share.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { ComplaintState } from '../../domain/src/complaint';
import {
  COMPLAINT_EVENT_TYPES,
  type ComplaintEvent,
  type ProjectComplaintInput,
} from '../../domain/src/complaint-events';
import { checkNotifyInput, notificationRowsJson, queueNotificationsSql } from './notification-outbox';
import { isInstant, isUuid } from './transaction';

/** The complaint row's list/filter columns, derived from the state and the submission summary. */
export interface ComplaintRowValues {
  id: string;
  workflowId: string;
  registerNumber: string | null;
  officeCode: string;
  sopId: string;
  sopVersion: number;
  channel: string;
  status: string;
  currentStepKeys: string[];
  currentActorRoles: string[];
  dueAt: string | null;
  slaBreached: boolean;
  complaintType: string | null;
  category: string | null;
  confidential: boolean;
  subject: string;
  contentExcerpt: string;
  complainantName: string | null;
  anonymous: boolean;
  trackingCodeHash: string;
  submittedAt: string;
  closedAt: string | null;
  updatedAt: string;
  lastEventSeq: number;
}

function badInput(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'BAD_USER_INPUT');
}

function checkInput(input: ProjectComplaintInput): void {
  if (typeof input?.workflowId !== 'string' || input.workflowId === '') throw badInput('ID workflow wajib diisi.');
  const state = input.state;
  if (!isUuid(state?.complaintId)) throw badInput('ID aduan harus berupa UUID.');
  for (const field of ['officeCode', 'sopId', 'channel', 'status'] as const) {
    if (typeof state[field] !== 'string' || state[field] === '')
      throw badInput(`Status aduan tidak lengkap: ${field}.`);
  }
  if (!Number.isInteger(state.sopVersion)) throw badInput('Versi SOP harus bilangan bulat.');
  if (!isInstant(state.submittedAt)) throw badInput('Waktu pengajuan harus ISO 8601.');
  if (state.closedAt !== undefined && !isInstant(state.closedAt)) throw badInput('Waktu penutupan harus ISO 8601.');
  if (!Array.isArray(state.currentSteps) || !Array.isArray(state.breaches)) {
    throw badInput('Status aduan tidak lengkap: langkah berjalan dan pelanggaran baku mutu.');
  }
  for (const step of state.currentSteps) {
    if (typeof step?.key !== 'string' || !Array.isArray(step.actorRoles))
      throw badInput('Langkah berjalan tidak valid.');
    if (step.dueAt !== undefined && !isInstant(step.dueAt))
      throw badInput(`Tenggat langkah ${step.key} harus ISO 8601.`);
  }
  const summary = input.summary;
  if (typeof summary?.subject !== 'string' || typeof summary.contentExcerpt !== 'string') {
    throw badInput('Ringkasan aduan wajib memuat perihal dan isi.');
  }
  if (typeof summary.anonymous !== 'boolean' || typeof summary.trackingCodeHash !== 'string') {
    throw badInput('Ringkasan aduan tidak lengkap: anonim dan kode pelacakan.');
  }
  if (!Array.isArray(input.events)) throw badInput('Daftar kejadian wajib berupa larik.');
  for (const event of input.events) checkEvent(event);
}

function checkEvent(event: ComplaintEvent): void {
  if (!Number.isInteger(event?.seq) || event.seq < 1)
    throw badInput('Nomor urut kejadian harus bilangan bulat positif.');
  if (!(COMPLAINT_EVENT_TYPES as readonly string[]).includes(event.type)) {
    throw badInput(`Jenis kejadian tidak dikenal: ${String(event.type)}.`);
  }
  if (!isInstant(event.at)) throw badInput(`Waktu kejadian ${event.seq} harus ISO 8601.`);
  if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
    throw badInput(`Data kejadian ${event.seq} harus berupa objek.`);
  }
}

function earliest(instants: (string | undefined)[]): string | null {
  let best: string | null = null;
  for (const instant of instants) {
    if (instant !== undefined && (best === null || Date.parse(instant) < Date.parse(best))) best = instant;
  }
  return best;
}

/** The list/filter columns of a complaint row. */
export function complaintRowValues(input: ProjectComplaintInput): ComplaintRowValues {
  const state: ComplaintState = input.state;
  const lastEvent = input.events.reduce<ComplaintEvent | undefined>(
    (last, event) => (last === undefined || event.seq > last.seq ? event : last),
    undefined,
  );
  const roles = new Set<string>();
  for (const step of state.currentSteps) for (const role of step.actorRoles) roles.add(role);
  return {
    id: state.complaintId,
    workflowId: input.workflowId,
    registerNumber: state.registerNumber ?? null,
    officeCode: state.officeCode,
    sopId: state.sopId,
    sopVersion: state.sopVersion,
    channel: state.channel,
    status: state.status,
    currentStepKeys: state.currentSteps.map((step) => step.key),
    currentActorRoles: [...roles].sort(),
    dueAt: earliest(state.currentSteps.map((step) => step.dueAt)),
    slaBreached: state.breaches.length > 0 || state.currentSteps.some((step) => step.breached),
    complaintType: state.classification?.complaintType ?? null,
    category: state.classification?.category ?? null,
    confidential: state.confidential === true,
    subject: input.summary.subject,
    contentExcerpt: input.summary.contentExcerpt,
    complainantName: input.summary.anonymous ? null : (input.summary.complainantName ?? null),
    anonymous: input.summary.anonymous,
    trackingCodeHash: input.summary.trackingCodeHash,
    submittedAt: state.submittedAt,
    closedAt: state.closedAt ?? null,
    updatedAt: lastEvent?.at ?? state.submittedAt,
    lastEventSeq: lastEvent?.seq ?? 0,
  };
}

const COMPLAINT_COLUMNS = [
  'id',
  'workflow_id',
  'register_number',
  'office_code',
  'sop_id',
  'sop_version',
  'channel',
  'status',
  'current_step_keys',
  'current_actor_roles',
  'due_at',
  'sla_breached',
  'complaint_type',
  'category',
  'confidential',
  'subject',
  'content_excerpt',
  'complainant_name',
  'anonymous',
  'tracking_code_hash',
  'submitted_at',
  'closed_at',
  'updated_at',
  'last_event_seq',
  'state',
];

/** The events of a projection as one JSON parameter (no limit on their number, one statement). */
function eventRowsJson(events: readonly ComplaintEvent[]): string {
  return JSON.stringify(
    events.map((event) => ({
      seq: event.seq,
      type: event.type,
      at: event.at,
      step_key: event.stepKey ?? null,
      actor_user_id: event.actor?.userId ?? null,
      actor_name: event.actor?.name ?? null,
      actor_role: event.actor?.role ?? null,
      data: event.data,
    })),
  );
}

/**
 * Mirrors the workflow's state, its new events and (v5) the notifications that follow them into the
 * read model in ONE statement, hence atomically and in one round trip. Safe to repeat: events are
 * keyed by (complaint, seq), notifications by their dedupe key, and the row never goes back to an
 * older event (a late retry of an older projection leaves it). Refuses a malformed input with a
 * non-retryable BAD_USER_INPUT before writing anything.
 */
export async function writeComplaintProjection(dataSource: DataSource, input: ProjectComplaintInput): Promise<void> {
  checkInput(input);
  const notifications = input.notifications ?? [];
  for (const notification of notifications) checkNotifyInput(notification);
  const row = complaintRowValues(input);
  const values = [
    row.id,
    row.workflowId,
    row.registerNumber,
    row.officeCode,
    row.sopId,
    row.sopVersion,
    row.channel,
    row.status,
    row.currentStepKeys,
    row.currentActorRoles,
    row.dueAt,
    row.slaBreached,
    row.complaintType,
    row.category,
    row.confidential,
    row.subject,
    row.contentExcerpt,
    row.complainantName,
    row.anonymous,
    row.trackingCodeHash,
    row.submittedAt,
    row.closedAt,
    row.updatedAt,
    row.lastEventSeq,
    JSON.stringify(input.state),
  ];
  const placeholders = COMPLAINT_COLUMNS.map((_, index) => `$${index + 1}`).join(', ');
  const updates = COMPLAINT_COLUMNS.filter((column) => column !== 'id')
    .map((column) => `${column} = EXCLUDED.${column}`)
    .join(', ');
  const eventsParameter = `$${values.length + 1}`;
  const notificationsParameter = `$${values.length + 2}`;
  // Data-modifying CTEs all run, in one snapshot; the events' foreign key is checked at the end of the
  // statement, when the row inserted beside them exists.
  await dataSource.query(
    `WITH complaint_row AS (
       INSERT INTO complaints (${COMPLAINT_COLUMNS.join(', ')}) VALUES (${placeholders})
       ON CONFLICT (id) DO UPDATE SET ${updates}
       WHERE complaints.last_event_seq <= EXCLUDED.last_event_seq
     ), new_events AS (
       INSERT INTO complaint_events (complaint_id, seq, type, at, step_key, actor_user_id, actor_name, actor_role, data)
       SELECT $1, e.seq, e.type, e.at, e.step_key, e.actor_user_id, e.actor_name, e.actor_role, e.data
       FROM jsonb_to_recordset(${eventsParameter}::jsonb) AS e(seq integer, type text, at timestamptz, step_key text,
         actor_user_id text, actor_name text, actor_role text, data jsonb)
       ON CONFLICT (complaint_id, seq) DO NOTHING
     ), queued_notifications AS (
       ${queueNotificationsSql(notificationsParameter)}
     )
     SELECT 1`,
    [...values, eventRowsJson(input.events), notificationRowsJson(notifications)],
  );
}
