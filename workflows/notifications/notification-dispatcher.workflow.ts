import {
  ActivityFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { NotificationDeliveryActivities } from '../../activities/notification-delivery.activity';
import { wakeDispatcherSignal, type NotificationDispatcherInput } from './notification-dispatcher.messages';

/**
 * Bounded at both levels: a channel failure is recorded per notification by the activity (its
 * attempts and backoff live in the outbox); an infrastructure failure (database down) is retried
 * here a few times, then the dispatcher waits one poll interval and tries again.
 */
const { deliverDueNotifications } = proxyActivities<NotificationDeliveryActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** History stays small: a fresh run after this many polls. */
const POLLS_PER_RUN = 500;

export async function notificationDispatcherWorkflow(input: NotificationDispatcherInput): Promise<void> {
  let woken = false;
  setHandler(wakeDispatcherSignal, () => {
    woken = true;
  });
  for (let poll = 0; poll < POLLS_PER_RUN; poll += 1) {
    let claimed = 0;
    try {
      const result = await deliverDueNotifications({ limit: input.batchSize });
      claimed = result.claimed;
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.warn('Notification delivery round failed; retrying after the poll interval', { error: error.message });
    }
    // A full batch means more may be due at once; otherwise wait for the next poll or a wake-up.
    if (claimed < input.batchSize) {
      await condition(() => woken, input.pollIntervalMs);
      woken = false;
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  await continueAsNew<typeof notificationDispatcherWorkflow>(input);
}
