/**
 * The gateway's audit queries over HTTP GraphQL, against a Temporal dev server, the real worker and
 * PostgreSQL: timeline, replay verification, export and the overdue list, with their access rules.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import { digestOf, type ComplaintExportDocument } from '../../libs/audit/src/export-document';
import type { AppConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import { submissionSchema, type ActionInput } from '../../libs/domain/src/complaint';
import { mintToken } from '../../scripts/mint-token';
import {
  actUpdate,
  complaintWorkflowId,
  getStateQuery,
  type ComplaintWorkflowInput,
} from '../../workflows/complaint/complaint.messages';
import { makeTestSop } from '../fixtures/sops';
import { errorCodeOf, eventually, gql } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';
import { defaultAction, sampleSubmission } from '../support/workflow-harness';

/** Kebakkramat with a 3-second first step, so the complaint is overdue almost at once. */
const SOP = makeTestSop(findSop('kebakkramat-aduan')!, { stepMinutes: { receive: 0.05 }, idSuffix: '-audit-gql' });

const TIMELINE = `query($id: ID!) { complaintTimeline(id: $id) {
  complaintId registerNumber officeCode status consistent
  entries { seq kind label at stepKey refused breached dueAt summary actor { userId role } bakuMutu { amount unit } }
  steps { stepKey breached workingMinutesTaken bakuMutuWorkingMinutes minutesOverBakuMutu }
} }`;
const REPLAY = `query($id: ID!) { verifyComplaintReplay(id: $id) { complaintId ok error divergenceEventId } }`;
const EXPORT = `query($id: ID!) { exportComplaint(id: $id) { complaintId digest document } }`;
const OVERDUE = `query($office: String!) { overdueComplaints(officeCode: $office) {
  complaintId registerNumber currentStepKeys overdue slaBreached minutesOverBakuMutu breachCount
} }`;

interface TimelineView {
  complaintId: string;
  registerNumber: string;
  officeCode: string;
  consistent: boolean;
  entries: { kind: string; stepKey?: string; breached?: boolean; refused: boolean; actor?: { userId: string } }[];
  steps: { stepKey: string; breached: boolean }[];
}

describe('audit over GraphQL (gateway, dev server, worker, PostgreSQL)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let stack: GatewayStack;
  let baseUrl: string;
  let config: AppConfig;
  let handle: WorkflowHandle;
  let complaintId: string;
  const token = (roles: string[], office: string) =>
    mintToken({ sub: `${roles[0]}-${office}`, name: `Petugas ${roles[0]}`, roles, office }, config.gateway.jwt.secret!);

  beforeAll(async () => {
    stack = await startGatewayStack({ name: 'audit-gql', sopRegistry: SopRegistry.fromCatalog([SOP]) });
    ({ env, dataSource, baseUrl, config } = stack);

    complaintId = randomUUID();
    const input: ComplaintWorkflowInput = {
      complaintId,
      sop: SOP,
      submission: submissionSchema.parse(sampleSubmission),
      trackingCodeHash: 'd'.repeat(64),
    };
    handle = await env.client.workflow.start('complaintWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId: complaintWorkflowId(complaintId),
      args: [input],
    });
    // The 3-second first step passes: breached; the read model shows it.
    await eventually(async () => {
      const rows: { sla_breached: boolean }[] = await dataSource.query(
        'SELECT sla_breached FROM complaints WHERE id = $1',
        [complaintId],
      );
      return rows[0]?.sla_breached ? true : undefined;
    });
  });

  afterAll(async () => {
    await handle?.terminate('test done').catch(() => undefined);
    await stack?.stop();
  });

  it('lists the overdue complaint of the office with its working minutes over baku mutu', async () => {
    const data = await gql<{ overdueComplaints: Record<string, unknown>[] }>(
      baseUrl,
      OVERDUE,
      { office: SOP.office.code },
      { token: token(['camat'], SOP.office.code) },
    );
    const row = data.overdueComplaints.find((candidate) => candidate.complaintId === complaintId);
    expect(row).toMatchObject({ currentStepKeys: ['receive'], overdue: true, slaBreached: true, breachCount: 1 });
    expect(row!.minutesOverBakuMutu as number).toBeGreaterThan(0);
    expect(
      (await errorCodeOf(baseUrl, OVERDUE, { office: SOP.office.code }, { token: token(['camat'], 'PALARAN') })).code,
    ).toBe('FORBIDDEN');
  });

  it('shows the timeline to an auditor and the office head, never to other staff', async () => {
    const state = await handle.query(getStateQuery);
    const requestId = randomUUID();
    await handle.executeUpdate(actUpdate, {
      args: [
        {
          requestId,
          actor: { userId: 'loket-5', name: 'Petugas Loket', role: 'petugas_loket', officeCode: SOP.office.code },
          stepKey: 'receive',
          action: defaultAction('verify') as ActionInput,
        },
      ],
      updateId: requestId,
    });
    const auditor = token(['auditor'], '*');
    const data = await gql<{ complaintTimeline: TimelineView }>(
      baseUrl,
      TIMELINE,
      { id: complaintId },
      { token: auditor },
    );
    const timeline = data.complaintTimeline;
    expect(timeline).toMatchObject({ complaintId, registerNumber: state.registerNumber, officeCode: SOP.office.code });
    expect(timeline.consistent).toBe(true);
    const action = timeline.entries.find((entry) => entry.kind === 'action');
    expect(action).toMatchObject({ stepKey: 'receive', breached: true, refused: false, actor: { userId: 'loket-5' } });
    expect(timeline.entries.some((entry) => entry.kind === 'breach')).toBe(true);
    expect(timeline.steps[0]).toMatchObject({ stepKey: 'receive', breached: true });

    // By register number, as the camat of the office.
    const byRegister = await gql<{ complaintTimeline: { complaintId: string } }>(
      baseUrl,
      TIMELINE,
      { id: state.registerNumber },
      { token: token(['camat'], SOP.office.code) },
    );
    expect(byRegister.complaintTimeline.complaintId).toBe(complaintId);
    const codeOf = async (id: string, bearer: string) =>
      (await errorCodeOf(baseUrl, TIMELINE, { id }, { token: bearer })).code;
    expect(await codeOf(complaintId, token(['kasi_kasubbag'], SOP.office.code))).toBe('FORBIDDEN');
    expect(await codeOf(complaintId, token(['supervisor'], 'PALARAN'))).toBe('FORBIDDEN');
    expect(await codeOf(randomUUID(), auditor)).toBe('NOT_FOUND');
  });

  it('replays and exports the complaint for a supervisor', async () => {
    const supervisor = token(['supervisor'], '*');
    const replay = await gql<{ verifyComplaintReplay: Record<string, unknown> }>(
      baseUrl,
      REPLAY,
      { id: complaintId },
      { token: supervisor },
    );
    expect(replay.verifyComplaintReplay).toEqual({ complaintId, ok: true, error: null, divergenceEventId: null });

    const exported = await gql<{ exportComplaint: { complaintId: string; digest: string; document: string } }>(
      baseUrl,
      EXPORT,
      { id: complaintId },
      { token: supervisor },
    );
    const document = JSON.parse(exported.exportComplaint.document) as ComplaintExportDocument;
    expect(document.digest).toBe(exported.exportComplaint.digest);
    expect(digestOf(document)).toBe(document.digest);
    expect(document.workflowId).toBe(complaintWorkflowId(complaintId));
  });
});
