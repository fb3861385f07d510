/**
 * A complaint's state as the fold of its domain events: the workflow changes its state only by
 * applying the events it emits (workflows/complaint/complaint.process.ts), and the audit, the drift
 * check and the read-model rebuild derive the state of a v4 history the same way, so
 * "state = fold(events)" holds by construction.
 */
import type {
  ActionInput,
  ActionRecord,
  ActiveStep,
  Actor,
  AttachmentRef,
  Channel,
  ComplaintState,
  ComplaintStatus,
} from './complaint';
import type { ComplaintEvent } from './complaint-events';
import type { BakuMutu } from './sop';
import type { ActionKind } from './sop-model';

/** What the state starts from: the run's start input (its submission and SOP snapshot). */
export interface ComplaintStart {
  complaintId: string;
  sop: { id: string; version: number; office: { code: string } };
  submission: { channel: Channel; confidential: boolean };
}

/** The state of a complaint submitted at `submittedAt`, before any event. */
export function initialComplaintState(start: ComplaintStart, submittedAt: string): ComplaintState {
  return {
    complaintId: start.complaintId,
    officeCode: start.sop.office.code,
    sopId: start.sop.id,
    sopVersion: start.sop.version,
    channel: start.submission.channel,
    status: 'diterima',
    submittedAt,
    confidential: start.submission.confidential,
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

/** The full actor of a note or action (data.actor, with the office), else the event's own. */
function fullActor(event: ComplaintEvent): Actor {
  const actor = (event.data.actor ?? event.actor) as Actor;
  return { userId: actor.userId, name: actor.name, role: actor.role, officeCode: actor.officeCode };
}

function currentStep(state: ComplaintState, stepKey: string | undefined): ActiveStep | undefined {
  return state.currentSteps.find((step) => step.key === stepKey);
}

/** The step leaves the current steps and joins the completed ones. */
function completeStep(
  state: ComplaintState,
  active: ActiveStep | undefined,
  completedAt: string,
  outcome: string,
  by?: { userId: string; name: string; role: string },
): void {
  if (!active) return;
  state.currentSteps = state.currentSteps.filter((candidate) => candidate !== active);
  state.completedSteps.push({
    key: active.key,
    title: active.title,
    action: active.action,
    startedAt: active.startedAt,
    dueAt: active.dueAt,
    completedAt,
    breached: active.breached || outcome === 'timeout',
    outcome,
    ...(by ? { by } : {}),
  });
}

function applyAction(state: ComplaintState, event: ComplaintEvent): void {
  const data = event.data as { kind: ActionKind; outcome: string; input: ActionInput; requestId: string };
  const action = data.input;
  const actor = fullActor(event);
  const at = event.at;
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
    requestId: data.requestId,
    stepKey: event.stepKey as string,
    kind: action.kind,
    outcome: data.outcome,
    actor,
    at,
    input: action,
    via: event.data.via as ActionRecord['via'],
  };
  state.actions.push(record);
  completeStep(state, currentStep(state, event.stepKey), at, data.outcome, {
    userId: actor.userId,
    name: actor.name,
    role: actor.role,
  });
}

/**
 * Applies one domain event to the state (in place, so a holder of the state object sees it) and
 * returns the state.
 */
export function applyComplaintEvent(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  const data = event.data;
  switch (event.type) {
    case 'submitted':
      if (typeof data.complaintId === 'string') state.complaintId = data.complaintId;
      if (typeof data.officeCode === 'string') state.officeCode = data.officeCode;
      if (typeof data.submittedAt === 'string') state.submittedAt = data.submittedAt;
      if (typeof data.confidential === 'boolean') state.confidential = data.confidential;
      state.sopId = data.sopId as string;
      state.sopVersion = data.sopVersion as number;
      state.channel = data.channel as Channel;
      break;
    case 'registered':
      state.registerNumber = data.registerNumber as string;
      break;
    case 'step_started': {
      const facts = {
        title: data.title as string,
        action: data.action as ActionKind,
        actorRoles: data.actorRoles as string[],
        bakuMutu: data.bakuMutu as BakuMutu,
        startedAt: (data.startedAt as string | undefined) ?? event.at,
        ...(data.dueAt !== undefined ? { dueAt: data.dueAt as string } : {}),
        ...(data.reminderAt !== undefined ? { reminderAt: data.reminderAt as string } : {}),
      };
      // The same start announced again once its deadline is known (complaints before v4): it gains the deadline.
      const started = currentStep(state, event.stepKey);
      if (started && started.startedAt === facts.startedAt) {
        started.dueAt = data.dueAt as string | undefined;
        started.reminderAt = data.reminderAt as string | undefined;
      } else {
        state.currentSteps = [{ key: event.stepKey as string, ...facts, breached: false }];
      }
      break;
    }
    case 'action':
      applyAction(state, event);
      break;
    case 'breach': {
      const active = currentStep(state, event.stepKey);
      if (active) active.breached = true;
      state.breaches.push({
        stepKey: event.stepKey as string,
        dueAt: data.dueAt as string,
        detectedAt: event.at,
        escalatedTo: data.escalatedTo as string[],
      });
      break;
    }
    case 'step_timed_out':
      completeStep(state, currentStep(state, event.stepKey), event.at, 'timeout');
      break;
    case 'reassigned': {
      const active = currentStep(state, event.stepKey);
      if (active) active.assignee = { userId: data.assigneeUserId as string, name: data.assigneeName as string };
      break;
    }
    case 'note':
      state.notes.push({
        requestId: data.requestId as string,
        actor: fullActor(event),
        text: data.text as string,
        at: event.at,
      });
      break;
    case 'supplement':
      state.supplements.push({
        requestId: data.requestId as string,
        content: data.content as string,
        attachments: data.attachments as AttachmentRef[],
        at: event.at,
      });
      break;
    case 'tunda':
      state.status = 'tunda';
      state.currentSteps = [];
      state.tunda = {
        since: event.at,
        reason: data.reason as string,
        stepKey: event.stepKey as string,
        ...(data.limitAt !== undefined ? { limitAt: data.limitAt as string } : {}),
      };
      break;
    case 'resumed':
      state.status = 'diterima';
      state.tunda = undefined;
      break;
    case 'withdrawn':
      state.closeReason = data.reason as string;
      break;
    case 'answer_delivered':
      state.reopenUntil = data.reopenUntil as string;
      break;
    case 'rated':
      state.rating = { score: data.score as number, comment: data.comment as string | undefined, at: event.at };
      break;
    case 'reopened':
      // Back to the SOP's reopen step: the answer is void, a new one is due.
      state.reopenedCount += 1;
      state.status = 'diterima';
      state.answer = undefined;
      state.reopenUntil = undefined;
      state.rating = undefined;
      state.currentSteps = [];
      break;
    case 'closed':
      state.status = data.status as ComplaintStatus;
      state.currentSteps = [];
      state.tunda = undefined;
      state.closedAt = event.at;
      state.closeReason = data.reason as string;
      break;
    case 'reminder':
    case 'archived':
      break;
  }
  return state;
}

/** The state after `events`, starting from a copy of `initial` (which stays as it is). */
export function foldComplaintEvents(initial: ComplaintState, events: readonly ComplaintEvent[]): ComplaintState {
  return events.reduce(applyComplaintEvent, structuredClone(initial));
}
