import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { ComplaintState } from '../libs/domain/src/complaint';
import { canonicalJson, sha256Hex } from '../libs/integrity/src/digest';
import { isUuid } from '../libs/persistence/src/transaction';
import type { ArchiveComplaintInput, ArchiveComplaintResult } from './contracts';
import { activityLog } from './notification.activity';

export interface ArchiveActivityDeps {
  dataSource: DataSource;
}

/** The archive document whose canonical JSON is digested. */
export interface ArchiveDocument {
  complaintId: string;
  workflowId: string;
  archivedAt: string;
  state: ComplaintState;
}

/**
 * When the complaint was archived: the time of its (last) archive action, so the document and its
 * digest follow from the workflow history alone; the current time when archived without one.
 */
export function archiveTime(state: ComplaintState, now: () => Date = () => new Date()): string {
  const archiveActions = (state.actions ?? []).filter((action) => action.kind === 'archive');
  return archiveActions.at(-1)?.at ?? now().toISOString();
}

function badInput(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'BAD_USER_INPUT');
}

function checkInput(input: ArchiveComplaintInput): void {
  if (!isUuid(input?.complaintId)) throw badInput('ID aduan harus berupa UUID.');
  if (typeof input.workflowId !== 'string' || input.workflowId === '') throw badInput('ID workflow wajib diisi.');
  if (input.state === null || typeof input.state !== 'object') throw badInput('Status aduan wajib disertakan.');
  if (input.state.complaintId !== input.complaintId) throw badInput('Status aduan bukan milik aduan ini.');
  if (input.archiveRef !== undefined && (typeof input.archiveRef !== 'string' || input.archiveRef.length > 200)) {
    throw badInput('Nomor arsip paling banyak 200 karakter.');
  }
}

export function createArchiveActivities(deps: ArchiveActivityDeps) {
  const { dataSource } = deps;

  /**
   * Stores the complaint's archive record once: the canonical JSON document and its SHA-256. A
   * retry (or a second archive of the same complaint) returns the stored reference and digest.
   */
  async function archiveComplaint(input: ArchiveComplaintInput): Promise<ArchiveComplaintResult> {
    checkInput(input);
    const archiveRef = input.archiveRef?.trim() || `ARSIP/${input.state.registerNumber ?? input.complaintId}`;
    const document: ArchiveDocument = {
      complaintId: input.complaintId,
      workflowId: input.workflowId,
      archivedAt: archiveTime(input.state),
      state: input.state,
    };
    const canonical = canonicalJson(document);
    const digest = sha256Hex(canonical);
    await dataSource.query(
      `INSERT INTO complaint_archives (complaint_id, workflow_id, archive_ref, archived_at, digest, document)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (complaint_id) DO NOTHING`,
      [input.complaintId, input.workflowId, archiveRef, document.archivedAt, digest, canonical],
    );
    const rows: { archive_ref: string; digest: string }[] = await dataSource.query(
      'SELECT archive_ref, digest FROM complaint_archives WHERE complaint_id = $1',
      [input.complaintId],
    );
    const stored = rows[0];
    if (!stored) throw new Error(`archive of complaint ${input.complaintId} not found after insert`);
    activityLog()?.info('Complaint archived', {
      complaintId: input.complaintId,
      archiveRef: stored.archive_ref,
      digest: stored.digest,
      archivedBy: input.archivedBy?.userId,
    });
    return { archiveRef: stored.archive_ref, digest: stored.digest };
  }

  return { archiveComplaint };
}
