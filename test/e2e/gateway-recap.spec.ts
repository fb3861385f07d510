/**
 * The monthly recap (SOP 002 steps 5–7) over GraphQL: the real gateway, a real Temporal dev
 * server, the real worker and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/src/config';
import { mintToken } from '../../scripts/mint-token';
import { errorCodeOf, eventually, gql } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';

const OFFICE = 'DISKOMINFO-KRA';
const RECAP_FIELDS = `
  officeCode year month status compileNote
  summary { total answered breached byChannel { key count } }
  currentStep { key action actorRoles dueAt }
  completedSteps { key completedBy }
  evaluation { evaluationNeeded notes by }
  archive { archiveRef digest }
`;
interface RecapView {
  status: string;
  summary: { total: number; byChannel: { key: string; count: number }[] } | null;
  currentStep: { key: string; action: string; actorRoles: string[]; dueAt: string | null } | null;
  completedSteps: { key: string; completedBy: string }[];
  evaluation: { evaluationNeeded: boolean; notes: string; by: string } | null;
  archive: { archiveRef: string; digest: string } | null;
  compileNote: string | null;
}
const recapMutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${RECAP_FIELDS} } }`;

describe('monthly recap over GraphQL (end to end)', () => {
  let dataSource: DataSource;
  let stack: GatewayStack;
  let baseUrl: string;
  let config: AppConfig;
  const token = (roles: string[], office: string) =>
    mintToken({ sub: `${roles[0]}-${office}`, name: `Petugas ${roles[0]}`, roles, office }, config.gateway.jwt.secret!);

  beforeAll(async () => {
    stack = await startGatewayStack({ name: 'recap-e2e', poolSize: 4 });
    ({ dataSource, baseUrl, config } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('recaps the month, is evaluated by the Kepala and archived, each step by its own role', async () => {
    const admin = token(['admin_diskominfo'], OFFICE);
    const kepala = token(['kepala_diskominfo'], OFFICE);
    // A complaint of this month, so the recap has something to count.
    const submitted = await gql<{ submitComplaint: { complaintId: string } }>(
      baseUrl,
      `mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { complaintId } }`,
      {
        input: {
          clientRequestId: randomUUID(),
          channel: 'whatsapp',
          complainant: { anonymous: true },
          subject: 'Sinyal internet di balai desa',
          content: 'Wifi gratis di balai desa tidak bisa dipakai sejak Senin.',
        },
      },
      { token: admin },
    );
    await eventually(async () => {
      const rows: unknown[] = await dataSource.query('SELECT 1 FROM complaints WHERE id = $1', [
        submitted.submitComplaint.complaintId,
      ]);
      return rows.length > 0 ? true : undefined;
    });
    const now = DateTime.now().setZone('Asia/Jakarta');
    const month = { year: now.year, month: now.month };

    const started = (
      await gql<{ startMonthlyRecap: RecapView }>(
        baseUrl,
        recapMutation('startMonthlyRecap', 'RecapMonthInput'),
        { input: month },
        { token: admin },
      )
    ).startMonthlyRecap;
    expect(started).toMatchObject({ status: 'in_progress', currentStep: { key: 'recap', action: 'compile' } });
    expect(started.currentStep!.dueAt).toEqual(expect.any(String));
    expect(started.summary!.total).toBeGreaterThanOrEqual(1);
    expect(started.summary!.byChannel).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'whatsapp' })]));

    // Starting again is the same recap.
    const again = await gql<{ startMonthlyRecap: RecapView }>(
      baseUrl,
      recapMutation('startMonthlyRecap', 'RecapMonthInput'),
      { input: month },
      { token: admin },
    );
    expect(again.startMonthlyRecap.currentStep!.key).toBe('recap');

    const compile = recapMutation('compileMonthlyRecap', 'CompileRecapInput');
    // The Kepala cannot compile, another office cannot act, a supervisor only reads.
    expect((await errorCodeOf(baseUrl, compile, { input: month }, { token: kepala })).code).toBe('FORBIDDEN');
    const foreign = token(['admin_diskominfo'], 'PALARAN');
    expect(
      (await errorCodeOf(baseUrl, compile, { input: { ...month, officeCode: OFFICE } }, { token: foreign })).code,
    ).toBe('FORBIDDEN');
    const supervisor = token(['supervisor'], '*');
    expect(
      (await errorCodeOf(baseUrl, compile, { input: { ...month, officeCode: OFFICE } }, { token: supervisor })).code,
    ).toBe('FORBIDDEN');
    // The evaluation is not due yet.
    const evaluate = recapMutation('evaluateMonthlyRecap', 'EvaluateRecapInput');
    expect(
      (
        await errorCodeOf(
          baseUrl,
          evaluate,
          { input: { ...month, evaluationNeeded: true, notes: 'x' } },
          { token: kepala },
        )
      ).code,
    ).toBe('INVALID_TRANSITION');

    const compiled = (
      await gql<{ compileMonthlyRecap: RecapView }>(
        baseUrl,
        compile,
        { input: { ...month, note: 'Rekap lengkap dari semua kanal' } },
        { token: admin },
      )
    ).compileMonthlyRecap;
    expect(compiled).toMatchObject({ compileNote: 'Rekap lengkap dari semua kanal', currentStep: { key: 'evaluate' } });

    const evaluated = (
      await gql<{ evaluateMonthlyRecap: RecapView }>(
        baseUrl,
        evaluate,
        { input: { ...month, evaluationNeeded: true, notes: 'Percepat tanggapan OPD' } },
        { token: kepala },
      )
    ).evaluateMonthlyRecap;
    expect(evaluated.evaluation).toEqual({
      evaluationNeeded: true,
      notes: 'Percepat tanggapan OPD',
      by: 'Petugas kepala_diskominfo',
    });

    const archived = (
      await gql<{ archiveMonthlyRecap: RecapView }>(
        baseUrl,
        recapMutation('archiveMonthlyRecap', 'ArchiveRecapInput'),
        { input: month },
        { token: admin },
      )
    ).archiveMonthlyRecap;
    expect(archived.status).toBe('archived');
    expect(archived.archive!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(archived.completedSteps.map((step) => step.key)).toEqual(['recap', 'evaluate', 'archive_disposition']);
    const rows: { digest: string }[] = await dataSource.query(
      'SELECT digest FROM monthly_recaps WHERE office_code = $1 AND year = $2 AND month = $3',
      [OFFICE, month.year, month.month],
    );
    expect(rows).toEqual([{ digest: archived.archive!.digest }]);

    // Supervisors read any office's recap.
    const read = await gql<{ monthlyRecap: RecapView }>(
      baseUrl,
      `query($input: RecapMonthInput!) { monthlyRecap(input: $input) { ${RECAP_FIELDS} } }`,
      { input: { ...month, officeCode: OFFICE } },
      { token: supervisor },
    );
    expect(read.monthlyRecap.status).toBe('archived');
  });

  it('answers NOT_FOUND for a month never recapped and BAD_USER_INPUT for an office without a recap', async () => {
    const admin = token(['admin_diskominfo'], OFFICE);
    const query = `query($input: RecapMonthInput!) { monthlyRecap(input: $input) { status } }`;
    expect((await errorCodeOf(baseUrl, query, { input: { year: 2001, month: 1 } }, { token: admin })).code).toBe(
      'NOT_FOUND',
    );
    const camat = token(['camat'], 'PALARAN');
    expect((await errorCodeOf(baseUrl, query, { input: { year: 2026, month: 1 } }, { token: camat })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await errorCodeOf(baseUrl, query, { input: { year: 2026, month: 13 } }, { token: admin })).code).toBe(
      'BAD_USER_INPUT',
    );
  });
});
