/**
 * An Open311 GeoReport v2 client against the real gateway, worker and Temporal dev server: it
 * discovers the services, reads a definition, posts a form-encoded request with its API key,
 * follows the request while staff reject it through GraphQL, and gets GeoReport errors.
 */
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../libs/config/src/config';
import { mintToken } from '../../scripts/mint-token';
import { eventually, gql } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';

const API_KEY = 'kunci-uji-open311';

interface GeoReportError {
  code: number;
  description: string;
}

describe('Open311 GeoReport v2 (end to end)', () => {
  let stack: GatewayStack;
  let baseUrl: string;
  let config: AppConfig;
  const open311 = (path: string) => `${baseUrl}/open311/v2/${path}`;
  const token = (roles: string[], office: string) =>
    mintToken({ sub: `${roles[0]}-${office}`, name: 'Petugas Loket', roles, office }, config.gateway.jwt.secret!);

  function post(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(open311('requests.json'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  beforeAll(async () => {
    stack = await startGatewayStack({
      name: 'open311-e2e',
      publicRateLimitPerMinute: 1000,
      configure: (base) => ({ ...base, open311: { apiKeys: ['kunci-lama', API_KEY] } }),
    });
    ({ baseUrl, config } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('files a complaint like a FixMyStreet app and follows it until staff close it', async () => {
    const services = (await (await fetch(open311('services.json'))).json()) as Record<string, unknown>[];
    expect(services.map((service) => service.service_code)).toEqual(
      expect.arrayContaining(['KEBAKKRAMAT', 'PPID-KRA', 'DISKOMINFO-KRA', 'SELEMADEG-TIMUR', 'PALARAN']),
    );
    expect(services.find((service) => service.service_code === 'KEBAKKRAMAT')).toMatchObject({
      service_name: 'Pengaduan Masyarakat - Kantor Kecamatan Kebakkramat, Kabupaten Karanganyar',
      metadata: true,
      type: 'realtime',
      group: 'kecamatan',
    });
    const definition = (await (await fetch(open311('services/KEBAKKRAMAT.json'))).json()) as {
      service_code: string;
      attributes: { code: string; datatype: string; values?: { key: string }[] }[];
    };
    expect(definition.service_code).toBe('KEBAKKRAMAT');
    expect(definition.attributes.map((attribute) => attribute.code)).toEqual([
      'jenis',
      'kategori',
      'persetujuan_notifikasi',
      'anonim',
    ]);
    expect(definition.attributes[0]!.values!.map((value) => value.key)).toEqual([
      'pengaduan',
      'aspirasi',
      'permintaan_informasi',
    ]);

    const idempotencyKey = `fms-${randomUUID()}`;
    const fields = {
      api_key: API_KEY,
      service_code: 'KEBAKKRAMAT',
      description: 'Saluran air tersumbat di depan SD Kebak 2\nAir meluap ke jalan setiap hujan.',
      lat: '-7.5476',
      long: '110.9071',
      address_string: 'Jl. Raya Kebakkramat km 3',
      first_name: 'Dewi',
      last_name: 'Lestari',
      email: 'dewi@warga.example',
      phone: '+62 812 7777 1234',
      media_url: 'https://foto.example/saluran.jpg',
      'attribute[jenis]': 'pengaduan',
      'attribute[kategori]': 'drainase',
      'attribute[persetujuan_notifikasi]': 'ya',
    };
    const created = await post(fields, { 'idempotency-key': idempotencyKey });
    expect(created.status).toBe(201);
    const [receipt] = (await created.json()) as {
      service_request_id: string;
      token: string;
      service_notice: string;
      tracking_code: string;
    }[];
    expect(receipt!.service_request_id).toMatch(/^000\.8\.3\.3\/\d+\/KEBAKKRAMAT\/\d{4}$/);
    expect(receipt!.tracking_code).toMatch(/^[0-9A-Z]{10}$/);
    expect(receipt!.service_notice).toContain(receipt!.service_request_id);
    const registerNumber = receipt!.service_request_id;
    const complaintId = receipt!.token;

    // A retried POST with the same Idempotency-Key is the same complaint.
    const retried = (await (await post(fields, { 'idempotency-key': idempotencyKey })).json()) as {
      service_request_id: string;
    }[];
    expect(retried[0]!.service_request_id).toBe(registerNumber);

    // The complaint went through the normal submission: the staff see the whole submission.
    const staff = token(['petugas_loket'], 'KEBAKKRAMAT');
    const { complaint } = await gql<{
      complaint: {
        status: string;
        channel: string;
        submission: {
          subject: string;
          content: string;
          location: string;
          complainant: { name: string; email: string };
        };
      };
    }>(
      baseUrl,
      `query($id: ID!) { complaint(id: $id) { status channel
        submission { subject content location complainant { name email } } } }`,
      { id: complaintId },
      { token: staff },
    );
    expect(complaint).toMatchObject({ status: 'diterima', channel: 'website' });
    expect(complaint.submission).toEqual({
      subject: 'Saluran air tersumbat di depan SD Kebak 2',
      content: [
        'Saluran air tersumbat di depan SD Kebak 2',
        'Air meluap ke jalan setiap hujan.',
        '',
        'Jenis (pilihan pelapor): Pengaduan',
        'Kategori (pilihan pelapor): drainase',
        'Foto/lampiran: https://foto.example/saluran.jpg',
      ].join('\n'),
      location: 'Jl. Raya Kebakkramat km 3 (-7.5476, 110.9071)',
      complainant: { name: 'Dewi Lestari', email: 'dewi@warga.example' },
    });

    const one = await eventually(async () => {
      const response = await fetch(open311(`requests/${encodeURIComponent(registerNumber)}.json`));
      return response.status === 200 ? ((await response.json()) as Record<string, unknown>[]) : undefined;
    });
    expect(one).toEqual([
      expect.objectContaining({
        service_request_id: registerNumber,
        status: 'open',
        status_notes: 'Sedang diproses',
        service_code: 'KEBAKKRAMAT',
        description: 'Saluran air tersumbat di depan SD Kebak 2',
        agency_responsible: 'Kantor Kecamatan Kebakkramat, Kabupaten Karanganyar',
        address: null,
        lat: null,
        long: null,
      }),
    ]);
    expect(Date.parse(String(one[0]!.expected_datetime))).toBeGreaterThan(
      Date.parse(String(one[0]!.requested_datetime)),
    );
    const open = (await (await fetch(open311('requests.json?service_code=KEBAKKRAMAT&status=open'))).json()) as {
      service_request_id: string;
    }[];
    expect(open.map((request) => request.service_request_id)).toContain(registerNumber);

    await gql(
      baseUrl,
      `mutation($input: VerifyComplaintInput!) { verifyComplaint(input: $input) { status } }`,
      { input: { complaintId, outcome: 'rejected', reason: 'Sudah ditangani dalam aduan sebelumnya.' } },
      { token: staff },
    );
    const closed = await eventually(async () => {
      const response = await fetch(open311(`requests.json?service_request_id=${encodeURIComponent(registerNumber)}`));
      const list = (await response.json()) as { status: string; status_notes: string; expected_datetime: unknown }[];
      return list[0]?.status === 'closed' ? list[0] : undefined;
    });
    expect(closed).toMatchObject({ status_notes: 'Ditolak', expected_datetime: null });
    const stillOpen = (await (await fetch(open311('requests.json?service_code=KEBAKKRAMAT&status=open'))).json()) as {
      service_request_id: string;
    }[];
    expect(stillOpen.map((request) => request.service_request_id)).not.toContain(registerNumber);
  });

  it('answers in GeoReport error format and changes nothing on a bad request', async () => {
    const expectError = async (response: Response, status: number, description: string | RegExp) => {
      expect(response.status).toBe(status);
      const body = (await response.json()) as GeoReportError[];
      expect(body).toEqual([{ code: status, description: expect.stringMatching(description) }]);
    };
    const before: { count: number }[] = await stack.dataSource.query('SELECT count(*)::int AS count FROM complaints');
    const valid = { service_code: 'PALARAN', description: 'Lampu jalan mati', first_name: 'Budi' };

    await expectError(await post(valid), 403, /^api_key tidak ada atau tidak valid\.$/);
    await expectError(await post({ ...valid, api_key: 'salah' }), 403, /api_key/);
    await expectError(await post({ ...valid, api_key: API_KEY, service_code: 'ATLANTIS' }), 404, /ATLANTIS/);
    await expectError(await post({ ...valid, api_key: API_KEY, description: ' ' }), 400, /^description wajib diisi\.$/);
    await expectError(await post({ ...valid, api_key: API_KEY, lat: '-7.5' }), 400, /lat dan long/);
    await expectError(await post({ ...valid, api_key: API_KEY, phone: 'telepon saya' }), 400, /telepon tidak valid/);
    await expectError(await post({ ...valid, api_key: API_KEY, email: 'bukan-email' }), 400, /email tidak valid/);
    await expectError(await fetch(open311('services/ATLANTIS.json')), 404, /ATLANTIS/);
    await expectError(await fetch(open311('services.xml')), 400, /json/);
    await expectError(await fetch(open311('requests.json?status=mungkin')), 400, /open atau closed/);
    await expectError(await fetch(open311('requests.json?start_date=kemarin')), 400, /start_date/);
    await expectError(
      await fetch(open311(`requests/${encodeURIComponent('000.8.3.3/9999/PALARAN/2020')}.json`)),
      404,
      /tidak ditemukan/,
    );

    const after: { count: number }[] = await stack.dataSource.query('SELECT count(*)::int AS count FROM complaints');
    expect(after[0]!.count).toBe(before[0]!.count);
  });
});
