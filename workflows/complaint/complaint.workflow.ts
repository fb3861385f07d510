/**
 * The complaint workflow: one run per complaint, interpreting the SOP snapshot in its input.
 *
 * Human steps arrive as validated Updates (or the same payload as a Signal). The main loop starts
 * each step, asks an activity for its deadline from the office's business calendar (so replay never
 * depends on today's calendar), then waits for the action against that deadline: a reminder before
 * it, a breach with escalation after it, and the SOP's timeout rule. A projection pump mirrors every
 * domain event into the read model.
 */
import {
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ComplaintActivities, ComplaintEvent, ComplaintEventType } from '../../activities/contracts';
import {
  noteRequestSchema,
  rateRequestSchema,
  reassignRequestSchema,
  reopenRequestSchema,
  supplementRequestSchema,
  withdrawRequestSchema,
  type ActionRecord,
  type ActionRequest,
  type ActiveStep,
  type Actor,
  type ComplaintState,
  type ComplaintStatus,
  type NoteRequest,
  type PendingAction,
  type RateRequest,
  type ReassignRequest,
  type ReopenRequest,
  type SupplementRequest,
  type WithdrawRequest,
} from '../../libs/domain/src/complaint';
import { findStep, type BakuMutu, type SopStep } from '../../libs/domain/src/sop';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/src/search-attributes';
import {
  actSignal,
  actUpdate,
  addNoteUpdate,
  getPendingActionsQuery,
  getStateQuery,
  rateUpdate,
  reassignUpdate,
  reopenUpdate,
  supplyInformationUpdate,
  withdrawUpdate,
  type ComplaintWorkflowInput,
  type ComplaintWorkflowResult,
} from './complaint.messages';
import {
  assertOpenForStaff,
  assertSameOffice,
  canReassign,
  isClosed,
  isEnd,
  nextStepKey,
  outcomeOf,
  parseOrRefuse,
  refuse,
  validateAction,
} from './complaint.rules';
import { awaitWithinBakuMutu, bakuMutuLabel } from '../shared/baku-mutu';
import { archiveOnClose } from '../archive/archive.workflow';

const activities = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Why the wait for a step ended without the step's action. */
type Interrupt = { kind: 'withdrawn' } | { kind: 'reopened' } | { kind: 'supplied' };

type StepResult =
  | { kind: 'completed'; record: ActionRecord }
  | { kind: 'timeout_transition'; to: string }
  | { kind: 'interrupted'; interrupt: Interrupt };

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintWorkflowResult> {
  const { sop, submission } = input;
  const workflowId = workflowInfo().workflowId;
  const nowIso = (): string => new Date().toISOString();

  const state: ComplaintState = {
    complaintId: input.complaintId,
    officeCode: sop.office.code,
    sopId: sop.id,
    sopVersion: sop.version,
    channel: submission.channel,
    status: 'diterima',
    submittedAt: nowIso(),
    confidential: submission.confidential,
    currentSteps: [],
    completedSteps: [],
    breaches: [],
    actions: [],
    notes: [],
    supplements: [],
    dispositions: [],
    reopenedCount: 0,
  };
  const events: ComplaintEvent[] = [];
  const processedRequestIds = new Set<string>();
  let completion: ActionRecord | undefined;
  let interrupt: Interrupt | undefined;
  /** Incremented whenever the main loop has finished reacting and waits for people again. */
  let settledEpoch = 0;
  let projectedEvents = 0;
  let finished = false;
  /** Counts step starts, so a revisited step (revision loop, reopen) gets fresh notification keys. */
  let stepRuns = 0;

  function emit(type: ComplaintEventType, data: Record<string, unknown>, stepKey?: string, actor?: Actor): void {
    events.push({
      seq: events.length + 1,
      type,
      at: nowIso(),
      stepKey,
      actor: actor ? { userId: actor.userId, name: actor.name, role: actor.role } : undefined,
      data,
    });
  }

  /** Resolves once the main loop has reacted to what the caller did and the read model shows it. */
  async function settled(epochBefore: number): Promise<ComplaintState> {
    await condition(() => settledEpoch > epochBefore || finished);
    const target = events.length;
    await condition(() => projectedEvents >= target);
    return state;
  }

  async function projected(): Promise<ComplaintState> {
    const target = events.length;
    await condition(() => projectedEvents >= target);
    return state;
  }

  function markSettled(): void {
    settledEpoch += 1;
    syncSearchAttributes();
  }

  function syncSearchAttributes(): void {
    const dueTimes = state.currentSteps.flatMap((step) => (step.dueAt ? [Date.parse(step.dueAt)] : []));
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.office, value: state.officeCode },
      { key: SEARCH_ATTRIBUTES.channel, value: state.channel },
      { key: SEARCH_ATTRIBUTES.status, value: state.status },
      { key: SEARCH_ATTRIBUTES.step, value: state.currentSteps.map((step) => step.key).join(',') || null },
      { key: SEARCH_ATTRIBUTES.slaBreached, value: state.breaches.length > 0 },
      { key: SEARCH_ATTRIBUTES.dueAt, value: dueTimes.length > 0 ? new Date(Math.min(...dueTimes)) : null },
      { key: SEARCH_ATTRIBUTES.registerNumber, value: state.registerNumber ?? null },
    ]);
  }

  // --- Handlers: registered before the first await. ---------------------------------------------

  function applyAction(request: ActionRequest, active: ActiveStep, step: SopStep, via: 'update' | 'signal'): void {
    const at = nowIso();
    const { action, actor } = request;
    const outcome = outcomeOf(action);
    processedRequestIds.add(request.requestId);
    switch (action.kind) {
      case 'classify':
        state.classification = {
          complaintType: action.complaintType,
          category: action.category,
          confidential: action.confidential,
          underPpidAuthority: action.underPpidAuthority,
        };
        state.confidential = state.confidential || action.confidential;
        break;
      case 'dispose':
        state.dispositions.push({ toUnit: action.toUnit, instructions: action.instructions, by: actor, at });
        break;
      case 'decide':
        state.decision = { decision: action.decision, rapatRequired: action.rapatRequired, by: actor, at };
        break;
      case 'rapat':
        state.rapat = {
          heldAt: action.heldAt,
          participants: action.participants,
          minutes: action.minutes,
          decision: action.decision,
          recordedBy: actor,
          at,
        };
        break;
      case 'draft_answer':
        state.answer = { text: action.answer, draftedBy: actor, draftedAt: at };
        break;
      case 'sign':
        if (state.answer && action.approved) state.answer = { ...state.answer, signedBy: actor, signedAt: at };
        break;
      case 'deliver':
        state.answer = {
          ...state.answer,
          text: action.answer ?? state.answer?.text ?? '',
          deliveredAt: at,
          deliveredBy: actor,
          channel: action.channel,
          receipt: action.receipt,
        };
        state.status = 'dijawab';
        break;
      case 'register':
      case 'verify':
      case 'review':
      case 'clarify':
      case 'coordinate':
      case 'forward':
      case 'archive':
        break;
    }
    const record: ActionRecord = {
      requestId: request.requestId,
      stepKey: step.key,
      kind: action.kind,
      outcome,
      actor,
      at,
      input: action,
      via,
    };
    state.actions.push(record);
    state.currentSteps = state.currentSteps.filter((candidate) => candidate !== active);
    state.completedSteps.push({
      key: step.key,
      title: step.title,
      action: step.action,
      startedAt: active.startedAt,
      dueAt: active.dueAt,
      completedAt: at,
      breached: active.breached,
      outcome,
      by: { userId: actor.userId, name: actor.name, role: actor.role },
    });
    emit('action', { kind: action.kind, outcome, input: action, requestId: request.requestId, via }, step.key, actor);
    completion = record;
  }

  setHandler(
    actUpdate,
    async (request) => {
      const epoch = settledEpoch;
      const { active, step } = validateAction(sop, state, request, processedRequestIds);
      applyAction(request, active, step, 'update');
      return settled(epoch);
    },
    { validator: (request) => void validateAction(sop, state, request, processedRequestIds) },
  );

  // The same action as a fire-and-forget Signal: refused ones are logged, not applied.
  setHandler(actSignal, (request) => {
    try {
      const { active, step } = validateAction(sop, state, request, processedRequestIds);
      applyAction(request, active, step, 'signal');
    } catch (error) {
      log.warn('Refused action signal', { requestId: request?.requestId, error: String(error) });
    }
  });

  function validateNote(raw: unknown): NoteRequest {
    const request = parseOrRefuse<NoteRequest>(noteRequestSchema, raw);
    assertOpenForStaff(state);
    assertSameOffice(sop, request.actor);
    if (request.actor.role === 'pemohon') throw refuse('FORBIDDEN', 'Catatan internal hanya untuk petugas.');
    return request;
  }
  setHandler(
    addNoteUpdate,
    async (raw) => {
      const request = validateNote(raw);
      state.notes.push({ requestId: request.requestId, actor: request.actor, text: request.text, at: nowIso() });
      emit('note', { text: request.text, requestId: request.requestId }, undefined, request.actor);
      return projected();
    },
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
    async (raw) => {
      const { request, active } = validateReassign(raw);
      active.assignee = { userId: request.assigneeUserId, name: request.assigneeName };
      emit(
        'reassigned',
        { assigneeUserId: request.assigneeUserId, assigneeName: request.assigneeName, reason: request.reason },
        active.key,
        request.actor,
      );
      return projected();
    },
    { validator: (raw) => void validateReassign(raw) },
  );

  function validateSupplement(raw: unknown): SupplementRequest {
    const request = parseOrRefuse<SupplementRequest>(supplementRequestSchema, raw);
    if (isClosed(state)) throw refuse('INVALID_TRANSITION', 'Aduan sudah ditutup.');
    return request;
  }
  setHandler(
    supplyInformationUpdate,
    async (raw) => {
      const epoch = settledEpoch;
      const request = validateSupplement(raw);
      state.supplements.push({
        requestId: request.requestId,
        content: request.content,
        attachments: request.attachments,
        at: nowIso(),
      });
      emit('supplement', { content: request.content, attachments: request.attachments, requestId: request.requestId });
      if (state.status === 'tunda') {
        interrupt = { kind: 'supplied' };
        return settled(epoch);
      }
      return projected();
    },
    { validator: (raw) => void validateSupplement(raw) },
  );

  function validateWithdraw(raw: unknown): WithdrawRequest {
    const request = parseOrRefuse<WithdrawRequest>(withdrawRequestSchema, raw);
    if (isClosed(state) || state.status === 'dijawab') {
      throw refuse('INVALID_TRANSITION', 'Aduan yang sudah dijawab atau ditutup tidak dapat dicabut.');
    }
    return request;
  }
  setHandler(
    withdrawUpdate,
    async (raw) => {
      const epoch = settledEpoch;
      const request = validateWithdraw(raw);
      emit('withdrawn', { reason: request.reason, requestId: request.requestId });
      interrupt = { kind: 'withdrawn' };
      state.closeReason = request.reason;
      return settled(epoch);
    },
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
    async (raw) => {
      const request = validateRate(raw);
      state.rating = { score: request.score, comment: request.comment, at: nowIso() };
      emit('rated', { score: request.score, comment: request.comment, requestId: request.requestId });
      return projected();
    },
    { validator: (raw) => void validateRate(raw) },
  );

  function validateReopen(raw: unknown): ReopenRequest {
    const request = parseOrRefuse<ReopenRequest>(reopenRequestSchema, raw);
    assertAnswerWindowOpen();
    return request;
  }
  setHandler(
    reopenUpdate,
    async (raw) => {
      const epoch = settledEpoch;
      const request = validateReopen(raw);
      emit('reopened', { reason: request.reason, requestId: request.requestId });
      interrupt = { kind: 'reopened' };
      return settled(epoch);
    },
    { validator: (raw) => void validateReopen(raw) },
  );

  setHandler(getStateQuery, () => state);
  setHandler(getPendingActionsQuery, (): PendingAction[] =>
    state.status === 'diterima' || state.status === 'dijawab'
      ? state.currentSteps.map((step) => ({
          stepKey: step.key,
          title: step.title,
          action: step.action,
          allowedRoles: step.actorRoles,
          officeCode: state.officeCode,
          dueAt: step.dueAt,
          overdue: step.dueAt !== undefined && Date.now() > Date.parse(step.dueAt),
          assignee: step.assignee,
        }))
      : [],
  );

  // --- Projection pump: mirrors events into the read model, in order, one batch at a time. ---------

  const summary = {
    subject: submission.subject,
    contentExcerpt: submission.content.slice(0, 500),
    complainantName: submission.complainant.anonymous ? undefined : submission.complainant.name,
    anonymous: submission.complainant.anonymous,
    trackingCodeHash: input.trackingCodeHash,
  };
  async function runProjectionPump(): Promise<void> {
    for (;;) {
      await condition(() => events.length > projectedEvents || finished);
      if (events.length === projectedEvents) return;
      const batch = events.slice(projectedEvents);
      await activities.projectComplaint({ workflowId, state, summary, events: batch });
      projectedEvents += batch.length;
    }
  }
  const projectionPump = runProjectionPump();

  // --- Main loop. ---------------------------------------------------------------------------------

  async function deadlineFrom(startAt: string, bakuMutu: BakuMutu, reminderFraction: number) {
    return activities.computeDeadline({
      startAt,
      bakuMutu,
      office: { timeZone: sop.office.timeZone, officeHours: sop.office.officeHours, closures: sop.office.closures },
      reminderFraction,
    });
  }

  function notifyRoles(kind: 'reminder' | 'escalation', step: SopStep, active: ActiveStep, run: number): Promise<void> {
    const roles = kind === 'reminder' ? step.actorRoles : step.escalationRoles;
    const message =
      kind === 'reminder'
        ? `Pengingat: langkah "${step.title}" aduan ${state.registerNumber} jatuh tempo pada ${active.dueAt}.`
        : `Eskalasi: langkah "${step.title}" aduan ${state.registerNumber} melewati baku mutu ` +
          `${bakuMutuLabel(step.bakuMutu)} (jatuh tempo ${active.dueAt}).`;
    return activities.notify({
      dedupeKey: `${workflowId}/${run}/${step.key}/${kind}`,
      kind,
      complaintId: state.complaintId,
      registerNumber: state.registerNumber,
      officeCode: state.officeCode,
      recipientRoles: roles,
      stepKey: step.key,
      message,
    });
  }

  function notifyComplainant(kind: 'acknowledgment' | 'tunda' | 'answer' | 'closed', message: string): Promise<void> {
    return activities.notify({
      dedupeKey: `${workflowId}/${events.length}/${kind}`,
      kind,
      complaintId: state.complaintId,
      registerNumber: state.registerNumber,
      officeCode: state.officeCode,
      recipientRoles: ['pemohon'],
      message,
    });
  }

  const stepDone = (): boolean => completion !== undefined || interrupt !== undefined;

  /** Runs one human step: start, deadline, reminder, breach/escalation, timeout rule. */
  async function runStep(step: SopStep): Promise<StepResult> {
    stepRuns += 1;
    const run = stepRuns;
    const active: ActiveStep = {
      key: step.key,
      title: step.title,
      action: step.action,
      actorRoles: step.actorRoles,
      bakuMutu: step.bakuMutu,
      startedAt: nowIso(),
      breached: false,
    };
    state.currentSteps = [active];
    const deadline = await deadlineFrom(active.startedAt, step.bakuMutu, sop.policies.reminderFraction);
    active.dueAt = deadline.dueAt;
    active.reminderAt = deadline.reminderAt;
    emit(
      'step_started',
      {
        title: step.title,
        actorRoles: step.actorRoles,
        bakuMutu: step.bakuMutu,
        dueAt: deadline.dueAt,
        reminderAt: deadline.reminderAt,
        workingMinutes: deadline.workingMinutes,
      },
      step.key,
    );
    markSettled();

    const waited = await awaitWithinBakuMutu(stepDone, deadline, {
      onReminder: async () => {
        emit('reminder', { dueAt: active.dueAt }, step.key);
        await notifyRoles('reminder', step, active, run);
      },
      onBreach: async () => {
        active.breached = true;
        state.breaches.push({
          stepKey: step.key,
          dueAt: deadline.dueAt,
          detectedAt: nowIso(),
          escalatedTo: step.escalationRoles,
        });
        emit(
          'breach',
          { dueAt: deadline.dueAt, escalatedTo: step.escalationRoles, onTimeout: step.onTimeout },
          step.key,
        );
        syncSearchAttributes();
        await notifyRoles('escalation', step, active, run);
        return step.onTimeout.kind === 'transition' ? 'stop' : 'keep_waiting';
      },
    });
    if (waited === 'stopped' && step.onTimeout.kind === 'transition') {
      state.currentSteps = [];
      state.completedSteps.push({
        key: step.key,
        title: step.title,
        action: step.action,
        startedAt: active.startedAt,
        dueAt: active.dueAt,
        completedAt: nowIso(),
        breached: true,
        outcome: 'timeout',
      });
      return { kind: 'timeout_transition', to: step.onTimeout.to };
    }
    if (interrupt) {
      const happened = interrupt;
      interrupt = undefined;
      return { kind: 'interrupted', interrupt: happened };
    }
    const record = completion as ActionRecord;
    completion = undefined;
    return { kind: 'completed', record };
  }

  function close(status: ComplaintStatus, reason: string): void {
    state.status = status;
    state.currentSteps = [];
    state.closedAt = nowIso();
    state.closeReason = state.closeReason ?? reason;
    emit('closed', { status, reason: state.closeReason });
  }

  /** Tunda: the SLA clock stops; the complainant has `tundaLimit` to supply what is missing. */
  async function waitInTunda(stepKey: string, reason: string): Promise<'resumed' | 'withdrawn' | 'expired'> {
    state.status = 'tunda';
    state.currentSteps = [];
    const limit = await deadlineFrom(nowIso(), sop.policies.tundaLimit, 0);
    state.tunda = { since: nowIso(), reason, stepKey, limitAt: limit.dueAt };
    emit('tunda', { reason, limitAt: limit.dueAt }, stepKey);
    markSettled();
    await notifyComplainant(
      'tunda',
      `Aduan ${state.registerNumber} ditunda: ${reason}. Mohon lengkapi sebelum ${limit.dueAt}.`,
    );
    const answered = await condition(() => interrupt !== undefined, Math.max(0, Date.parse(limit.dueAt) - Date.now()));
    const happened = interrupt;
    interrupt = undefined;
    state.tunda = undefined;
    if (!answered) return 'expired';
    if (happened?.kind === 'withdrawn') return 'withdrawn';
    state.status = 'diterima';
    emit('resumed', { after: 'supplement' }, stepKey);
    return 'resumed';
  }

  const registration = await activities.assignRegisterNumber({
    complaintId: state.complaintId,
    office: {
      code: sop.office.code,
      timeZone: sop.office.timeZone,
      registerNumberFormat: sop.office.registerNumberFormat,
    },
    submittedAt: state.submittedAt,
  });
  state.registerNumber = registration.registerNumber;
  emit('submitted', {
    channel: submission.channel,
    subject: submission.subject,
    sopId: sop.id,
    sopVersion: sop.version,
    submittedBy: input.submittedBy,
  });
  emit('registered', { registerNumber: registration.registerNumber, sequence: registration.sequence });
  syncSearchAttributes();
  await notifyComplainant(
    'acknowledgment',
    `Aduan Anda telah diterima dengan nomor register ${registration.registerNumber}. Simpan kode pelacakan Anda.`,
  );

  let currentKey = sop.startStep;
  for (;;) {
    const step = findStep(sop, currentKey);
    if (!step) throw refuse('INVALID_SOP', `Langkah "${currentKey}" tidak ada dalam SOP ${sop.id}.`);
    const result = await runStep(step);

    if (result.kind === 'interrupted') {
      if (result.interrupt.kind === 'withdrawn') {
        close('dicabut', 'Dicabut oleh pelapor');
        break;
      }
      if (result.interrupt.kind === 'reopened') {
        currentKey = reopen();
        continue;
      }
      // A supplement outside tunda does not end a step; the handler never interrupts for it.
      continue;
    }
    if (result.kind === 'timeout_transition') {
      currentKey = result.to;
      continue;
    }

    const { record } = result;
    if (record.input.kind === 'verify' && record.outcome !== 'accepted') {
      const reason = record.input.reason ?? '';
      if (record.outcome === 'rejected') {
        close('ditolak', reason);
        await notifyComplainant('closed', `Aduan ${state.registerNumber} tidak dapat diproses: ${reason}.`);
        break;
      }
      if (record.outcome === 'bukan_wewenang') {
        close('dialihkan', `Bukan wewenang; diteruskan ke ${record.input.forwardTo}: ${reason}`);
        await notifyComplainant(
          'closed',
          `Aduan ${state.registerNumber} bukan wewenang kantor ini dan diteruskan ke ${record.input.forwardTo}.`,
        );
        break;
      }
      const afterTunda = await waitInTunda(step.key, reason);
      if (afterTunda === 'expired') {
        close('tidak_lengkap', 'Pelapor tidak melengkapi aduan dalam batas waktu tunda');
        break;
      }
      if (afterTunda === 'withdrawn') {
        close('dicabut', 'Dicabut oleh pelapor');
        break;
      }
      continue; // the same step again, with a fresh baku mutu
    }
    if (record.input.kind === 'deliver') {
      const window = await deadlineFrom(nowIso(), sop.policies.reopenWindow, 0);
      state.reopenUntil = window.dueAt;
      emit(
        'answer_delivered',
        { channel: record.input.channel, receipt: record.input.receipt, reopenUntil: window.dueAt },
        step.key,
      );
      await notifyComplainant('answer', `Jawaban atas aduan ${state.registerNumber} telah disampaikan.`);
    }
    if (record.input.kind === 'archive') {
      const archive = await activities.archiveComplaint({
        complaintId: state.complaintId,
        workflowId,
        state,
        archivedBy: { userId: record.actor.userId, name: record.actor.name, role: record.actor.role },
        archiveRef: record.input.archiveRef,
      });
      emit('archived', { archiveRef: archive.archiveRef, digest: archive.digest }, step.key, record.actor);
    }

    const next = nextStepKey(step, record.outcome);
    if (!isEnd(next)) {
      currentKey = next;
      continue;
    }
    // END of the SOP. After a delivered answer the complainant may still rate or reopen it.
    state.currentSteps = [];
    if (state.status === 'dijawab' && state.reopenUntil) {
      markSettled();
      const reopened = await condition(
        () => interrupt?.kind === 'reopened',
        Math.max(0, Date.parse(state.reopenUntil) - Date.now()),
      );
      if (reopened) {
        interrupt = undefined;
        currentKey = reopen();
        continue;
      }
    }
    close('selesai', 'Selesai ditangani sesuai SOP');
    break;
  }

  function reopen(): string {
    state.reopenedCount += 1;
    state.status = 'diterima';
    state.answer = undefined;
    state.reopenUntil = undefined;
    state.rating = undefined;
    state.currentSteps = [];
    return sop.policies.reopenStep;
  }

  syncSearchAttributes();
  finished = true;
  settledEpoch += 1;
  await projectionPump;
  await archiveOnClose();
  await condition(allHandlersFinished);
  return {
    complaintId: state.complaintId,
    registerNumber: state.registerNumber,
    status: state.status,
    closedAt: state.closedAt,
  };
}
