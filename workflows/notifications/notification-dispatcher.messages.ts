/**
 * The notification dispatcher's contract: one long-running workflow per namespace that drains the
 * `notifications` outbox. The worker and the local runner start it when delivery is on.
 */
import { defineSignal } from '@temporalio/workflow';

export const NOTIFICATION_DISPATCHER_WORKFLOW_TYPE = 'notificationDispatcherWorkflow';
export const NOTIFICATION_DISPATCHER_WORKFLOW_ID = 'notification-dispatcher';

export interface NotificationDispatcherInput {
  /** Pause between polls when nothing was due. */
  pollIntervalMs: number;
  /** Notifications claimed per activity call. */
  batchSize: number;
}

/** Wakes the dispatcher before its poll interval ends (e.g. after a configuration change). */
export const wakeDispatcherSignal = defineSignal('wakeDispatcher');
