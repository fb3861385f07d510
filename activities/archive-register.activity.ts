import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { fetchComplaintHistory } from '../libs/audit/src/audit-store';
import { archiveHistory } from '../libs/audit/src/archive-register';
import {
  ARCHIVE_WORKFLOW_TYPE,
  archiveWorkflowId,
  type ArchiveWorkflowInput,
  type ArchiveWorkflowResult,
} from '../workflows/archive/archive.messages';

export interface ArchiveRegisterActivityDeps {
  dataSource: DataSource;
  /** How long to wait for the complaint workflow to complete before this attempt gives up. */
  closeWaitMs?: number;
  pollIntervalMs?: number;
}

export interface ArchiveRegisterActivities {
  /** Starts the archival workflow of a closing complaint (once: an archival already running is kept). */
  startArchival(input: ArchiveWorkflowInput): Promise<void>;
  archiveClosedComplaint(input: ArchiveWorkflowInput): Promise<ArchiveWorkflowResult>;
}

function checkInput(input: ArchiveWorkflowInput): void {
  if (typeof input?.complaintWorkflowId !== 'string' || !input.complaintWorkflowId.startsWith('complaint-')) {
    throw ApplicationFailure.nonRetryable('ID alur kerja aduan tidak sah.', 'BAD_USER_INPUT');
  }
}

export function createArchiveRegisterActivities(deps: ArchiveRegisterActivityDeps): ArchiveRegisterActivities {
  const { dataSource, closeWaitMs = 5 * 60_000, pollIntervalMs = 500 } = deps;

  /**
   * Waits (bounded, heartbeating) for the complaint workflow to complete, fetches its whole history
   * and appends its export document to the register. Idempotent: a retry returns the same entry.
   */
  async function archiveClosedComplaint(input: ArchiveWorkflowInput): Promise<ArchiveWorkflowResult> {
    checkInput(input);
    const context = Context.current();
    const handle = context.client.workflow.getHandle(input.complaintWorkflowId);
    const waitUntil = Date.now() + closeWaitMs;
    for (;;) {
      const { status } = await handle.describe();
      if (status.name === 'COMPLETED') break;
      if (status.name !== 'RUNNING') {
        throw ApplicationFailure.nonRetryable(
          `Aduan ${input.complaintWorkflowId} berakhir dengan status ${status.name}, bukan selesai; tidak diarsipkan.`,
          'NOT_COMPLETED',
        );
      }
      if (Date.now() >= waitUntil) throw new Error(`${input.complaintWorkflowId} is still running`);
      context.heartbeat();
      await context.sleep(pollIntervalMs);
    }
    const history = await fetchComplaintHistory(context.client, input.complaintWorkflowId);
    const entry = await archiveHistory(dataSource, history, input.complaintWorkflowId);
    context.log.info('Complaint archived in the register', {
      workflowId: input.complaintWorkflowId,
      officeCode: entry.officeCode,
      year: entry.year,
      seq: entry.seq,
      entryDigest: entry.entryDigest,
    });
    return {
      officeCode: entry.officeCode,
      year: entry.year,
      seq: entry.seq,
      entryDigest: entry.entryDigest,
      documentDigest: entry.documentDigest,
    };
  }

  async function startArchival(input: ArchiveWorkflowInput): Promise<void> {
    checkInput(input);
    const { client, info } = Context.current();
    await client.workflow.start(ARCHIVE_WORKFLOW_TYPE, {
      taskQueue: info.taskQueue,
      workflowId: archiveWorkflowId(input.complaintWorkflowId),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }

  return { startArchival, archiveClosedComplaint };
}
