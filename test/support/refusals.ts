/** Helpers for asserting that a workflow refused a request and wrote nothing for it. */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The code (ApplicationFailure type) and message of a refused Update; fails if it was accepted. */
export async function refusalOf(promise: Promise<unknown>): Promise<{ type?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return { type: error.cause.type ?? undefined, message: error.cause.message };
    }
    throw error;
  }
  throw new Error('expected the update to be refused');
}

const BOOKKEEPING_EVENTS = new Set<number>([
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
]);

/**
 * History events that record a decision (everything but workflow-task bookkeeping and the progress
 * of activities scheduled earlier). The real server handles a rejected update in a speculative
 * workflow task that leaves no trace at all; the time-skipping test server still writes the task's
 * scheduled/started/completed events, and an activity scheduled before may complete meanwhile.
 */
export async function decisionEventCount(handle: WorkflowHandle): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  return events.filter((event) => !BOOKKEEPING_EVENTS.has(Number(event.eventType))).length;
}
