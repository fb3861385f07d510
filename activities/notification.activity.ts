import { Context } from '@temporalio/activity';
import type { Logger } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  checkNotifyInput,
  notificationRowsJson,
  queueNotificationsSql,
} from '../libs/persistence/src/notification-outbox';
import { refuseDataErrors } from './data-errors';
import { notificationRecordOf, type NotificationRecord, type NotifyInput } from './contracts';

export interface NotificationActivityDeps {
  dataSource: DataSource;
}

/** The running activity's logger (worker logger + activity metadata), or undefined outside an activity. */
export function activityLog(): Logger | undefined {
  try {
    return Context.current().log;
  } catch {
    return undefined;
  }
}

export function createNotificationActivities(deps: NotificationActivityDeps) {
  const { dataSource } = deps;

  /** Queues one notification in the outbox (`libs/persistence/src/notification-outbox.ts`). */
  async function notify(input: NotifyInput): Promise<NotificationRecord> {
    checkNotifyInput(input);
    const result = await refuseDataErrors(() =>
      dataSource.query(queueNotificationsSql('$1'), [notificationRowsJson([input])]),
    );
    const queued = Array.isArray(result) && result.length > 0;
    activityLog()?.info(queued ? 'Notification queued' : 'Notification already queued', {
      dedupeKey: input.dedupeKey,
      kind: input.kind,
      complaintId: input.complaintId,
      officeCode: input.officeCode,
      recipientRoles: input.recipientRoles,
      ...(queued ? { notificationId: String((result as { id: string }[])[0].id) } : {}),
    });
    return notificationRecordOf(input);
  }

  return { notify };
}
