/**
 * The gateway's request ledger on a real PostgreSQL: the combined reads and writes that save round
 * trips (the earlier request read with the pre-check row; the read-back kept as the answer in one
 * statement) keep the idempotency contract.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  ActionRequestLedger,
  type RequestIdentity,
} from '../../apps/gateway/src/complaints/services/action-request-ledger.service';
import type { ComplaintState } from '../../libs/domain/src/complaint';
import { initialComplaintState } from '../../libs/domain/src/complaint-fold';
import { sha256Hex } from '../../libs/integrity/src/digest';
import { createLogger } from '../../libs/logging/src/logger';
import { writeComplaintProjection } from '../../libs/persistence/src/complaint-row';
import { PRECHECK_COLUMNS } from '../../apps/gateway/src/complaints/services/complaint-commands.service';
import { openTestDataSource } from '../support/database';

function stateAt(complaintId: string, stepKey: string, status: ComplaintState['status'] = 'diterima'): ComplaintState {
  const start = {
    complaintId,
    sop: { id: 'palaran-pengaduan', version: 1, office: { code: 'PALARAN' } },
    submission: { channel: 'langsung' as const, confidential: false },
  };
  return {
    ...initialComplaintState(start, '2026-11-23T01:00:00.000Z'),
    registerNumber: `000.8.3.3/0001/PALARAN/${complaintId.slice(0, 8)}`,
    status,
    currentSteps: [
      {
        key: stepKey,
        title: 'Klarifikasi',
        action: 'clarify',
        actorRoles: ['sekcam'],
        bakuMutu: { amount: 2, unit: 'working_days' },
        startedAt: '2026-11-23T01:01:00.000Z',
        dueAt: '2026-11-25T01:01:00.000Z',
        breached: false,
      },
    ],
  };
}

async function project(dataSource: DataSource, state: ComplaintState, seq: number): Promise<void> {
  await writeComplaintProjection(dataSource, {
    workflowId: `complaint-${state.complaintId}`,
    state,
    summary: {
      subject: 'Jalan rusak',
      contentExcerpt: 'Jalan rusak di depan pasar.',
      anonymous: true,
      trackingCodeHash: sha256Hex('T'),
    },
    events: [
      { seq, type: 'step_started', at: '2026-11-23T01:01:00.000Z', stepKey: state.currentSteps[0]?.key, data: {} },
    ],
  });
}

describe('action request ledger', () => {
  let dataSource: DataSource;
  let ledger: ActionRequestLedger;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    ledger = new ActionRequestLedger(dataSource, createLogger({ level: 'error', write: () => undefined }));
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  function identityFor(complaintId: string, text = 'Pelapor dihubungi.'): RequestIdentity {
    return {
      complaintId,
      requestId: `req-${randomUUID()}`,
      operation: 'addNote',
      actor: { userId: 'u-sekcam', officeCode: 'PALARAN' },
      payload: { text },
    };
  }

  async function keptResult(identity: RequestIdentity): Promise<unknown> {
    const [row]: { result: unknown }[] = await dataSource.query(
      'SELECT result FROM action_requests WHERE complaint_id = $1 AND request_id = $2',
      [identity.complaintId, identity.requestId],
    );
    return row?.result;
  }

  it('reads the earlier request and the pre-check columns in one statement, and refuses a reused id', async () => {
    const complaintId = randomUUID();
    const state = stateAt(complaintId, 'clarify');
    await project(dataSource, state, 2);
    const identity = identityFor(complaintId);

    expect(await ledger.priorWithComplaint(identity, undefined, PRECHECK_COLUMNS)).toEqual({
      prior: undefined,
      complaint: { officeCode: 'PALARAN', status: 'diterima', currentSteps: state.currentSteps },
    });
    // Not projected yet: no row, and the earlier request is still found.
    const unprojected = identityFor(randomUUID());
    await ledger.claim(unprojected, 'receive');
    expect(await ledger.priorWithComplaint(unprojected, undefined, PRECHECK_COLUMNS)).toEqual({
      prior: { stepKey: 'receive', result: null },
      complaint: undefined,
    });

    await ledger.claim(identity, undefined);
    const answer = { complaintId, status: 'diterima' as const, currentStepKeys: ['clarify'] };
    expect(await ledger.completeWithSettledState(identity, answer)).toEqual(state);
    expect(await ledger.priorWithComplaint(identity, undefined, PRECHECK_COLUMNS)).toMatchObject({
      prior: { stepKey: null, result: state },
    });
    await expect(
      ledger.priorWithComplaint({ ...identity, payload: { text: 'Isi lain.' } }, undefined, PRECHECK_COLUMNS),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      ledger.priorWithComplaint(
        { ...identity, actor: { userId: 'u-lain', officeCode: 'PALARAN' } },
        undefined,
        PRECHECK_COLUMNS,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps the read-back as the answer only when the row agrees with the Update, and never replaces a kept answer', async () => {
    const complaintId = randomUUID();
    await project(dataSource, stateAt(complaintId, 'clarify'), 2);
    const identity = identityFor(complaintId);
    await ledger.claim(identity, undefined);

    // The projection has not caught up with the Update's answer (another step, status or number).
    for (const answer of [
      { complaintId, status: 'diterima' as const, currentStepKeys: ['draft_answer'] },
      { complaintId, status: 'dijawab' as const, currentStepKeys: ['clarify'] },
      { complaintId, status: 'diterima' as const, currentStepKeys: ['clarify'], registerNumber: 'lain/2026' },
    ]) {
      expect(await ledger.completeWithSettledState(identity, answer)).toBeUndefined();
      expect(await keptResult(identity)).toBeNull();
    }

    const later = stateAt(complaintId, 'draft_answer');
    await project(dataSource, later, 3);
    const answer = { complaintId, status: 'diterima' as const, currentStepKeys: ['draft_answer'] };
    expect(await ledger.completeWithSettledState(identity, answer)).toEqual(later);
    expect(await keptResult(identity)).toEqual(later);

    // The complaint moves on; a late second completion answers with the row but keeps the first answer.
    const moved = stateAt(complaintId, 'deliver');
    await project(dataSource, moved, 4);
    const movedAnswer = { complaintId, status: 'diterima' as const, currentStepKeys: ['deliver'] };
    expect(await ledger.completeWithSettledState(identity, movedAnswer)).toEqual(moved);
    expect(await keptResult(identity)).toEqual(later);
  });
});
