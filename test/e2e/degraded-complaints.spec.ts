/**
 * A complaint whose projection finally fails goes on, marked degraded; the gateway shows it:
 * readiness counts the degraded complaints, and supervisors list them with what was not written.
 * Real gateway, worker, Temporal dev server and PostgreSQL; the read model refuses the rows of one
 * marked subject (a trigger raising a data error), so only that complaint degrades.
 */
import { randomUUID } from 'node:crypto';
import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import { mintToken } from '../../scripts/mint-token';
import { TEST_SOPS } from '../fixtures/sops';
import { errorCodeOf, eventually, gql } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';

const MARK = '[uji-degradasi]';
const SUBMIT = `mutation($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { complaintId registerNumber }
}`;
const DEGRADED = `query($office: String) {
  degradedComplaints(officeCode: $office) {
    complaintId workflowId registerNumber officeCode status executionStatus
    degradations { kind at detail message }
  }
}`;

interface DegradedView {
  complaintId: string;
  workflowId: string;
  registerNumber: string | null;
  officeCode: string | null;
  status: string | null;
  executionStatus: string;
  degradations: { kind: string; at: string; detail: string; message: string }[];
}

describe('degraded complaints in the gateway (end to end)', () => {
  let stack: GatewayStack;
  const token = (roles: string[], office: string) =>
    mintToken({ sub: `${roles[0]}-${office}`, name: 'Petugas uji', roles, office }, stack.config.gateway.jwt.secret!);

  beforeAll(async () => {
    stack = await startGatewayStack({ name: 'degraded-e2e', sopRegistry: SopRegistry.fromCatalog(TEST_SOPS) });
    await stack.dataSource.query(`
      CREATE OR REPLACE FUNCTION uji_tolak_proyeksi() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'uji: baris aduan ditolak' USING ERRCODE = '22023'; END $$`);
    await stack.dataSource.query(`
      CREATE TRIGGER uji_tolak_proyeksi BEFORE INSERT OR UPDATE ON complaints FOR EACH ROW
      WHEN (NEW.subject LIKE '%${MARK}%') EXECUTE FUNCTION uji_tolak_proyeksi()`);
  });
  afterAll(async () => {
    await stack?.dataSource.query('DROP TRIGGER IF EXISTS uji_tolak_proyeksi ON complaints');
    await stack?.dataSource.query('DROP FUNCTION IF EXISTS uji_tolak_proyeksi()');
    await stack?.stop();
  });

  async function readiness(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${stack.baseUrl}/health/ready`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('counts a complaint whose projection finally failed in readiness and lists it for supervisors', async () => {
    expect(await readiness()).toEqual({
      status: 200,
      body: { status: 'ok', temporal: 'up', database: 'up', degradedComplaints: 0 },
    });

    const staf = token(['staf_umum'], 'PALARAN');
    const healthy = await gql<{ submitComplaint: { complaintId: string } }>(
      stack.baseUrl,
      SUBMIT,
      { input: submission('Lampu jalan padam') },
      { token: staf },
    );
    const degraded = await gql<{ submitComplaint: { complaintId: string; registerNumber: string } }>(
      stack.baseUrl,
      SUBMIT,
      { input: submission(`Jalan berlubang ${MARK}`) },
      { token: staf },
    );
    const { complaintId, registerNumber } = degraded.submitComplaint;

    // Visibility is eventually consistent: the count follows the search attribute within moments.
    const ready = await eventually(async () => {
      const probe = await readiness();
      return probe.body.degradedComplaints === 1 ? probe : undefined;
    });
    // A degraded complaint does not make the gateway unready: it still serves it.
    expect(ready).toEqual({
      status: 200,
      body: { status: 'ok', temporal: 'up', database: 'up', degradedComplaints: 1 },
    });
    const health = await gql<{ health: unknown }>(stack.baseUrl, '{ health { status degradedComplaints } }');
    expect(health.health).toEqual({ status: 'ok', degradedComplaints: 1 });

    const supervisor = token(['supervisor'], '*');
    for (const office of [undefined, 'PALARAN']) {
      const listed = await gql<{ degradedComplaints: DegradedView[] }>(
        stack.baseUrl,
        DEGRADED,
        { office },
        { token: supervisor },
      );
      expect(listed.degradedComplaints).toHaveLength(1);
      const [entry] = listed.degradedComplaints;
      expect(entry).toMatchObject({
        complaintId,
        workflowId: `complaint-${complaintId}`,
        registerNumber,
        officeCode: 'PALARAN',
        status: 'diterima',
        executionStatus: 'RUNNING',
      });
      expect(entry!.degradations.length).toBeGreaterThan(0);
      expect(entry!.degradations[0]).toMatchObject({ kind: 'projection', detail: expect.stringMatching(/^kejadian /) });
      expect(entry!.degradations[0]!.message).toContain('uji: baris aduan ditolak');
      expect(entry!.complaintId).not.toBe(healthy.submitComplaint.complaintId);
    }
  });

  it('refuses the list to staff outside supervision and to another office, and an unknown office, in Indonesian', async () => {
    const staf = await errorCodeOf(
      stack.baseUrl,
      DEGRADED,
      { office: 'PALARAN' },
      { token: token(['staf_umum'], 'PALARAN') },
    );
    expect(staf).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('hanya untuk pengawas') });
    const officeSupervisor = token(['supervisor'], 'KEBAKKRAMAT');
    const foreign = await errorCodeOf(stack.baseUrl, DEGRADED, { office: 'PALARAN' }, { token: officeSupervisor });
    expect(foreign).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('tidak berwenang') });
    const everyOffice = await errorCodeOf(stack.baseUrl, DEGRADED, {}, { token: officeSupervisor });
    expect(everyOffice.code).toBe('FORBIDDEN');
    const unknown = await errorCodeOf(
      stack.baseUrl,
      DEGRADED,
      { office: "X' OR true" },
      { token: token(['supervisor'], '*') },
    );
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Kantor tidak dikenal.' });
  });
});

describe('the state an action answers with', () => {
  let stack: GatewayStack;
  const STALE = '[uji-basi]';

  beforeAll(async () => {
    stack = await startGatewayStack({ name: 'stale-row-e2e', sopRegistry: SopRegistry.fromCatalog(TEST_SOPS) });
    // The row of a marked complaint is written once and then silently never updated: a stale read model.
    await stack.dataSource.query(`
      CREATE OR REPLACE FUNCTION uji_baris_basi() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RETURN NULL; END $$`);
    await stack.dataSource.query(`
      CREATE TRIGGER uji_baris_basi BEFORE UPDATE ON complaints FOR EACH ROW
      WHEN (NEW.subject LIKE '%${STALE}%') EXECUTE FUNCTION uji_baris_basi()`);
  });
  afterAll(async () => {
    await stack?.dataSource.query('DROP TRIGGER IF EXISTS uji_baris_basi ON complaints');
    await stack?.dataSource.query('DROP FUNCTION IF EXISTS uji_baris_basi()');
    await stack?.stop();
  });

  it("comes from the workflow when the read model row does not agree with the Update's answer", async () => {
    const staf = mintToken(
      { sub: 'staf-palaran', name: 'Petugas uji', roles: ['staf_umum'], office: 'PALARAN' },
      stack.config.gateway.jwt.secret!,
    );
    const submitted = await gql<{ submitComplaint: { complaintId: string } }>(
      stack.baseUrl,
      SUBMIT,
      { input: submission(`Saluran tersumbat ${STALE}`) },
      { token: staf },
    );
    const { complaintId } = submitted.submitComplaint;
    const rowStepKeys = async () => {
      const [row]: { current_step_keys: string[] }[] = await stack.dataSource.query(
        'SELECT current_step_keys FROM complaints WHERE id = $1',
        [complaintId],
      );
      return row!.current_step_keys;
    };
    const submittedStepKeys = await rowStepKeys();
    const fields = 'status currentSteps { key }';
    const verified = await gql<{ verifyComplaint: { status: string; currentSteps: { key: string }[] } }>(
      stack.baseUrl,
      `mutation($input: VerifyComplaintInput!) { verifyComplaint(input: $input) { ${fields} } }`,
      { input: { complaintId, outcome: 'accepted' } },
      { token: staf },
    );
    const live = await gql<{ complaint: { status: string; currentSteps: { key: string }[] } }>(
      stack.baseUrl,
      `query($id: ID!) { complaint(id: $id) { ${fields} } }`,
      { id: complaintId },
      { token: staf },
    );
    // The row still shows the submission; the answer is the workflow's state after the verification.
    expect(await rowStepKeys()).toEqual(submittedStepKeys);
    expect(verified.verifyComplaint).toEqual(live.complaint);
    expect(verified.verifyComplaint.currentSteps.map((step) => step.key)).not.toEqual(submittedStepKeys);
  });
});

function submission(subject: string): Record<string, unknown> {
  return {
    clientRequestId: randomUUID(),
    channel: 'langsung',
    complainant: { anonymous: false, name: 'Siti Rahmawati', phone: '+62 812 5555 0101' },
    subject,
    content: 'Mohon segera ditindaklanjuti oleh kantor kecamatan.',
  };
}
