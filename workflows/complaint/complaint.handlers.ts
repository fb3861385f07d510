/**
 * The complaint workflow's Updates, Signal and Queries. Each validator refuses before anything
 * enters history; each handler changes the complaint through `ComplaintProcess` and answers once
 * the workflow has settled (or, for notes and the like, once the read model shows the change).
 */
import { condition, log, setHandler, type ApplicationFailure } from '@temporalio/workflow';
import {
  noteRequestSchema,
  rateRequestSchema,
  reassignRequestSchema,
  reopenRequestSchema,
  submitRequestSchema,
  supplementRequestSchema,
  withdrawRequestSchema,
  type ActiveStep,
  type NoteRequest,
  type RateRequest,
  type ReassignRequest,
  type ReopenRequest,
  type SupplementRequest,
  type WithdrawRequest,
} from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { findStep } from '../../libs/domain/src/sop-model';
import type { Settlement } from '../shared/settle';
import {
  actSignal,
  actUpdate,
  addNoteUpdate,
  getPendingActionsQuery,
  getStateQuery,
  getSubmissionDigestQuery,
  rateUpdate,
  reassignUpdate,
  reopenUpdate,
  SUBMISSION_CONFLICT_MESSAGE,
  submitUpdate,
  supplyInformationUpdate,
  withdrawUpdate,
  type ComplaintUpdateResult,
  type SubmitRequest,
} from './complaint.messages';
import type { ComplaintProcess } from './complaint.process';
import {
  assertOpenForStaff,
  assertSameOffice,
  canReassign,
  isClosed,
  parseOrRefuse,
  refuse,
  validateAction,
} from './complaint.rules';

export interface ComplaintHandlerContext {
  sop: SopDefinition;
  process: ComplaintProcess;
  settlement: Settlement;
  /** Resolves once every event emitted so far is in the read model. */
  projected(): Promise<void>;
  /** The digest of the submission that started the complaint (absent in complaints started before it existed). */
  submissionDigest?: string;
  /** The start input broke the text policy: the submit Update is refused with this, and the run fails with it. */
  startRefusal?: ApplicationFailure;
}

export function registerComplaintHandlers(context: ComplaintHandlerContext): void {
  const { sop, process, settlement } = context;
  const { state } = process;

  function answer(): ComplaintUpdateResult {
    return {
      complaintId: state.complaintId,
      registerNumber: state.registerNumber,
      status: state.status,
      currentStepKeys: state.currentSteps.map((step) => step.key),
    };
  }
  /** Resolves once the main loop has reacted to what the caller did and the read model shows it. */
  async function settled(epochBefore: number): Promise<ComplaintUpdateResult> {
    await settlement.after(epochBefore);
    await context.projected();
    return answer();
  }
  async function projected(): Promise<ComplaintUpdateResult> {
    await context.projected();
    return answer();
  }

  /**
   * Runs what a handler does to the complaint, or, while events await their completion by the
   * projection (v6, v7: their seqs are taken), once they are back; the handler validates again
   * then. Otherwise it runs at once, as in every earlier shape.
   */
  function afterDrafts<T>(apply: () => Promise<T>): Promise<T> {
    if (!process.awaitingProjection) return apply();
    return condition(() => !process.awaitingProjection).then(apply);
  }

  /** A withdrawal, supplement or reopen already ends the current wait: a second one in the same moment is refused. */
  function assertNoInterruptPending(): void {
    if (process.interruptPending) {
      throw refuse('CONFLICT', 'Permintaan lain dari pelapor sedang diproses; coba lagi sesaat lagi.');
    }
  }

  function validateSubmit(raw: unknown): void {
    if (context.startRefusal) throw context.startRefusal;
    const { submissionDigest: digest } = parseOrRefuse<SubmitRequest>(submitRequestSchema, raw);
    if (context.submissionDigest !== undefined && digest !== context.submissionDigest) {
      throw refuse('CONFLICT', SUBMISSION_CONFLICT_MESSAGE);
    }
  }
  setHandler(
    submitUpdate,
    async (raw) => {
      validateSubmit(raw);
      // The first settlement comes once the register number is assigned and the first step has its deadline.
      return settled(0);
    },
    { validator: validateSubmit },
  );
  setHandler(getSubmissionDigestQuery, () => context.submissionDigest ?? null);

  setHandler(
    actUpdate,
    (request) =>
      afterDrafts(async () => {
        const epoch = settlement.current;
        // The parsed request is applied: its texts are normalised (NFC, trimmed) whoever sent it.
        const parsed = validateAction(sop, state, request, process.processedRequestIds);
        process.applyAction(parsed.request, parsed.step, 'update');
        return settled(epoch);
      }),
    { validator: (request) => void validateAction(sop, state, request, process.processedRequestIds) },
  );

  // The same action as a fire-and-forget Signal: refused ones are logged, not applied.
  setHandler(actSignal, (request) =>
    afterDrafts(async () => {
      try {
        const parsed = validateAction(sop, state, request, process.processedRequestIds);
        process.applyAction(parsed.request, parsed.step, 'signal');
      } catch (error) {
        log.warn('Refused action signal', { requestId: request?.requestId, error: String(error) });
      }
    }),
  );

  function validateNote(raw: unknown): NoteRequest {
    const request = parseOrRefuse<NoteRequest>(noteRequestSchema, raw);
    assertOpenForStaff(state);
    assertSameOffice(sop, request.actor);
    if (request.actor.role === 'pemohon') throw refuse('FORBIDDEN', 'Catatan internal hanya untuk petugas.');
    return request;
  }
  setHandler(
    addNoteUpdate,
    (raw) =>
      afterDrafts(async () => {
        process.addNote(validateNote(raw));
        return projected();
      }),
    { validator: (raw) => void validateNote(raw) },
  );

  function validateReassign(raw: unknown): { request: ReassignRequest; active: ActiveStep } {
    const request = parseOrRefuse<ReassignRequest>(reassignRequestSchema, raw);
    assertOpenForStaff(state);
    assertSameOffice(sop, request.actor);
    const active = state.currentSteps.find((candidate) => candidate.key === request.stepKey);
    const step = findStep(sop, request.stepKey);
    if (!active || !step) {
      throw refuse('INVALID_TRANSITION', `Langkah "${request.stepKey}" bukan langkah yang sedang berjalan.`);
    }
    if (!canReassign(step, request.actor)) {
      throw refuse('FORBIDDEN', `Peran ${request.actor.role} tidak berwenang mengalihkan langkah "${step.title}".`);
    }
    return { request, active };
  }
  setHandler(
    reassignUpdate,
    (raw) =>
      afterDrafts(async () => {
        const { request, active } = validateReassign(raw);
        process.reassign(request, active);
        return projected();
      }),
    { validator: (raw) => void validateReassign(raw) },
  );

  function validateSupplement(raw: unknown): SupplementRequest {
    const request = parseOrRefuse<SupplementRequest>(supplementRequestSchema, raw);
    if (isClosed(state)) throw refuse('INVALID_TRANSITION', 'Aduan sudah ditutup.');
    if (state.status === 'tunda') assertNoInterruptPending();
    return request;
  }
  setHandler(
    supplyInformationUpdate,
    (raw) =>
      afterDrafts(async () => {
        const epoch = settlement.current;
        const resumes = process.supplement(validateSupplement(raw));
        return resumes ? settled(epoch) : projected();
      }),
    { validator: (raw) => void validateSupplement(raw) },
  );

  function validateWithdraw(raw: unknown): WithdrawRequest {
    const request = parseOrRefuse<WithdrawRequest>(withdrawRequestSchema, raw);
    if (isClosed(state) || state.status === 'dijawab') {
      throw refuse('INVALID_TRANSITION', 'Aduan yang sudah dijawab atau ditutup tidak dapat dicabut.');
    }
    assertNoInterruptPending();
    return request;
  }
  setHandler(
    withdrawUpdate,
    (raw) =>
      afterDrafts(async () => {
        const epoch = settlement.current;
        process.withdraw(validateWithdraw(raw));
        return settled(epoch);
      }),
    { validator: (raw) => void validateWithdraw(raw) },
  );

  function assertAnswerWindowOpen(): void {
    if (state.status !== 'dijawab' || !state.reopenUntil) {
      throw refuse('INVALID_TRANSITION', 'Jawaban belum disampaikan atau masa tanggapan sudah berakhir.');
    }
    if (Date.now() > Date.parse(state.reopenUntil)) {
      throw refuse('INVALID_TRANSITION', 'Masa untuk menilai atau membuka kembali aduan sudah berakhir.');
    }
  }
  function validateRate(raw: unknown): RateRequest {
    const request = parseOrRefuse<RateRequest>(rateRequestSchema, raw);
    assertAnswerWindowOpen();
    if (state.rating) throw refuse('CONFLICT', 'Jawaban ini sudah dinilai.');
    return request;
  }
  setHandler(
    rateUpdate,
    (raw) =>
      afterDrafts(async () => {
        process.rate(validateRate(raw));
        return projected();
      }),
    { validator: (raw) => void validateRate(raw) },
  );

  function validateReopen(raw: unknown): ReopenRequest {
    const request = parseOrRefuse<ReopenRequest>(reopenRequestSchema, raw);
    assertAnswerWindowOpen();
    assertNoInterruptPending();
    return request;
  }
  setHandler(
    reopenUpdate,
    (raw) =>
      afterDrafts(async () => {
        const epoch = settlement.current;
        process.requestReopen(validateReopen(raw));
        return settled(epoch);
      }),
    { validator: (raw) => void validateReopen(raw) },
  );

  setHandler(getStateQuery, () => state);
  setHandler(getPendingActionsQuery, () => process.pendingActions(Date.now()));
}
