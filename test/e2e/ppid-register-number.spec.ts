/**
 * End to end over HTTP: a PPID complaint has no register number until step 2 gives it; meanwhile
 * the citizen tracks it with the tracking code alone. Real gateway, Temporal dev server, worker, PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import type { AppConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { mintToken } from '../../scripts/mint-token';
import { makeTestSop } from '../fixtures/sops';
import { errorCodeOf, eventually, gql } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';

const PPID_TEST_SOP = makeTestSop(findSop('ppid-karanganyar-web-medsos') as SopDefinition);

const SUBMIT_PUBLIC = `mutation($input: SubmitComplaintPubliclyInput!) {
  submitComplaintPublicly(input: $input) { complaintId registerNumber trackingCode }
}`;
const TRACK_BY_CODE = `query($c: String!) { trackComplaint(trackingCode: $c) { registerNumber status } }`;
const TRACK_WITH_OPTIONAL_NUMBER = `query($r: String, $c: String!) {
  trackComplaint(registerNumber: $r, trackingCode: $c) { registerNumber status }
}`;
const TRACK = `query($r: String!, $c: String!) { trackComplaint(registerNumber: $r, trackingCode: $c) { registerNumber status } }`;

function action(name: string, inputType: string): string {
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { registerNumber currentSteps { key } } }`;
}

describe('PPID: the register number at step 2 (end to end)', () => {
  let stack: GatewayStack;
  let dataSource: DataSource;
  let baseUrl: string;
  let config: AppConfig;

  beforeAll(async () => {
    stack = await startGatewayStack({
      name: 'ppid-register-e2e',
      sopRegistry: SopRegistry.fromCatalog([PPID_TEST_SOP]),
      publicRateLimitPerMinute: 1000,
      changePollIntervalMs: 300,
    });
    ({ dataSource, baseUrl, config } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function projectedNumber(complaintId: string): Promise<{ register_number: string | null }> {
    return eventually(async () => {
      const rows: { register_number: string | null }[] = await dataSource.query(
        'SELECT register_number FROM complaints WHERE id = $1',
        [complaintId],
      );
      return rows[0];
    });
  }

  it('submits without a number, tracks by code alone, and shows the number from step 2 on', async () => {
    const admin = mintToken(
      { sub: 'admin-medsos-1', name: 'Admin Medsos', roles: ['admin_medsos'], office: 'PPID-KRA' },
      config.gateway.jwt.secret!,
    );
    const submitted = await gql<{
      submitComplaintPublicly: { complaintId: string; registerNumber: string | null; trackingCode: string };
    }>(baseUrl, SUBMIT_PUBLIC, {
      input: {
        clientRequestId: randomUUID(),
        officeCode: 'PPID-KRA',
        channel: 'website',
        complainant: { anonymous: false, name: 'Budi Santoso', email: 'budi@example.id' },
        subject: 'Informasi anggaran desa',
        content: 'Mohon informasi rincian anggaran desa tahun ini yang belum dimuat di situs.',
      },
    });
    const { complaintId, registerNumber, trackingCode } = submitted.submitComplaintPublicly;
    expect(registerNumber).toBeNull();
    expect((await projectedNumber(complaintId)).register_number).toBeNull();

    // Without a number the tracking code alone finds the complaint; a wrong code finds nothing.
    const tracked = await gql<{ trackComplaint: { registerNumber: string | null; status: string } }>(
      baseUrl,
      TRACK_BY_CODE,
      { c: trackingCode.toLowerCase() },
    );
    expect(tracked.trackComplaint).toEqual({ registerNumber: null, status: 'diterima' });
    // The citizen page sends an empty number field as null.
    const trackedAsThePage = await gql<{ trackComplaint: { registerNumber: string | null; status: string } }>(
      baseUrl,
      TRACK_WITH_OPTIONAL_NUMBER,
      { r: null, c: trackingCode },
    );
    expect(trackedAsThePage).toEqual(tracked);
    expect((await errorCodeOf(baseUrl, TRACK_BY_CODE, { c: 'AAAAAAAAAA' })).code).toBe('NOT_FOUND');

    const registered = await gql<{ registerComplaint: { registerNumber: string | null } }>(
      baseUrl,
      action('registerComplaint', 'RegisterComplaintInput'),
      { input: { complaintId, note: 'Formulir Google terisi' } },
      { token: admin },
    );
    expect(registered.registerComplaint.registerNumber).toBeNull();

    const accepted = await gql<{
      verifyComplaint: { registerNumber: string | null; currentSteps: { key: string }[] };
    }>(
      baseUrl,
      action('verifyComplaint', 'VerifyComplaintInput'),
      { input: { complaintId, outcome: 'accepted' } },
      { token: admin },
    );
    const number = accepted.verifyComplaint.registerNumber;
    expect(number).toMatch(/^000\.8\.3\.3\/\d{4}\/PPID-KRA\/\d{4}$/);
    expect(accepted.verifyComplaint.currentSteps.map((step) => step.key)).toEqual(['classify']);

    await eventually(async () => ((await projectedNumber(complaintId)).register_number === number ? true : undefined));
    const byNumber = await gql<{ trackComplaint: { registerNumber: string; status: string } }>(baseUrl, TRACK, {
      r: number,
      c: trackingCode,
    });
    expect(byNumber.trackComplaint).toEqual({ registerNumber: number, status: 'diterima' });
    // Once numbered, the code alone no longer identifies it: the citizen gives both, as before.
    expect((await errorCodeOf(baseUrl, TRACK_BY_CODE, { c: trackingCode })).code).toBe('NOT_FOUND');
  });

  it('lets the complainant withdraw an unnumbered complaint with the tracking code alone', async () => {
    const submitted = await gql<{ submitComplaintPublicly: { complaintId: string; trackingCode: string } }>(
      baseUrl,
      SUBMIT_PUBLIC,
      {
        input: {
          clientRequestId: randomUUID(),
          officeCode: 'PPID-KRA',
          channel: 'website',
          complainant: { anonymous: true },
          subject: 'Tautan dokumen rusak',
          content: 'Tautan dokumen laporan keuangan di situs PPID tidak dapat dibuka.',
        },
      },
    );
    const { complaintId, trackingCode } = submitted.submitComplaintPublicly;
    await projectedNumber(complaintId);
    const withdraw = `mutation($input: WithdrawComplaintInput!) { withdrawComplaint(input: $input) { registerNumber status } }`;
    const wrong = await errorCodeOf(baseUrl, withdraw, {
      input: { registerNumber: '', trackingCode: 'AAAAAAAAAA', reason: 'Salah kirim' },
    });
    expect(wrong.code).toBe('NOT_FOUND');
    const done = await gql<{ withdrawComplaint: { registerNumber: string | null; status: string } }>(
      baseUrl,
      withdraw,
      { input: { registerNumber: '', trackingCode, reason: 'Sudah terjawab di situs' } },
    );
    expect(done.withdrawComplaint).toEqual({ registerNumber: null, status: 'dicabut' });
  });
});
