import { WorkflowNotFoundError } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { NotificationConfig } from '../../config/src/config';
import {
  NOTIFICATION_DISPATCHER_WORKFLOW_ID,
  NOTIFICATION_DISPATCHER_WORKFLOW_TYPE,
  type NotificationDispatcherInput,
} from '../../../workflows/notifications/notification-dispatcher.messages';

export const NOTIFICATION_BATCH_SIZE = 20;

/** Delivery is on and has somewhere to deliver to (without a channel every notification would be skipped). */
export function deliveryActive(config: NotificationConfig): boolean {
  return config.deliveryEnabled && Boolean(config.email ?? config.webhook);
}

/**
 * Delivery on: starts the dispatcher workflow, or keeps the one already running (idempotent, safe
 * at every start-up of every worker). Delivery off (or no channel): stops a dispatcher left running
 * by an earlier start, so that turning it off really sends nothing.
 */
export async function ensureNotificationDispatcher(
  client: Client,
  config: NotificationConfig,
  taskQueue: string,
): Promise<'running' | 'off'> {
  if (!deliveryActive(config)) {
    try {
      const handle = client.workflow.getHandle(NOTIFICATION_DISPATCHER_WORKFLOW_ID);
      const { status } = await handle.describe();
      if (status.name === 'RUNNING') await handle.terminate('Pengiriman notifikasi dimatikan (NOTIFY_DELIVERY).');
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    return 'off';
  }
  const input: NotificationDispatcherInput = {
    pollIntervalMs: config.pollIntervalMs,
    batchSize: NOTIFICATION_BATCH_SIZE,
  };
  await client.workflow.start(NOTIFICATION_DISPATCHER_WORKFLOW_TYPE, {
    workflowId: NOTIFICATION_DISPATCHER_WORKFLOW_ID,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return 'running';
}

/** The banner line of `npm start`. */
export function notificationDeliveryBanner(config: NotificationConfig): string {
  if (!config.deliveryEnabled) return 'OFF: outbox only, nothing is sent (NOTIFY_DELIVERY=1 turns it on)';
  if (!deliveryActive(config))
    return 'OFF: NOTIFY_DELIVERY=1 but no channel (set NOTIFY_SMTP_URL or NOTIFY_WEBHOOK_URL)';
  const channels = [
    ...(config.email ? [`e-mail via ${new URL(config.email.smtpUrl).host}`] : []),
    ...(config.webhook ? [`webhook ${new URL(config.webhook.url).host}`] : []),
  ];
  return `ON: ${channels.join(', ')}`;
}
