/**
 * The complaint's state and its transitions, free of Temporal APIs: the workflow's handlers and
 * main loop change a complaint only through this class, and the class changes the state only by
 * emitting a domain event and applying it with the domain fold (libs/domain/src/complaint-fold.ts),
 * so the state is the fold of the events. The clock is passed in (the workflow's replay-safe `Date`),
 * so the class stays deterministic.
 */
import {
  eventWithDeadline,
  type ComplaintEvent,
  type ComplaintEventType,
} from '../../libs/domain/src/complaint-events';
import { applyComplaintEvent, initialComplaintState } from '../../libs/domain/src/complaint-fold';
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
  /**
   * Events the projection completes (v6: a step's start or a delivered answer, with its deadline;
   * v7: the registration, with its number), in seq order. Until they come back no other event may
   * be emitted: their seqs are taken, and handlers wait for them.
   */
  private readonly drafts: ComplaintEvent[] = [];
  /** Events of earlier runs (continue-as-new): seqs go on from there. */
  private readonly earlierEvents: number = 0;

  /**
   * `everyEvent` (shape v4): every transition is a recorded event. Complaints of earlier shapes
   * apply the transitions that had no event then without recording them, so the seqs of a running
   * complaint stay as they were.
   */
  constructor(
    input: ComplaintWorkflowInput,
    private readonly now: () => string,
    private readonly everyEvent = true,
  ) {
    const { continued } = input;
    if (continued) {
      this.state = continued.state;
      this.earlierEvents = continued.nextEventSeq - 1;
      this.stepRuns = continued.stepRuns;
      for (const requestId of continued.processedRequestIds) this.processedRequestIds.add(requestId);
      return;
    }
    this.state = initialComplaintState(input, now());
  }

  /** Emits a domain event and applies it to the state. */
  emit(type: ComplaintEventType, data: Record<string, unknown>, stepKey?: string, actor?: Actor): void {
    this.emitEvent(this.eventOf(type, data, stepKey, actor));
  }

  private emitEvent(event: ComplaintEvent): void {
    const [draft] = this.drafts;
    if (draft) throw new Error(`A ${event.type} event was emitted while ${draft.type} awaited the projection.`);
    this.append(event);
  }

  private append(event: ComplaintEvent): void {
    this.events.push(event);
    applyComplaintEvent(this.state, event);
  }

  /** A transition earlier shapes made without an event: applied, recorded only in shape v4. */
  private emitSinceV4(type: ComplaintEventType, data: Record<string, unknown>, stepKey?: string): void {
    if (this.everyEvent) this.emit(type, data, stepKey);
    else applyComplaintEvent(this.state, this.eventOf(type, data, stepKey));
  }

  private eventOf(
    type: ComplaintEventType,
    data: Record<string, unknown>,
    stepKey?: string,
    actor?: Actor,
  ): ComplaintEvent {
    return {
      seq: this.nextEventSeq,
      type,
      at: this.now(),
      stepKey,
      actor: actor ? { userId: actor.userId, name: actor.name, role: actor.role } : undefined,
      data,
    };
  }

  /** The seq the next domain event gets. */
  get nextEventSeq(): number {
    return this.earlierEvents + this.events.length + this.drafts.length + 1;
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

  applyAction(request: ActionRequest, step: SopStep, via: 'update' | 'signal'): void {
    const { action, actor } = request;
    const outcome = outcomeOf(action);
    this.processedRequestIds.add(request.requestId);
    // The full actor (with the office) is in data: the state keeps it, the event's own actor is shorter.
    this.emit(
      'action',
      { kind: action.kind, outcome, input: action, requestId: request.requestId, via, actor },
      step.key,
      actor,
    );
    this.completion = this.state.actions.at(-1);
  }

  addNote(request: NoteRequest): void {
    this.emit(
      'note',
      { text: request.text, requestId: request.requestId, actor: request.actor },
      undefined,
      request.actor,
    );
  }

  reassign(request: ReassignRequest, active: ActiveStep): void {
    this.emit(
      'reassigned',
      { assigneeUserId: request.assigneeUserId, assigneeName: request.assigneeName, reason: request.reason },
      active.key,
      request.actor,
    );
  }

  /** Keeps the complainant's supplement; in tunda it also ends the wait. Returns whether it did. */
  supplement(request: SupplementRequest): boolean {
    this.emit('supplement', {
      content: request.content,
      attachments: request.attachments,
      requestId: request.requestId,
    });
    return this.state.status === 'tunda' && this.interruptWith({ kind: 'supplied' });
  }

  withdraw(request: { requestId: string; reason: string }): void {
    this.interruptWith({ kind: 'withdrawn' });
    this.emit('withdrawn', { reason: request.reason, requestId: request.requestId });
  }

  rate(request: { requestId: string; score: number; comment?: string }): void {
    this.emit('rated', { score: request.score, comment: request.comment, requestId: request.requestId });
  }

  /** The reopen applies at once (the event's fold); the main loop goes back to the reopen step. */
  requestReopen(request: { requestId: string; reason: string }): void {
    this.interruptWith({ kind: 'reopened' });
    this.emit('reopened', { reason: request.reason, requestId: request.requestId });
  }

  // --- Steps ---------------------------------------------------------------------------------------

  /** Facts of a step start; the step opens once its deadline is known (`stepDeadlineKnown`). */
  startStep(step: SopStep): { startedAt: string; run: number } {
    this.stepRuns += 1;
    const startedAt = this.now();
    // Earlier shapes showed the step (without its deadline) while the deadline was being computed.
    if (!this.everyEvent)
      applyComplaintEvent(this.state, this.eventOf('step_started', this.stepFacts(step, startedAt), step.key));
    return { startedAt, run: this.stepRuns };
  }

  private stepFacts(step: SopStep, startedAt: string): Record<string, unknown> {
    return {
      title: step.title,
      action: step.action,
      actorRoles: step.actorRoles,
      bakuMutu: step.bakuMutu,
      startedAt,
    };
  }

  /** The step opens with its deadline; returns the open step. */
  stepDeadlineKnown(step: SopStep, startedAt: string, deadline: StepDeadlineFacts): ActiveStep {
    this.emitEvent(
      eventWithDeadline(this.eventOf('step_started', this.stepFacts(step, startedAt), step.key), deadline),
    );
    return this.state.currentSteps.find((candidate) => candidate.key === step.key) as ActiveStep;
  }

  /** Whether events await their completion by the projection (v6, v7): event-emitting handlers wait until they are back. */
  get awaitingProjection(): boolean {
    return this.drafts.length > 0;
  }

  /** v7: the `registered` event of a complaint numbered at submission, without its number. */
  registeredDraft(): ComplaintEvent {
    return this.drafted(this.eventOf('registered', {}));
  }

  /** v6: the step's `step_started` event without its deadline; its instant is the step's start. */
  stepStartDraft(step: SopStep, startedAt: string): ComplaintEvent {
    return this.drafted({ ...this.eventOf('step_started', this.stepFacts(step, startedAt), step.key), at: startedAt });
  }

  /** v6: the `answer_delivered` event without its reopen window. */
  answerDeliveredDraft(stepKey: string, delivery: { channel: string; receipt?: string }): ComplaintEvent {
    return this.drafted(this.answerDeliveredEvent(stepKey, delivery));
  }

  private answerDeliveredEvent(stepKey: string, delivery: { channel: string; receipt?: string }): ComplaintEvent {
    return this.eventOf('answer_delivered', { channel: delivery.channel, receipt: delivery.receipt }, stepKey);
  }

  private drafted(event: ComplaintEvent): ComplaintEvent {
    this.drafts.push(event);
    return event;
  }

  /** The projection completed the oldest draft; the event joins the events and the state. */
  draftCompleted(event: ComplaintEvent): void {
    const [draft] = this.drafts;
    const completed = `The projection completed ${event.type} ${event.seq}`;
    if (!draft) throw new Error(`${completed}, but no event awaited the projection.`);
    if (event.type !== draft.type || event.seq !== draft.seq || event.stepKey !== draft.stepKey) {
      throw new Error(`${completed}, not ${draft.type} ${draft.seq}.`);
    }
    this.drafts.shift();
    this.append(event);
  }

  /** The projection could not complete the drafts; their events are emitted the earlier way, in order. */
  draftsFailed(): void {
    this.drafts.length = 0;
  }

  reminderDue(step: SopStep, active: ActiveStep): void {
    this.emit('reminder', { dueAt: active.dueAt }, step.key);
  }

  breached(step: SopStep, dueAt: string): void {
    this.emit('breach', { dueAt, escalatedTo: step.escalationRoles, onTimeout: step.onTimeout }, step.key);
  }

  /** The step's baku mutu passed and the SOP moves on to `to` without its action. */
  timedOut(step: SopStep, active: ActiveStep, to: string): void {
    this.emitSinceV4('step_timed_out', { dueAt: active.dueAt, to }, step.key);
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

  submitted(input: ComplaintWorkflowInput): void {
    const { sop, submission } = input;
    const { state } = this;
    this.emit('submitted', {
      channel: submission.channel,
      subject: submission.subject,
      sopId: sop.id,
      sopVersion: sop.version,
      submittedBy: input.submittedBy,
      complaintId: state.complaintId,
      officeCode: state.officeCode,
      submittedAt: state.submittedAt,
      confidential: state.confidential,
    });
  }

  /** The register number: at submission, or when the SOP's `registerNumberAt` step completes. */
  registered(registration: { registerNumber: string; sequence: number }): void {
    this.emit('registered', { registerNumber: registration.registerNumber, sequence: registration.sequence });
  }

  /** Tunda: the SLA clock stops; `limitAt` is when the complainant's time to supply runs out. */
  enterTunda(stepKey: string, reason: string, limitAt: string): void {
    this.emit('tunda', { reason, limitAt }, stepKey);
  }

  /**
   * Earlier shapes held the complaint (status tunda, no current step) before the tunda limit was
   * computed; in v4 the tunda event does it all.
   */
  holdForComplainant(stepKey: string, reason: string): void {
    if (!this.everyEvent) applyComplaintEvent(this.state, this.eventOf('tunda', { reason }, stepKey));
  }

  /** The tunda wait ended: supplied (the step starts again), withdrawn, or expired (both then close). */
  leaveTunda(stepKey: string, answered: boolean): 'resumed' | 'withdrawn' | 'expired' {
    const happened = this.takeInterrupt();
    if (!answered) return 'expired';
    if (happened?.kind === 'withdrawn') return 'withdrawn';
    this.emit('resumed', { after: 'supplement' }, stepKey);
    return 'resumed';
  }

  /** The answer is delivered; the complainant may rate or reopen it until the window's due time. */
  answerDelivered(stepKey: string, delivery: { channel: string; receipt?: string }, window: StepDeadlineFacts): void {
    this.emitEvent(eventWithDeadline(this.answerDeliveredEvent(stepKey, delivery), window));
  }

  archived(stepKey: string, archive: { archiveRef: string; digest: string }, actor: Actor): void {
    this.emit('archived', { archiveRef: archive.archiveRef, digest: archive.digest }, stepKey, actor);
  }

  /** The single way a complaint ends; the archive-on-close hook belongs right after it. */
  close(status: ComplaintStatus, reason: string): void {
    this.emit('closed', { status, reason: this.state.closeReason ?? reason });
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
