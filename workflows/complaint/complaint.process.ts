/**
 * The complaint's state and its transitions, free of Temporal APIs: the workflow's handlers and
 * main loop change a complaint only through this class, and every change emits its domain event.
 * The clock is passed in (the workflow's replay-safe `Date`), so the class stays deterministic.
 */
import type { ComplaintEvent, ComplaintEventType } from '../../libs/domain/src/complaint-events';
import type {
  ActionRecord,
  ActionRequest,
  ActiveStep,
  Actor,
  ComplaintState,
  ComplaintStatus,
  NoteRequest,
  PendingAction,
  ReassignRequest,
  SupplementRequest,
} from '../../libs/domain/src/complaint';
import type { SopStep } from '../../libs/domain/src/sop';
import type { ComplaintWorkflowInput } from './complaint.messages';
import { outcomeOf } from './complaint.rules';

/** Why the wait for a step ended without the step's action. */
export type Interrupt = { kind: 'withdrawn' } | { kind: 'reopened' } | { kind: 'supplied' };

export type StepResult =
  | { kind: 'completed'; record: ActionRecord }
  | { kind: 'timeout_transition'; to: string }
  | { kind: 'interrupted'; interrupt: Interrupt };

export interface StepDeadlineFacts {
  dueAt: string;
  reminderAt?: string;
  workingMinutes: number;
}

export class ComplaintProcess {
  readonly state: ComplaintState;
  readonly events: ComplaintEvent[] = [];
  /** Request ids already applied, so a retried action is refused instead of applied twice. */
  readonly processedRequestIds = new Set<string>();
  private completion: ActionRecord | undefined;
  private interrupt: Interrupt | undefined;
  /** Counts step starts, so a revisited step (revision loop, reopen) gets fresh notification keys. */
  stepRuns = 0;
  /** Events of earlier runs (continue-as-new): seqs go on from there. */
  private readonly earlierEvents: number = 0;

  constructor(
    input: ComplaintWorkflowInput,
    private readonly now: () => string,
  ) {
    const { sop, submission, continued } = input;
    if (continued) {
      this.state = continued.state;
      this.earlierEvents = continued.nextEventSeq - 1;
      this.stepRuns = continued.stepRuns;
      for (const requestId of continued.processedRequestIds) this.processedRequestIds.add(requestId);
      return;
    }
    this.state = {
      complaintId: input.complaintId,
      officeCode: sop.office.code,
      sopId: sop.id,
      sopVersion: sop.version,
      channel: submission.channel,
      status: 'diterima',
      submittedAt: now(),
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
  }

  emit(type: ComplaintEventType, data: Record<string, unknown>, stepKey?: string, actor?: Actor): void {
    this.events.push({
      seq: this.nextEventSeq,
      type,
      at: this.now(),
      stepKey,
      actor: actor ? { userId: actor.userId, name: actor.name, role: actor.role } : undefined,
      data,
    });
  }

  /** The seq the next domain event gets. */
  get nextEventSeq(): number {
    return this.earlierEvents + this.events.length + 1;
  }

  // --- Interrupts: the first one wins; validators refuse while one is pending. ---------------------

  get interruptPending(): boolean {
    return this.interrupt !== undefined;
  }

  /** Records why the current wait ends; false (and nothing changes) when another interrupt came first. */
  interruptWith(interrupt: Interrupt): boolean {
    if (this.interrupt) return false;
    this.interrupt = interrupt;
    return true;
  }

  takeInterrupt(): Interrupt | undefined {
    const happened = this.interrupt;
    this.interrupt = undefined;
    return happened;
  }

  /** The current step's wait is over: its action arrived, or an interrupt. */
  stepDone(): boolean {
    return this.completion !== undefined || this.interrupt !== undefined;
  }

  // --- Human actions -------------------------------------------------------------------------------

  applyAction(request: ActionRequest, active: ActiveStep, step: SopStep, via: 'update' | 'signal'): void {
    const { state } = this;
    const at = this.now();
    const { action, actor } = request;
    const outcome = outcomeOf(action);
    this.processedRequestIds.add(request.requestId);
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
    this.emit(
      'action',
      { kind: action.kind, outcome, input: action, requestId: request.requestId, via },
      step.key,
      actor,
    );
    this.completion = record;
  }

  addNote(request: NoteRequest): void {
    this.state.notes.push({ requestId: request.requestId, actor: request.actor, text: request.text, at: this.now() });
    this.emit('note', { text: request.text, requestId: request.requestId }, undefined, request.actor);
  }

  reassign(request: ReassignRequest, active: ActiveStep): void {
    active.assignee = { userId: request.assigneeUserId, name: request.assigneeName };
    this.emit(
      'reassigned',
      { assigneeUserId: request.assigneeUserId, assigneeName: request.assigneeName, reason: request.reason },
      active.key,
      request.actor,
    );
  }

  /** Keeps the complainant's supplement; in tunda it also ends the wait. Returns whether it did. */
  supplement(request: SupplementRequest): boolean {
    this.state.supplements.push({
      requestId: request.requestId,
      content: request.content,
      attachments: request.attachments,
      at: this.now(),
    });
    this.emit('supplement', {
      content: request.content,
      attachments: request.attachments,
      requestId: request.requestId,
    });
    return this.state.status === 'tunda' && this.interruptWith({ kind: 'supplied' });
  }

  withdraw(request: { requestId: string; reason: string }): void {
    this.emit('withdrawn', { reason: request.reason, requestId: request.requestId });
    this.interruptWith({ kind: 'withdrawn' });
    this.state.closeReason = request.reason;
  }

  rate(request: { requestId: string; score: number; comment?: string }): void {
    this.state.rating = { score: request.score, comment: request.comment, at: this.now() };
    this.emit('rated', { score: request.score, comment: request.comment, requestId: request.requestId });
  }

  requestReopen(request: { requestId: string; reason: string }): void {
    this.emit('reopened', { reason: request.reason, requestId: request.requestId });
    this.interruptWith({ kind: 'reopened' });
  }

  // --- Steps ---------------------------------------------------------------------------------------

  /** Opens a step; its deadline follows from the deadline activity. Returns the step's run number. */
  startStep(step: SopStep): { active: ActiveStep; run: number } {
    this.stepRuns += 1;
    const active: ActiveStep = {
      key: step.key,
      title: step.title,
      action: step.action,
      actorRoles: step.actorRoles,
      bakuMutu: step.bakuMutu,
      startedAt: this.now(),
      breached: false,
    };
    this.state.currentSteps = [active];
    return { active, run: this.stepRuns };
  }

  stepDeadlineKnown(step: SopStep, active: ActiveStep, deadline: StepDeadlineFacts): void {
    active.dueAt = deadline.dueAt;
    active.reminderAt = deadline.reminderAt;
    this.emit(
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
  }

  reminderDue(step: SopStep, active: ActiveStep): void {
    this.emit('reminder', { dueAt: active.dueAt }, step.key);
  }

  breached(step: SopStep, active: ActiveStep, dueAt: string): void {
    active.breached = true;
    this.state.breaches.push({ stepKey: step.key, dueAt, detectedAt: this.now(), escalatedTo: step.escalationRoles });
    this.emit('breach', { dueAt, escalatedTo: step.escalationRoles, onTimeout: step.onTimeout }, step.key);
  }

  /** The step's baku mutu passed and the SOP moves on without its action. */
  timedOut(step: SopStep, active: ActiveStep): void {
    this.state.currentSteps = [];
    this.state.completedSteps.push({
      key: step.key,
      title: step.title,
      action: step.action,
      startedAt: active.startedAt,
      dueAt: active.dueAt,
      completedAt: this.now(),
      breached: true,
      outcome: 'timeout',
    });
  }

  /** How the wait for the current step ended (its action, or an interrupt), clearing the slot. */
  takeStepResult(): StepResult {
    const interrupt = this.takeInterrupt();
    if (interrupt) return { kind: 'interrupted', interrupt };
    const record = this.completion as ActionRecord;
    this.completion = undefined;
    return { kind: 'completed', record };
  }

  // --- Life cycle ----------------------------------------------------------------------------------

  registered(registration: { registerNumber: string; sequence: number }, input: ComplaintWorkflowInput): void {
    const { sop, submission } = input;
    this.state.registerNumber = registration.registerNumber;
    this.emit('submitted', {
      channel: submission.channel,
      subject: submission.subject,
      sopId: sop.id,
      sopVersion: sop.version,
      submittedBy: input.submittedBy,
    });
    this.emit('registered', { registerNumber: registration.registerNumber, sequence: registration.sequence });
  }

  enterTunda(stepKey: string, reason: string, since: string, limitAt: string): void {
    this.state.tunda = { since, reason, stepKey, limitAt };
    this.emit('tunda', { reason, limitAt }, stepKey);
  }

  /** Tunda: the clock stops before the tunda limit is computed. */
  holdForComplainant(): void {
    this.state.status = 'tunda';
    this.state.currentSteps = [];
  }

  /** The tunda wait ended: supplied (the step starts again), withdrawn, or expired. */
  leaveTunda(stepKey: string, answered: boolean): 'resumed' | 'withdrawn' | 'expired' {
    const happened = this.takeInterrupt();
    this.state.tunda = undefined;
    if (!answered) return 'expired';
    if (happened?.kind === 'withdrawn') return 'withdrawn';
    this.state.status = 'diterima';
    this.emit('resumed', { after: 'supplement' }, stepKey);
    return 'resumed';
  }

  answerDelivered(stepKey: string, delivery: { channel: string; receipt?: string }, reopenUntil: string): void {
    this.state.reopenUntil = reopenUntil;
    this.emit('answer_delivered', { channel: delivery.channel, receipt: delivery.receipt, reopenUntil }, stepKey);
  }

  archived(stepKey: string, archive: { archiveRef: string; digest: string }, actor: Actor): void {
    this.emit('archived', { archiveRef: archive.archiveRef, digest: archive.digest }, stepKey, actor);
  }

  /** Back to the SOP's reopen step: the answer is void, a new one is due. */
  reopen(reopenStep: string): string {
    const { state } = this;
    state.reopenedCount += 1;
    state.status = 'diterima';
    state.answer = undefined;
    state.reopenUntil = undefined;
    state.rating = undefined;
    state.currentSteps = [];
    return reopenStep;
  }

  /** The single way a complaint ends; the archive-on-close hook belongs right after it. */
  close(status: ComplaintStatus, reason: string): void {
    const { state } = this;
    state.status = status;
    state.currentSteps = [];
    state.closedAt = this.now();
    state.closeReason = state.closeReason ?? reason;
    this.emit('closed', { status, reason: state.closeReason });
  }

  /** What staff may do now (a query: the wall clock is fine here). */
  pendingActions(nowMillis: number): PendingAction[] {
    const { state } = this;
    if (state.status !== 'diterima' && state.status !== 'dijawab') return [];
    return state.currentSteps.map((step) => ({
      stepKey: step.key,
      title: step.title,
      action: step.action,
      allowedRoles: step.actorRoles,
      officeCode: state.officeCode,
      dueAt: step.dueAt,
      overdue: step.dueAt !== undefined && nowMillis > Date.parse(step.dueAt),
      assignee: step.assignee,
    }));
  }
}
