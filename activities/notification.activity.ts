import { Context } from '@temporalio/activity';
import { ApplicationFailure, type Logger } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { isUuid } from '../libs/persistence/src/transaction';
import { refuseDataErrors } from './data-errors';
import { NOTIFICATION_KINDS, notificationRecordOf, type NotificationRecord, type NotifyInput } from './contracts';

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

function badInput(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'BAD_USER_INPUT');
}

function checkInput(input: NotifyInput): void {
  if (typeof input?.dedupeKey !== 'string' || input.dedupeKey === '')
    throw badInput('Kunci dedupe notifikasi wajib diisi.');
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(input.kind)) {
    throw badInput(`Jenis notifikasi tidak dikenal: ${String(input.kind)}.`);
  }
  if (input.complaintId !== undefined && !isUuid(input.complaintId)) throw badInput('ID aduan harus berupa UUID.');
  if (typeof input.officeCode !== 'string' || input.officeCode === '') throw badInput('Kode kantor wajib diisi.');
  if (
    !Array.isArray(input.recipientRoles) ||
    input.recipientRoles.length === 0 ||
    input.recipientRoles.some((role) => typeof role !== 'string' || role === '')
  ) {
    throw badInput('Penerima notifikasi wajib diisi.');
  }
  if (typeof input.message !== 'string' || input.message.trim() === '') throw badInput('Isi notifikasi wajib diisi.');
}

export function createNotificationActivities(deps: NotificationActivityDeps) {
  const { dataSource } = deps;

  /**
   * Queues a notification in the outbox, once per dedupe key (a retried activity writes nothing
   * more). The outbox is what staff inboxes and the tracking page read; delivery to WhatsApp/SMS
   * is a later integration that marks `delivered_at`.
   */
  async function notify(input: NotifyInput): Promise<NotificationRecord> {
    checkInput(input);
    const result = await refuseDataErrors(() =>
      dataSource.query(
        `INSERT INTO notifications (dedupe_key, kind, complaint_id, register_number, office_code, recipient_roles, step_key, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
        [
          input.dedupeKey,
          input.kind,
          input.complaintId ?? null,
          input.registerNumber ?? null,
          input.officeCode,
          input.recipientRoles,
          input.stepKey ?? null,
          input.message,
        ],
      ),
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
