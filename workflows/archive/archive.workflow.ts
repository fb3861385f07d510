/**
 * Archival of one closed complaint. Its single activity waits until the complaint workflow has
 * completed, then archives its complete export document in the chained register. Retries are
 * bounded; a complaint the archival missed is caught by the sweep (`npm run aduan -- archive-sweep`).
 */
import { ParentClosePolicy, patched, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ArchiveRegisterActivities } from '../../activities/archive-register.activity';
import {
  ARCHIVE_ON_CLOSE_PATCH,
  archiveWorkflowId,
  type ArchiveWorkflowInput,
  type ArchiveWorkflowResult,
} from './archive.messages';

const { archiveClosedComplaint } = proxyActivities<ArchiveRegisterActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
});

export async function archiveComplaintWorkflow(input: ArchiveWorkflowInput): Promise<ArchiveWorkflowResult> {
  return archiveClosedComplaint(input);
}

/**
 * The complaint workflow's close hook: starts its archival as an abandoned child, so the archival
 * outlives the complaint's run. Already started (a reset closed it again) is fine: archiving is idempotent.
 */
export async function archiveOnClose(): Promise<void> {
  if (!patched(ARCHIVE_ON_CLOSE_PATCH)) return;
  const complaintWorkflowId = workflowInfo().workflowId;
  try {
    await startChild(archiveComplaintWorkflow, {
      workflowId: archiveWorkflowId(complaintWorkflowId),
      args: [{ complaintWorkflowId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
