/**
 * The notification outbox: what staff inboxes and the tracking page read, and what the delivery
 * worker sends. A notification is queued once per dedupe key (a retried write queues nothing more),
 * by the notify activity (the recap, complaints of shapes before v5) or with the complaint's
 * projection in the same statement (v5), so a notification exists exactly when its event does.
 */
import { ApplicationFailure } from '@temporalio/common';
import { NOTIFICATION_KINDS, type NotifyInput } from '../../domain/src/activity-contracts';
import { isUuid } from './transaction';

function badInput(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'BAD_USER_INPUT');
}

/** Refuses a malformed notification with a non-retryable BAD_USER_INPUT before anything is written. */
export function checkNotifyInput(input: NotifyInput): void {
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

/** The outbox rows of notifications, as one JSON parameter for {@link queueNotificationsSql}. */
export function notificationRowsJson(inputs: readonly NotifyInput[]): string {
  return JSON.stringify(
    inputs.map((input) => ({
      dedupe_key: input.dedupeKey,
      kind: input.kind,
      complaint_id: input.complaintId ?? null,
      register_number: input.registerNumber ?? null,
      office_code: input.officeCode,
      recipient_roles: input.recipientRoles,
      step_key: input.stepKey ?? null,
      message: input.message,
    })),
  );
}

/**
 * Queues the notifications of a JSON array (`$n`, see {@link notificationRowsJson}) and returns the
 * ids of those not queued before; usable alone or as a data-modifying CTE.
 */
export function queueNotificationsSql(parameter: string): string {
  return `INSERT INTO notifications (dedupe_key, kind, complaint_id, register_number, office_code, recipient_roles, step_key, message)
     SELECT n.dedupe_key, n.kind, n.complaint_id, n.register_number, n.office_code, n.recipient_roles, n.step_key, n.message
     FROM jsonb_to_recordset(${parameter}::jsonb) AS n(dedupe_key text, kind text, complaint_id uuid, register_number text,
       office_code text, recipient_roles text[], step_key text, message text)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`;
}
