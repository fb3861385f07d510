/**
 * The complaint workflow: one run per complaint, interpreting the SOP snapshot in its input.
 *
 * Human steps arrive as validated Updates (or the same payload as a Signal), registered in
 * `complaint.handlers.ts`; the state and its transitions live in `complaint.process.ts`. This main
 * loop starts each step, has an activity compute its deadline from the office's business calendar (so
 * replay never depends on today's calendar; since v6 the projection that records the step's start),
 * then waits for the action against that deadline: a reminder before it, a breach with escalation
 * after it, and the SOP's timeout rule. A projection pump mirrors every domain event into the read model.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities/contracts';
import type {
  AssignRegisterNumberInput,
  ComputeDeadlineInput,
  NotificationKind,
  NotifyInput,
} from '../../libs/domain/src/activity-contracts';
import {
  completedEventOf,
  complaintSummaryOf,
  type CompactProjectionRecord,
  type ComplaintEvent,
  type DeadlineDraft,
  type RegistrationDraft,
} from '../../libs/domain/src/complaint-events';
import type { ActiveStep, ComplaintState, ComplaintStatus } from '../../libs/domain/src/complaint';
import type { BakuMutu, SopStep } from '../../libs/domain/src/sop';
import { findStep } from '../../libs/domain/src/sop-model';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/src/search-attributes';
import { awaitWithinBakuMutu, bakuMutuLabel } from '../shared/baku-mutu';
import { ACTIVITY_OPTIONS, activityFailureMessage, LOCAL_ACTIVITY_OPTIONS, required } from '../shared/activity-options';
import { Settlement } from '../shared/settle';
import { registerComplaintHandlers } from './complaint.handlers';
import {
  getDegradationsQuery,
  type ComplaintWorkflowInput,
  type ComplaintWorkflowResult,
  type Degradation,
} from './complaint.messages';
import { ComplaintProcess, type StepDeadlineFacts, type StepResult } from './complaint.process';
import { checkStartInput, isEnd, nextStepKey, refuse } from './complaint.rules';
import { archiveOnClose } from '../archive/archive.workflow';

const deadlineActivities = proxyActivities<Pick<ComplaintActivities, 'computeDeadline'>>(ACTIVITY_OPTIONS.deadline);
const registerActivities = proxyActivities<Pick<ComplaintActivities, 'assignRegisterNumber'>>(
  ACTIVITY_OPTIONS.registerNumber,
);
const readModelActivities = proxyActivities<Pick<ComplaintActivities, 'projectComplaint' | 'notify'>>(
  ACTIVITY_OPTIONS.readModel,
);
const archiveActivities = proxyActivities<Pick<ComplaintActivities, 'archiveComplaint'>>(ACTIVITY_OPTIONS.archive);
const localDeadlineActivities = proxyLocalActivities<Pick<ComplaintActivities, 'computeDeadline'>>(
  LOCAL_ACTIVITY_OPTIONS.deadline,
);
const localRegisterActivities = proxyLocalActivities<Pick<ComplaintActivities, 'assignRegisterNumber'>>(
  LOCAL_ACTIVITY_OPTIONS.registerNumber,
);
const localProjectionActivities = proxyLocalActivities<Pick<ComplaintActivities, 'projectComplaint'>>(
  LOCAL_ACTIVITY_OPTIONS.projection,
);
const localNotificationActivities = proxyLocalActivities<Pick<ComplaintActivities, 'notify'>>(
  LOCAL_ACTIVITY_OPTIONS.notification,
);

/**
 * Marks complaints of the second shape: one projection per settled step, and closing at the SOP's
 * final arsip step instead of waiting out the reopen window. Complaints started before keep the
 * first shape (their histories are in test/fixtures/histories/v1).
 */
const COMPLAINT_V2_PATCH = 'aduan-complaint-v2';

/** Marks complaints whose start input the workflow itself checks against the domain schemas. */
const VALIDATED_START_PATCH = 'aduan-validated-start';
/**
 * Marks complaints of the third shape: deadline, register number and projection run as local
 * activities (a marker with their result instead of three events and a workflow task each), and
 * Updates answer with a compact result. Earlier complaints keep their shape (test/fixtures/histories/v1, v2).
 */
const COMPLAINT_V3_PATCH = 'aduan-complaint-v3';
/**
 * Marks complaints of the fourth shape: the state is the fold of the domain events (every
 * transition is an event), the projection's record in history is its new events only (not the
 * state), the notification outbox write is a local activity, and search attributes are written once
 * per settle. It implies the three earlier patches, which v4 complaints do not record.
 */
const COMPLAINT_V4_PATCH = 'aduan-complaint-v4';
/**
 * Marks complaints of the fifth shape: a notification has no local activity of its own; it is queued
 * in the outbox by the next projection, in the same statement as the events it follows (one record
 * in history instead of one per notification). It implies v4.
 */
const COMPLAINT_V5_PATCH = 'aduan-complaint-v5';
/**
 * Marks complaints of the sixth shape: a step opens, and an answer is delivered, with the projection
 * that computes the deadline (due time, reopen window) and writes the event: one local activity and
 * one activation instead of a deadline and a projection each. It implies v5.
 */
const COMPLAINT_V6_PATCH = 'aduan-complaint-v6';
/**
 * Marks complaints of the seventh shape: a complaint numbered at submission gets its number from the
 * projection that opens its first step (one local activity at submission instead of two). It implies v6.
 */
const COMPLAINT_V7_PATCH = 'aduan-complaint-v7';

/** Our own bound on a run's history, well below Temporal's 51,200 events. */
const DEFAULT_HISTORY_EVENT_LIMIT = 10_000;

/** The history grew long while a step waited: the step goes on in a fresh run. */
interface ContinueAsNewDue {
  kind: 'continue_as_new';
  reminded: boolean;
}

export async function complaintWorkflow(startInput: ComplaintWorkflowInput): Promise<ComplaintWorkflowResult> {
  const workflowId = workflowInfo().workflowId;
  const v7 = patched(COMPLAINT_V7_PATCH);
  const v6 = v7 || patched(COMPLAINT_V6_PATCH);
  const v5 = v6 || patched(COMPLAINT_V5_PATCH);
  const v4 = v5 || patched(COMPLAINT_V4_PATCH);
  const v2 = v4 || patched(COMPLAINT_V2_PATCH);
  // A direct Temporal client is held to the gateway's text policy; a continued run was checked when it started.
  const checked =
    !startInput.continued && (v4 || patched(VALIDATED_START_PATCH)) ? checkStartInput(startInput) : undefined;
  const input = checked && 'submission' in checked ? { ...startInput, submission: checked.submission } : startInput;
  const startRefusal = checked && 'refusal' in checked ? checked.refusal : undefined;
  const { sop } = input;
  const v3 = v4 || (v2 && patched(COMPLAINT_V3_PATCH));
  const deadlines = v3 ? localDeadlineActivities : deadlineActivities;
  const registers = v3 ? localRegisterActivities : registerActivities;
  const projections = v3 ? localProjectionActivities : readModelActivities;
  const notifyActivities = v4 ? localNotificationActivities : readModelActivities;
  const historyEventLimit = input.historyEventLimit ?? DEFAULT_HISTORY_EVENT_LIMIT;
  /** The history is long enough to start a fresh run (server suggestion or our own limit). */
  const continueAsNewDue = (): boolean =>
    v2 && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyEventLimit);
  const nowIso = (): string => new Date().toISOString();
  /**
   * v4 runs its local activities one at a time. A local activity's result moves the workflow clock
   * to its completion time; two running at once may resolve in one activation on replay but in two
   * originally, and the events stamped in between would get other times than history holds.
   */
  let localActivityLane: Promise<unknown> = Promise.resolve();
  function inLane<T>(call: () => Promise<T>): Promise<T> {
    if (!v4) return call();
    const result = localActivityLane.then(call, call);
    localActivityLane = result.catch(() => undefined);
    return result;
  }
  const process = new ComplaintProcess(input, nowIso, v4);
  const { state, events } = process;
  const settlement = new Settlement();
  const degradations: Degradation[] = [...(input.continued?.degradations ?? [])];
  setHandler(getDegradationsQuery, () => degradations);

  function markSettled(): void {
    settlement.markSettled();
    wantProjection();
    syncSearchAttributes();
  }

  /** The search attribute values last written (v3 writes only what changed). */
  const upsertedSearchAttributes = new Map<string, string>();
  function syncSearchAttributes(): void {
    const dueTimes = state.currentSteps.flatMap((step) => (step.dueAt ? [Date.parse(step.dueAt)] : []));
    const updates = [
      { key: SEARCH_ATTRIBUTES.office, value: state.officeCode },
      { key: SEARCH_ATTRIBUTES.channel, value: state.channel },
      { key: SEARCH_ATTRIBUTES.status, value: state.status },
      { key: SEARCH_ATTRIBUTES.step, value: state.currentSteps.map((step) => step.key).join(',') || null },
      { key: SEARCH_ATTRIBUTES.slaBreached, value: state.breaches.length > 0 },
      { key: SEARCH_ATTRIBUTES.dueAt, value: dueTimes.length > 0 ? new Date(Math.min(...dueTimes)) : null },
      { key: SEARCH_ATTRIBUTES.registerNumber, value: state.registerNumber ?? null },
    ];
    if (!v3) {
      upsertSearchAttributes(updates);
      return;
    }
    const changed = updates.filter((update) => {
      const written = JSON.stringify(update.value);
      if (upsertedSearchAttributes.get(update.key.name) === written) return false;
      upsertedSearchAttributes.set(update.key.name, written);
      return true;
    });
    if (changed.length > 0) upsertSearchAttributes(changed);
  }

  /**
   * A projection or notification that failed after its bounded retries: the complaint goes on,
   * marked degraded (search attribute `AduanDegraded`, query `getDegradations`) for supervisors.
   */
  async function orDegraded(kind: Degradation['kind'], detail: string, call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      const message = activityFailureMessage(error);
      if (message === undefined) throw error;
      degradations.push({ kind, at: nowIso(), detail, message });
      log.error('Complaint degraded', { kind, detail, message });
      upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.degraded, value: true }]);
      return false;
    }
  }

  // --- Projection pump: mirrors events into the read model, in order, one batch at a time. ---------

  let projectedEvents = 0;
  /** v2 projects when the workflow settles or a handler waits for the read model, not after every event. */
  let projectionWanted = false;
  const summary = complaintSummaryOf(input);
  /** v4: whether this run's history holds the summary yet (it goes with the first projection that succeeds). */
  let summaryRecorded = false;
  /** v5: notifications asked for since the last projection; the next projection queues them. */
  const pendingNotifications: NotifyInput[] = [];
  let askedNotifications = 0;
  let projectedNotifications = 0;
  /** The drafts that go with the next projection (v6: an event and its deadline; v7: the registration), and what came of them. */
  let pendingDraft: DeadlineDraft | undefined;
  let pendingRegistration: RegistrationDraft | undefined;
  let draftOutcome: 'completed' | 'failed' | undefined;
  const projectionDue = (): boolean =>
    events.length > projectedEvents ||
    pendingNotifications.length > 0 ||
    pendingDraft !== undefined ||
    pendingRegistration !== undefined;
  async function runProjectionPump(): Promise<void> {
    for (;;) {
      await condition(() => (projectionDue() && (projectionWanted || !v2)) || settlement.finished);
      if (!projectionDue()) return;
      projectionWanted = false;
      const batch = events.slice(projectedEvents);
      const notifications = pendingNotifications.splice(0);
      const deadlineDraft = pendingDraft;
      const registrationDraft = pendingRegistration;
      pendingDraft = undefined;
      pendingRegistration = undefined;
      const drafts = [registrationDraft, deadlineDraft].filter((draft) => draft !== undefined);
      // v4 keeps only the events in history (the state is their fold) and the summary once per run.
      const compact = v4 ? { compact: { withSummary: !summaryRecorded } } : {};
      const firstSeq = batch[0]?.seq ?? drafts[0]?.event.seq;
      const lastSeq = drafts.at(-1)?.event.seq ?? batch.at(-1)?.seq;
      const described =
        firstSeq !== undefined ? `kejadian ${firstSeq}–${lastSeq}` : `${notifications.length} pemberitahuan`;
      const written = await orDegraded('projection', described, async () => {
        const projection = {
          workflowId,
          state,
          summary,
          events: batch,
          ...compact,
          ...(notifications.length > 0 ? { notifications } : {}),
          ...(deadlineDraft ? { deadlineDraft } : {}),
          ...(registrationDraft ? { registrationDraft } : {}),
        };
        const record = (await inLane(() => projections.projectComplaint(projection))) as CompactProjectionRecord;
        summaryRecorded = true;
        // The drafted events, completed, as the projection wrote them (and history keeps them), in seq order.
        if (registrationDraft) process.draftCompleted(requiredCompletedEvent(record, record.registeredEventSeq));
        if (deadlineDraft) process.draftCompleted(requiredCompletedEvent(record, record.deadlineEventSeq));
      });
      // A projection that finally failed does not take its notifications with it: each goes alone.
      if (!written) for (const request of notifications) await notifyAlone(request);
      if (drafts.length > 0) draftOutcome = written ? 'completed' : 'failed';
      projectedEvents += batch.length + (written ? drafts.length : 0);
      projectedNotifications += notifications.length;
      // A request made while this batch was in flight is already served by it.
      if (!projectionDue()) projectionWanted = false;
    }
  }
  /**
   * Asks the pump for a projection. v6 asks only when something is due: its steps open with their
   * projection before the settle, and a request left standing would project the next event alone.
   */
  function wantProjection(): void {
    if (!v6 || projectionDue()) projectionWanted = true;
  }
  async function projected(): Promise<void> {
    wantProjection();
    const target = events.length;
    const notificationTarget = askedNotifications;
    await condition(() => projectedEvents >= target && projectedNotifications >= notificationTarget);
  }

  // Handlers are registered before the first await.
  registerComplaintHandlers({
    sop,
    process,
    settlement,
    projected,
    submissionDigest: input.submissionDigest,
    startRefusal,
  });
  // Bad start input: the run fails at once (non-retryable), before a register number or a read-model row exists.
  if (startRefusal) throw startRefusal;
  const projectionPump = runProjectionPump();

  // --- Main loop. ---------------------------------------------------------------------------------

  function deadlineInput(startAt: string, bakuMutu: BakuMutu, reminderFraction: number): ComputeDeadlineInput {
    return {
      startAt,
      bakuMutu,
      office: { timeZone: sop.office.timeZone, officeHours: sop.office.officeHours, closures: sop.office.closures },
      reminderFraction,
    };
  }

  async function deadlineFrom(startAt: string, bakuMutu: BakuMutu, reminderFraction: number) {
    return required('Perhitungan tenggat', () =>
      inLane(() => deadlines.computeDeadline(deadlineInput(startAt, bakuMutu, reminderFraction))),
    );
  }

  /**
   * v6: the drafted event goes with the next projection, which computes its deadline, completes it
   * and writes it (v7: after the registration, when one goes with it). Undefined when that projection
   * finally failed (the complaint is then marked degraded): the registration is then had alone, and
   * the caller computes the deadline alone and emits the event, as before v6.
   */
  async function completedWithDeadline(
    event: ComplaintEvent,
    deadline: ComputeDeadlineInput,
    registration?: RegistrationDraft,
  ) {
    pendingDraft = { event, deadline };
    pendingRegistration = registration;
    draftOutcome = undefined;
    wantProjection();
    await condition(() => draftOutcome !== undefined);
    if (draftOutcome === 'completed') return events.at(-1)!;
    process.draftsFailed();
    if (registration) process.registered(await assignRegisterNumber(registration.registration));
    return undefined;
  }

  /** v6: the step opens with the projection that computes its deadline (or, when that fails, as before v6). */
  async function openStep(
    step: SopStep,
    startedAt: string,
  ): Promise<{ active: ActiveStep; deadline: StepDeadlineFacts }> {
    const { reminderFraction } = sop.policies;
    // v7: the registration's seq comes first; it goes with this projection.
    const registration = registrationWithFirstStep && {
      event: process.registeredDraft(),
      registration: registrationWithFirstStep,
    };
    registrationWithFirstStep = undefined;
    const opened = await completedWithDeadline(
      process.stepStartDraft(step, startedAt),
      deadlineInput(startedAt, step.bakuMutu, reminderFraction),
      registration,
    );
    if (opened) {
      const active = state.currentSteps.find((candidate) => candidate.key === step.key) as ActiveStep;
      const workingMinutes = opened.data.workingMinutes as number;
      return { active, deadline: { dueAt: active.dueAt!, reminderAt: active.reminderAt, workingMinutes } };
    }
    const deadline = await deadlineFrom(startedAt, step.bakuMutu, reminderFraction);
    return { active: process.stepDeadlineKnown(step, startedAt, deadline), deadline };
  }

  /**
   * The answer is delivered; the complainant may rate or reopen it within the reopen window. v6:
   * the answer's notification goes with the projection that computes the window (its text names
   * none), which records the delivery.
   */
  async function deliverAnswer(stepKey: string, delivery: { channel: string; receipt?: string }): Promise<void> {
    const { reopenWindow } = sop.policies;
    const notifyAnswer = () => notifyComplainant('answer', `Jawaban atas aduan ${complaintRef()} telah disampaikan.`);
    if (v6) {
      await notifyAnswer();
      const startAt = nowIso();
      const draft = process.answerDeliveredDraft(stepKey, delivery);
      if (await completedWithDeadline(draft, deadlineInput(startAt, reopenWindow, 0))) return;
      process.answerDelivered(stepKey, delivery, await deadlineFrom(startAt, reopenWindow, 0));
      return;
    }
    process.answerDelivered(stepKey, delivery, await deadlineFrom(nowIso(), reopenWindow, 0));
    await notifyAnswer();
  }

  /** How texts name the complaint: its register number, or (before the SOP gives one) that it has none yet. */
  function complaintRef(): string {
    return state.registerNumber ?? '(belum bernomor register)';
  }

  /**
   * Writes one notification to the outbox (degraded, never failed, when that keeps failing). v5 hands
   * it to the next projection.
   */
  function notify(
    kind: NotificationKind,
    recipientRoles: string[],
    message: string,
    dedupeKey: string,
    stepKey?: string,
  ): Promise<void> {
    const request: NotifyInput = {
      dedupeKey,
      kind,
      requestedAt: nowIso(),
      complaintId: state.complaintId,
      registerNumber: state.registerNumber,
      officeCode: state.officeCode,
      recipientRoles,
      ...(stepKey === undefined ? {} : { stepKey }),
      message,
    };
    if (v5) {
      // The projection that follows queues it: every notification comes with a settle, a breach or
      // the close, which ask for one (a reminder asks for its own).
      pendingNotifications.push(request);
      askedNotifications += 1;
      return Promise.resolve();
    }
    return notifyAlone(request);
  }

  /** A notification by its own local activity (before v5; in v5 only when its projection failed). */
  async function notifyAlone(request: NotifyInput): Promise<void> {
    await orDegraded('notification', request.dedupeKey, () => inLane(() => notifyActivities.notify(request)));
  }

  function notifyRoles(kind: 'reminder' | 'escalation', step: SopStep, active: ActiveStep, run: number): Promise<void> {
    const roles = kind === 'reminder' ? step.actorRoles : step.escalationRoles;
    const message =
      kind === 'reminder'
        ? `Pengingat: langkah "${step.title}" aduan ${complaintRef()} jatuh tempo pada ${active.dueAt}.`
        : `Eskalasi: langkah "${step.title}" aduan ${complaintRef()} melewati baku mutu ` +
          `${bakuMutuLabel(step.bakuMutu)} (jatuh tempo ${active.dueAt}).`;
    return notify(kind, roles, message, `${workflowId}/${run}/${step.key}/${kind}`, step.key);
  }

  function notifyComplainant(kind: 'acknowledgment' | 'tunda' | 'answer' | 'closed', message: string): Promise<void> {
    return notify(kind, ['pemohon'], message, `${workflowId}/${events.length}/${kind}`);
  }

  /** Steps whose baku mutu a later step shares, and the deadline of each one's latest run. */
  const sharedKeys = new Set(sop.steps.flatMap((step) => (step.sharesBakuMutuWith ? [step.sharesBakuMutuWith] : [])));
  const sharedDeadlines = new Map(Object.entries(input.continued?.sharedDeadlines ?? {}));

  /**
   * A step that shares an earlier step's baku mutu runs against that run's deadline (no new
   * deadline): the Palaran rapat ends within the Camat's 10 hari. Its reminder stays only if not yet due.
   */
  function sharedDeadlineOf(step: SopStep): StepDeadlineFacts | undefined {
    const shared = step.sharesBakuMutuWith ? sharedDeadlines.get(step.sharesBakuMutuWith) : undefined;
    if (!shared) return undefined;
    const reminderDue = shared.reminderAt !== undefined && Date.parse(shared.reminderAt) > Date.now();
    return {
      dueAt: shared.dueAt,
      workingMinutes: shared.workingMinutes,
      ...(reminderDue ? { reminderAt: shared.reminderAt } : {}),
    };
  }

  /**
   * Runs one human step: start, deadline, reminder, breach/escalation, timeout rule. A step carried
   * over from the previous run (continue-as-new) resumes its wait with the deadline it already has.
   */
  async function runStep(step: SopStep, resumed?: { reminded: boolean }): Promise<StepResult | ContinueAsNewDue> {
    let active: ActiveStep;
    let run: number;
    let deadline: { dueAt: string; reminderAt?: string };
    const carried = state.currentSteps[0];
    if (resumed && carried?.key === step.key && carried.dueAt) {
      active = carried;
      run = process.stepRuns;
      deadline = { dueAt: carried.dueAt, reminderAt: resumed.reminded ? undefined : carried.reminderAt };
    } else {
      const start = process.startStep(step);
      run = start.run;
      const shared = sharedDeadlineOf(step);
      let computed: StepDeadlineFacts;
      if (v6 && !shared) {
        ({ active, deadline: computed } = await openStep(step, start.startedAt));
      } else {
        computed = shared ?? (await deadlineFrom(start.startedAt, step.bakuMutu, sop.policies.reminderFraction));
        active = process.stepDeadlineKnown(step, start.startedAt, computed);
      }
      if (sharedKeys.has(step.key)) {
        const { dueAt, reminderAt, workingMinutes } = computed;
        sharedDeadlines.set(step.key, { dueAt, workingMinutes, ...(reminderAt ? { reminderAt } : {}) });
      }
      deadline = computed;
    }
    markSettled();

    let reminded = resumed?.reminded ?? false;
    const waitOver = (): boolean => process.stepDone() || continueAsNewDue();
    const waited = active.breached
      ? await condition(waitOver).then(() => 'done' as const)
      : await awaitWithinBakuMutu(waitOver, deadline, {
          onReminder: async () => {
            reminded = true;
            process.reminderDue(step, active);
            if (v5) wantProjection(); // the reminder goes out with its event, now
            await notifyRoles('reminder', step, active, run);
          },
          onBreach: async () => {
            process.breached(step, deadline.dueAt);
            syncSearchAttributes();
            wantProjection(); // overdue lists read the breach from the read model
            await notifyRoles('escalation', step, active, run);
            return step.onTimeout.kind === 'transition' ? 'stop' : 'keep_waiting';
          },
        });
    if (!process.stepDone() && waited !== 'stopped' && continueAsNewDue()) {
      return { kind: 'continue_as_new', reminded };
    }
    if (waited === 'stopped' && step.onTimeout.kind === 'transition') {
      process.timedOut(step, active, step.onTimeout.to);
      return { kind: 'timeout_transition', to: step.onTimeout.to };
    }
    return process.takeStepResult();
  }

  function close(status: ComplaintStatus, reason: string): void {
    process.close(status, reason);
  }

  /** Tunda: the SLA clock stops; the complainant has `tundaLimit` to supply what is missing. */
  async function waitInTunda(stepKey: string, reason: string): Promise<'resumed' | 'withdrawn' | 'expired'> {
    process.holdForComplainant(stepKey, reason);
    const limit = await deadlineFrom(nowIso(), sop.policies.tundaLimit, 0);
    process.enterTunda(stepKey, reason, limit.dueAt);
    markSettled();
    await notifyComplainant(
      'tunda',
      `Aduan ${complaintRef()} ditunda: ${reason}. Mohon lengkapi sebelum ${limit.dueAt}.`,
    );
    const answered = await condition(() => process.interruptPending, Math.max(0, Date.parse(limit.dueAt) - Date.now()));
    return process.leaveTunda(stepKey, answered);
  }

  /** Starts the next run with the complaint as it stands, once every handler answered and the read model is current. */
  async function continueAsNewAt(currentKey: string, waiting?: { reminded: boolean }): Promise<never> {
    await condition(allHandlersFinished);
    await projected();
    log.info('Complaint continues as new', { historyLength: workflowInfo().historyLength, currentKey });
    return continueAsNew<typeof complaintWorkflow>({
      ...input,
      continued: {
        state,
        nextEventSeq: process.nextEventSeq,
        processedRequestIds: [...process.processedRequestIds],
        stepRuns: process.stepRuns,
        currentKey,
        ...(waiting ? { waiting } : {}),
        degradations,
        ...(sharedDeadlines.size > 0 ? { sharedDeadlines: Object.fromEntries(sharedDeadlines) } : {}),
      },
    });
  }

  /** The step whose completed action gives the register number; absent: at submission. */
  const registerNumberAt = sop.policies.registerNumberAt;
  /** v7: the registration that goes with the projection opening the first step. */
  let registrationWithFirstStep: AssignRegisterNumberInput | undefined;

  let currentKey = input.continued?.currentKey ?? sop.startStep;
  let resumeWaiting = input.continued?.waiting;
  if (!input.continued) await registerAndAcknowledge();

  async function registerAndAcknowledge(): Promise<void> {
    if (registerNumberAt) {
      process.submitted(input);
      if (!v4) syncSearchAttributes();
      await notifyComplainant(
        'acknowledgment',
        'Aduan Anda telah diterima. Nomor register diberikan setelah aduan diverifikasi petugas; ' +
          'sementara itu lacak aduan dengan kode pelacakan Anda.',
      );
      return;
    }
    if (v7) {
      process.submitted(input);
      // The projection that opens the first step assigns the number (the first step always opens so
      // at submission) and gives it to this acknowledgment, which goes with it; the message shows it.
      registrationWithFirstStep = registrationInput();
      await notifyComplainant(
        'acknowledgment',
        'Aduan Anda telah diterima dan dicatat dalam buku register. Simpan nomor register dan kode pelacakan Anda.',
      );
      return;
    }
    const registration = await assignRegisterNumber();
    process.submitted(input);
    process.registered(registration);
    // v4 writes the search attributes once, when the first step has settled.
    if (!v4) syncSearchAttributes();
    await notifyComplainant(
      'acknowledgment',
      `Aduan Anda telah diterima dengan nomor register ${registration.registerNumber}. Simpan kode pelacakan Anda.`,
    );
  }

  /** The SOP's numbering step completed: the complaint gets its number before the next step starts. */
  async function registerAtStep(): Promise<void> {
    const registration = await assignRegisterNumber();
    process.registered(registration);
    await notifyComplainant(
      'acknowledgment',
      `Aduan Anda telah diberi nomor register ${registration.registerNumber}. Simpan kode pelacakan Anda.`,
    );
  }

  function registrationInput(): AssignRegisterNumberInput {
    return {
      complaintId: state.complaintId,
      office: {
        code: sop.office.code,
        timeZone: sop.office.timeZone,
        registerNumberFormat: sop.office.registerNumberFormat,
      },
      // The buku register of the year the number is given: at a step (PPID), that step's instant.
      submittedAt: registerNumberAt ? nowIso() : state.submittedAt,
    };
  }

  function assignRegisterNumber(registration = registrationInput()) {
    return required('Pemberian nomor register', () => inLane(() => registers.assignRegisterNumber(registration)));
  }

  for (;;) {
    const step = findStep(sop, currentKey);
    if (!step) throw refuse('INVALID_SOP', `Langkah "${currentKey}" tidak ada dalam SOP ${sop.id}.`);
    const result = await runStep(step, resumeWaiting);
    resumeWaiting = undefined;

    if (result.kind === 'continue_as_new') await continueAsNewAt(currentKey, { reminded: result.reminded });
    if (result.kind === 'continue_as_new') break; // unreachable: continueAsNew never returns

    if (result.kind === 'interrupted') {
      if (result.interrupt.kind === 'withdrawn') {
        close('dicabut', 'Dicabut oleh pelapor');
        break;
      }
      if (result.interrupt.kind === 'reopened') {
        currentKey = sop.policies.reopenStep; // the reopened event already voided the answer
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
        await notifyComplainant('closed', `Aduan ${complaintRef()} tidak dapat diproses: ${reason}.`);
        break;
      }
      if (record.outcome === 'bukan_wewenang') {
        close('dialihkan', `Bukan wewenang; diteruskan ke ${record.input.forwardTo}: ${reason}`);
        await notifyComplainant(
          'closed',
          `Aduan ${complaintRef()} bukan wewenang kantor ini dan diteruskan ke ${record.input.forwardTo}.`,
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
    if (record.input.kind === 'deliver') await deliverAnswer(step.key, record.input);
    if (record.input.kind === 'archive') {
      const { archiveRef } = record.input;
      const archive = await required('Pengarsipan', () =>
        archiveActivities.archiveComplaint({
          complaintId: state.complaintId,
          workflowId,
          state,
          archivedBy: { userId: record.actor.userId, name: record.actor.name, role: record.actor.role },
          archiveRef,
        }),
      );
      process.archived(step.key, archive, record.actor);
    }

    if (step.key === registerNumberAt && state.registerNumber === undefined) await registerAtStep();

    const next = nextStepKey(step, record.outcome);
    if (!isEnd(next)) {
      currentKey = next;
      // v3 continues as new only while a step waits: here the acting handler still waits for the
      // next step to settle, and continue-as-new waits for every handler to finish.
      if (!v3 && continueAsNewDue()) await continueAsNewAt(currentKey);
      continue;
    }
    // END of the SOP. An SOP that ends with its arsip step closes there (SOP 003); otherwise, after a
    // delivered answer, the complainant may still rate or reopen it.
    const archivedAtEnd = v2 && record.input.kind === 'archive';
    if (!archivedAtEnd && state.status === 'dijawab' && state.reopenUntil) {
      markSettled();
      const reopened = await condition(
        () => process.interruptPending,
        Math.max(0, Date.parse(state.reopenUntil) - Date.now()),
      );
      if (reopened) {
        process.takeInterrupt();
        currentKey = sop.policies.reopenStep; // the reopened event already voided the answer
        continue;
      }
    }
    close('selesai', archivedAtEnd ? 'Selesai dan diarsipkan sesuai SOP' : 'Selesai ditangani sesuai SOP');
    break;
  }

  syncSearchAttributes();
  settlement.finish();
  await projectionPump;
  await archiveOnClose({ v4 });
  await condition(allHandlersFinished);
  return resultOf(state);
}

/** The event a projection completed, which its record must hold (the workflow folds it next). */
function requiredCompletedEvent(record: CompactProjectionRecord, seq: number | undefined): ComplaintEvent {
  const completed = completedEventOf(record, seq);
  if (!completed) throw new Error(`The projection's record holds no completed event (seq ${seq}).`);
  return completed;
}

function resultOf(state: ComplaintState): ComplaintWorkflowResult {
  return {
    complaintId: state.complaintId,
    registerNumber: state.registerNumber,
    status: state.status,
    closedAt: state.closedAt,
  };
}
