/**
 * A complaint's domain timeline, derived from its Temporal event history ALONE (never the read
 * model): who did what, when, against which baku mutu. Actions, actors and times come from the
 * Update and Signal events themselves; deadlines from the recorded `computeDeadline` results; the
 * register number and archive from their activities. The workflow's own domain events (carried in
 * the `projectComplaint` inputs) serve only as a cross-check.
 *
 * Deterministic: the same history gives the same timeline (open steps are measured up to the last
 * event of the history), so an export can be re-derived and compared.
 */
import type {
  ArchiveComplaintInput,
  ArchiveComplaintResult,
  AssignRegisterNumberResult,
  ComplaintEvent,
  ComputeDeadlineInput,
  ComputeDeadlineResult,
  NotifyInput,
  NotificationRecord,
  ProjectComplaintInput,
  ProjectionRecord,
} from '../../domain/src/activity-contracts';
import { complaintSummaryOf, type ComplaintSummary } from '../../domain/src/complaint-events';
import { applyComplaintEvent, initialComplaintState } from '../../domain/src/complaint-fold';
import { BusinessCalendar } from '../../calendar/src/business-calendar';
import type { ActionRequest, ComplaintState, ComplaintStatus } from '../../domain/src/complaint';
import { findStep, type BakuMutu, type SopDefinition } from '../../domain/src/sop';
import type { ComplaintWorkflowInput, ComplaintWorkflowResult } from '../../../workflows/complaint/complaint.messages';
import { nextStepKey, outcomeOf } from '../../../workflows/complaint/complaint.rules';
import {
  decodeFirst,
  decodeSearchAttributes,
  durationMillis,
  eventId,
  eventTime,
  localActivityOf,
  type History,
  type HistoryEvent,
} from './history-events';

export const TIMELINE_ENTRY_KINDS = [
  'submitted',
  'registered',
  'step_started',
  'action',
  'note',
  'reassigned',
  'supplement',
  'withdrawn',
  'rated',
  'reopened',
  'reminder',
  'breach',
  'tunda',
  'resumed',
  'answer_delivered',
  'archived',
  'notification',
  'timer_fired',
  'search_attributes',
  'completed',
  'ended',
  'refused',
] as const;
export type TimelineEntryKind = (typeof TIMELINE_ENTRY_KINDS)[number];

export interface TimelineActor {
  userId: string;
  name: string;
  role: string;
  officeCode?: string;
}

export interface TimelineEntry {
  /** Position in the timeline (1-based). */
  seq: number;
  kind: TimelineEntryKind;
  /** When it happened: the history event's time (for refusals: when the gateway refused it). */
  at: string;
  /** The history event it comes from. */
  eventId?: number;
  stepKey?: string;
  stepTitle?: string;
  actor?: TimelineActor;
  /** How an action reached the workflow. */
  via?: 'update' | 'signal';
  bakuMutu?: BakuMutu;
  dueAt?: string;
  breached?: boolean;
  /** Set on refused attempts (from the audit table, never from history). */
  refused?: boolean;
  details: Record<string, unknown>;
}

export interface StepSummary {
  /** 1-based count of step runs (a revisited step gets a new run). */
  run: number;
  stepKey: string;
  title: string;
  bakuMutu: BakuMutu;
  /** The baku mutu in working minutes at this office (from the recorded deadline). */
  bakuMutuWorkingMinutes: number;
  startedAt: string;
  dueAt: string;
  endedAt?: string;
  /** The action's outcome, or timeout / withdrawn / reopened / closed; absent while open. */
  outcome?: string;
  actor?: TimelineActor;
  /** Working minutes (office calendar of the SOP snapshot) from start to end (or the last event). */
  workingMinutesTaken: number;
  minutesOverBakuMutu: number;
  breached: boolean;
}

export interface ComplaintTimeline {
  workflowId: string;
  runId: string;
  complaintId: string;
  registerNumber?: string;
  sop: { id: string; version: number; title: string; sopNumber: string; officeCode: string; timeZone: string };
  /** Final status, when the workflow has completed. */
  status?: ComplaintStatus;
  /** Time of the last history event: open steps are measured up to here. */
  asOf: string;
  entries: TimelineEntry[];
  steps: StepSummary[];
  /** Cross-check against the workflow's own domain events (from the projection inputs). */
  consistency: { ok: boolean; mismatches: string[] };
}

interface Scheduled {
  type: string;
  input: unknown;
  at: string;
  eventId: number;
}

const ROUND = 100;
const round = (value: number): number => Math.round(value * ROUND) / ROUND;

function actorOf(actor: Partial<TimelineActor> | undefined): TimelineActor | undefined {
  if (!actor || typeof actor.userId !== 'string') return undefined;
  const result: TimelineActor = { userId: actor.userId, name: actor.name ?? '', role: actor.role ?? '' };
  if (actor.officeCode) result.officeCode = actor.officeCode;
  return result;
}

const COMPLAINANT: TimelineActor = { userId: 'pemohon', name: 'Pelapor', role: 'pemohon' };

/** The history's first event: the workflow input (submission + SOP snapshot). */
export function workflowInputOf(history: History): ComplaintWorkflowInput {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error('Riwayat tidak diawali WorkflowExecutionStarted.');
  const input = decodeFirst<ComplaintWorkflowInput>(started.input);
  if (!input?.sop || !input.submission) throw new Error('Masukan alur kerja bukan aduan (SOP/pengajuan tidak ada).');
  return input;
}

/**
 * Every projection in the history, in order: the inputs of `projectComplaint` activities, and the
 * results of local ones. Those of v1–v3 return their whole input; a v4 record holds only its events
 * (and the summary once per run), and its state is the fold of the run's events from the run's start
 * input (the previous run's state after a continue-as-new).
 */
export function projectionInputsOf(history: History): ProjectComplaintInput[] {
  const inputs: ProjectComplaintInput[] = [];
  let run: { state: ComplaintState; lastSeq: number; summary: ComplaintSummary } | undefined;
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === 'projectComplaint') {
      const input = decodeFirst<ProjectComplaintInput>(scheduled.input);
      if (input) inputs.push(input);
      continue;
    }
    const local = localActivityOf(event);
    if (local?.type !== 'projectComplaint' || !local.result) continue;
    const record = local.result as ProjectionRecord;
    if ('state' in record) {
      inputs.push(record);
      continue;
    }
    if (!run) {
      const start = workflowInputOf(history);
      const submitted = record.events.find((domainEvent) => domainEvent.type === 'submitted');
      const submittedAt = (submitted?.data.submittedAt as string | undefined) ?? eventTime(history.events![0]!);
      const summary = complaintSummaryOf(start);
      run = start.continued
        ? { state: structuredClone(start.continued.state), lastSeq: start.continued.nextEventSeq - 1, summary }
        : { state: initialComplaintState(start, submittedAt), lastSeq: 0, summary };
    }
    for (const domainEvent of record.events) {
      if (domainEvent.seq <= run.lastSeq) continue;
      applyComplaintEvent(run.state, domainEvent);
      run.lastSeq = domainEvent.seq;
    }
    if (record.summary) run.summary = record.summary;
    const { workflowId, events } = record;
    inputs.push({ workflowId, state: structuredClone(run.state), summary: run.summary, events });
  }
  return inputs;
}

/** The workflow's domain events (deduplicated by seq, ordered), from the projection inputs. */
export function domainEventsOf(history: History): ComplaintEvent[] {
  const bySeq = new Map<number, ComplaintEvent>();
  for (const input of projectionInputsOf(history)) for (const event of input.events) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export interface DeriveTimelineOptions {
  workflowId?: string;
}

/** Turns a complaint's history into its domain timeline and per-step summary. */
export function deriveTimeline(history: History, options: DeriveTimelineOptions = {}): ComplaintTimeline {
  const events: HistoryEvent[] = history.events ?? [];
  const input = workflowInputOf(history);
  const sop: SopDefinition = input.sop;
  const calendar = new BusinessCalendar({
    timeZone: sop.office.timeZone,
    officeHours: sop.office.officeHours,
    closures: sop.office.closures,
  });
  const started = events[0].workflowExecutionStartedEventAttributes!;
  const runId = started.originalExecutionRunId || started.firstExecutionRunId || '';
  const workflowId = options.workflowId ?? `complaint-${input.complaintId}`;
  const domainEvents = domainEventsOf(history);
  const appliedRequestIds = new Set(
    domainEvents.flatMap((event) =>
      event.type === 'action' && typeof event.data.requestId === 'string' ? [event.data.requestId] : [],
    ),
  );

  const entries: TimelineEntry[] = [];
  const steps: StepSummary[] = [];
  const scheduled = new Map<number, Scheduled>();
  const timers = new Map<string, { startedAt: string; durationMs: number }>();
  const updates = new Map<string, TimelineEntry>();
  let registerNumber: string | undefined;
  let status: ComplaintStatus | undefined;

  // Where the SOP walk stands (mirrors the workflow's main loop).
  let nextKey = sop.startStep;
  let open: StepSummary | undefined;
  let expect: 'step' | 'tunda' | 'window' = 'step';
  let inTunda = false;
  let timeoutPending: string | undefined;

  const push = (entry: Omit<TimelineEntry, 'seq'>): TimelineEntry => {
    const full = { seq: entries.length + 1, ...entry } as TimelineEntry;
    entries.push(full);
    return full;
  };
  const closeOpen = (at: string, outcome: string, actor?: TimelineActor): void => {
    if (!open) return;
    open.endedAt = at;
    open.outcome = outcome;
    if (actor) open.actor = actor;
    open = undefined;
  };

  function applyAction(request: ActionRequest, at: string, id: number, via: 'update' | 'signal'): void {
    const step = findStep(sop, request.stepKey);
    const outcome = outcomeOf(request.action);
    const actor = actorOf(request.actor);
    const run = open && open.stepKey === request.stepKey ? open : undefined;
    const breached = run ? run.breached || Date.parse(at) > Date.parse(run.dueAt) : undefined;
    push({
      kind: 'action',
      at,
      eventId: id,
      stepKey: request.stepKey,
      stepTitle: step?.title,
      actor,
      via,
      bakuMutu: step?.bakuMutu,
      dueAt: run?.dueAt,
      breached,
      details: { requestId: request.requestId, kind: request.action.kind, outcome, input: request.action },
    });
    if (run) {
      if (breached) run.breached = true;
      closeOpen(at, outcome, actor);
    }
    timeoutPending = undefined;
    if (!step) return;
    if (request.action.kind === 'verify' && outcome === 'tunda') {
      expect = 'tunda';
      nextKey = step.key;
      return;
    }
    if (request.action.kind === 'verify' && outcome !== 'accepted') return;
    if (request.action.kind === 'deliver') expect = 'window';
    nextKey = nextStepKey(step, outcome);
  }

  function onUpdate(name: string, request: Record<string, unknown>, at: string, id: number, updateId: string): void {
    const requestId = typeof request.requestId === 'string' ? request.requestId : updateId;
    let entry: TimelineEntry | undefined;
    switch (name) {
      case 'submit':
        // Update-With-Start's acknowledgment of the submission: the `submitted` entry already says it.
        return;
      case 'act':
        applyAction(request as unknown as ActionRequest, at, id, 'update');
        entry = entries[entries.length - 1];
        break;
      case 'addNote':
        entry = push({
          kind: 'note',
          at,
          eventId: id,
          actor: actorOf(request.actor as TimelineActor),
          via: 'update',
          details: { requestId, text: request.text },
        });
        break;
      case 'reassign': {
        const step = findStep(sop, String(request.stepKey));
        entry = push({
          kind: 'reassigned',
          at,
          eventId: id,
          stepKey: String(request.stepKey),
          stepTitle: step?.title,
          actor: actorOf(request.actor as TimelineActor),
          via: 'update',
          details: {
            requestId,
            assigneeUserId: request.assigneeUserId,
            assigneeName: request.assigneeName,
            reason: request.reason,
          },
        });
        break;
      }
      case 'supplyInformation':
        entry = push({
          kind: 'supplement',
          at,
          eventId: id,
          actor: COMPLAINANT,
          via: 'update',
          details: { requestId, content: request.content, attachments: request.attachments ?? [] },
        });
        if (inTunda) {
          inTunda = false;
          push({ kind: 'resumed', at, eventId: id, stepKey: nextKey, details: { after: 'supplement' } });
        }
        break;
      case 'withdraw':
        entry = push({
          kind: 'withdrawn',
          at,
          eventId: id,
          actor: COMPLAINANT,
          via: 'update',
          details: { requestId, reason: request.reason },
        });
        inTunda = false;
        closeOpen(at, 'withdrawn', COMPLAINANT);
        break;
      case 'rate':
        entry = push({
          kind: 'rated',
          at,
          eventId: id,
          actor: COMPLAINANT,
          via: 'update',
          details: { requestId, score: request.score, comment: request.comment },
        });
        break;
      case 'reopen':
        entry = push({
          kind: 'reopened',
          at,
          eventId: id,
          actor: COMPLAINANT,
          via: 'update',
          details: { requestId, reason: request.reason },
        });
        closeOpen(at, 'reopened', COMPLAINANT);
        nextKey = sop.policies.reopenStep;
        expect = 'step';
        break;
      default:
        entry = push({ kind: 'note', at, eventId: id, via: 'update', details: { update: name, request } });
    }
    if (entry) updates.set(updateId, entry);
  }

  function onRegistered(registration: AssignRegisterNumberResult, at: string, id: number): void {
    registerNumber = registration.registerNumber;
    push({
      kind: 'registered',
      at,
      eventId: id,
      details: {
        registerNumber: registration.registerNumber,
        sequence: registration.sequence,
        year: registration.year,
      },
    });
  }

  function onDeadline(
    request: Pick<ComputeDeadlineInput, 'startAt' | 'bakuMutu'>,
    result: ComputeDeadlineResult,
    at: string,
    id: number,
  ): void {
    if (expect === 'tunda') {
      expect = 'step';
      inTunda = true;
      const tundaAction = [...entries].reverse().find((entry) => entry.kind === 'action');
      const reason = (tundaAction?.details.input as { reason?: string } | undefined)?.reason;
      push({
        kind: 'tunda',
        at,
        eventId: id,
        stepKey: nextKey,
        stepTitle: findStep(sop, nextKey)?.title,
        bakuMutu: request.bakuMutu,
        dueAt: result.dueAt,
        details: { reason, limitAt: result.dueAt },
      });
      return;
    }
    if (expect === 'window') {
      expect = 'step';
      const deliver = [...entries].reverse().find((entry) => entry.kind === 'action');
      const action = deliver?.details.input as { channel?: string; receipt?: string } | undefined;
      push({
        kind: 'answer_delivered',
        at,
        eventId: id,
        stepKey: deliver?.stepKey,
        stepTitle: deliver?.stepTitle,
        actor: deliver?.actor,
        details: { channel: action?.channel, receipt: action?.receipt, reopenUntil: result.dueAt },
      });
      return;
    }
    if (open && timeoutPending === open.stepKey) {
      const step = findStep(sop, open.stepKey);
      if (step?.onTimeout.kind === 'transition') nextKey = step.onTimeout.to;
      closeOpen(open.endedAt ?? at, 'timeout');
    } else if (open) {
      closeOpen(at, 'superseded');
    }
    timeoutPending = undefined;
    const step = findStep(sop, nextKey);
    const run: StepSummary = {
      run: steps.length + 1,
      stepKey: nextKey,
      title: step?.title ?? nextKey,
      bakuMutu: request.bakuMutu,
      bakuMutuWorkingMinutes: result.workingMinutes,
      startedAt: request.startAt,
      dueAt: result.dueAt,
      workingMinutesTaken: 0,
      minutesOverBakuMutu: 0,
      breached: false,
    };
    steps.push(run);
    open = run;
    push({
      kind: 'step_started',
      at: request.startAt,
      eventId: id,
      stepKey: run.stepKey,
      stepTitle: run.title,
      bakuMutu: run.bakuMutu,
      dueAt: run.dueAt,
      details: {
        actorRoles: step?.actorRoles ?? [],
        reminderAt: result.reminderAt,
        bakuMutuWorkingMinutes: result.workingMinutes,
        run: run.run,
      },
    });
  }

  function onNotify(request: NotifyInput, at: string, id: number): void {
    const step = request.stepKey ? findStep(sop, request.stepKey) : undefined;
    const run = open && open.stepKey === request.stepKey ? open : undefined;
    if (request.kind === 'reminder') {
      push({
        kind: 'reminder',
        at,
        eventId: id,
        stepKey: request.stepKey,
        stepTitle: step?.title,
        bakuMutu: step?.bakuMutu,
        dueAt: run?.dueAt,
        details: { recipientRoles: request.recipientRoles, message: request.message },
      });
      return;
    }
    if (request.kind === 'escalation') {
      if (run) run.breached = true;
      push({
        kind: 'breach',
        at,
        eventId: id,
        stepKey: request.stepKey,
        stepTitle: step?.title,
        bakuMutu: step?.bakuMutu,
        dueAt: run?.dueAt,
        breached: true,
        details: {
          escalatedTo: request.recipientRoles,
          onTimeout: step?.onTimeout,
          message: request.message,
        },
      });
      if (run && step?.onTimeout.kind === 'transition') {
        timeoutPending = run.stepKey;
        run.endedAt = at;
      }
      return;
    }
    push({
      kind: 'notification',
      at,
      eventId: id,
      details: { kind: request.kind, recipientRoles: request.recipientRoles, message: request.message },
    });
  }

  for (const event of events) {
    const id = eventId(event);
    const at = eventTime(event);

    if (event.workflowExecutionStartedEventAttributes) {
      const { submission } = input;
      push({
        kind: 'submitted',
        at,
        eventId: id,
        actor: input.submittedBy ? actorOf(input.submittedBy) : COMPLAINANT,
        details: {
          channel: submission.channel,
          subject: submission.subject,
          content: submission.content,
          location: submission.location,
          confidential: submission.confidential,
          complainant: submission.complainant.anonymous
            ? { anonymous: true }
            : { anonymous: false, name: submission.complainant.name },
          attachments: submission.attachments.map((attachment) => attachment.name),
          sop: { id: sop.id, version: sop.version, title: sop.title, sopNumber: sop.sopNumber },
        },
      });
      continue;
    }

    const scheduledAttrs = event.activityTaskScheduledEventAttributes;
    if (scheduledAttrs) {
      const type = scheduledAttrs.activityType?.name ?? '';
      const request = decodeFirst(scheduledAttrs.input);
      scheduled.set(id, { type, input: request, at, eventId: id });
      if (type === 'notify') onNotify(request as NotifyInput, at, id);
      continue;
    }

    const completedAttrs = event.activityTaskCompletedEventAttributes;
    if (completedAttrs) {
      const source = scheduled.get(Number(completedAttrs.scheduledEventId?.toString() ?? 0));
      if (!source) continue;
      const result = decodeFirst(completedAttrs.result);
      if (source.type === 'assignRegisterNumber') {
        onRegistered(result as AssignRegisterNumberResult, at, id);
      } else if (source.type === 'computeDeadline') {
        onDeadline(source.input as ComputeDeadlineInput, result as ComputeDeadlineResult, at, id);
      } else if (source.type === 'archiveComplaint') {
        const request = source.input as ArchiveComplaintInput;
        const archive = result as ArchiveComplaintResult;
        push({
          kind: 'archived',
          at,
          eventId: id,
          actor: actorOf(request.archivedBy),
          details: { archiveRef: archive.archiveRef, digest: archive.digest },
        });
      }
      continue;
    }

    const local = localActivityOf(event);
    if (local) {
      if (local.type === 'assignRegisterNumber') onRegistered(local.result as AssignRegisterNumberResult, at, id);
      if (local.type === 'computeDeadline') {
        const result = local.result as ComputeDeadlineResult;
        // A local activity's input is not in history; its result carries the start and baku mutu.
        onDeadline({ startAt: result.startAt ?? at, bakuMutu: result.bakuMutu! }, result, at, id);
      }
      // v4 notifies by local activity: its input is not in history, its result says whom it told what kind of thing.
      if (local.type === 'notify' && local.result) {
        onNotify(
          { ...(local.result as NotificationRecord), dedupeKey: '', officeCode: sop.office.code, message: '' },
          at,
          id,
        );
      }
      continue;
    }

    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) {
      const name = accepted.acceptedRequest?.input?.name ?? '';
      const updateId = accepted.acceptedRequest?.meta?.updateId ?? accepted.protocolInstanceId ?? '';
      const request = decodeFirst<Record<string, unknown>>(accepted.acceptedRequest?.input?.args) ?? {};
      onUpdate(name, request, at, id, updateId);
      continue;
    }

    const updateCompleted = event.workflowExecutionUpdateCompletedEventAttributes;
    if (updateCompleted) {
      const entry = updates.get(updateCompleted.meta?.updateId ?? '');
      const failure = updateCompleted.outcome?.failure;
      if (entry && failure) entry.details = { ...entry.details, failed: failure.message ?? 'gagal' };
      continue;
    }

    const signaled = event.workflowExecutionSignaledEventAttributes;
    if (signaled) {
      const request = decodeFirst<ActionRequest>(signaled.input);
      if (signaled.signalName === 'actSignal' && request) {
        // A refused signal changes nothing in the workflow: applied iff the workflow emitted its action.
        if (appliedRequestIds.has(request.requestId)) {
          applyAction(request, at, id, 'signal');
        } else {
          push({
            kind: 'refused',
            at,
            eventId: id,
            stepKey: request.stepKey,
            actor: actorOf(request.actor),
            via: 'signal',
            refused: true,
            details: { operation: 'actSignal', requestId: request.requestId, input: request.action },
          });
        }
      } else {
        push({ kind: 'notification', at, eventId: id, details: { signal: signaled.signalName, input: request } });
      }
      continue;
    }

    const timerStarted = event.timerStartedEventAttributes;
    if (timerStarted) {
      timers.set(timerStarted.timerId ?? '', {
        startedAt: at,
        durationMs: durationMillis(timerStarted.startToFireTimeout),
      });
      continue;
    }
    const timerFired = event.timerFiredEventAttributes;
    if (timerFired) {
      const timer = timers.get(timerFired.timerId ?? '');
      push({
        kind: 'timer_fired',
        at,
        eventId: id,
        stepKey: open?.stepKey,
        details: { timerId: timerFired.timerId, startedAt: timer?.startedAt, durationMs: timer?.durationMs },
      });
      continue;
    }

    const upsert = event.upsertWorkflowSearchAttributesEventAttributes;
    if (upsert) {
      push({
        kind: 'search_attributes',
        at,
        eventId: id,
        details: decodeSearchAttributes(upsert.searchAttributes?.indexedFields),
      });
      continue;
    }

    const completed = event.workflowExecutionCompletedEventAttributes;
    if (completed) {
      const result = decodeFirst<ComplaintWorkflowResult>(completed.result);
      status = result?.status;
      closeOpen(at, 'closed');
      push({
        kind: 'completed',
        at,
        eventId: id,
        details: { status: result?.status, closedAt: result?.closedAt, registerNumber: result?.registerNumber },
      });
      continue;
    }
    const ended =
      (event.workflowExecutionFailedEventAttributes && 'failed') ||
      (event.workflowExecutionTerminatedEventAttributes && 'terminated') ||
      (event.workflowExecutionTimedOutEventAttributes && 'timed_out') ||
      (event.workflowExecutionCanceledEventAttributes && 'canceled') ||
      (event.workflowExecutionContinuedAsNewEventAttributes && 'continued_as_new');
    if (ended) {
      closeOpen(at, ended);
      const reason =
        event.workflowExecutionTerminatedEventAttributes?.reason ??
        event.workflowExecutionFailedEventAttributes?.failure?.message ??
        undefined;
      push({ kind: 'ended', at, eventId: id, details: { how: ended, reason } });
    }
  }

  const asOf = events.length > 0 ? eventTime(events[events.length - 1]) : new Date(0).toISOString();
  for (const run of steps) {
    const end = run.endedAt ?? asOf;
    run.workingMinutesTaken = round(calendar.workingMinutesBetween(run.startedAt, end));
    run.minutesOverBakuMutu = round(Math.max(0, run.workingMinutesTaken - run.bakuMutuWorkingMinutes));
    if (Date.parse(end) > Date.parse(run.dueAt) && run.endedAt !== undefined) run.breached = true;
  }

  return {
    workflowId,
    runId,
    complaintId: input.complaintId,
    registerNumber,
    sop: {
      id: sop.id,
      version: sop.version,
      title: sop.title,
      sopNumber: sop.sopNumber,
      officeCode: sop.office.code,
      timeZone: sop.office.timeZone,
    },
    status,
    asOf,
    entries,
    steps,
    consistency: crossCheck(entries, domainEvents),
  };
}

/** Compares the derived step starts and actions with the workflow's own domain events. */
function crossCheck(entries: TimelineEntry[], domainEvents: ComplaintEvent[]): { ok: boolean; mismatches: string[] } {
  const mismatches: string[] = [];
  const derivedSteps = entries.filter((entry) => entry.kind === 'step_started');
  const domainSteps = domainEvents.filter((event) => event.type === 'step_started');
  // The last step start may not be projected yet when the history was fetched mid-flight.
  const count = Math.min(derivedSteps.length, domainSteps.length);
  for (let index = 0; index < count; index++) {
    const derived = derivedSteps[index];
    const domain = domainSteps[index];
    if (derived.stepKey !== domain.stepKey || derived.dueAt !== domain.data.dueAt) {
      mismatches.push(
        `langkah ke-${index + 1}: riwayat ${derived.stepKey} (tenggat ${derived.dueAt}), ` +
          `kejadian domain ${domain.stepKey} (tenggat ${String(domain.data.dueAt)})`,
      );
    }
  }
  const derivedActions = entries
    .filter((entry) => entry.kind === 'action')
    .map((entry) => `${entry.stepKey}:${String(entry.details.requestId)}:${entry.actor?.userId}`);
  const domainActions = domainEvents
    .filter((event) => event.type === 'action')
    .map((event) => `${event.stepKey}:${String(event.data.requestId)}:${event.actor?.userId}`);
  for (let index = 0; index < Math.min(derivedActions.length, domainActions.length); index++) {
    if (derivedActions[index] !== domainActions[index]) {
      mismatches.push(
        `tindakan ke-${index + 1}: riwayat ${derivedActions[index]}, kejadian domain ${domainActions[index]}`,
      );
    }
  }
  return { ok: mismatches.length === 0, mismatches };
}

/** A refused attempt recorded by the gateway (audit_refusals). */
export interface RefusalRecord {
  id: string;
  at: string;
  actor: TimelineActor;
  operation: string;
  stepKey?: string | null;
  requestId?: string | null;
  code: string;
  reason: string;
  request?: Record<string, unknown>;
}

/** The timeline view: history entries with the refused attempts merged in by time, marked refused. */
export function mergeRefusals(timeline: ComplaintTimeline, refusals: RefusalRecord[]): TimelineEntry[] {
  const refused: TimelineEntry[] = refusals.map((refusal) => ({
    seq: 0,
    kind: 'refused',
    at: refusal.at,
    stepKey: refusal.stepKey ?? undefined,
    stepTitle: refusal.stepKey ? findStepTitle(timeline, refusal.stepKey) : undefined,
    actor: refusal.actor,
    refused: true,
    details: {
      refusalId: refusal.id,
      operation: refusal.operation,
      requestId: refusal.requestId ?? undefined,
      code: refusal.code,
      reason: refusal.reason,
      request: refusal.request,
    },
  }));
  // History entries keep their order (a step's start may carry the workflow clock, a hair before
  // the event time of the action that led to it); each refusal goes before the first later entry.
  const pending = [...refused].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const merged: TimelineEntry[] = [];
  for (const entry of timeline.entries) {
    while (pending.length > 0 && Date.parse(pending[0].at) < Date.parse(entry.at)) merged.push(pending.shift()!);
    merged.push(entry);
  }
  merged.push(...pending);
  return merged.map((entry, index) => ({ ...entry, seq: index + 1 }));
}

function findStepTitle(timeline: ComplaintTimeline, stepKey: string): string | undefined {
  return timeline.entries.find((entry) => entry.stepKey === stepKey && entry.stepTitle)?.stepTitle;
}
