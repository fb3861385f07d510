/**
 * The notification contract: what a workflow asks to be told to whom, and what of it history keeps.
 * Queued by the notify activity or, for complaints of shape v5, with the complaint's projection.
 */
export const NOTIFICATION_KINDS = ['acknowledgment', 'reminder', 'escalation', 'tunda', 'answer', 'closed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotifyInput {
  /** Unique per notification so a retried activity sends once. */
  dedupeKey: string;
  kind: NotificationKind;
  /** Absent for notifications about no single complaint (the monthly recap). */
  complaintId?: string;
  registerNumber?: string;
  officeCode: string;
  /** Staff roles to notify (within the office), or 'pemohon' for the complainant. */
  recipientRoles: string[];
  stepKey?: string;
  /** Indonesian text shown to staff or the complainant. */
  message: string;
  /** The workflow's clock when it asked (kept in the record, so the audit places a local notification in time). */
  requestedAt?: string;
}

/**
 * What a notification leaves in history: run as a local activity (v4) or with the projection (v5)
 * its input is not recorded, and the audit timeline shows whom was told what kind of thing at that moment.
 */
export type NotificationRecord = Pick<NotifyInput, 'kind' | 'recipientRoles' | 'stepKey' | 'requestedAt'>;

export function notificationRecordOf(input: NotifyInput): NotificationRecord {
  return {
    kind: input.kind,
    recipientRoles: input.recipientRoles,
    ...(input.stepKey === undefined ? {} : { stepKey: input.stepKey }),
    ...(input.requestedAt === undefined ? {} : { requestedAt: input.requestedAt }),
  };
}
