import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { NotificationConfig } from '../libs/config/src/config';
import type { Submission } from '../libs/domain/src/complaint';
import { OFFICES } from '../libs/domain/src/catalog';
import { COMPLAINANT_ROLE } from '../libs/domain/src/roles';
import {
  createConfiguredChannels,
  PermanentDeliveryError,
  type DeliveryChannel,
  type DeliveryChannelName,
} from '../libs/notify/src/channels';
import {
  combinedStaffDirectory,
  configuredStaffDirectory,
  databaseStaffDirectory,
  type Contact,
  type StaffDirectory,
} from '../libs/notify/src/recipients';
import { NOTIFICATION_TITLES, renderNotification } from '../libs/notify/src/templates';
import { complaintWorkflowId } from '../workflows/complaint/complaint.messages';
import { workflowStartArgument } from '../libs/temporal/src/payload-codec';
import { NOTIFICATION_KINDS } from './contracts';
import { activityLog } from './notification.activity';

// Every outbox kind has its own Indonesian template; a new kind without one stops the worker at start.
const UNTEMPLATED_KINDS = NOTIFICATION_KINDS.filter((kind) => !NOTIFICATION_TITLES[kind]);
if (UNTEMPLATED_KINDS.length > 0)
  throw new Error(`Notification kinds without a template: ${UNTEMPLATED_KINDS.join(', ')}`);

/** The complainant's contact as given at submission, and whether they agreed to be notified there. */
export interface ComplainantContact extends Contact {
  consent: boolean;
}

/** Finds the complainant's contact of a complaint; undefined when the complaint is unknown. */
export type ComplainantContactLookup = (complaintId: string) => Promise<ComplainantContact | undefined>;

export interface NotificationDeliveryDeps {
  dataSource: DataSource;
  /** Absent: delivery is off and the dispatcher finds no channel. */
  notifications?: NotificationConfig;
  staffDirectory?: StaffDirectory;
  complainantContact?: ComplainantContactLookup;
  channels?: Map<DeliveryChannelName, DeliveryChannel>;
}

export interface DeliverDueNotificationsInput {
  /** Notifications claimed per call. */
  limit: number;
}

export interface DeliverDueNotificationsResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
  skipped: number;
}

/** The dispatcher's activity surface. */
export interface NotificationDeliveryActivities {
  deliverDueNotifications(input: DeliverDueNotificationsInput): Promise<DeliverDueNotificationsResult>;
}

interface ClaimedNotification {
  id: string;
  kind: string;
  complaint_id: string | null;
  register_number: string | null;
  office_code: string;
  recipient_roles: string[];
  message: string;
  attempts: number;
}

interface DeliveryRow {
  id: string;
  channel: DeliveryChannelName;
  recipient: string;
  recipient_name: string | null;
  status: string;
}

interface Recipient {
  channel: DeliveryChannelName;
  address: string;
  name?: string;
}

/** A claimed notification is invisible to other claims this long (longer than one activity attempt). */
const CLAIM_LEASE = '10 minutes';
const SUBMISSION_CACHE_SIZE = 500;

/**
 * The complainant's contact from the complaint's workflow start input (personal data stays in
 * Temporal, not in the read model), through the worker's own client.
 */
export function complainantContactFromWorkflow(): ComplainantContactLookup {
  const cache = new Map<string, Submission['complainant']>();
  return async (complaintId) => {
    let complainant = cache.get(complaintId);
    if (!complainant) {
      const client = Context.current().client;
      let input;
      try {
        input = await workflowStartArgument<{ submission: Submission }>(client, complaintWorkflowId(complaintId));
      } catch (error) {
        // History gone (retention) or never there: no contact to notify.
        if (error instanceof WorkflowNotFoundError) return undefined;
        throw error;
      }
      if (!input) return undefined;
      complainant = input.submission.complainant;
      if (cache.size >= SUBMISSION_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(complaintId, complainant);
    }
    return {
      consent: complainant.notificationConsent === true,
      ...(complainant.anonymous || !complainant.name ? {} : { name: complainant.name }),
      ...(complainant.email ? { email: complainant.email } : {}),
      ...(complainant.phone ? { phone: complainant.phone } : {}),
    };
  };
}

/** Heartbeats when running as an activity (the dispatcher's), a no-op when called directly. */
function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // Not inside an activity.
  }
}

function officeName(officeCode: string): string {
  return OFFICES.find((office) => office.code === officeCode)?.name ?? officeCode;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

export function createNotificationDeliveryActivities(deps: NotificationDeliveryDeps): NotificationDeliveryActivities {
  const { dataSource } = deps;
  const config = deps.notifications;
  const channels = deps.channels ?? (config?.deliveryEnabled ? createConfiguredChannels(config) : new Map());
  const staffDirectory =
    deps.staffDirectory ??
    combinedStaffDirectory([
      databaseStaffDirectory(dataSource),
      configuredStaffDirectory(config?.staffDirectory ?? []),
    ]);
  const complainantContact = deps.complainantContact ?? complainantContactFromWorkflow();

  function reachable(contact: Contact): Recipient[] {
    const recipients: Recipient[] = [];
    const name = contact.name ? { name: contact.name } : {};
    if (contact.email && channels.has('email')) recipients.push({ channel: 'email', address: contact.email, ...name });
    if (contact.phone && channels.has('webhook')) {
      recipients.push({ channel: 'webhook', address: contact.phone, ...name });
    }
    return recipients;
  }

  async function recipientsOf(row: ClaimedNotification): Promise<Recipient[]> {
    const recipients: Recipient[] = [];
    const staffRoles = row.recipient_roles.filter((role) => role !== COMPLAINANT_ROLE);
    if (staffRoles.length > 0) {
      for (const contact of await staffDirectory.contacts(row.office_code, staffRoles)) {
        recipients.push(...reachable(contact));
      }
    }
    if (row.recipient_roles.includes(COMPLAINANT_ROLE) && row.complaint_id) {
      const contact = await complainantContact(row.complaint_id);
      // Only at the contact the complainant gave and agreed to be notified at.
      if (contact?.consent) recipients.push(...reachable(contact));
    }
    return recipients;
  }

  /**
   * The delivery rows of a notification: recipients resolved and recorded once; a later round
   * keeps them, so whoever already received it is never sent it again.
   */
  async function deliveriesOf(row: ClaimedNotification): Promise<DeliveryRow[]> {
    const select = () =>
      dataSource.query(
        `SELECT id, channel, recipient, recipient_name, status FROM notification_deliveries
         WHERE notification_id = $1 ORDER BY id`,
        [row.id],
      ) as Promise<DeliveryRow[]>;
    const existing = await select();
    if (existing.length > 0) return existing;
    const recipients = await recipientsOf(row);
    if (recipients.length === 0) return [];
    // One statement: all recipients are recorded, or none (then the next round resolves them again).
    const values = recipients.map((_, index) => `($1, $${index * 3 + 2}, $${index * 3 + 3}, $${index * 3 + 4})`);
    await dataSource.query(
      `INSERT INTO notification_deliveries (notification_id, channel, recipient, recipient_name)
       VALUES ${values.join(', ')} ON CONFLICT (notification_id, channel, recipient) DO NOTHING`,
      [row.id, ...recipients.flatMap((recipient) => [recipient.channel, recipient.address, recipient.name ?? null])],
    );
    return select();
  }

  async function send(row: ClaimedNotification, delivery: DeliveryRow): Promise<'sent' | 'retry' | 'failed'> {
    const channel = channels.get(delivery.channel);
    const rendered = renderNotification(
      {
        kind: row.kind,
        registerNumber: row.register_number,
        officeName: officeName(row.office_code),
        message: row.message,
      },
      delivery.recipient_name ?? undefined,
      config?.trackingUrl ?? '',
    );
    try {
      if (!channel) throw new Error(`kanal ${delivery.channel} tidak aktif`);
      await channel.send({
        deliveryId: `${row.id}-${delivery.id}`,
        to: delivery.recipient,
        ...(delivery.recipient_name ? { recipientName: delivery.recipient_name } : {}),
        subject: rendered.subject,
        text: rendered.text,
        kind: row.kind,
        ...(row.register_number ? { registerNumber: row.register_number } : {}),
        officeCode: row.office_code,
        ...(rendered.trackingLink ? { trackingLink: rendered.trackingLink } : {}),
      });
      await dataSource.query(
        `UPDATE notification_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL
         WHERE id = $1`,
        [delivery.id],
      );
      return 'sent';
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      await dataSource.query(
        `UPDATE notification_deliveries SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = $1`,
        [delivery.id, errorText(error), permanent ? 'failed' : 'pending'],
      );
      activityLog()?.warn('Notification delivery failed', {
        notificationId: row.id,
        channel: delivery.channel,
        permanent,
        error: errorText(error),
      });
      return permanent ? 'failed' : 'retry';
    }
  }

  /** One delivery round of one claimed notification; returns its new status. */
  async function deliverOne(row: ClaimedNotification): Promise<'delivered' | 'retrying' | 'failed' | 'skipped'> {
    const round = row.attempts + 1;
    let deliveries: DeliveryRow[];
    try {
      deliveries = await deliveriesOf(row);
    } catch (error) {
      // Recipients could not be resolved (e.g. Temporal unreachable): this notification waits, the others go on.
      return retryOrFail(row, round, `Penerima tidak dapat ditentukan: ${errorText(error)}`, true);
    }
    if (deliveries.length === 0) {
      await dataSource.query(
        `UPDATE notifications SET status = 'skipped', attempts = $2,
           last_error = 'Tidak ada penerima dengan kontak yang terdaftar atau disetujui.' WHERE id = $1`,
        [row.id, round],
      );
      return 'skipped';
    }
    const outcomes = [];
    for (const delivery of deliveries) {
      if (delivery.status !== 'pending') {
        outcomes.push(delivery.status === 'sent' ? 'sent' : 'failed');
        continue;
      }
      outcomes.push(await send(row, delivery));
      heartbeat();
    }
    const errors: { last_error: string }[] = await dataSource.query(
      `SELECT channel || ' ' || recipient || ': ' || last_error AS last_error FROM notification_deliveries
       WHERE notification_id = $1 AND status <> 'sent' AND last_error IS NOT NULL ORDER BY id`,
      [row.id],
    );
    const lastError = errors.map((error) => error.last_error).join('; ') || null;
    if (outcomes.every((outcome) => outcome === 'sent')) {
      await dataSource.query(
        `UPDATE notifications SET status = 'delivered', attempts = $2, delivered_at = now(), last_error = NULL
         WHERE id = $1`,
        [row.id, round],
      );
      return 'delivered';
    }
    return retryOrFail(row, round, lastError, outcomes.includes('retry'));
  }

  /** After a round that did not deliver everything: back off and retry, or give up when attempts are spent. */
  async function retryOrFail(
    row: ClaimedNotification,
    round: number,
    lastError: string | null,
    retryable: boolean,
  ): Promise<'retrying' | 'failed'> {
    const maxAttempts = config?.maxAttempts ?? 1;
    if (!retryable || round >= maxAttempts) {
      await dataSource.query(
        `UPDATE notification_deliveries SET status = 'failed' WHERE notification_id = $1 AND status = 'pending'`,
        [row.id],
      );
      await dataSource.query(
        `UPDATE notifications SET status = 'failed', attempts = $2, last_error = $3 WHERE id = $1`,
        [row.id, round, lastError],
      );
      return 'failed';
    }
    // Exponential backoff, capped; the next round sends only what is still pending.
    const backoffMs = Math.min((config?.retryBaseMs ?? 30_000) * 2 ** (round - 1), config?.retryMaxMs ?? 3_600_000);
    await dataSource.query(
      `UPDATE notifications SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4)
       WHERE id = $1`,
      [row.id, round, lastError, backoffMs / 1000],
    );
    return 'retrying';
  }

  /**
   * Claims the pending notifications that are due (a lease hides them from a concurrent claim) and
   * delivers each over the configured channels. A failing channel is recorded, not thrown: the
   * notification comes back after its backoff, until its attempts are used up.
   */
  async function deliverDueNotifications(input: DeliverDueNotificationsInput): Promise<DeliverDueNotificationsResult> {
    const limit = Math.max(1, Math.min(Math.trunc(input?.limit ?? 20), 200));
    const claimed: ClaimedNotification[] = await dataSource.query(
      // As a CTE so the driver answers with rows (a bare UPDATE … RETURNING comes back as [rows, count]).
      `WITH claimed AS (
         UPDATE notifications SET next_attempt_at = now() + interval '${CLAIM_LEASE}'
         WHERE id IN (
           SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id, kind, complaint_id, register_number, office_code, recipient_roles, message, attempts)
       SELECT * FROM claimed ORDER BY id`,
      [limit],
    );
    const result: DeliverDueNotificationsResult = {
      claimed: claimed.length,
      delivered: 0,
      retrying: 0,
      failed: 0,
      skipped: 0,
    };
    for (const row of claimed) {
      const status = await deliverOne(row);
      result[status] += 1;
    }
    if (claimed.length > 0) activityLog()?.info('Notifications dispatched', { ...result });
    return result;
  }

  return { deliverDueNotifications };
}
