import { loadConfig } from '../../libs/config/src/config';
import { deliveryActive, notificationDeliveryBanner } from '../../libs/temporal/src/notification-dispatcher';
import { NOTIFICATION_KINDS } from '../../activities/contracts';
import { NOTIFICATION_TITLES, renderNotification, trackingLinkFor } from '../../libs/notify/src/templates';
import { verifyWebhookSignature, webhookSignature } from '../../libs/notify/src/webhook-signature';

describe('notification templates', () => {
  it('has an Indonesian title for every outbox kind', () => {
    for (const kind of NOTIFICATION_KINDS) expect(NOTIFICATION_TITLES[kind]).toEqual(expect.any(String));
  });

  it('puts the register number and the tracking link into a complainant notification', () => {
    const rendered = renderNotification(
      {
        kind: 'tunda',
        registerNumber: '000.8.3.3/0042/PALARAN/2026',
        officeName: 'Kantor Kecamatan Palaran',
        message: 'Aduan 000.8.3.3/0042/PALARAN/2026 ditunda: lampirkan foto lokasi.',
      },
      undefined,
      'https://aduan.example/lacak',
    );
    expect(rendered.subject).toBe('[Aduan 000.8.3.3/0042/PALARAN/2026] Aduan Anda ditunda: mohon lengkapi informasi');
    expect(rendered.trackingLink).toBe('https://aduan.example/lacak?nomor=000.8.3.3%2F0042%2FPALARAN%2F2026');
    expect(rendered.text.split('\n')).toEqual([
      'Yth. Bapak/Ibu,',
      '',
      'Aduan 000.8.3.3/0042/PALARAN/2026 ditunda: lampirkan foto lokasi.',
      '',
      'Nomor register: 000.8.3.3/0042/PALARAN/2026',
      'Lacak aduan: https://aduan.example/lacak?nomor=000.8.3.3%2F0042%2FPALARAN%2F2026',
      'Lengkapi informasi melalui halaman lacak aduan dengan nomor register dan kode lacak Anda.',
      '',
      'Pesan otomatis dari layanan pengaduan Kantor Kecamatan Palaran. Mohon tidak membalas pesan ini.',
    ]);
  });

  it('leaves out register number and link for a recap notification', () => {
    const rendered = renderNotification(
      { kind: 'reminder', registerNumber: null, officeName: 'Diskominfo', message: 'Rekap November jatuh tempo.' },
      'Rina',
      'https://aduan.example/lacak',
    );
    expect(rendered.subject).toBe('[Aduan] Pengingat tenggat langkah aduan');
    expect(rendered.trackingLink).toBeUndefined();
    expect(rendered.text).not.toContain('Lacak aduan');
  });

  it('appends the register number to a tracking URL that already has a query', () => {
    expect(trackingLinkFor('https://x.example/lacak?lang=id', 'A/1')).toBe(
      'https://x.example/lacak?lang=id&nomor=A%2F1',
    );
  });
});

describe('webhook signatures', () => {
  const secret = 'rahasia';
  const body = JSON.stringify({ to: '+62 812 1', text: 'Halo' });
  const now = 1_800_000_000;

  it('accepts the signature of the exact body and a recent timestamp', () => {
    const signature = webhookSignature(secret, now, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature }, body, now + 10)).toBeUndefined();
  });

  it('refuses a changed body, another secret, a stale timestamp and a missing signature', () => {
    const signature = webhookSignature(secret, now, body);
    const headers = { timestamp: String(now), signature };
    expect(verifyWebhookSignature(secret, headers, body.replace('Halo', 'Hai'), now)).toBe('signature mismatch');
    expect(verifyWebhookSignature('lain', headers, body, now)).toBe('signature mismatch');
    expect(verifyWebhookSignature(secret, headers, body, now + 301)).toBe('timestamp outside tolerance');
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature: undefined }, body, now)).toBe(
      'missing signature',
    );
    expect(verifyWebhookSignature(secret, { timestamp: 'x', signature }, body, now)).toBe(
      'missing or malformed timestamp',
    );
  });
});

describe('notification and Open311 configuration', () => {
  it('is off by default, with no channel, no staff and no Open311 key', () => {
    const config = loadConfig({});
    expect(config.notifications).toMatchObject({
      deliveryEnabled: false,
      trackingUrl: 'http://127.0.0.1:4000/',
      maxAttempts: 5,
      staffDirectory: [],
    });
    expect(config.notifications.email).toBeUndefined();
    expect(config.notifications.webhook).toBeUndefined();
    expect(config.open311.apiKeys).toEqual([]);
  });

  it('reads channels, the staff directory and the Open311 keys from the environment', () => {
    const config = loadConfig({
      NOTIFY_DELIVERY: '1',
      NOTIFY_SMTP_URL: 'smtp://mail.example:587',
      NOTIFY_WEBHOOK_URL: 'https://wa.example/kirim',
      NOTIFY_WEBHOOK_SECRET: 'rahasia',
      NOTIFY_STAFF_DIRECTORY: '[{"officeCode":"PALARAN","role":"camat","name":"Pak Camat","email":"c@p.example"}]',
      NOTIFY_TRACKING_URL: '',
      OPEN311_API_KEYS: ' satu, dua ,,',
    });
    expect(config.notifications).toMatchObject({
      deliveryEnabled: true,
      trackingUrl: 'http://127.0.0.1:4000/',
      email: { smtpUrl: 'smtp://mail.example:587', from: 'Aduan <aduan@localhost>' },
      webhook: { url: 'https://wa.example/kirim', secret: 'rahasia' },
      staffDirectory: [{ officeCode: 'PALARAN', role: 'camat', name: 'Pak Camat', email: 'c@p.example' }],
    });
    expect(config.open311.apiKeys).toEqual(['satu', 'dua']);
  });

  it('refuses a webhook without its secret and a malformed staff directory', () => {
    expect(() => loadConfig({ NOTIFY_WEBHOOK_URL: 'https://wa.example' })).toThrow('NOTIFY_WEBHOOK_SECRET');
    expect(() => loadConfig({ NOTIFY_STAFF_DIRECTORY: '{"role":"camat"}' })).toThrow('NOTIFY_STAFF_DIRECTORY');
    expect(() => loadConfig({ NOTIFY_STAFF_DIRECTORY: '[{"officeCode":"X","role":"camat"}]' })).toThrow(
      'NOTIFY_STAFF_DIRECTORY',
    );
    expect(() => loadConfig({ NOTIFY_MAX_ATTEMPTS: '0' })).toThrow('NOTIFY_MAX_ATTEMPTS');
    expect(() => loadConfig({ NOTIFY_SMTP_URL: 'mail.example' })).toThrow('NOTIFY_SMTP_URL must be a URL');
  });

  it('says in the start-up banner whether and where notifications are delivered', () => {
    expect(notificationDeliveryBanner(loadConfig({}).notifications)).toBe(
      'OFF: outbox only, nothing is sent (NOTIFY_DELIVERY=1 turns it on)',
    );
    const noChannel = loadConfig({ NOTIFY_DELIVERY: '1' }).notifications;
    expect(deliveryActive(noChannel)).toBe(false);
    expect(notificationDeliveryBanner(noChannel)).toBe(
      'OFF: NOTIFY_DELIVERY=1 but no channel (set NOTIFY_SMTP_URL or NOTIFY_WEBHOOK_URL)',
    );
    const on = loadConfig({
      NOTIFY_DELIVERY: 'on',
      NOTIFY_SMTP_URL: 'smtp://user:rahasia@mail.example:587',
      NOTIFY_WEBHOOK_URL: 'https://wa.example/kirim?token=x',
      NOTIFY_WEBHOOK_SECRET: 's',
    }).notifications;
    expect(deliveryActive(on)).toBe(true);
    // Hosts only: no credentials or tokens in the banner.
    expect(notificationDeliveryBanner(on)).toBe('ON: e-mail via mail.example:587, webhook wa.example');
  });
});
