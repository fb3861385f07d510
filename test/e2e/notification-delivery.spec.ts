/**
 * Notification delivery end to end: complaints run through the real gateway, worker and Temporal
 * dev server; the dispatcher workflow delivers the outbox to a real SMTP server started here and to
 * a local WhatsApp/SMS gateway stand-in that verifies every webhook's HMAC signature.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import type { AppConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import { ensureNotificationDispatcher } from '../../libs/temporal/src/notification-dispatcher';
import { mintToken } from '../../scripts/mint-token';
import { NOTIFICATION_DISPATCHER_WORKFLOW_ID } from '../../workflows/notifications/notification-dispatcher.messages';
import { makeTestSop, TEST_SOPS } from '../fixtures/sops';
import { errorCodeOf, eventually, gql } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';
import {
  startSmtpSink,
  startWebhookReceiver,
  type SmtpSink,
  type WebhookReceiver,
} from '../support/notification-receivers';

/** Diskominfo with a 6-second group step: its reminder and escalation reach staff within the test. */
const DISKOMINFO_FAST_SOP = makeTestSop(findSop('diskominfo-karanganyar-aduan-warga')!, {
  stepMinutes: { group_response: 0.1 },
  idSuffix: '-notify-test',
});

const OFFICE = 'DISKOMINFO-KRA';
const COMPLAINANT_EMAIL = 'siti.rahma@warga.example';
const COMPLAINANT_PHONE = '+62 812 4444 0707';
const OPD_EMAIL = 'admin.opd@karanganyar.example';
/** The OPD admin's phone: its gateway is down for the whole test. */
const OPD_PHONE = '+62 811 0000 0500';
const ADMIN_EMAIL = 'admin.diskominfo@karanganyar.example';
const MAX_ATTEMPTS = 3;

const SUBMIT = `mutation($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { complaintId registerNumber trackingCode }
}`;
const MY_NOTIFICATIONS = `query($status: String) {
  myNotifications(first: 50, status: $status) {
    id kind registerNumber stepKey message status attempts lastError deliveredAt
    deliveries { channel recipient status attempts lastError sentAt }
  }
}`;

interface OutboxRow {
  id: string;
  kind: string;
  recipient_roles: string[];
  status: string;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
}

interface NotificationView {
  id: string;
  kind: string;
  registerNumber: string | null;
  stepKey: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  deliveries: { channel: string; recipient: string; status: string; attempts: number; lastError: string | null }[];
}

describe('notification delivery (end to end)', () => {
  let stack: GatewayStack;
  let dataSource: DataSource;
  let baseUrl: string;
  let config: AppConfig;
  let smtp: SmtpSink;
  let webhook: WebhookReceiver;
  const token = (roles: string[], sub = `${roles[0]}-${OFFICE}`) =>
    mintToken({ sub, name: `Petugas ${sub}`, roles, office: OFFICE }, config.gateway.jwt.secret!);

  async function outbox(complaintId: string, kind: string): Promise<OutboxRow | undefined> {
    const rows: OutboxRow[] = await dataSource.query(
      `SELECT id, kind, recipient_roles, status, attempts, last_error, delivered_at
       FROM notifications WHERE complaint_id = $1 AND kind = $2 ORDER BY id`,
      [complaintId, kind],
    );
    return rows[0];
  }

  /** Waits until the outbox row of that kind has left `pending`. */
  function settled(complaintId: string, kind: string): Promise<OutboxRow> {
    return eventually(
      async () => {
        const row = await outbox(complaintId, kind);
        return row && row.status !== 'pending' ? row : undefined;
      },
      { attempts: 150, intervalMs: 200 },
    );
  }

  async function act(name: string, inputType: string, input: Record<string, unknown>, bearer: string) {
    await gql(
      baseUrl,
      `mutation($input: ${inputType}!) { ${name}(input: $input) { id status } }`,
      { input },
      {
        token: bearer,
      },
    );
  }

  async function submit(
    complainant: Record<string, unknown>,
  ): Promise<{ complaintId: string; registerNumber: string }> {
    const data = await gql<{ submitComplaint: { complaintId: string; registerNumber: string } }>(
      baseUrl,
      SUBMIT,
      {
        input: {
          clientRequestId: randomUUID(),
          sopId: DISKOMINFO_FAST_SOP.id,
          channel: 'website',
          complainant,
          subject: 'Jalan berlubang di Tasikmadu',
          content: 'Jalan di depan pasar Tasikmadu berlubang dalam dan membahayakan pengendara.',
        },
      },
      { token: token(['admin_diskominfo']) },
    );
    return data.submitComplaint;
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    webhook = await startWebhookReceiver('rahasia-webhook-uji');
    stack = await startGatewayStack({
      name: 'notify-e2e',
      sopRegistry: SopRegistry.fromCatalog([...TEST_SOPS, DISKOMINFO_FAST_SOP]),
      publicRateLimitPerMinute: 1000,
      configure: (base) => ({
        ...base,
        notifications: {
          ...base.notifications,
          deliveryEnabled: true,
          trackingUrl: 'https://aduan.karanganyar.example/lacak',
          pollIntervalMs: 200,
          maxAttempts: MAX_ATTEMPTS,
          retryBaseMs: 300,
          retryMaxMs: 1_000,
          email: { smtpUrl: smtp.url, from: 'Aduan Karanganyar <aduan@karanganyar.example>' },
          webhook: { url: webhook.url, secret: webhook.secret },
          staffDirectory: [
            { officeCode: OFFICE, role: 'admin_opd', name: 'Bambang Admin OPD', email: OPD_EMAIL, phone: OPD_PHONE },
            { officeCode: OFFICE, role: 'admin_diskominfo', name: 'Rina Admin Diskominfo', email: ADMIN_EMAIL },
            // Another office's admin never receives Diskominfo's notifications.
            { officeCode: 'PALARAN', role: 'admin_opd', name: 'Orang Lain', email: 'lain@palaran.example' },
          ],
        },
      }),
    });
    ({ dataSource, baseUrl, config } = stack);
    await ensureNotificationDispatcher(stack.env.client, config.notifications, config.temporal.taskQueue);
  });

  afterAll(async () => {
    await stack?.env.client.workflow
      .getHandle(NOTIFICATION_DISPATCHER_WORKFLOW_ID)
      .terminate('test finished')
      .catch(() => undefined);
    await stack?.stop();
    await smtp?.stop();
    await webhook?.stop();
  });

  it("delivers a complaint's life by e-mail and signed webhooks, retrying a failing gateway without sending twice", async () => {
    // The complainant's WhatsApp gateway fails once: the acknowledgment's webhook is retried.
    webhook.failFor(COMPLAINANT_PHONE, 1);
    webhook.failFor(OPD_PHONE, Infinity);
    const { complaintId, registerNumber } = await submit({
      anonymous: false,
      name: 'Siti Rahmawati',
      email: COMPLAINANT_EMAIL,
      phone: COMPLAINANT_PHONE,
      notificationConsent: true,
    });
    const admin = token(['admin_diskominfo']);
    const opd = token(['admin_opd']);

    const acknowledgment = await settled(complaintId, 'acknowledgment');
    expect(acknowledgment).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(acknowledgment.delivered_at).toBeInstanceOf(Date);
    const ackMails = smtp.messages.filter((mail) => mail.subject.includes(registerNumber));
    // Sent once although the notification took two rounds (the webhook failed in the first).
    expect(ackMails).toHaveLength(1);
    expect(ackMails[0]!.to).toEqual([COMPLAINANT_EMAIL]);
    expect(ackMails[0]!.subject).toBe(`[Aduan ${registerNumber}] Aduan Anda telah diterima`);
    expect(ackMails[0]!.text).toContain('Yth. Siti Rahmawati,');
    expect(ackMails[0]!.text).toContain(`Nomor register: ${registerNumber}`);
    expect(ackMails[0]!.text).toContain(
      `Lacak aduan: https://aduan.karanganyar.example/lacak?nomor=${encodeURIComponent(registerNumber)}`,
    );
    expect(ackMails[0]!.text).toContain('Dinas Komunikasi dan Informatika Kabupaten Karanganyar');
    const ackHooks = webhook.received.filter((hook) => hook.body.registerNumber === registerNumber);
    expect(ackHooks.map((hook) => hook.answeredStatus)).toEqual([500, 200]);
    expect(ackHooks.every((hook) => hook.signatureError === undefined)).toBe(true);
    // The same delivery id both times, so a gateway can drop a repeat.
    expect(new Set(ackHooks.map((hook) => hook.deliveryId)).size).toBe(1);
    expect(ackHooks[1]!.body).toMatchObject({
      kind: 'acknowledgment',
      officeCode: OFFICE,
      to: COMPLAINANT_PHONE,
      recipientName: 'Siti Rahmawati',
      trackingLink: `https://aduan.karanganyar.example/lacak?nomor=${encodeURIComponent(registerNumber)}`,
    });

    await act('verifyComplaint', 'VerifyComplaintInput', { complaintId, outcome: 'accepted' }, admin);
    await act('forwardComplaint', 'ForwardComplaintInput', { complaintId, target: 'Grup Admin OPD' }, admin);

    // Nobody in the group answers within 6 s: the OPD admins are reminded, the Diskominfo admin gets the escalation.
    const escalation = await settled(complaintId, 'escalation');
    expect(escalation).toMatchObject({ status: 'delivered', recipient_roles: ['admin_diskominfo'] });
    const escalationMails = smtp.messages.filter(
      (mail) => mail.subject === `[Aduan ${registerNumber}] Eskalasi: baku mutu terlampaui`,
    );
    expect(escalationMails.map((mail) => mail.to)).toEqual([[ADMIN_EMAIL]]);
    expect(escalationMails[0]!.text).toContain('Yth. Rina Admin Diskominfo,');

    // The OPD admin's gateway never answers: the reminder reaches the e-mail once and reports the failure.
    const reminder = await settled(complaintId, 'reminder');
    expect(reminder).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, recipient_roles: ['admin_opd'] });
    expect(reminder.last_error).toContain(`webhook ${OPD_PHONE}: webhook menjawab HTTP 500`);
    expect(reminder.delivered_at).toBeNull();
    const reminderMails = smtp.messages.filter(
      (mail) => mail.subject === `[Aduan ${registerNumber}] Pengingat tenggat langkah aduan`,
    );
    expect(reminderMails.map((mail) => mail.to)).toEqual([[OPD_EMAIL]]);
    expect(
      webhook.received.filter((hook) => hook.body.to === OPD_PHONE && hook.body.registerNumber === registerNumber),
    ).toHaveLength(MAX_ATTEMPTS);
    expect(smtp.messages.some((mail) => mail.to.includes('lain@palaran.example'))).toBe(false);

    // Staff see their notifications and what became of them.
    const mine = await gql<{ myNotifications: NotificationView[] }>(baseUrl, MY_NOTIFICATIONS, {}, { token: opd });
    const opdReminder = mine.myNotifications.find(
      (notification) => notification.registerNumber === registerNumber && notification.kind === 'reminder',
    );
    expect(opdReminder).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, stepKey: 'group_response' });
    expect(opdReminder!.deliveries).toEqual([
      expect.objectContaining({ channel: 'email', recipient: OPD_EMAIL, status: 'sent', attempts: 1 }),
      expect.objectContaining({ channel: 'webhook', recipient: OPD_PHONE, status: 'failed', attempts: MAX_ATTEMPTS }),
    ]);
    // Addressed to the OPD admins only: the Diskominfo admin's list does not hold it, nor the complainant's.
    const adminList = await gql<{ myNotifications: NotificationView[] }>(
      baseUrl,
      MY_NOTIFICATIONS,
      {},
      { token: admin },
    );
    expect(adminList.myNotifications.map((notification) => notification.id)).not.toContain(opdReminder!.id);
    expect(adminList.myNotifications.some((notification) => notification.kind === 'acknowledgment')).toBe(false);
    const failedOnly = await gql<{ myNotifications: NotificationView[] }>(
      baseUrl,
      MY_NOTIFICATIONS,
      { status: 'failed' },
      { token: opd },
    );
    expect(failedOnly.myNotifications.every((notification) => notification.status === 'failed')).toBe(true);

    await eventually(async () => {
      const rows: { current_step_keys: string[] }[] = await dataSource.query(
        'SELECT current_step_keys FROM complaints WHERE id = $1',
        [complaintId],
      );
      return rows[0]?.current_step_keys.includes('forward_opd') ? true : undefined;
    });
    await act('forwardComplaint', 'ForwardComplaintInput', { complaintId, target: 'Admin Dinas PUPR' }, admin);
    await act(
      'deliverComplaintAnswer',
      'DeliverComplaintAnswerInput',
      { complaintId, channel: 'email', receipt: 'Dikirim lewat e-mail', answer: 'Sudah ditambal Dinas PUPR.' },
      opd,
    );
    const answer = await settled(complaintId, 'answer');
    expect(answer).toMatchObject({ status: 'delivered', attempts: 1 });
    const answerMails = smtp.messages.filter(
      (mail) => mail.subject === `[Aduan ${registerNumber}] Jawaban atas aduan Anda`,
    );
    expect(answerMails.map((mail) => mail.to)).toEqual([[COMPLAINANT_EMAIL]]);
    expect(answerMails[0]!.text).toContain(`Jawaban atas aduan ${registerNumber} telah disampaikan.`);
    // Every webhook of the run carried a valid signature.
    expect(webhook.received.filter((hook) => hook.signatureError !== undefined)).toEqual([]);
  });

  it('sends nothing to a complainant who did not agree to be notified', async () => {
    const before = smtp.messages.length;
    const { complaintId } = await submit({
      anonymous: false,
      name: 'Joko Susilo',
      email: 'joko@warga.example',
      phone: '+62 813 2222 3333',
      notificationConsent: false,
    });
    const acknowledgment = await settled(complaintId, 'acknowledgment');
    expect(acknowledgment.status).toBe('skipped');
    expect(acknowledgment.last_error).toBe('Tidak ada penerima dengan kontak yang terdaftar atau disetujui.');
    expect(smtp.messages.slice(before).some((mail) => mail.to.includes('joko@warga.example'))).toBe(false);
    expect(webhook.received.some((hook) => hook.body.to === '+62 813 2222 3333')).toBe(false);
  });

  it('refuses a bad myNotifications request with an Indonesian message', async () => {
    const opd = token(['admin_opd']);
    const tooMany = await errorCodeOf(baseUrl, 'query { myNotifications(first: 1000) { id } }', {}, { token: opd });
    expect(tooMany).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Jumlah notifikasi yang diminta harus 1–100.' });
    const badStatus = await errorCodeOf(
      baseUrl,
      'query { myNotifications(status: "kirim") { id } }',
      {},
      {
        token: opd,
      },
    );
    expect(badStatus.code).toBe('BAD_USER_INPUT');
    const anonymous = await errorCodeOf(baseUrl, 'query { myNotifications { id } }');
    expect(anonymous.code).toBe('UNAUTHENTICATED');
  });
});
