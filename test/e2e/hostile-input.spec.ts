/**
 * What a hostile or careless client sends, end to end over HTTP against the real gateway, worker,
 * Temporal dev server and PostgreSQL. Every refusal is checked for its code, an Indonesian message,
 * and that nothing changed: live state, history length, read model and workflow count.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { driftCommand, rebuildCommand } from '../../apps/cli/src/commands';
import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import { BODY_LIMIT } from '../../apps/gateway/src/bootstrap';
import type { AppConfig } from '../../libs/config/src/config';
import type { ActionRequest } from '../../libs/domain/src/complaint';
import { createLogger } from '../../libs/logging/src/logger';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/src/search-attributes';
import {
  actSignal,
  actUpdate,
  COMPLAINT_WORKFLOW_TYPE,
  complaintWorkflowId,
  getStateQuery,
} from '../../workflows/complaint/complaint.messages';
import { mintToken } from '../../scripts/mint-token';
import { PALARAN_TEST_SOP, TEST_SOPS } from '../fixtures/sops';
import { eventually, gql, graphqlRequest, wsClient, type GraphQLResponse } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';

/** Words that betray an English message (graphql-js, zod, Apollo defaults). */
const ENGLISH = /\b(the|must|invalid|expected|required|cannot|was not|provided|exceeded|received|please|blocked)\b/i;
/** Words every Indonesian refusal here uses at least one of. */
const INDONESIAN =
  /\b(tidak|wajib|paling|harus|terlalu|aduan|permintaan|sudah|kueri|kolom|variabel|nilai|memuat|peran|berwenang|silakan|kursor|isi|diblokir|dipakai)\b/i;

const COMPLAINT_FIELDS = 'id status currentSteps { key } notes { text } actions { kind }';
const VERIFY = `mutation($input: VerifyComplaintInput!) { verifyComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const ADD_NOTE = `mutation($input: AddComplaintNoteInput!) { addComplaintNote(input: $input) { ${COMPLAINT_FIELDS} } }`;
const SUBMIT = `mutation($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { complaintId registerNumber trackingCode }
}`;
const SUBMIT_PUBLIC = `mutation($input: SubmitComplaintPubliclyInput!) { submitComplaintPublicly(input: $input) { complaintId } }`;
const LIST = `query($filter: ComplaintFilterInput, $after: String) {
  complaints(filter: $filter, after: $after) { totalCount edges { cursor } }
}`;
const TRACK = `query($r: String!, $c: String!) { trackComplaint(registerNumber: $r, trackingCode: $c) { status } }`;

interface Snapshot {
  state: unknown;
  historyLength: number;
  readModel: unknown;
  events: number;
  workflows: number;
}

function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientRequestId: randomUUID(),
    sopId: PALARAN_TEST_SOP.id,
    channel: 'langsung',
    complainant: { anonymous: false, name: 'Siti Rahmawati' },
    subject: 'Drainase tersumbat',
    content: 'Saluran di Jalan Trikora tersumbat sampah.',
    ...overrides,
  };
}

function expectRefusal(response: GraphQLResponse<unknown>, code: string, message?: RegExp): string {
  const error = response.errors?.[0];
  expect(error?.extensions?.code).toBe(code);
  const text = error?.message ?? '';
  expect(text).toMatch(INDONESIAN);
  expect(text).not.toMatch(ENGLISH);
  if (message) expect(text).toMatch(message);
  expect(response.status).toBeLessThan(500);
  return text;
}

describe('hostile input (end to end)', () => {
  let stack: GatewayStack;
  let dataSource: DataSource;
  let baseUrl: string;
  let config: AppConfig;
  /** A complaint waiting at `receive` (verify, staf_umum) in Palaran. */
  let openId: string;
  /** Its register number and tracking code (the complainant's credentials). */
  let openCredentials: { registerNumber: string; trackingCode: string };
  /** A complaint closed as rejected. */
  let closedId: string;

  const token = (roles: string[], office: string, sub = `${roles[0]}-${office}`) =>
    mintToken({ sub, name: `Petugas ${sub}`, roles, office }, config.gateway.jwt.secret!);
  const staf = () => token(['staf_umum'], 'PALARAN');

  async function snapshot(complaintId: string): Promise<Snapshot> {
    const handle = stack.env.client.workflow.getHandle(complaintWorkflowId(complaintId));
    const [state, history, rows, events, workflows] = await Promise.all([
      handle.query(getStateQuery),
      handle.fetchHistory(),
      dataSource.query('SELECT status, last_event_seq, updated_at, state FROM complaints WHERE id = $1', [complaintId]),
      dataSource.query('SELECT count(*)::int AS n FROM complaint_events WHERE complaint_id = $1', [complaintId]),
      stack.env.client.workflow.count(`WorkflowType = 'complaintWorkflow'`),
    ]);
    return {
      state,
      historyLength: history.events?.length ?? 0,
      readModel: rows[0],
      events: (events as { n: number }[])[0]!.n,
      workflows: workflows.count,
    };
  }

  async function refusalsOf(complaintId: string) {
    return (await dataSource.query(
      `SELECT operation, code, reason, actor_user_id, actor_role, actor_office_code, step_key, request_id, request
       FROM audit_refusals WHERE complaint_id = $1 ORDER BY id`,
      [complaintId],
    )) as {
      operation: string;
      code: string;
      reason: string;
      actor_user_id: string;
      actor_role: string;
      actor_office_code: string | null;
      step_key: string | null;
      request_id: string | null;
      request: Record<string, unknown>;
    }[];
  }

  async function settledAtReceive(complaintId: string): Promise<void> {
    await eventually(async () => {
      const rows: { current_step_keys: string[]; due_at: Date | null }[] = await dataSource.query(
        'SELECT current_step_keys, due_at FROM complaints WHERE id = $1',
        [complaintId],
      );
      return rows[0]?.due_at && rows[0].current_step_keys.includes('receive') ? true : undefined;
    });
  }

  /** A new complaint of Palaran, submitted by staf_umum and waiting at `receive`. */
  async function submittedAtReceive(): Promise<string> {
    const complaint = await gql<{ submitComplaint: { complaintId: string } }>(
      baseUrl,
      SUBMIT,
      { input: submission() },
      { token: staf() },
    );
    const id = complaint.submitComplaint.complaintId;
    await settledAtReceive(id);
    return id;
  }

  beforeAll(async () => {
    stack = await startGatewayStack({
      name: 'hostile-e2e',
      sopRegistry: SopRegistry.fromCatalog(TEST_SOPS),
      publicRateLimitPerMinute: 1000,
    });
    ({ dataSource, baseUrl, config } = stack);
    const [open, closed] = await Promise.all([
      gql<{ submitComplaint: { complaintId: string; registerNumber: string; trackingCode: string } }>(
        baseUrl,
        SUBMIT,
        { input: submission() },
        { token: staf() },
      ),
      gql<{ submitComplaint: { complaintId: string } }>(baseUrl, SUBMIT, { input: submission() }, { token: staf() }),
    ]);
    openId = open.submitComplaint.complaintId;
    openCredentials = open.submitComplaint;
    closedId = closed.submitComplaint.complaintId;
    await Promise.all([settledAtReceive(openId), settledAtReceive(closedId)]);
    await gql(
      baseUrl,
      VERIFY,
      { input: { complaintId: closedId, outcome: 'rejected', reason: 'Aduan ganda', requestId: randomUUID() } },
      { token: staf() },
    );
    await eventually(async () => {
      const rows: { status: string }[] = await dataSource.query('SELECT status FROM complaints WHERE id = $1', [
        closedId,
      ]);
      return rows[0]?.status === 'ditolak' ? true : undefined;
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('text policy', () => {
    it.each([
      ['NUL', 'Kurang\u0000lengkap', /NUL/],
      ['a lone surrogate', 'Kurang \ud800 lengkap', /surrogate/],
      ['a terminal escape sequence', 'Kurang \u001b[2J\u001b]0;judul\u0007 lengkap', /kontrol/],
    ])('refuses %s in a staff action before Temporal, names the field and audits it', async (_name, reason, why) => {
      const before = await snapshot(openId);
      const response = await graphqlRequest(
        baseUrl,
        VERIFY,
        { input: { complaintId: openId, outcome: 'tunda', reason, requestId: randomUUID() } },
        { token: staf() },
      );
      const message = expectRefusal(response, 'BAD_USER_INPUT', why);
      expect(message).toMatch(/alasan/);
      expect(await snapshot(openId)).toEqual(before);
      const refusal = (await refusalsOf(openId)).at(-1)!;
      expect(refusal).toMatchObject({ operation: 'act:verify', code: 'BAD_USER_INPUT', actor_office_code: 'PALARAN' });
      // The audit keeps a storable copy: the bad characters replaced, not lost with the whole row.
      expect(JSON.stringify(refusal.request)).toContain('\ufffd');
    });

    it('counts zero-width-only text as blank', async () => {
      const before = await snapshot(openId);
      const response = await graphqlRequest(
        baseUrl,
        ADD_NOTE,
        { input: { complaintId: openId, text: '\u200b\u200d\ufeff ', requestId: randomUUID() } },
        { token: staf() },
      );
      expectRefusal(response, 'BAD_USER_INPUT', /catatan wajib diisi/);
      expect(await snapshot(openId)).toEqual(before);
    });

    it('refuses a public submission carrying NUL or a lone surrogate without starting a workflow', async () => {
      const before = await snapshot(openId);
      const rowsBefore: { n: number }[] = await dataSource.query('SELECT count(*)::int AS n FROM complaints');
      for (const content of ['Lampu\u0000mati', 'Lampu \udfff mati']) {
        const input = submission({ officeCode: 'PALARAN', content });
        const response = await graphqlRequest(baseUrl, SUBMIT_PUBLIC, { input });
        expectRefusal(response, 'BAD_USER_INPUT', /isi aduan/);
      }
      expect(await snapshot(openId)).toEqual(before);
      expect(await dataSource.query('SELECT count(*)::int AS n FROM complaints')).toEqual(rowsBefore);
    });

    it("refuses and audits a complainant's action carrying NUL, without storing the tracking code", async () => {
      await eventually(async () => {
        const rows: { register_number: string | null }[] = await dataSource.query(
          'SELECT register_number FROM complaints WHERE id = $1',
          [openId],
        );
        return rows[0]?.register_number ? true : undefined;
      });
      const before = await snapshot(openId);
      const withdraw = 'mutation($input: WithdrawComplaintInput!) { withdrawComplaint(input: $input) { status } }';
      const response = await graphqlRequest(baseUrl, withdraw, {
        input: {
          registerNumber: openCredentials.registerNumber,
          trackingCode: openCredentials.trackingCode,
          reason: 'Sudah\u0000selesai',
          requestId: randomUUID(),
        },
      });
      expectRefusal(response, 'BAD_USER_INPUT', /alasan pencabutan memuat karakter NUL/);
      expect(await snapshot(openId)).toEqual(before);
      const refusal = (await refusalsOf(openId)).at(-1)!;
      expect(refusal).toMatchObject({ operation: 'withdraw', actor_role: 'pemohon', code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(refusal.request)).not.toContain(openCredentials.trackingCode);
    });

    it('refuses the same text sent straight to Temporal, past the gateway (update validator and signal)', async () => {
      const before = await snapshot(openId);
      const handle = stack.env.client.workflow.getHandle(complaintWorkflowId(openId));
      const request = {
        requestId: `direct-${randomUUID()}`,
        actor: { userId: 'u-direct', name: 'Petugas', role: 'staf_umum', officeCode: 'PALARAN' },
        stepKey: 'receive',
        action: { kind: 'verify', outcome: 'tunda', reason: 'Kurang\u0000lengkap' },
      } as ActionRequest;
      let refused: unknown;
      try {
        await handle.executeUpdate(actUpdate, { args: [request], updateId: request.requestId });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (refused as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause.type).toBe('BAD_USER_INPUT');
      expect(cause.message).toMatch(/alasan memuat karakter NUL/);
      expect(await snapshot(openId)).toEqual(before);

      // A signal always enters history, but the refused action changes neither state nor read model.
      await handle.signal(actSignal, { ...request, requestId: `signal-${randomUUID()}` });
      const after = await snapshot(openId);
      expect(after.state).toEqual(before.state);
      expect(after.readModel).toEqual(before.readModel);
      expect(after.events).toBe(before.events);
    });
  });

  describe('idempotency of staff actions', () => {
    it('answers CONFLICT for a reused request id with another payload or actor, and the original answer to an identical retry', async () => {
      const requestId = randomUUID();
      const note = { complaintId: openId, text: 'Pelapor dihubungi lewat telepon.', requestId };
      const first = await gql<{ addComplaintNote: { notes: { text: string }[] } }>(
        baseUrl,
        ADD_NOTE,
        { input: note },
        { token: staf() },
      );
      const refusalsBefore = (await refusalsOf(openId)).length;
      const before = await snapshot(openId);

      const otherPayload = await graphqlRequest(
        baseUrl,
        ADD_NOTE,
        { input: { ...note, text: 'Isi lain dengan requestId yang sama.' } },
        { token: staf() },
      );
      expectRefusal(otherPayload, 'CONFLICT', /requestId/);
      const otherActor = await graphqlRequest(
        baseUrl,
        ADD_NOTE,
        { input: note },
        { token: token(['staf_umum'], 'PALARAN', 'staf-lain') },
      );
      expectRefusal(otherActor, 'CONFLICT', /requestId/);
      const otherAction = await graphqlRequest(
        baseUrl,
        VERIFY,
        { input: { complaintId: openId, outcome: 'accepted', requestId } },
        { token: staf() },
      );
      expectRefusal(otherAction, 'CONFLICT', /requestId/);
      expect(await snapshot(openId)).toEqual(before);
      expect((await refusalsOf(openId)).slice(refusalsBefore).map((row) => row.code)).toEqual([
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
      ]);

      const retried = await gql<{ addComplaintNote: { notes: { text: string }[] } }>(
        baseUrl,
        ADD_NOTE,
        { input: note },
        { token: staf() },
      );
      expect(retried).toEqual(first);
      expect(await snapshot(openId)).toEqual(before);
    });

    it('returns the original result to an identical retry of a step action, with or without the step key', async () => {
      const id = await submittedAtReceive();
      const requestId = randomUUID();
      const input = { complaintId: id, outcome: 'accepted', requestId };
      const first = await gql<{ verifyComplaint: { currentSteps: { key: string }[] } }>(
        baseUrl,
        VERIFY,
        { input },
        { token: staf() },
      );
      expect(first.verifyComplaint.currentSteps.map((step) => step.key)).toEqual(['clarify']);
      const before = await snapshot(id);
      const withoutStep = await gql(baseUrl, VERIFY, { input }, { token: staf() });
      const withStep = await gql(baseUrl, VERIFY, { input: { ...input, stepKey: 'receive' } }, { token: staf() });
      expect(withoutStep).toEqual(first);
      expect(withStep).toEqual(first);
      const otherStep = await graphqlRequest(
        baseUrl,
        VERIFY,
        { input: { ...input, stepKey: 'clarify' } },
        { token: staf() },
      );
      expectRefusal(otherStep, 'CONFLICT');
      expect(await snapshot(id)).toEqual(before);
      expect((await refusalsOf(id)).map((row) => row.code)).toEqual(['CONFLICT']);
    });

    it('takes an explicit null as "not given": the action goes through, and a retry that omits those fields is the same request', async () => {
      const id = await submittedAtReceive();
      const requestId = randomUUID();
      // What a form or a generated client sends for the optional fields it leaves empty.
      const first = await gql<{ verifyComplaint: { currentSteps: { key: string }[] } }>(
        baseUrl,
        VERIFY,
        {
          input: {
            complaintId: id,
            outcome: 'accepted',
            reason: null,
            forwardTo: null,
            stepKey: null,
            actingRole: null,
            requestId,
          },
        },
        { token: staf() },
      );
      expect(first.verifyComplaint.currentSteps.map((step) => step.key)).toEqual(['clarify']);
      const before = await snapshot(id);
      const omitted = await gql(
        baseUrl,
        VERIFY,
        { input: { complaintId: id, outcome: 'accepted', requestId } },
        { token: staf() },
      );
      expect(omitted).toEqual(first);
      expect(await snapshot(id)).toEqual(before);
      expect(await refusalsOf(id)).toEqual([]);

      // Optional query arguments alike: null is the default, not a value to refuse.
      const notifications = await graphqlRequest(
        baseUrl,
        'query { myNotifications(first: null, status: null) { id } }',
        {},
        { token: staf() },
      );
      expect(notifications.errors).toBeUndefined();
      // A null register number is no number: the code alone then finds only an unnumbered complaint.
      const tracked = await graphqlRequest(
        baseUrl,
        'query($r: String, $c: String!) { trackComplaint(registerNumber: $r, trackingCode: $c) { status } }',
        { r: null, c: openCredentials.trackingCode },
      );
      expectRefusal(tracked, 'NOT_FOUND');
    });
  });

  describe('refusals are audited and answered precisely', () => {
    it('refuses an action on a closed complaint as INVALID_TRANSITION "Aduan sudah ditutup" and audits it', async () => {
      const before = await snapshot(closedId);
      const response = await graphqlRequest(
        baseUrl,
        ADD_NOTE,
        { input: { complaintId: closedId, text: 'Catatan terlambat', requestId: randomUUID() } },
        { token: staf() },
      );
      expectRefusal(response, 'INVALID_TRANSITION', /Aduan sudah ditutup/);
      const verify = await graphqlRequest(
        baseUrl,
        VERIFY,
        { input: { complaintId: closedId, outcome: 'accepted', stepKey: 'receive', requestId: randomUUID() } },
        { token: staf() },
      );
      expectRefusal(verify, 'INVALID_TRANSITION', /Aduan sudah ditutup/);
      // A read model lagging behind does not turn it into NOT_FOUND: Temporal's answer is mapped too.
      await dataSource.query("UPDATE complaints SET status = 'diterima' WHERE id = $1", [closedId]);
      try {
        const lagging = await graphqlRequest(
          baseUrl,
          ADD_NOTE,
          { input: { complaintId: closedId, text: 'Catatan terlambat', requestId: randomUUID() } },
          { token: staf() },
        );
        expectRefusal(lagging, 'INVALID_TRANSITION', /Aduan sudah ditutup/);
      } finally {
        await dataSource.query("UPDATE complaints SET status = 'ditolak' WHERE id = $1", [closedId]);
      }
      expect(await snapshot(closedId)).toEqual(before);
      expect((await refusalsOf(closedId)).map((row) => [row.operation, row.code, row.actor_office_code])).toEqual([
        ['addNote', 'INVALID_TRANSITION', 'PALARAN'],
        ['act:verify', 'INVALID_TRANSITION', 'PALARAN'],
        ['addNote', 'INVALID_TRANSITION', 'PALARAN'],
      ]);
    });

    it('refuses an action on a complaint whose workflow has ended as closed, not as NOT_FOUND', async () => {
      const id = await submittedAtReceive();
      // Ended outside the SOP (an operator's terminate): the read model still says it is open.
      await stack.env.client.workflow.getHandle(complaintWorkflowId(id)).terminate('operator');
      const response = await graphqlRequest(
        baseUrl,
        VERIFY,
        { input: { complaintId: id, outcome: 'accepted', requestId: randomUUID() } },
        { token: staf() },
      );
      expectRefusal(response, 'INVALID_TRANSITION', /Aduan sudah ditutup/);
      expect((await refusalsOf(id)).map((row) => row.code)).toEqual(['INVALID_TRANSITION']);
    });

    it("audits a supervisor's refused action", async () => {
      const before = await snapshot(openId);
      const supervisor = token(['supervisor'], '*', 'pengawas-1');
      const response = await graphqlRequest(
        baseUrl,
        VERIFY,
        { input: { complaintId: openId, outcome: 'accepted', requestId: randomUUID() } },
        { token: supervisor },
      );
      expectRefusal(response, 'FORBIDDEN', /hanya dapat membaca/);
      expect(await snapshot(openId)).toEqual(before);
      expect((await refusalsOf(openId)).at(-1)).toMatchObject({
        actor_user_id: 'pengawas-1',
        actor_role: 'supervisor',
        actor_office_code: '*',
        code: 'FORBIDDEN',
      });
    });

    it("keeps a bounded copy of a 200 KB reason from another office and never names the complaint's office", async () => {
      const before = await snapshot(openId);
      const reason = 'x'.repeat(200_000);
      const response = await graphqlRequest(
        baseUrl,
        VERIFY,
        { input: { complaintId: openId, outcome: 'tunda', reason, requestId: randomUUID() } },
        { token: token(['staf_umum'], 'KEBAKKRAMAT') },
      );
      const message = expectRefusal(response, 'FORBIDDEN', /KEBAKKRAMAT/);
      expect(message).not.toMatch(/PALARAN/);
      expect(await snapshot(openId)).toEqual(before);
      const refusal = (await refusalsOf(openId)).at(-1)!;
      expect(refusal.actor_office_code).toBe('KEBAKKRAMAT');
      expect(refusal.reason).not.toMatch(/PALARAN/);
      expect(JSON.stringify(refusal.request).length).toBeLessThan(2_000);
    });

    it('echoes at most a short excerpt of a 100,000-character step key', async () => {
      const before = await snapshot(openId);
      const response = await graphqlRequest(
        baseUrl,
        VERIFY,
        { input: { complaintId: openId, outcome: 'accepted', stepKey: 'a'.repeat(100_000), requestId: randomUUID() } },
        { token: staf() },
      );
      const message = expectRefusal(response, 'BAD_USER_INPUT', /stepKey/);
      expect(message.length).toBeLessThan(300);
      expect(JSON.stringify(response.errors).length).toBeLessThan(1_000);
      expect(await snapshot(openId)).toEqual(before);
      expect((await refusalsOf(openId)).at(-1)!.step_key!.length).toBeLessThanOrEqual(65);
    });
  });

  describe('error contract at the edges', () => {
    it.each([
      ['an unknown field', '{ complaint(id: "x") { nope } }', {}, /Kolom "nope"/],
      ['a syntax error', '{ complaint(id: ', {}, /sintaks/],
      ['a missing variable', 'query($id: ID!) { complaint(id: $id) { id } }', {}, /\$id wajib diisi/],
      [
        'a wrongly typed variable',
        'mutation($input: VerifyComplaintInput!) { verifyComplaint(input: $input) { id } }',
        { input: { complaintId: 'x', outcome: 5, extra: true } },
        /Variabel \$input/,
      ],
      [
        'too many aliases',
        `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: health { status }`).join(' ')} }`,
        {},
        /alias/,
      ],
      ['a query past the token limit', `{ health { ${'status '.repeat(2_500)} } }`, {}, /token/],
    ])('answers %s with 400, BAD_USER_INPUT and an Indonesian message', async (_name, query, variables, message) => {
      const response = await graphqlRequest(baseUrl, query, variables, { token: staf() });
      expect(response.status).toBe(400);
      expectRefusal(response, 'BAD_USER_INPUT', message);
    });

    it('answers a body over the limit with 413 and unreadable JSON with 400, both in the GraphQL error shape', async () => {
      const big = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ health { status } }', variables: { pad: 'x'.repeat(300 * 1024) } }),
      });
      expect(big.status).toBe(413);
      expectRefusal(
        { status: 413, errors: ((await big.json()) as GraphQLResponse<unknown>).errors, headers: big.headers },
        'BAD_USER_INPUT',
        /KB/,
      );
      expect(BODY_LIMIT).toBe('256kb');
      const broken = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      });
      expect(broken.status).toBe(400);
      expectRefusal(
        { status: 400, errors: ((await broken.json()) as GraphQLResponse<unknown>).errors, headers: broken.headers },
        'BAD_USER_INPUT',
      );
    });

    it('answers a request blocked as CSRF with 400, a code and an Indonesian message', async () => {
      const response = await fetch(`${baseUrl}/graphql?query=${encodeURIComponent('{ health { status } }')}`, {
        method: 'GET',
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as GraphQLResponse<unknown>;
      expectRefusal({ ...body, status: 400 }, 'BAD_USER_INPUT', /CSRF/);
    });

    it('refuses a forged cursor and unknown filter values as BAD_USER_INPUT instead of an empty list', async () => {
      const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', "x' OR 1=1 --"])).toString('base64url');
      for (const variables of [
        { after: forged },
        { after: 'bukan-kursor' },
        { filter: { statuses: ['bogus'] } },
        { filter: { channel: 'telegram' } },
        { filter: { stepKey: 'Bad Key!' } },
        { filter: { text: 'lampu\u0000' } },
      ]) {
        const response = await graphqlRequest(baseUrl, LIST, variables, { token: staf() });
        expectRefusal(response, 'BAD_USER_INPUT');
      }
      const known = await gql<{ complaints: { totalCount: number } }>(
        baseUrl,
        LIST,
        { filter: { statuses: ['diterima'], channel: 'langsung' } },
        { token: staf() },
      );
      expect(known.complaints.totalCount).toBeGreaterThan(0);
    });

    it('refuses unknown offices and unstorable references in audit queries before PostgreSQL or Temporal', async () => {
      const supervisor = token(['supervisor'], '*', 'pengawas-2');
      const overdue = 'query($o: String!) { overdueComplaints(officeCode: $o) { registerNumber } }';
      const timeline = 'query($id: ID!) { complaintTimeline(id: $id) { registerNumber } }';
      for (const officeCode of ['BOGUS', 'PALARAN\u0000']) {
        expectRefusal(
          await graphqlRequest(baseUrl, overdue, { o: officeCode }, { token: supervisor }),
          'BAD_USER_INPUT',
          /Kantor tidak dikenal/,
        );
      }
      for (const id of ['000.8.3.3/0001\u0000', 'x'.repeat(10_000)]) {
        const response = await graphqlRequest(baseUrl, timeline, { id }, { token: supervisor });
        expectRefusal(response, 'BAD_USER_INPUT', /Rujukan aduan tidak valid/);
        expect(JSON.stringify(response.errors).length).toBeLessThan(1_000);
      }
    });

    it('gives subscription errors a code and an Indonesian message', async () => {
      const client = wsClient(baseUrl, staf());
      try {
        const errors = await new Promise<{ message: string; extensions?: { code?: string } }[]>((resolve, reject) => {
          client.subscribe(
            { query: 'subscription { complaintChanged(officeCode: "KEBAKKRAMAT") { complaintId } }' },
            {
              next: (value) => (value.errors ? resolve(value.errors as never) : undefined),
              error: (error) => (Array.isArray(error) ? resolve(error as never) : reject(error)),
              complete: () => undefined,
            },
          );
        });
        expect(errors[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(errors[0]?.message).toMatch(INDONESIAN);
        const invalid = await new Promise<{ message: string; extensions?: { code?: string } }[]>((resolve, reject) => {
          client.subscribe(
            { query: 'subscription { complaintChanged(officeCode: "PALARAN") { nope } }' },
            {
              next: (value) => (value.errors ? resolve(value.errors as never) : undefined),
              error: (error) => (Array.isArray(error) ? resolve(error as never) : reject(error)),
              complete: () => undefined,
            },
          );
        });
        expect(invalid[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(invalid[0]?.message).not.toMatch(ENGLISH);
      } finally {
        await client.dispose();
      }
      for (const bearer of [undefined, 'bukan-token']) {
        const anonymous = wsClient(baseUrl, bearer);
        try {
          const errors = await new Promise<{ message: string; extensions?: { code?: string } }[]>((resolve, reject) => {
            anonymous.subscribe(
              { query: 'subscription { complaintChanged(officeCode: "PALARAN") { complaintId } }' },
              {
                next: (value) => (value.errors ? resolve(value.errors as never) : undefined),
                error: (error) => (Array.isArray(error) ? resolve(error as never) : reject(error)),
                complete: () => undefined,
              },
            );
          });
          expect(errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
          expect(errors[0]?.message).toMatch(INDONESIAN);
        } finally {
          await anonymous.dispose();
        }
      }
    });
  });

  describe('public rate limit and logging', () => {
    it('answers 429 with Retry-After per client address behind a trusted proxy, and logs refusals at warn', async () => {
      const lines: string[] = [];
      const logger = createLogger({ level: 'info', format: 'json', write: (line) => lines.push(line) });
      const limited = await createGateway(
        { ...config, gateway: { ...config.gateway, publicRateLimitPerMinute: 2, trustProxy: 'loopback' } },
        { client: stack.env.client, dataSource, logger, sopRegistry: SopRegistry.fromCatalog(TEST_SOPS) },
      );
      await limited.listen(0, '127.0.0.1');
      try {
        const url = `http://127.0.0.1:${(limited.getHttpServer().address() as AddressInfo).port}`;
        const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
        const variables = { r: '000.8.3.3/9999/PALARAN/2026', c: 'WRONGCODE0' };
        const statuses: number[] = [];
        for (let i = 0; i < 3; i += 1)
          statuses.push((await graphqlRequest(url, TRACK, variables, from('203.0.113.7'))).status);
        expect(statuses).toEqual([200, 200, 429]);
        const limitedResponse = await graphqlRequest(url, TRACK, variables, from('203.0.113.7'));
        expect(limitedResponse.status).toBe(429);
        expect(Number(limitedResponse.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(limitedResponse.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'RATE_LIMITED' });
        expect(limitedResponse.errors?.[0]?.message).toMatch(/Terlalu banyak permintaan/);
        // Another client behind the same proxy has its own budget.
        expect((await graphqlRequest(url, TRACK, variables, from('198.51.100.4'))).status).toBe(200);

        const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        const refused = entries.filter((entry) => entry.msg === 'graphql request refused');
        expect(refused.some((entry) => entry.level === 'warn' && (entry.codes as string[]).includes('NOT_FOUND'))).toBe(
          true,
        );
        const http = entries.filter((entry) => entry.msg === 'http request' && entry.status === 429);
        expect(http.length).toBeGreaterThan(0);
        expect(http.every((entry) => entry.level === 'warn')).toBe(true);
        // A refused operation answered with 200 (NOT_FOUND in the body) is not an "info, status 200" line.
        const refusedWith200 = entries.filter((entry) => entry.msg === 'http request' && entry.status === 200);
        expect(refusedWith200.length).toBeGreaterThan(0);
        expect(refusedWith200.every((entry) => entry.level === 'warn')).toBe(true);
        expect(refusedWith200[0]).toMatchObject({ codes: ['NOT_FOUND'] });
      } finally {
        await limited.close();
      }
    });
  });

  describe('audit tools', () => {
    it('check-drift and rebuild-read-model report an unreadable workflow and go on with the rest', async () => {
      // A complaint workflow whose input is not a complaint (no worker serves its queue, so it stays so).
      const unreadableId = complaintWorkflowId(randomUUID());
      const unreadable = await stack.env.client.workflow.start(COMPLAINT_WORKFLOW_TYPE, {
        workflowId: unreadableId,
        taskQueue: `nobody-${randomUUID()}`,
        args: [{ bukan: 'aduan' }],
        typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.office, value: 'PALARAN' }],
      });
      try {
        const deps = { client: stack.env.client, dataSource, out: () => undefined };
        await eventually(async () =>
          (await driftCommand(deps, 'PALARAN')).unreadable.some((entry) => entry.workflowId === unreadableId)
            ? true
            : undefined,
        );
        // Drift behind the unreadable one (listed first, being the newest) is still found…
        await dataSource.query("UPDATE complaints SET status = 'selesai' WHERE id = $1", [openId]);
        const drift = await driftCommand(deps, 'PALARAN');
        expect(drift.differences).toEqual(
          expect.arrayContaining([
            expect.stringMatching(new RegExp(`^${unreadableId}: riwayat tidak dapat dibaca`)),
            expect.stringMatching(new RegExp(`^${openId}: .*status`)),
          ]),
        );
        // …and repaired by the rebuild, which reports the unreadable one instead of stopping.
        const report = await rebuildCommand(deps, 'PALARAN');
        expect(report.unreadable.map((entry) => entry.workflowId)).toContain(unreadableId);
        expect(report.complaints).toBeGreaterThanOrEqual(2);
        const rows: { status: string }[] = await dataSource.query('SELECT status FROM complaints WHERE id = $1', [
          openId,
        ]);
        expect(rows[0]?.status).toBe('diterima');
        expect((await driftCommand(deps, 'PALARAN')).differences.filter((line) => line.startsWith(openId))).toEqual([]);
      } finally {
        await unreadable.terminate('test done');
      }
    });
  });
});
