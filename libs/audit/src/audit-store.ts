/**
 * The I/O edge of the audit: fetching complaint histories from Temporal, reading and writing the
 * refusal audit table, and rebuilding/checking the read model. Everything it derives goes through
 * the pure functions beside it (timeline, read-model-drift).
 */
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { writeComplaintProjection } from '../../persistence/src/complaint-row';
import { isUuid } from '../../persistence/src/transaction';
import { COMPLAINT_WORKFLOW_TYPE, complaintWorkflowId } from '../../../workflows/complaint/complaint.messages';
import type { History } from './history-events';
import {
  compareReadModels,
  expectedReadModel,
  normalizeRow,
  type ComplaintReadModel,
  type ReadModelEventRow,
} from './read-model-drift';
import { projectionInputsOf, workflowInputOf, type RefusalRecord } from './timeline';

export class AuditNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

function quoteValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Visibility query for complaint workflows, optionally of one office. */
export function complaintListQuery(officeCode?: string): string {
  const base = `WorkflowType = ${quoteValue(COMPLAINT_WORKFLOW_TYPE)}`;
  return officeCode ? `${base} AND AduanOffice = ${quoteValue(officeCode)}` : base;
}

/**
 * The workflow id of a complaint given by its id (UUID), workflow id, or register number (looked
 * up through the AduanRegisterNumber search attribute, not the read model).
 */
export async function resolveWorkflowId(client: Client, reference: string): Promise<string> {
  const trimmed = reference.trim();
  if (trimmed.startsWith('complaint-')) return trimmed;
  if (isUuid(trimmed)) return complaintWorkflowId(trimmed);
  const query = `${complaintListQuery()} AND AduanRegisterNumber = ${quoteValue(trimmed)}`;
  for await (const execution of client.workflow.list({ query })) return execution.workflowId;
  throw new AuditNotFoundError(`Aduan "${trimmed}" tidak ditemukan.`);
}

/** The complete history of a complaint's (latest) run. */
export async function fetchComplaintHistory(client: Client, workflowId: string): Promise<History> {
  try {
    return await client.workflow.getHandle(workflowId).fetchHistory();
  } catch (error) {
    if (isNotFound(error)) throw new AuditNotFoundError(`Aduan ${workflowId} tidak ditemukan.`);
    throw error;
  }
}

const GRPC_NOT_FOUND = 5;

function isNotFound(error: unknown): boolean {
  const candidate = error as { name?: string; code?: number; cause?: { code?: number } } | undefined;
  return (
    candidate?.name === 'WorkflowNotFoundError' ||
    candidate?.code === GRPC_NOT_FOUND ||
    candidate?.cause?.code === GRPC_NOT_FOUND
  );
}

/** Workflow ids of every complaint (of one office), deduplicated, in listing order. */
export async function listComplaintWorkflowIds(client: Client, officeCode?: string): Promise<string[]> {
  const ids = new Set<string>();
  for await (const execution of client.workflow.list({ query: complaintListQuery(officeCode) }))
    ids.add(execution.workflowId);
  return [...ids];
}

// --- Refusals ------------------------------------------------------------------------------------

export interface RefusalInput {
  complaintId: string;
  actor: { userId: string; name: string; role: string; officeCode?: string };
  /** The refused operation: `act`, `addNote`, `reassign`, `supplyInformation`, `withdraw`, `rate`, `reopen`. */
  operation: string;
  stepKey?: string;
  requestId?: string;
  /** Error code (libs/domain/src/errors.ts). */
  code: string;
  reason: string;
  /** The request as sent (the gateway strips secrets such as tracking codes before). */
  request: Record<string, unknown>;
  at?: Date;
}

/** Appends one refused attempt to `audit_refusals` (append-only: nothing here updates or deletes). */
export async function recordRefusal(dataSource: DataSource, refusal: RefusalInput): Promise<string> {
  const rows: { id: string }[] = await dataSource.query(
    `INSERT INTO audit_refusals (complaint_id, at, actor_user_id, actor_name, actor_role, operation, step_key, request_id, code, reason, request, actor_office_code)
     VALUES ($1, COALESCE($2, now()), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      refusal.complaintId,
      refusal.at ?? null,
      refusal.actor.userId,
      refusal.actor.name,
      refusal.actor.role,
      refusal.operation,
      refusal.stepKey ?? null,
      refusal.requestId ?? null,
      refusal.code,
      refusal.reason,
      JSON.stringify(refusal.request ?? {}),
      refusal.actor.officeCode ?? null,
    ],
  );
  return String(rows[0].id);
}

interface RefusalRow {
  id: string;
  at: Date;
  actor_user_id: string;
  actor_name: string;
  actor_role: string;
  operation: string;
  step_key: string | null;
  request_id: string | null;
  code: string;
  reason: string;
  request: Record<string, unknown>;
}

export async function loadRefusals(dataSource: DataSource, complaintId: string): Promise<RefusalRecord[]> {
  const rows: RefusalRow[] = await dataSource.query(
    'SELECT * FROM audit_refusals WHERE complaint_id = $1 ORDER BY at, id',
    [complaintId],
  );
  return rows.map((row) => ({
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    actor: { userId: row.actor_user_id, name: row.actor_name, role: row.actor_role },
    operation: row.operation,
    stepKey: row.step_key,
    requestId: row.request_id,
    code: row.code,
    reason: row.reason,
    request: row.request,
  }));
}

// --- Read model ----------------------------------------------------------------------------------

interface ComplaintDbRow {
  id: string;
  workflow_id: string;
  register_number: string | null;
  office_code: string;
  sop_id: string;
  sop_version: number;
  channel: string;
  status: string;
  current_step_keys: string[];
  current_actor_roles: string[];
  due_at: Date | null;
  sla_breached: boolean;
  complaint_type: string | null;
  category: string | null;
  confidential: boolean;
  subject: string;
  content_excerpt: string;
  complainant_name: string | null;
  anonymous: boolean;
  tracking_code_hash: string;
  submitted_at: Date;
  closed_at: Date | null;
  updated_at: Date;
  last_event_seq: number;
  state: unknown;
}

interface EventDbRow {
  seq: number;
  type: string;
  at: Date;
  step_key: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  data: unknown;
}

/** What the read model holds for one complaint, in the same shape as `expectedReadModel`. */
export async function readActualReadModel(dataSource: DataSource, complaintId: string): Promise<ComplaintReadModel> {
  const [row]: ComplaintDbRow[] = await dataSource.query('SELECT * FROM complaints WHERE id = $1', [complaintId]);
  const events: EventDbRow[] = await dataSource.query(
    'SELECT * FROM complaint_events WHERE complaint_id = $1 ORDER BY seq',
    [complaintId],
  );
  return {
    complaintId,
    row: row
      ? {
          ...normalizeRow({
            id: row.id,
            workflowId: row.workflow_id,
            registerNumber: row.register_number,
            officeCode: row.office_code,
            sopId: row.sop_id,
            sopVersion: row.sop_version,
            channel: row.channel,
            status: row.status,
            currentStepKeys: row.current_step_keys,
            currentActorRoles: row.current_actor_roles,
            dueAt: row.due_at as unknown as string | null,
            slaBreached: row.sla_breached,
            complaintType: row.complaint_type,
            category: row.category,
            confidential: row.confidential,
            subject: row.subject,
            contentExcerpt: row.content_excerpt,
            complainantName: row.complainant_name,
            anonymous: row.anonymous,
            trackingCodeHash: row.tracking_code_hash,
            submittedAt: row.submitted_at as unknown as string,
            closedAt: row.closed_at as unknown as string | null,
            updatedAt: row.updated_at as unknown as string,
            lastEventSeq: row.last_event_seq,
          }),
          state: row.state,
        }
      : undefined,
    events: events.map((event): ReadModelEventRow => ({
      seq: event.seq,
      type: event.type,
      at: new Date(event.at).toISOString(),
      stepKey: event.step_key,
      actorUserId: event.actor_user_id,
      actorName: event.actor_name,
      actorRole: event.actor_role,
      data: event.data,
    })),
  };
}

/** A complaint workflow whose history could not be read or interpreted; reported, then skipped. */
export interface UnreadableWorkflow {
  workflowId: string;
  reason: string;
}

export interface RebuildReport {
  complaints: number;
  events: number;
  workflowIds: string[];
  unreadable: UnreadableWorkflow[];
}

function unreadableOf(workflowId: string, error: unknown): UnreadableWorkflow {
  const message = error instanceof Error ? error.message : String(error);
  return { workflowId, reason: message.length > 300 ? `${message.slice(0, 300)}…` : message };
}

/** The complaint id in a workflow id `complaint-<uuid>`, when it is one. */
function complaintIdOfWorkflow(workflowId: string): string | undefined {
  const id = workflowId.replace(/^complaint-/, '');
  return isUuid(id) ? id : undefined;
}

/**
 * Rebuilds `complaints` and `complaint_events` (all, or one office's) from the Temporal histories:
 * every `projectComplaint` input in each history is fed, in order, to the same projection write
 * the worker's activity runs. Histories are fetched and read before anything is deleted; a workflow whose
 * history cannot be read is reported, its rows are kept as they are, and the others are rebuilt.
 */
export async function rebuildReadModel(
  client: Client,
  dataSource: DataSource,
  options: { officeCode?: string; onProgress?: (workflowId: string) => void } = {},
): Promise<RebuildReport> {
  const workflowIds = await listComplaintWorkflowIds(client, options.officeCode);
  const readable: { workflowId: string; inputs: ReturnType<typeof projectionInputsOf> }[] = [];
  const unreadable: UnreadableWorkflow[] = [];
  for (const workflowId of workflowIds) {
    try {
      const history = await fetchComplaintHistory(client, workflowId);
      workflowInputOf(history);
      readable.push({ workflowId, inputs: projectionInputsOf(history) });
    } catch (error) {
      unreadable.push(unreadableOf(workflowId, error));
    }
  }
  const kept = unreadable.map((entry) => complaintIdOfWorkflow(entry.workflowId)).filter((id) => id !== undefined);
  if (options.officeCode) {
    await dataSource.query('DELETE FROM complaints WHERE office_code = $1 AND NOT (id = ANY($2::uuid[]))', [
      options.officeCode,
      kept,
    ]);
  } else if (kept.length > 0) {
    await dataSource.query('DELETE FROM complaints WHERE NOT (id = ANY($1::uuid[]))', [kept]);
  } else {
    await dataSource.query('TRUNCATE complaint_events, complaints');
  }
  let complaints = 0;
  let events = 0;
  for (const { workflowId, inputs } of readable) {
    try {
      for (const input of inputs) {
        await writeComplaintProjection(dataSource, input);
        events += input.events.length;
      }
      if (inputs.length > 0) complaints += 1;
    } catch (error) {
      unreadable.push(unreadableOf(workflowId, error));
    }
    options.onProgress?.(workflowId);
  }
  return { complaints, events, workflowIds, unreadable };
}

export interface DriftReport {
  checked: number;
  differences: string[];
  unreadable: UnreadableWorkflow[];
}

/**
 * Compares the read model (all, or one office) with what the histories say it should hold. A
 * workflow whose history cannot be read is reported as a difference and the check goes on.
 */
export async function checkDrift(
  client: Client,
  dataSource: DataSource,
  options: { officeCode?: string } = {},
): Promise<DriftReport> {
  const workflowIds = await listComplaintWorkflowIds(client, options.officeCode);
  const differences: string[] = [];
  const unreadable: UnreadableWorkflow[] = [];
  const seen = new Set<string>();
  for (const workflowId of workflowIds) {
    try {
      const history = await fetchComplaintHistory(client, workflowId);
      const complaintId = workflowInputOf(history).complaintId;
      seen.add(complaintId);
      const expected = expectedReadModel(complaintId, projectionInputsOf(history));
      differences.push(...compareReadModels(expected, await readActualReadModel(dataSource, complaintId)));
    } catch (error) {
      const entry = unreadableOf(workflowId, error);
      unreadable.push(entry);
      const complaintId = complaintIdOfWorkflow(workflowId);
      if (complaintId) seen.add(complaintId);
      differences.push(`${workflowId}: riwayat tidak dapat dibaca, dilewati (${entry.reason})`);
    }
  }
  const rows: { id: string }[] = options.officeCode
    ? await dataSource.query('SELECT id FROM complaints WHERE office_code = $1', [options.officeCode])
    : await dataSource.query('SELECT id FROM complaints');
  for (const { id } of rows) {
    if (!seen.has(id)) differences.push(`${id}: ada di read model tetapi tidak ada alur kerjanya di Temporal`);
  }
  return { checked: workflowIds.length, differences, unreadable };
}
