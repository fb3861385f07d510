/**
 * End to end over HTTP: the real gateway, a real Temporal dev server, the real worker (workflows
 * and activities) and PostgreSQL. Everything a staff app or a citizen does goes through GraphQL.
 */
import { BusinessCalendar } from '../../libs/calendar/src/business-calendar';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Connection, Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import type { AppConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import { createLogger } from '../../libs/logging/src/logger';
import { mintToken } from '../../scripts/mint-token';
import { makeTestSop, PALARAN_TEST_SOP, TEST_SOPS } from '../fixtures/sops';
import { errorCodeOf, eventually, gql, graphqlRequest, nextEvent, wsClient } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';

/** Diskominfo with a 6-second group step, so the automatic forward happens within the test. */
const DISKOMINFO_FAST_SOP = makeTestSop(findSop('diskominfo-karanganyar-aduan-warga')!, {
  stepMinutes: { group_response: 0.1 },
  idSuffix: '-gateway-test',
});

const quiet = createLogger({ level: 'error', write: () => undefined });

const COMPLAINT_FIELDS = `
  id registerNumber officeCode sopId status statusLabel
  currentSteps { key action actorRoles dueAt breached }
  completedSteps { key outcome by { userId role } }
  breaches { stepKey }
  actions { kind outcome actor { userId role } }
  decision { decision rapatRequired }
  rapat { participants decision }
  answer { text deliveredAt }
  notes { text }
`;

const SUBMIT = `mutation($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { complaintId registerNumber trackingCode complaint { id status currentSteps { key } } }
}`;
const SUBMIT_PUBLIC = `mutation($input: SubmitComplaintPubliclyInput!) {
  submitComplaintPublicly(input: $input) { complaintId registerNumber trackingCode }
}`;
const COMPLAINT = `query($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }`;
const TRACK = `query($r: String!, $c: String!) {
  trackComplaint(registerNumber: $r, trackingCode: $c) {
    registerNumber status statusLabel submittedAt closedAt answer answeredAt awaitingInformation canRateOrReopen
  }
}`;

function mutation(name: string, inputType: string): string {
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { ${COMPLAINT_FIELDS} } }`;
}

interface ComplaintView {
  id: string;
  registerNumber: string | null;
  officeCode: string;
  sopId: string;
  status: string;
  currentSteps: { key: string; action: string; actorRoles: string[]; dueAt: string | null; breached: boolean }[];
  completedSteps: { key: string; outcome: string; by: { userId: string; role: string } | null }[];
  breaches: { stepKey: string }[];
  actions: { kind: string; outcome: string; actor: { userId: string; role: string } }[];
  decision: { decision: string; rapatRequired: boolean } | null;
  rapat: { participants: string[]; decision: string } | null;
  answer: { text: string; deliveredAt: string | null } | null;
  notes: { text: string }[];
}

function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientRequestId: randomUUID(),
    channel: 'langsung',
    complainant: { anonymous: false, name: 'Siti Rahmawati', phone: '+62 812 5555 0101' },
    subject: 'Lampu jalan padam',
    content: 'Lampu jalan di Jalan Trikora padam sejak seminggu, mohon segera diperbaiki.',
    ...overrides,
  };
}

describe('GraphQL gateway (end to end)', () => {
  let stack: GatewayStack;
  let dataSource: DataSource;
  let baseUrl: string;
  let config: AppConfig;
  const token = (roles: string[], office: string, sub = `${roles[0]}-${office}`) =>
    mintToken({ sub, name: `Petugas ${sub}`, roles, office }, config.gateway.jwt.secret!);

  async function act<T = { [key: string]: ComplaintView }>(
    name: string,
    inputType: string,
    input: Record<string, unknown>,
    bearer: string,
  ): Promise<ComplaintView> {
    const data = await gql<T>(baseUrl, mutation(name, inputType), { input }, { token: bearer });
    return (data as Record<string, ComplaintView>)[name]!;
  }

  async function complaint(id: string, bearer: string): Promise<ComplaintView> {
    return (await gql<{ complaint: ComplaintView }>(baseUrl, COMPLAINT, { id }, { token: bearer })).complaint;
  }

  /** Waits until the read model has projected the complaint (lists, inbox and tracking read it). */
  async function projected(
    id: string,
    accept: (row: { status: string; current_step_keys: string[] }) => boolean = () => true,
  ) {
    return eventually(async () => {
      const rows: { status: string; current_step_keys: string[] }[] = await dataSource.query(
        'SELECT status, current_step_keys FROM complaints WHERE id = $1',
        [id],
      );
      return rows[0] && accept(rows[0]) ? rows[0] : undefined;
    });
  }

  beforeAll(async () => {
    stack = await startGatewayStack({
      name: 'gateway-e2e',
      sopRegistry: SopRegistry.fromCatalog([...TEST_SOPS, DISKOMINFO_FAST_SOP]),
      publicRateLimitPerMinute: 1000,
      changePollIntervalMs: 300,
    });
    ({ dataSource, baseUrl, config } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('health', () => {
    it('answers liveness and readiness with Temporal and PostgreSQL up', async () => {
      const live = await fetch(`${baseUrl}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${baseUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', temporal: 'up', database: 'up', degradedComplaints: 0 });
      const data = await gql<{ health: unknown }>(baseUrl, '{ health { status temporal database } }');
      expect(data.health).toEqual({ status: 'ok', temporal: 'up', database: 'up' });
    });
  });

  describe('Palaran: a full run with a rapat, through GraphQL only', () => {
    it('takes a complaint from the front office through the rapat to the delivered answer and the rating', async () => {
      const staf = token(['staf_umum'], 'PALARAN');
      const sekcam = token(['sekcam'], 'PALARAN');
      const camat = token(['camat'], 'PALARAN');
      const submitted = await gql<{
        submitComplaint: { complaintId: string; registerNumber: string; trackingCode: string };
      }>(
        baseUrl,
        SUBMIT,
        { input: submission({ sopId: PALARAN_TEST_SOP.id, subject: 'Drainase tersumbat di Rawa Makmur' }) },
        { token: staf },
      );
      const { complaintId, registerNumber, trackingCode } = submitted.submitComplaint;
      expect(registerNumber).toMatch(/^000\.8\.3\.3\/\d+\/PALARAN\/\d{4}$/);
      expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);

      let view = await act('verifyComplaint', 'VerifyComplaintInput', { complaintId, outcome: 'accepted' }, staf);
      expect(view.currentSteps.map((step) => step.key)).toEqual(['clarify']);
      view = await act(
        'clarifyComplaint',
        'ClarifyComplaintInput',
        { complaintId, findings: 'Saluran tertutup sampah.' },
        sekcam,
      );
      expect(view.currentSteps.map((step) => step.key)).toEqual(['camat_decision']);
      view = await act(
        'decideComplaint',
        'DecideComplaintInput',
        { complaintId, decision: 'Dibahas bersama kelurahan dan DPUPR', rapatRequired: true },
        camat,
      );
      expect(view.decision).toEqual({ decision: 'Dibahas bersama kelurahan dan DPUPR', rapatRequired: true });
      expect(view.currentSteps.map((step) => step.key)).toEqual(['rapat']);
      view = await act(
        'recordComplaintRapat',
        'RecordComplaintRapatInput',
        {
          complaintId,
          heldAt: new Date().toISOString(),
          participants: ['Camat Palaran', 'Lurah Rawa Makmur', 'DPUPR'],
          minutes: 'Rapat membahas pembersihan saluran.',
          decision: 'Kerja bakti hari Sabtu',
        },
        camat,
      );
      expect(view.rapat).toEqual({
        participants: ['Camat Palaran', 'Lurah Rawa Makmur', 'DPUPR'],
        decision: 'Kerja bakti hari Sabtu',
      });
      view = await act(
        'draftComplaintAnswer',
        'DraftComplaintAnswerInput',
        { complaintId, answer: 'Saluran akan dibersihkan dalam kerja bakti hari Sabtu.' },
        sekcam,
      );
      view = await act(
        'deliverComplaintAnswer',
        'DeliverComplaintAnswerInput',
        { complaintId, channel: 'whatsapp', receipt: 'WA dibaca' },
        staf,
      );
      expect(view.status).toBe('dijawab');
      expect(view.answer?.text).toBe('Saluran akan dibersihkan dalam kerja bakti hari Sabtu.');
      expect(view.completedSteps.map((step) => step.key)).toEqual([
        'receive',
        'clarify',
        'camat_decision',
        'rapat',
        'draft_answer',
        'deliver',
      ]);
      expect(view.actions.map((action) => `${action.kind}:${action.actor.role}`)).toEqual([
        'verify:staf_umum',
        'clarify:sekcam',
        'decide:camat',
        'rapat:camat',
        'draft_answer:sekcam',
        'deliver:staf_umum',
      ]);

      await projected(complaintId, (row) => row.status === 'dijawab');
      const tracked = await gql<{ trackComplaint: Record<string, unknown> }>(baseUrl, TRACK, {
        r: registerNumber,
        c: trackingCode.toLowerCase(),
      });
      expect(tracked.trackComplaint).toMatchObject({
        registerNumber,
        status: 'dijawab',
        answer: 'Saluran akan dibersihkan dalam kerja bakti hari Sabtu.',
        canRateOrReopen: true,
      });

      const rate = `mutation($input: RateComplaintAnswerInput!) { rateComplaintAnswer(input: $input) { status } }`;
      await gql(baseUrl, rate, { input: { registerNumber, trackingCode, score: 5, comment: 'Terima kasih' } });
      const again = await errorCodeOf(baseUrl, rate, { input: { registerNumber, trackingCode, score: 1 } });
      expect(again.code).toBe('CONFLICT');
    });
  });

  describe('Diskominfo: the automatic forward', () => {
    it('forwards directly to the OPD admin when the group does not answer within the baku mutu', async () => {
      const admin = token(['admin_diskominfo'], 'DISKOMINFO-KRA');
      const opd = token(['admin_opd'], 'DISKOMINFO-KRA');
      const submitted = await gql<{ submitComplaint: { complaintId: string } }>(
        baseUrl,
        SUBMIT,
        { input: submission({ sopId: DISKOMINFO_FAST_SOP.id, channel: 'website' }) },
        { token: admin },
      );
      const { complaintId } = submitted.submitComplaint;
      await act('verifyComplaint', 'VerifyComplaintInput', { complaintId, outcome: 'accepted' }, admin);
      let view = await act(
        'forwardComplaint',
        'ForwardComplaintInput',
        { complaintId, target: 'Grup Admin OPD' },
        admin,
      );
      expect(view.currentSteps.map((step) => step.key)).toEqual(['group_response']);

      // No one in the group answers: after 6 seconds the workflow forwards on its own.
      view = await eventually(
        async () => {
          const current = await complaint(complaintId, admin);
          return current.currentSteps.some((step) => step.key === 'forward_opd') ? current : undefined;
        },
        { attempts: 120, intervalMs: 500 },
      );
      expect(view.breaches.map((breach) => breach.stepKey)).toContain('group_response');

      view = await act('forwardComplaint', 'ForwardComplaintInput', { complaintId, target: 'Admin Dinas PUPR' }, admin);
      expect(view.currentSteps.map((step) => step.key)).toEqual(['reply']);
      view = await act(
        'deliverComplaintAnswer',
        'DeliverComplaintAnswerInput',
        { complaintId, channel: 'website', receipt: 'Dibalas di kanal aduan', answer: 'Sudah ditangani Dinas PUPR.' },
        opd,
      );
      expect(view.status).toBe('dijawab');
      expect(view.actions.map((action) => action.actor.role)).toEqual([
        'admin_diskominfo',
        'admin_diskominfo',
        'admin_diskominfo',
        'admin_opd',
      ]);
    });
  });

  describe('auth and errors', () => {
    let complaintId: string;
    let registerNumber: string;
    let trackingCode: string;

    beforeAll(async () => {
      const result = await gql<{
        submitComplaint: { complaintId: string; registerNumber: string; trackingCode: string };
      }>(
        baseUrl,
        SUBMIT,
        { input: submission({ sopId: PALARAN_TEST_SOP.id }) },
        { token: token(['staf_umum'], 'PALARAN') },
      );
      ({ complaintId, registerNumber, trackingCode } = result.submitComplaint);
      await projected(complaintId);
    });

    it('refuses staff operations without a token or with a bad one (UNAUTHENTICATED)', async () => {
      expect((await errorCodeOf(baseUrl, COMPLAINT, { id: complaintId })).code).toBe('UNAUTHENTICATED');
      const forged = mintToken({ sub: 'x', name: 'X', roles: ['camat'], office: 'PALARAN' }, 'another-secret');
      expect((await errorCodeOf(baseUrl, COMPLAINT, { id: complaintId }, { token: forged })).code).toBe(
        'UNAUTHENTICATED',
      );
      const expired = mintToken(
        { sub: 'x', name: 'X', roles: ['camat'], office: 'PALARAN' },
        config.gateway.jwt.secret!,
        -10,
      );
      const refused = await errorCodeOf(baseUrl, COMPLAINT, { id: complaintId }, { token: expired });
      expect(refused.code).toBe('UNAUTHENTICATED');
      expect(refused.message).toMatch(/berakhir/);
    });

    it('refuses a role the step does not allow, a foreign office and read-only roles (FORBIDDEN)', async () => {
      const verify = mutation('verifyComplaint', 'VerifyComplaintInput');
      const input = { complaintId, outcome: 'accepted' };
      const wrongRole = await errorCodeOf(baseUrl, verify, { input }, { token: token(['camat'], 'PALARAN') });
      expect(wrongRole.code).toBe('FORBIDDEN');
      const foreign = await errorCodeOf(baseUrl, verify, { input }, { token: token(['staf_umum'], 'KEBAKKRAMAT') });
      expect(foreign.code).toBe('FORBIDDEN');
      expect(foreign.message).toMatch(/KEBAKKRAMAT/);
      const foreignRead = await errorCodeOf(
        baseUrl,
        COMPLAINT,
        { id: complaintId },
        { token: token(['camat'], 'KEBAKKRAMAT') },
      );
      expect(foreignRead.code).toBe('FORBIDDEN');
      const supervisor = token(['supervisor'], '*');
      expect((await errorCodeOf(baseUrl, verify, { input }, { token: supervisor })).code).toBe('FORBIDDEN');
      const auditorPalaran = token(['auditor'], 'PALARAN');
      expect((await errorCodeOf(baseUrl, verify, { input }, { token: auditorPalaran })).code).toBe('FORBIDDEN');
      // …while they read: the supervisor everywhere, the auditor in the office.
      expect((await complaint(complaintId, supervisor)).id).toBe(complaintId);
      expect((await complaint(complaintId, auditorPalaran)).id).toBe(complaintId);
      // The refusals wrote nothing to the workflow.
      expect((await complaint(complaintId, supervisor)).actions).toEqual([]);
    });

    it('answers NOT_FOUND for an unknown complaint and a wrong tracking code', async () => {
      const staf = token(['staf_umum'], 'PALARAN');
      expect((await errorCodeOf(baseUrl, COMPLAINT, { id: randomUUID() }, { token: staf })).code).toBe('NOT_FOUND');
      expect((await errorCodeOf(baseUrl, TRACK, { r: registerNumber, c: 'ZZZZZZZZZZ' })).code).toBe('NOT_FOUND');
      expect((await errorCodeOf(baseUrl, TRACK, { r: '000.8.3.3/99999/PALARAN/2020', c: trackingCode })).code).toBe(
        'NOT_FOUND',
      );
    });

    it('validates input before Temporal is called (BAD_USER_INPUT, in Indonesian)', async () => {
      const staf = token(['staf_umum'], 'PALARAN');
      const empty = await errorCodeOf(baseUrl, SUBMIT, { input: submission({ content: '   ' }) }, { token: staf });
      expect(empty).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(empty.message).toMatch(/isi aduan wajib diisi/);
      const tooMany = Array.from({ length: 11 }, (_, i) => ({
        ref: `s3://b/${i}`,
        name: `f${i}.jpg`,
        mimeType: 'image/jpeg',
        sizeBytes: 10,
      }));
      const attachments = await errorCodeOf(
        baseUrl,
        SUBMIT,
        { input: submission({ attachments: tooMany }) },
        { token: staf },
      );
      expect(attachments.code).toBe('BAD_USER_INPUT');
      expect(attachments.message).toMatch(/lampiran paling banyak 10/);
      const badEnum = await errorCodeOf(
        baseUrl,
        mutation('verifyComplaint', 'VerifyComplaintInput'),
        { input: { complaintId, outcome: 'mungkin' } },
        { token: staf },
      );
      expect(badEnum.code).toBe('BAD_USER_INPUT');
      const unknownField = await errorCodeOf(
        baseUrl,
        '{ complaints { edges { node { nope } } } }',
        {},
        { token: staf },
      );
      expect(unknownField.code).toBe('BAD_USER_INPUT');
      const huge = `{ offices { ${'code '.repeat(3000)} } }`;
      expect((await errorCodeOf(baseUrl, huge)).code).toBe('BAD_USER_INPUT');
      const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: offices { code }`).join(' ')} }`;
      expect((await errorCodeOf(baseUrl, aliases)).code).toBe('BAD_USER_INPUT');
    });

    it('maps a refused Workflow Update to its code (INVALID_TRANSITION), never to a 500', async () => {
      const staf = token(['staf_umum'], 'PALARAN');
      const deliver = mutation('deliverComplaintAnswer', 'DeliverComplaintAnswerInput');
      // Checked by the gateway: no delivery step is waiting.
      const gatewaySide = await errorCodeOf(
        baseUrl,
        deliver,
        { input: { complaintId, channel: 'sms', receipt: 'x' } },
        { token: staf },
      );
      expect(gatewaySide.code).toBe('INVALID_TRANSITION');
      // Refused by the workflow's update validator (the step named is not running).
      const response = await graphqlRequest(
        baseUrl,
        deliver,
        { input: { complaintId, stepKey: 'deliver', channel: 'sms', receipt: 'x' } },
        { token: staf },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
      expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|at .*\.ts:\d+/i);
      // Both refusals left no history, so the audit table witnesses them.
      const refusals: { operation: string; code: string; step_key: string | null; actor_user_id: string }[] =
        await dataSource.query(
          `SELECT operation, code, step_key, actor_user_id FROM audit_refusals
            WHERE complaint_id = $1 AND operation = 'act:deliver' ORDER BY id`,
          [complaintId],
        );
      expect(refusals).toEqual([
        expect.objectContaining({ code: 'INVALID_TRANSITION', step_key: null }),
        expect.objectContaining({ code: 'INVALID_TRANSITION', step_key: 'deliver' }),
      ]);
    });

    it('reports UNAVAILABLE when Temporal cannot be reached and when the public rate limit is spent', async () => {
      // No gRPC retry interceptor: a retry timer outliving `close()` would throw into a later test.
      const deadClient = new Client({
        connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1s', interceptors: [] }),
      });
      const limited = await createGateway(
        { ...config, gateway: { ...config.gateway, publicRateLimitPerMinute: 2 } },
        { client: deadClient, dataSource, logger: quiet, sopRegistry: SopRegistry.fromCatalog(TEST_SOPS) },
      );
      await limited.listen(0, '127.0.0.1');
      try {
        const url = `http://127.0.0.1:${(limited.getHttpServer().address() as AddressInfo).port}`;
        const down = await errorCodeOf(url, COMPLAINT, { id: complaintId }, { token: token(['staf_umum'], 'PALARAN') });
        expect(down.code).toBe('UNAVAILABLE');
        const ready = await fetch(`${url}/health/ready`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toEqual({
          status: 'degraded',
          temporal: 'down',
          database: 'up',
          degradedComplaints: null,
        });
        const codes: (string | undefined)[] = [];
        for (let i = 0; i < 3; i += 1)
          codes.push((await errorCodeOf(url, TRACK, { r: registerNumber, c: 'WRONGCODE0' })).code);
        expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'UNAVAILABLE']);
        const limitedError = (await graphqlRequest(url, TRACK, { r: registerNumber, c: 'WRONGCODE0' })).errors?.[0];
        expect(limitedError?.extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'RATE_LIMITED' });
      } finally {
        await limited.close();
        await deadClient.connection.close();
      }
    });
  });

  describe('pages, explorer and development sign-in', () => {
    it('serves the pages and the offline explorer, every asset from this gateway', async () => {
      for (const page of ['/', '/konsol/']) {
        const response = await fetch(`${baseUrl}${page}`, { headers: { accept: 'text/html' } });
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toMatch(/<html lang="id">/);
        expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      }
      const explorer = await (await fetch(`${baseUrl}/graphql`, { headers: { accept: 'text/html' } })).text();
      const assets = [...explorer.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
      expect(assets).toEqual([
        '/explorer/graphiql.css',
        '/explorer/react.js',
        '/explorer/react-dom.js',
        '/explorer/graphiql.js',
      ]);
      for (const asset of assets) expect((await fetch(`${baseUrl}${asset}`)).status).toBe(200);
      // GraphQL over GET still answers queries.
      const viaGet = await fetch(`${baseUrl}/graphql?query=${encodeURIComponent('{ offices { code } }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(((await viaGet.json()) as { data: { offices: unknown[] } }).data.offices.length).toBeGreaterThan(0);
    });

    it('signs a chosen development user in with a working token and refuses an unknown one', async () => {
      const users = (await (await fetch(`${baseUrl}/auth/dev/users`)).json()) as { userId: string; office: string }[];
      expect(users.map((user) => user.userId)).toEqual(
        expect.arrayContaining([
          'staf_umum-palaran',
          'sekcam-palaran',
          'camat-palaran',
          'petugas_loket-kebakkramat',
          'supervisor-semua',
        ]),
      );
      const signIn = (userId: string) =>
        fetch(`${baseUrl}/auth/dev/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId }),
        });
      const { token: devToken } = (await (await signIn('camat-palaran')).json()) as { token: string };
      const inbox = await gql<{ myInbox: unknown[] }>(baseUrl, '{ myInbox { overdue } }', {}, { token: devToken });
      expect(Array.isArray(inbox.myInbox)).toBe(true);
      const unknown = await signIn('bupati-palaran');
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toEqual({ code: 'BAD_USER_INPUT', message: 'Pengguna tidak dikenal.' });
    });

    it('has neither the development sign-in nor the explorer in production', async () => {
      const production = await createGateway(
        { ...config, env: 'production' },
        { client: stack.env.client, dataSource, logger: quiet, sopRegistry: SopRegistry.fromCatalog(TEST_SOPS) },
      );
      await production.listen(0, '127.0.0.1');
      try {
        const url = `http://127.0.0.1:${(production.getHttpServer().address() as AddressInfo).port}`;
        expect((await fetch(`${url}/auth/dev/users`)).status).toBe(404);
        const signIn = await fetch(`${url}/auth/dev/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'camat-palaran' }),
        });
        expect(signIn.status).toBe(404);
        expect((await fetch(`${url}/explorer`)).status).toBe(404);
        expect((await fetch(`${url}/konsol/`, { headers: { accept: 'text/html' } })).status).toBe(200);
      } finally {
        await production.close();
      }
    });
  });

  describe('submission, lists and inbox', () => {
    it('returns one complaint for a double submit with the same client request id', async () => {
      const staf = token(['staf_umum'], 'PALARAN');
      const marker = `ganda${Date.now()}`;
      const input = submission({ sopId: PALARAN_TEST_SOP.id, subject: `Aduan ${marker}` });
      const [first, second] = await Promise.all([
        gql<{ submitComplaint: { complaintId: string; registerNumber: string; trackingCode: string } }>(
          baseUrl,
          SUBMIT,
          { input },
          { token: staf },
        ),
        gql<{ submitComplaint: { complaintId: string; registerNumber: string; trackingCode: string } }>(
          baseUrl,
          SUBMIT,
          { input },
          { token: staf },
        ),
      ]);
      const third = await gql<{
        submitComplaint: { complaintId: string; registerNumber: string; trackingCode: string };
      }>(baseUrl, SUBMIT, { input }, { token: staf });
      const identity = (payload: { complaintId: string; registerNumber: string; trackingCode: string }) => ({
        complaintId: payload.complaintId,
        registerNumber: payload.registerNumber,
        trackingCode: payload.trackingCode,
      });
      expect(identity(second.submitComplaint)).toEqual(identity(first.submitComplaint));
      expect(identity(third.submitComplaint)).toEqual(identity(first.submitComplaint));
      await projected(first.submitComplaint.complaintId);
      const listed = await gql<{ complaints: { totalCount: number; edges: { node: { id: string } }[] } }>(
        baseUrl,
        `query($f: ComplaintFilterInput) { complaints(filter: $f) { totalCount edges { node { id } } } }`,
        { f: { text: marker } },
        { token: staf },
      );
      expect(listed.complaints.totalCount).toBe(1);
      expect(listed.complaints.edges[0]!.node.id).toBe(first.submitComplaint.complaintId);
    });

    it('refuses the same client request id from another submitter or with another payload (CONFLICT), revealing nothing', async () => {
      const input = submission({ sopId: PALARAN_TEST_SOP.id });
      const first = await gql<{ submitComplaint: { registerNumber: string; trackingCode: string } }>(
        baseUrl,
        SUBMIT,
        { input },
        { token: token(['staf_umum'], 'PALARAN') },
      );
      expect(first.submitComplaint.registerNumber).toMatch(/PALARAN/);
      const otherStaff = token(['staf_umum'], 'PALARAN', 'staf-lain');
      const refused = await errorCodeOf(baseUrl, SUBMIT, { input }, { token: otherStaff });
      expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('clientRequestId') });
      expect(JSON.stringify(refused)).not.toContain(first.submitComplaint.trackingCode);
      const otherPayload = { ...input, content: 'Isi yang lain sama sekali, dari orang lain.' };
      const staf = token(['staf_umum'], 'PALARAN');
      expect((await errorCodeOf(baseUrl, SUBMIT, { input: otherPayload }, { token: staf })).code).toBe('CONFLICT');
    });

    it('filters and pages the list, scoped to the office, and fills the inbox of the roles that must act', async () => {
      const officeToken = token(['staf_umum'], 'PALARAN');
      const sekcam = token(['sekcam'], 'PALARAN');
      const marker = `saring${Date.now()}`;
      const ids: string[] = [];
      for (const channel of ['telepon', 'email', 'email']) {
        const result = await gql<{ submitComplaint: { complaintId: string } }>(
          baseUrl,
          SUBMIT,
          { input: submission({ sopId: PALARAN_TEST_SOP.id, channel, subject: `Jalan rusak ${marker}` }) },
          { token: officeToken },
        );
        ids.push(result.submitComplaint.complaintId);
      }
      await act('verifyComplaint', 'VerifyComplaintInput', { complaintId: ids[2], outcome: 'accepted' }, officeToken);
      await projected(ids[0]!);
      await projected(ids[1]!);
      await projected(ids[2]!, (row) => row.current_step_keys.includes('clarify'));

      const LIST = `query($f: ComplaintFilterInput, $first: Int, $after: String) {
        complaints(filter: $f, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id channel status currentStepKeys slaBreached } }
        }
      }`;
      type List = {
        complaints: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { id: string; channel: string; currentStepKeys: string[] } }[];
        };
      };
      const byText = await gql<List>(baseUrl, LIST, { f: { text: marker } }, { token: officeToken });
      expect(byText.complaints.totalCount).toBe(3);
      expect(byText.complaints.edges.map((edge) => edge.node.id)).toEqual([...ids].reverse());
      const byChannel = await gql<List>(
        baseUrl,
        LIST,
        { f: { text: marker, channel: 'email' } },
        { token: officeToken },
      );
      expect(byChannel.complaints.totalCount).toBe(2);
      const byStep = await gql<List>(
        baseUrl,
        LIST,
        { f: { text: marker, stepKey: 'clarify' } },
        { token: officeToken },
      );
      expect(byStep.complaints.edges.map((edge) => edge.node.id)).toEqual([ids[2]]);
      const byStatus = await gql<List>(
        baseUrl,
        LIST,
        { f: { text: marker, statuses: ['diterima'], slaBreached: false } },
        { token: officeToken },
      );
      expect(byStatus.complaints.totalCount).toBe(3);
      const future = await gql<List>(
        baseUrl,
        LIST,
        { f: { text: marker, submittedFrom: new Date(Date.now() + 3_600_000).toISOString() } },
        { token: officeToken },
      );
      expect(future.complaints.totalCount).toBe(0);
      const past = await gql<List>(
        baseUrl,
        LIST,
        { f: { text: marker, submittedTo: new Date(Date.now() - 3_600_000).toISOString() } },
        { token: officeToken },
      );
      expect(past.complaints.totalCount).toBe(0);
      const page1 = await gql<List>(baseUrl, LIST, { f: { text: marker }, first: 2 }, { token: officeToken });
      expect(page1.complaints.pageInfo.hasNextPage).toBe(true);
      const page2 = await gql<List>(
        baseUrl,
        LIST,
        { f: { text: marker }, first: 2, after: page1.complaints.pageInfo.endCursor },
        { token: officeToken },
      );
      expect(page2.complaints.edges.map((edge) => edge.node.id)).toEqual([ids[0]]);
      expect(page2.complaints.pageInfo.hasNextPage).toBe(false);
      // Another office sees none of them; asking for PALARAN from there is refused.
      const other = await gql<List>(
        baseUrl,
        LIST,
        { f: { text: marker } },
        { token: token(['staf_umum'], 'KEBAKKRAMAT') },
      );
      expect(other.complaints.totalCount).toBe(0);
      expect(
        (await errorCodeOf(baseUrl, LIST, { f: { officeCode: 'PALARAN' } }, { token: token(['camat'], 'KEBAKKRAMAT') }))
          .code,
      ).toBe('FORBIDDEN');
      // The supervisor with office `*` reads across offices.
      const all = await gql<List>(baseUrl, LIST, { f: { text: marker } }, { token: token(['supervisor'], '*') });
      expect(all.complaints.totalCount).toBe(3);

      const INBOX = `{ myInbox { overdue complaint { id } pending { stepKey allowedRoles } } }`;
      type Inbox = { myInbox: { overdue: boolean; complaint: { id: string }; pending: { stepKey: string }[] }[] };
      const front = await gql<Inbox>(baseUrl, INBOX, {}, { token: officeToken });
      const frontIds = front.myInbox.map((item) => item.complaint.id);
      expect(frontIds).toEqual(expect.arrayContaining([ids[0], ids[1]]));
      expect(frontIds).not.toContain(ids[2]);
      expect(front.myInbox.find((item) => item.complaint.id === ids[0])!.pending.map((p) => p.stepKey)).toEqual([
        'receive',
      ]);
      const second = await gql<Inbox>(baseUrl, INBOX, {}, { token: sekcam });
      expect(second.myInbox.map((item) => item.complaint.id)).toContain(ids[2]);
      expect(second.myInbox.map((item) => item.complaint.id)).not.toContain(ids[0]);
      // Overdue first: the flags are sorted true before false.
      const flags = front.myInbox.map((item) => item.overdue);
      expect([...flags].sort((a, b) => Number(b) - Number(a))).toEqual(flags);

      // Each pending step counts down in the working time of the complaint's SOP office calendar.
      type Countdown = { at: string; workingMinutesLeft: number; officeOpen: boolean; changesAt: string };
      const COUNTDOWN = `countdown { at workingMinutesLeft officeOpen changesAt changesAtOffice { zone } }`;
      const timed = await gql<{
        myInbox: { complaint: { id: string }; pending: { dueAt: string; countdown: Countdown }[] }[];
      }>(baseUrl, `{ myInbox { complaint { id } pending { dueAt ${COUNTDOWN} } } }`, {}, { token: officeToken });
      const calendar = new BusinessCalendar(PALARAN_TEST_SOP.office);
      const [pending] = timed.myInbox.find((item) => item.complaint.id === ids[0])!.pending;
      const reading = pending!.countdown;
      expect(reading.workingMinutesLeft).toBeCloseTo(calendar.workingMinutesUntil(reading.at, pending!.dueAt), 6);
      expect(reading.workingMinutesLeft).toBeGreaterThan(0);
      expect({ open: reading.officeOpen, changesAt: new Date(reading.changesAt) }).toEqual(
        calendar.openingState(reading.at),
      );
      const detail = await gql<{ complaint: { currentSteps: { dueAt: string; countdown: Countdown }[] } }>(
        baseUrl,
        `query($id: ID!) { complaint(id: $id) { currentSteps { dueAt ${COUNTDOWN} } } }`,
        { id: ids[0] },
        { token: officeToken },
      );
      const [step] = detail.complaint.currentSteps;
      expect(step!.countdown.workingMinutesLeft).toBeCloseTo(
        calendar.workingMinutesUntil(step!.countdown.at, step!.dueAt),
        6,
      );
    });
  });

  describe('public operations', () => {
    it('lets a citizen submit and track without a token, revealing nothing internal', async () => {
      const marker = `RAHASIA${Date.now()}`;
      const result = await gql<{
        submitComplaintPublicly: { complaintId: string; registerNumber: string; trackingCode: string };
      }>(baseUrl, SUBMIT_PUBLIC, {
        input: submission({
          officeCode: 'PALARAN',
          sopId: PALARAN_TEST_SOP.id,
          channel: 'website',
          complainant: { anonymous: false, name: `Pelapor ${marker}`, email: 'warga@example.id' },
        }),
      });
      const { complaintId, registerNumber, trackingCode } = result.submitComplaintPublicly;
      expect(registerNumber).toBeTruthy();
      const staf = token(['staf_umum'], 'PALARAN');
      await gql(
        baseUrl,
        mutation('addComplaintNote', 'AddComplaintNoteInput'),
        { input: { complaintId, text: `Catatan internal ${marker}` } },
        { token: staf },
      );
      await act('verifyComplaint', 'VerifyComplaintInput', { complaintId, outcome: 'accepted' }, staf);
      await projected(complaintId);
      const response = await graphqlRequest<{ trackComplaint: Record<string, unknown> }>(baseUrl, TRACK, {
        r: registerNumber,
        c: trackingCode,
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.trackComplaint).toMatchObject({
        registerNumber,
        status: 'diterima',
        answer: null,
        awaitingInformation: false,
      });
      const raw = JSON.stringify(response.data);
      expect(raw).not.toContain(marker);
      expect(raw).not.toContain('warga@example.id');
      expect(raw).not.toContain('staf_umum');
      // The schema offers no way from the public type to internal fields.
      const probe = await errorCodeOf(
        baseUrl,
        `query($r: String!, $c: String!) { trackComplaint(registerNumber: $r, trackingCode: $c) { notes { text } } }`,
        {
          r: registerNumber,
          c: trackingCode,
        },
      );
      expect(probe.code).toBe('BAD_USER_INPUT');
      // A staff member of the office sees the note and the complainant.
      const details = await gql<{
        complaint: { notes: { text: string }[]; submission: { complainant: { name: string; hidden: boolean } } };
      }>(
        baseUrl,
        `query($id: ID!) { complaint(id: $id) { notes { text } submission { complainant { name hidden } } } }`,
        { id: complaintId },
        { token: staf },
      );
      expect(details.complaint.notes.map((note) => note.text)).toEqual([`Catatan internal ${marker}`]);
      expect(details.complaint.submission.complainant).toEqual({ name: `Pelapor ${marker}`, hidden: false });
    });

    it('lets the complainant withdraw with the tracking code', async () => {
      const result = await gql<{
        submitComplaintPublicly: { complaintId: string; registerNumber: string; trackingCode: string };
      }>(baseUrl, SUBMIT_PUBLIC, {
        input: submission({ officeCode: 'PALARAN', sopId: PALARAN_TEST_SOP.id, channel: 'website' }),
      });
      const { complaintId, registerNumber, trackingCode } = result.submitComplaintPublicly;
      await projected(complaintId);
      const withdraw = `mutation($input: WithdrawComplaintInput!) { withdrawComplaint(input: $input) { status } }`;
      const wrong = await errorCodeOf(baseUrl, withdraw, {
        input: { registerNumber, trackingCode: 'AAAAAAAAAA', reason: 'Salah kirim' },
      });
      expect(wrong.code).toBe('NOT_FOUND');
      const done = await gql<{ withdrawComplaint: { status: string } }>(baseUrl, withdraw, {
        input: { registerNumber, trackingCode, reason: 'Sudah selesai sendiri' },
      });
      expect(done.withdrawComplaint.status).toBe('dicabut');
    });
  });

  describe('subscription', () => {
    it('delivers each change of an office complaint exactly once, a late projection included', async () => {
      const staf = token(['staf_umum'], 'PALARAN');
      const result = await gql<{ submitComplaint: { complaintId: string } }>(
        baseUrl,
        SUBMIT,
        { input: submission({ sopId: PALARAN_TEST_SOP.id }) },
        { token: staf },
      );
      const { complaintId } = result.submitComplaint;
      await projected(complaintId);
      const client = wsClient(baseUrl, staf);
      const received: { complaintId: string; status: string; currentStepKeys: string[]; at: string }[] = [];
      try {
        const subscription = nextEvent<{
          complaintChanged: { complaintId: string; status: string; currentStepKeys: string[]; at: string };
        }>(
          client,
          `subscription($o: String!) { complaintChanged(officeCode: $o) { complaintId status currentStepKeys source at } }`,
          { o: 'PALARAN' },
          (data) => {
            if (data.complaintChanged.complaintId === complaintId) received.push(data.complaintChanged);
            return false;
          },
        );
        await subscription.ready;
        // Give the server the subscribe message before the change (the ack precedes it).
        await new Promise((resolve) => setTimeout(resolve, 200));
        await act('verifyComplaint', 'VerifyComplaintInput', { complaintId, outcome: 'accepted' }, staf);
        await eventually(async () =>
          received.some((change) => change.currentStepKeys.includes('clarify')) ? true : undefined,
        );
        // Several poll intervals later the same change has still arrived once (the mutation and the poll share one feed).
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(received.filter((change) => change.currentStepKeys.includes('clarify'))).toEqual([
          expect.objectContaining({ complaintId, status: 'diterima', currentStepKeys: ['clarify'] }),
        ]);

        // A projection that lands late carries its event time, older than changes already published.
        const lateEventAt = new Date(Date.now() - 3 * 60 * 60_000);
        await dataSource.query(
          `UPDATE complaints SET last_event_seq = last_event_seq + 1, updated_at = $2, current_step_keys = '{late_step}'
           WHERE id = $1`,
          [complaintId, lateEventAt],
        );
        await eventually(async () =>
          received.some((change) => change.currentStepKeys.includes('late_step')) ? true : undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(received.filter((change) => change.currentStepKeys.includes('late_step'))).toEqual([
          expect.objectContaining({ complaintId, at: lateEventAt.toISOString() }),
        ]);
        subscription.dispose();
      } finally {
        await client.dispose();
      }
    });

    it('refuses a subscription without a token and one for a foreign office', async () => {
      const anonymous = wsClient(baseUrl);
      try {
        const refused = nextEvent(
          anonymous,
          `subscription { complaintChanged(officeCode: "PALARAN") { complaintId } }`,
          {},
          () => true,
        );
        await expect(refused.event).rejects.toBeDefined();
      } finally {
        await anonymous.dispose();
      }
      const foreign = wsClient(baseUrl, token(['camat'], 'KEBAKKRAMAT'));
      try {
        const refused = nextEvent(
          foreign,
          `subscription { complaintChanged(officeCode: "PALARAN") { complaintId } }`,
          {},
          () => true,
        );
        await expect(refused.event).rejects.toThrow(/FORBIDDEN|tidak berwenang/);
      } finally {
        await foreign.dispose();
      }
    });
  });
});
