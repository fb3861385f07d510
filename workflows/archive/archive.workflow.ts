/**
 * Archival of one closed complaint, its own workflow started as the complaint closes. Its single
 * activity waits until the complaint workflow has completed, then archives its complete export
 * document in the chained register. Retries are bounded; a complaint the archival missed is caught
 * by the sweep (`npm run aduan -- archive-sweep`).
 *
 * Started by an activity rather than as an abandoned child: the time-skipping test server stops
 * skipping time after a parent that started a child completes, which hangs every later workflow test.
 */
import { log, patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { ArchiveRegisterActivities } from '../../activities/archive-register.activity';
import { ARCHIVE_ON_CLOSE_PATCH, type ArchiveWorkflowInput, type ArchiveWorkflowResult } from './archive.messages';

const { archiveClosedComplaint } = proxyActivities<ArchiveRegisterActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
});

/** Starting the archival: one bound whether it runs as an activity or (shape v4) a local activity. */
const START_ARCHIVAL_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5 },
} as const;

const { startArchival } = proxyActivities<ArchiveRegisterActivities>(START_ARCHIVAL_OPTIONS);

/** The same start as a local activity (complaints of shape v4: a marker instead of three events and a workflow task). */
const localArchival = proxyLocalActivities<ArchiveRegisterActivities>({
  ...START_ARCHIVAL_OPTIONS,
  localRetryThreshold: '5 seconds',
});

export async function archiveComplaintWorkflow(input: ArchiveWorkflowInput): Promise<ArchiveWorkflowResult> {
  return archiveClosedComplaint(input);
}

/**
 * The complaint workflow's close hook: has the archival workflow started (by an activity, so the
 * archival is an independent workflow that outlives the complaint's run). A failure here must not
 * fail the complaint: the sweep archives any closed complaint that is missing from the register.
 */
export async function archiveOnClose(options: { v4?: boolean } = {}): Promise<void> {
  // Complaints of shape v4 archive on close by their own patch (one marker less).
  if (!options.v4 && !patched(ARCHIVE_ON_CLOSE_PATCH)) return;
  const start = options.v4 ? localArchival.startArchival : startArchival;
  try {
    await start({ complaintWorkflowId: workflowInfo().workflowId });
  } catch (error) {
    log.warn('Archival not started; the archive sweep will archive this complaint', { error: String(error) });
  }
}
