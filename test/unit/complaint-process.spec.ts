/**
 * The complaint's pure state transitions (no Temporal): interrupts of a waiting step, where the
 * first one wins, the single close path, and the state as the fold of the emitted events.
 */
import { randomUUID } from 'node:crypto';
import { submissionSchema, type Actor } from '../../libs/domain/src/complaint';
import { foldComplaintEvents, initialComplaintState } from '../../libs/domain/src/complaint-fold';
import type { SopStep } from '../../libs/domain/src/sop';
import { findStep } from '../../libs/domain/src/sop-model';
import type { ComplaintWorkflowInput } from '../../workflows/complaint/complaint.messages';
import { ComplaintProcess } from '../../workflows/complaint/complaint.process';
import { KEBAKKRAMAT_TEST_SOP } from '../fixtures/sops';
import { sampleSubmission } from '../support/workflow-harness';

function clock(): () => string {
  let tick = 0;
  return () => new Date(Date.UTC(2026, 10, 23, 2, 0, tick++)).toISOString();
}

function startInput(): ComplaintWorkflowInput {
  return {
    complaintId: randomUUID(),
    sop: KEBAKKRAMAT_TEST_SOP,
    submission: submissionSchema.parse(sampleSubmission),
    trackingCodeHash: 'f'.repeat(64),
  };
}

function processInTunda(): ComplaintProcess {
  const process = new ComplaintProcess(startInput(), clock());
  process.holdForComplainant('receive', 'Lokasi belum jelas');
  process.enterTunda('receive', 'Lokasi belum jelas', '2026-12-01T00:00:00.000Z');
  return process;
}

const SEKCAM: Actor = {
  userId: 'u-sekcam',
  name: 'Sekcam',
  role: 'sekcam',
  officeCode: KEBAKKRAMAT_TEST_SOP.office.code,
};

function step(key: string): SopStep {
  return findStep(KEBAKKRAMAT_TEST_SOP, key)!;
}

/** Opens a step the way the workflow does: start, then its deadline. */
function open(process: ComplaintProcess, key: string) {
  const started = process.startStep(step(key));
  return process.stepDeadlineKnown(step(key), started.startedAt, {
    dueAt: '2026-11-30T02:00:00.000Z',
    reminderAt: '2026-11-29T02:00:00.000Z',
    workingMinutes: 480,
  });
}

describe('ComplaintProcess interrupts', () => {
  it('keeps a withdrawal that came first when a supplement follows in the same moment', () => {
    const process = processInTunda();
    process.withdraw({ requestId: randomUUID(), reason: 'Sudah diperbaiki sendiri' });
    expect(process.interruptPending).toBe(true);
    expect(process.supplement({ requestId: randomUUID(), content: 'Lokasi di balai desa', attachments: [] })).toBe(
      false,
    );
    expect(process.leaveTunda('receive', true)).toBe('withdrawn');
    expect(process.interruptPending).toBe(false);
  });

  it('keeps a supplement that came first: the complaint resumes and the later withdrawal does not replace it', () => {
    const process = processInTunda();
    expect(process.supplement({ requestId: randomUUID(), content: 'Lokasi di balai desa', attachments: [] })).toBe(
      true,
    );
    expect(process.interruptWith({ kind: 'withdrawn' })).toBe(false);
    expect(process.leaveTunda('receive', true)).toBe('resumed');
    expect(process.state.status).toBe('diterima');
    expect(process.events.at(-1)).toMatchObject({ type: 'resumed', stepKey: 'receive' });
  });

  it('closes once, keeping the first close reason, and emits the closed event', () => {
    const process = processInTunda();
    process.withdraw({ requestId: randomUUID(), reason: 'Sudah diperbaiki sendiri' });
    process.close('dicabut', 'Dicabut oleh pelapor');
    expect(process.state).toMatchObject({
      status: 'dicabut',
      closeReason: 'Sudah diperbaiki sendiri',
      currentSteps: [],
    });
    expect(process.state.closedAt).toBeDefined();
    expect(process.events.at(-1)).toMatchObject({ type: 'closed', data: { status: 'dicabut' } });
  });
});

describe('ComplaintProcess state as the fold of its events', () => {
  it('equals the fold of every event it emitted, through actions, notes, breach, timeout, tunda, reopen and close', () => {
    const input = startInput();
    const now = clock();
    const process = new ComplaintProcess(input, now);
    const submittedAt = process.state.submittedAt;
    process.submitted(input);
    process.registered({ registerNumber: '000.8.3.3/0001/KBK/2026', sequence: 1 });
    const receive = open(process, 'receive');
    process.addNote({ requestId: randomUUID(), actor: SEKCAM, text: 'Cek lokasi dulu' });
    process.reassign(
      {
        requestId: randomUUID(),
        actor: SEKCAM,
        stepKey: 'receive',
        assigneeUserId: 'u-2',
        assigneeName: 'Budi',
        reason: 'Cuti',
      },
      receive,
    );
    process.breached(step('receive'), receive.dueAt!);
    process.holdForComplainant('receive', 'Alamat belum jelas');
    process.enterTunda('receive', 'Alamat belum jelas', '2026-12-01T00:00:00.000Z');
    process.supplement({ requestId: randomUUID(), content: 'Di depan SD', attachments: [] });
    expect(process.leaveTunda('receive', true)).toBe('resumed');
    open(process, 'receive');
    process.applyAction(
      { requestId: randomUUID(), actor: SEKCAM, stepKey: 'receive', action: { kind: 'verify', outcome: 'accepted' } },
      step('receive'),
      'update',
    );
    const dispose = open(process, 'dispose');
    process.timedOut(step('dispose'), dispose, 'clarify_answer');
    open(process, 'clarify_answer');
    process.applyAction(
      {
        requestId: randomUUID(),
        actor: SEKCAM,
        stepKey: 'clarify_answer',
        action: { kind: 'draft_answer', answer: 'Sudah diperbaiki.' },
      },
      step('clarify_answer'),
      'update',
    );
    open(process, 'deliver');
    process.applyAction(
      {
        requestId: randomUUID(),
        actor: SEKCAM,
        stepKey: 'deliver',
        action: { kind: 'deliver', channel: 'whatsapp', receipt: 'WA 23/11' },
      },
      step('deliver'),
      'update',
    );
    process.answerDelivered(
      'deliver',
      { channel: 'whatsapp', receipt: 'WA 23/11' },
      {
        dueAt: '2026-12-10T00:00:00.000Z',
        workingMinutes: 480,
      },
    );
    process.rate({ requestId: randomUUID(), score: 2 });
    process.requestReopen({ requestId: randomUUID(), reason: 'Masih mati' });
    expect(process.state).toMatchObject({ status: 'diterima', reopenedCount: 1, currentSteps: [] });
    expect(process.state.answer).toBeUndefined();
    process.close('selesai', 'Selesai ditangani sesuai SOP');

    const types = process.events.map((event) => event.type);
    expect(types).toContain('step_timed_out');
    expect(process.events.map((event) => event.seq)).toEqual(types.map((_, index) => index + 1));
    const folded = foldComplaintEvents(initialComplaintState(input, submittedAt), process.events);
    expect(folded).toEqual(process.state);
    expect(folded.notes[0]!.actor).toEqual(SEKCAM);
    expect(folded.completedSteps.map((completed) => completed.key)).toEqual([
      'receive',
      'dispose',
      'clarify_answer',
      'deliver',
    ]);
    expect(folded.completedSteps[1]).toMatchObject({ outcome: 'timeout', breached: true });
    expect(folded.breaches).toEqual([expect.objectContaining({ stepKey: 'receive' })]);
  });

  it('applies a transition that had no event before v4 without recording it, so seqs of running complaints stay', () => {
    const input = startInput();
    const process = new ComplaintProcess(input, clock(), false);
    process.submitted(input);
    process.registered({ registerNumber: '000.8.3.3/0001/KBK/2026', sequence: 1 });
    open(process, 'receive');
    process.applyAction(
      { requestId: randomUUID(), actor: SEKCAM, stepKey: 'receive', action: { kind: 'verify', outcome: 'accepted' } },
      step('receive'),
      'update',
    );
    const dispose = open(process, 'dispose');
    process.timedOut(step('dispose'), dispose, 'clarify_answer');
    expect(process.events.map((event) => event.type)).toEqual([
      'submitted',
      'registered',
      'step_started',
      'action',
      'step_started',
    ]);
    expect(process.state.currentSteps).toEqual([]);
    expect(process.state.completedSteps.at(-1)).toMatchObject({ key: 'dispose', outcome: 'timeout', breached: true });
  });

  it('shows the step being started (without deadline) before v4, and only once its deadline is known in v4', () => {
    const before = new ComplaintProcess(startInput(), clock(), false);
    before.startStep(step('receive'));
    expect(before.state.currentSteps.map((active) => [active.key, active.dueAt])).toEqual([['receive', undefined]]);
    const v4 = new ComplaintProcess(startInput(), clock());
    v4.startStep(step('receive'));
    expect(v4.state.currentSteps).toEqual([]);
    expect(v4.events).toEqual([]);
  });
});

describe('ComplaintProcess deadline drafts (v6)', () => {
  it('takes the seq of an event awaiting its deadline: nothing else is emitted until the completed event is back', () => {
    const process = new ComplaintProcess(startInput(), clock());
    process.submitted(startInput());
    const started = process.startStep(step('receive'));
    const draft = process.stepStartDraft(step('receive'), started.startedAt);
    expect(draft).toMatchObject({ seq: 2, type: 'step_started', stepKey: 'receive', at: started.startedAt });
    expect(draft.data).not.toHaveProperty('dueAt');
    expect(process.awaitingProjection).toBe(true);
    expect(() => process.rate({ requestId: randomUUID(), score: 5 })).toThrow(
      /while step_started awaited the projection/,
    );

    // Only the draft's own event, completed, is taken back.
    const completed = { ...draft, data: { ...draft.data, dueAt: '2026-11-23T02:15:00.000Z', workingMinutes: 15 } };
    expect(() => process.draftCompleted({ ...completed, seq: 3 })).toThrow(/not step_started 2/);
    expect(() => process.draftCompleted({ ...completed, type: 'answer_delivered' })).toThrow(/not step_started 2/);
    process.draftCompleted(completed);
    expect(process.awaitingProjection).toBe(false);
    expect(process.events.map((event) => event.seq)).toEqual([1, 2]);
    expect(process.state.currentSteps).toEqual([
      expect.objectContaining({ key: 'receive', startedAt: started.startedAt, dueAt: '2026-11-23T02:15:00.000Z' }),
    ]);
    expect(() => process.draftCompleted(completed)).toThrow(/no event awaited the projection/);
  });

  it('lets the event be emitted the earlier way when the projection could not complete the draft', () => {
    const process = new ComplaintProcess(startInput(), clock());
    const started = process.startStep(step('receive'));
    process.stepStartDraft(step('receive'), started.startedAt);
    process.draftsFailed();
    const active = process.stepDeadlineKnown(step('receive'), started.startedAt, {
      dueAt: '2026-11-23T02:15:00.000Z',
      workingMinutes: 15,
    });
    expect(active).toMatchObject({ key: 'receive', dueAt: '2026-11-23T02:15:00.000Z' });
    expect(process.events.map((event) => [event.seq, event.type])).toEqual([[1, 'step_started']]);
  });
});
