/**
 * The delivery activity on its own, against a scratch PostgreSQL database (so no other spec's
 * outbox rows are claimed), a real SMTP server and a local webhook receiver: backoff between
 * rounds, concurrent claims, permanent refusals, recipient lookup failures, and the migration's
 * treatment of rows written before delivery existed.
 */
import type { DataSource } from 'typeorm';
import {
  createNotificationDeliveryActivities,
  type ComplainantContactLookup,
} from '../../activities/notification-delivery.activity';
import { createNotificationActivities } from '../../activities/notification.activity';
import { loadConfig, type NotificationConfig } from '../../libs/config/src/config';
import { createDataSource, revertLastMigration, runMigrations } from '../../libs/persistence/src/data-source';
import { createScratchDatabase } from '../support/database';
import {
  startSmtpSink,
  startWebhookReceiver,
  type SmtpSink,
  type WebhookReceiver,
} from '../support/notification-receivers';

const OFFICE = 'KEBAKKRAMAT';

describe('notification delivery activity', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let smtp: SmtpSink;
  let webhook: WebhookReceiver;
  let config: NotificationConfig;
  let sequence = 0;

  async function queue(recipientRoles: string[], complaintId?: string): Promise<string> {
    sequence += 1;
    await createNotificationActivities({ dataSource }).notify({
      dedupeKey: `outbox-spec/${sequence}`,
      kind: 'escalation',
      ...(complaintId ? { complaintId } : {}),
      registerNumber: `000.8.3.3/${String(sequence).padStart(4, '0')}/${OFFICE}/2026`,
      officeCode: OFFICE,
      recipientRoles,
      stepKey: 'disposisi',
      message: 'Eskalasi: langkah "Disposisi" melewati baku mutu 15 menit.',
    });
    const [row]: { id: string }[] = await dataSource.query('SELECT id FROM notifications WHERE dedupe_key = $1', [
      `outbox-spec/${sequence}`,
    ]);
    return row!.id;
  }

  async function outbox(id: string) {
    const [row]: {
      status: string;
      attempts: number;
      last_error: string | null;
      wait_ms: number;
    }[] = await dataSource.query(
      `SELECT status, attempts, last_error, (extract(epoch FROM next_attempt_at - now()) * 1000)::float8 AS wait_ms
         FROM notifications WHERE id = $1`,
      [id],
    );
    return row!;
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase('notification_outbox');
    dataSource = createDataSource(scratch.url, { poolSize: 4 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    smtp = await startSmtpSink();
    webhook = await startWebhookReceiver('rahasia');
    config = {
      ...loadConfig({ NODE_ENV: 'test' }).notifications,
      deliveryEnabled: true,
      maxAttempts: 3,
      retryBaseMs: 1_000,
      retryMaxMs: 1_500,
      email: { smtpUrl: smtp.url, from: 'Aduan <aduan@kebakkramat.example>' },
      webhook: { url: webhook.url, secret: webhook.secret },
      staffDirectory: [
        { officeCode: OFFICE, role: 'camat', name: 'Pak Camat', email: 'camat@kebakkramat.example' },
        { officeCode: OFFICE, role: 'sekcam', name: 'Bu Sekcam', phone: '+62 811 1111 2222' },
      ],
    };
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
    await smtp?.stop();
    await webhook?.stop();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE notifications RESTART IDENTITY CASCADE');
  });

  it('backs off exponentially between rounds and sends only what is still pending', async () => {
    const activities = createNotificationDeliveryActivities({ dataSource, notifications: config });
    webhook.failFor('+62 811 1111 2222', 2);
    const id = await queue(['camat', 'sekcam']);

    expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 1, retrying: 1 });
    const first = await outbox(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.last_error).toBe('webhook +62 811 1111 2222: webhook menjawab HTTP 500: gateway sedang gangguan');
    expect(first.wait_ms).toBeGreaterThan(800);
    expect(first.wait_ms).toBeLessThanOrEqual(1_000);
    // Not due yet: nothing is claimed.
    expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 0 });

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 1, retrying: 1 });
    // Second backoff: base × 2, capped at 1.5 s.
    const second = await outbox(id);
    expect(second.attempts).toBe(2);
    expect(second.wait_ms).toBeGreaterThan(1_300);
    expect(second.wait_ms).toBeLessThanOrEqual(1_500);

    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await outbox(id)).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
    // The Camat's e-mail went out in the first round only.
    expect(smtp.messages.filter((mail) => mail.to.includes('camat@kebakkramat.example'))).toHaveLength(1);
    expect(webhook.received.map((hook) => hook.answeredStatus)).toEqual([500, 500, 200]);
  });

  it('reaches the active staff of the staff directory too, each address once', async () => {
    await dataSource.query(
      `INSERT INTO staff_users (id, office_code, name, roles, email, phone, active) VALUES
         ('dir-camat', $1, 'Plt. Camat', '{camat}', 'plt.camat@kebakkramat.example', NULL, true),
         ('dir-dup', $1, 'Pak Camat', '{camat,sekcam}', 'CAMAT@kebakkramat.example', NULL, true),
         ('dir-gone', $1, 'Mantan Camat', '{camat}', 'mantan@kebakkramat.example', NULL, false),
         ('dir-other', 'PALARAN', 'Camat Palaran', '{camat}', 'camat@palaran.example', NULL, true)`,
      [OFFICE],
    );
    try {
      const before = smtp.messages.length;
      const activities = createNotificationDeliveryActivities({ dataSource, notifications: config });
      const id = await queue(['camat']);
      expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 1, delivered: 1 });
      expect(await outbox(id)).toMatchObject({ status: 'delivered' });
      const sentTo = smtp.messages.slice(before).flatMap((mail) => mail.to.map((to) => to.toLowerCase()));
      expect(sentTo.sort()).toEqual(['camat@kebakkramat.example', 'plt.camat@kebakkramat.example']);
    } finally {
      await dataSource.query(`DELETE FROM staff_users WHERE id LIKE 'dir-%'`);
    }
  });

  it('delivers a notification once when two dispatchers claim at the same time', async () => {
    const before = smtp.messages.length;
    const id = await queue(['camat']);
    const first = createNotificationDeliveryActivities({ dataSource, notifications: config });
    const second = createNotificationDeliveryActivities({ dataSource, notifications: config });
    const results = await Promise.all([
      first.deliverDueNotifications({ limit: 10 }),
      second.deliverDueNotifications({ limit: 10 }),
    ]);
    expect(results.map((result) => result.claimed).sort()).toEqual([0, 1]);
    expect(await outbox(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(smtp.messages.length - before).toBe(1);
  });

  it('gives up at once on a permanent refusal from the gateway', async () => {
    const refusing = await startWebhookReceiver('kunci-lain');
    try {
      // Signed with the wrong secret: the receiver answers 401, which no retry can fix.
      const activities = createNotificationDeliveryActivities({
        dataSource,
        notifications: { ...config, webhook: { url: refusing.url, secret: 'rahasia' } },
      });
      const id = await queue(['sekcam']);
      expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 1, failed: 1 });
      expect(await outbox(id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        last_error: 'webhook +62 811 1111 2222: webhook menjawab HTTP 401: bad signature',
      });
      expect(refusing.received).toHaveLength(1);
      expect(refusing.received[0]!.signatureError).toBe('signature mismatch');
    } finally {
      await refusing.stop();
    }
  });

  it('retries when the complainant cannot be looked up, without holding up the other notifications', async () => {
    let lookups = 0;
    const complainantContact: ComplainantContactLookup = () => {
      lookups += 1;
      if (lookups === 1) return Promise.reject(new Error('Temporal tidak dapat dihubungi'));
      return Promise.resolve({ consent: true, name: 'Sri', email: 'sri@warga.example' });
    };
    const activities = createNotificationDeliveryActivities({ dataSource, notifications: config, complainantContact });
    const complainantId = await queue(['pemohon'], '6f1d2c3b-0a9e-4c8d-9b7a-1e2f3a4b5c6d');
    const staffId = await queue(['camat']);
    expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({
      claimed: 2,
      retrying: 1,
      delivered: 1,
    });
    expect(await outbox(staffId)).toMatchObject({ status: 'delivered' });
    expect(await outbox(complainantId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'Penerima tidak dapat ditentukan: Temporal tidak dapat dihubungi',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(smtp.messages.filter((mail) => mail.to.includes('sri@warga.example'))).toHaveLength(1);
  });

  it('skips, with a reason, a notification nobody can be reached for', async () => {
    const activities = createNotificationDeliveryActivities({ dataSource, notifications: config });
    const id = await queue(['kasi_kasubbag']);
    expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 1, skipped: 1 });
    expect(await outbox(id)).toMatchObject({
      status: 'skipped',
      last_error: 'Tidak ada penerima dengan kontak yang terdaftar atau disetujui.',
    });
  });

  it('never sends the notifications written before delivery existed', async () => {
    const id = await queue(['camat']);
    // Back to before delivery: the later migrations first, newest first.
    expect(await revertLastMigration(dataSource)).toBe('InboxAndTrackingIndexes1765200000000');
    expect(await revertLastMigration(dataSource)).toBe('ComplaintChangeXid1765150000000');
    expect(await revertLastMigration(dataSource)).toBe('NotificationDelivery1765100000000');
    try {
      const columns: { column_name: string }[] = await dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'notifications' AND column_name = 'status'`,
      );
      expect(columns).toEqual([]);
    } finally {
      expect(await runMigrations(dataSource)).toEqual([
        'NotificationDelivery1765100000000',
        'ComplaintChangeXid1765150000000',
        'InboxAndTrackingIndexes1765200000000',
      ]);
    }
    expect(await outbox(id)).toMatchObject({
      status: 'skipped',
      last_error: 'Dibuat sebelum pengiriman notifikasi tersedia.',
    });
    const activities = createNotificationDeliveryActivities({ dataSource, notifications: config });
    expect(await activities.deliverDueNotifications({ limit: 10 })).toMatchObject({ claimed: 0 });
  });
});
