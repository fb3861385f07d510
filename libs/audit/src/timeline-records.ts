/**
 * Temporal's own records in a complaint's history, read once: accepted Updates and Signals (what
 * staff and the complainant asked), activity and local-activity results (register numbers and
 * deadlines, also those a v6/v7 projection gave, archive), notifications (own activities, or v5 with
 * the projection), timers, search-attribute upserts and how the run ended. The timeline is derived
 * from the workflow's domain events; these records serve its bookkeeping entries and the cross-check
 * of the domain events against what Temporal itself recorded.
 */
import type {
  ArchiveComplaintInput,
  ArchiveComplaintResult,
  AssignRegisterNumberResult,
  CompactProjectionRecord,
  ComputeDeadlineInput,
  ComputeDeadlineResult,
  NotificationRecord,
  NotifyInput,
} from '../../domain/src/activity-contracts';
import { completedEventOf, deadlineOfCompletedDraft } from '../../domain/src/complaint-events';
import type { ComplaintWorkflowResult } from '../../../workflows/complaint/complaint.messages';
import {
  decodeFirst,
  decodeSearchAttributes,
  durationMillis,
  eventId,
  eventTime,
  localActivityOf,
  type History,
} from './history-events';

/** Where a record sits in history. */
export interface RecordedAt {
  eventId: number;
  at: string;
}

export interface AcceptedUpdateRecord extends RecordedAt {
  name: string;
  updateId: string;
  request: Record<string, unknown>;
  /** The request id the workflow keys the request by (the update id when the request has none). */
  requestId: string;
  /** Pending while the history has no completion yet (fetched mid-flight). */
  outcome: 'pending' | 'completed' | 'failed';
}

export interface SignalRecord extends RecordedAt {
  name: string;
  request: unknown;
}

export interface DeadlineRecord extends RecordedAt {
  /** The start the deadline counts from (an activity's input, or a local activity's result). */
  startAt?: string;
  dueAt: string;
}

export interface NotifyRecord extends RecordedAt {
  /** The activity's input (v1–v3), or a local activity's record of it (v4: without the message). */
  request: NotificationRecord & Partial<Pick<NotifyInput, 'message'>>;
}

export interface RegistrationRecord extends RecordedAt {
  result: AssignRegisterNumberResult;
}

export interface ArchiveRecord extends RecordedAt {
  input?: ArchiveComplaintInput;
  result: ArchiveComplaintResult;
}

export interface TimerFiredRecord extends RecordedAt {
  timerId: string;
  startedAt?: string;
  durationMs?: number;
}

export interface SearchAttributesRecord extends RecordedAt {
  fields: Record<string, unknown>;
}

export interface EndRecord extends RecordedAt {
  how: 'completed' | 'failed' | 'terminated' | 'timed_out' | 'canceled' | 'continued_as_new';
  result?: ComplaintWorkflowResult;
  reason?: string;
}

export interface HistoryRecords {
  /** Time of the first event (the workflow start). */
  startedAt: string;
  runId: string;
  /** Time of the last event: open steps are measured up to here. */
  asOf: string;
  updates: AcceptedUpdateRecord[];
  signals: SignalRecord[];
  deadlines: DeadlineRecord[];
  notifications: NotifyRecord[];
  registrations: RegistrationRecord[];
  archives: ArchiveRecord[];
  timersFired: TimerFiredRecord[];
  searchAttributes: SearchAttributesRecord[];
  end?: EndRecord;
}

interface ScheduledActivity {
  type: string;
  input: unknown;
}

export function readHistoryRecords(history: History): HistoryRecords {
  const events = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const records: HistoryRecords = {
    startedAt: events.length > 0 ? eventTime(events[0]) : new Date(0).toISOString(),
    runId: started?.originalExecutionRunId || started?.firstExecutionRunId || '',
    asOf: events.length > 0 ? eventTime(events[events.length - 1]) : new Date(0).toISOString(),
    updates: [],
    signals: [],
    deadlines: [],
    notifications: [],
    registrations: [],
    archives: [],
    timersFired: [],
    searchAttributes: [],
  };
  const scheduled = new Map<number, ScheduledActivity>();
  const timers = new Map<string, { startedAt: string; durationMs: number }>();
  const updatesById = new Map<string, AcceptedUpdateRecord>();

  const onResult = (type: string, input: unknown, result: unknown, where: RecordedAt): void => {
    if (type === 'assignRegisterNumber') {
      records.registrations.push({ ...where, result: result as AssignRegisterNumberResult });
    } else if (type === 'computeDeadline') {
      const deadline = result as ComputeDeadlineResult;
      // A local activity's input is not in history; its result carries the start.
      const startAt = (input as ComputeDeadlineInput | undefined)?.startAt ?? deadline.startAt;
      records.deadlines.push({ ...where, startAt, dueAt: deadline.dueAt });
    } else if (type === 'notify' && input === undefined && result) {
      // A local notify (v4): its input is not in history, its result records what was sent to whom.
      const record = result as NotificationRecord;
      records.notifications.push({ ...where, at: record.requestedAt ?? where.at, request: record });
    } else if (type === 'projectComplaint') {
      const projection = result as CompactProjectionRecord | undefined;
      // v5: the notifications the workflow asked for were queued with this projection.
      for (const record of projection?.notifications ?? []) {
        records.notifications.push({ ...where, at: record.requestedAt ?? where.at, request: record });
      }
      // v6: the event this projection completed had its deadline computed by it.
      const completed = projection && completedEventOf(projection, projection.deadlineEventSeq);
      const deadline = completed && deadlineOfCompletedDraft(completed);
      if (deadline) records.deadlines.push({ ...where, ...deadline });
      // v7: the register number this projection assigned.
      const registered = projection && completedEventOf(projection, projection.registeredEventSeq);
      if (registered)
        records.registrations.push({ ...where, result: registered.data as unknown as AssignRegisterNumberResult });
    } else if (type === 'archiveComplaint') {
      records.archives.push({
        ...where,
        input: input as ArchiveComplaintInput | undefined,
        result: result as ArchiveComplaintResult,
      });
    }
  };

  for (const event of events) {
    const where: RecordedAt = { eventId: eventId(event), at: eventTime(event) };

    const scheduledAttrs = event.activityTaskScheduledEventAttributes;
    if (scheduledAttrs) {
      const type = scheduledAttrs.activityType?.name ?? '';
      const input = decodeFirst(scheduledAttrs.input);
      scheduled.set(where.eventId, { type, input });
      if (type === 'notify') records.notifications.push({ ...where, request: input as NotifyInput });
      continue;
    }
    const completedAttrs = event.activityTaskCompletedEventAttributes;
    if (completedAttrs) {
      const source = scheduled.get(Number(completedAttrs.scheduledEventId?.toString() ?? 0));
      if (source) onResult(source.type, source.input, decodeFirst(completedAttrs.result), where);
      continue;
    }
    const local = localActivityOf(event);
    if (local) {
      onResult(local.type, undefined, local.result, where);
      continue;
    }

    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) {
      const updateId = accepted.acceptedRequest?.meta?.updateId ?? accepted.protocolInstanceId ?? '';
      const request = decodeFirst<Record<string, unknown>>(accepted.acceptedRequest?.input?.args) ?? {};
      const record: AcceptedUpdateRecord = {
        ...where,
        name: accepted.acceptedRequest?.input?.name ?? '',
        updateId,
        request,
        requestId: typeof request.requestId === 'string' ? request.requestId : updateId,
        outcome: 'pending',
      };
      records.updates.push(record);
      updatesById.set(updateId, record);
      continue;
    }
    const updateCompleted = event.workflowExecutionUpdateCompletedEventAttributes;
    if (updateCompleted) {
      const record = updatesById.get(updateCompleted.meta?.updateId ?? '');
      if (record) record.outcome = updateCompleted.outcome?.failure ? 'failed' : 'completed';
      continue;
    }
    const signaled = event.workflowExecutionSignaledEventAttributes;
    if (signaled) {
      records.signals.push({ ...where, name: signaled.signalName ?? '', request: decodeFirst(signaled.input) });
      continue;
    }

    const timerStarted = event.timerStartedEventAttributes;
    if (timerStarted) {
      timers.set(timerStarted.timerId ?? '', {
        startedAt: where.at,
        durationMs: durationMillis(timerStarted.startToFireTimeout),
      });
      continue;
    }
    const timerFired = event.timerFiredEventAttributes;
    if (timerFired) {
      const timerId = timerFired.timerId ?? '';
      records.timersFired.push({ ...where, timerId, ...timers.get(timerId) });
      continue;
    }

    const upsert = event.upsertWorkflowSearchAttributesEventAttributes;
    if (upsert) {
      records.searchAttributes.push({
        ...where,
        fields: decodeSearchAttributes(upsert.searchAttributes?.indexedFields),
      });
      continue;
    }

    const completed = event.workflowExecutionCompletedEventAttributes;
    if (completed) {
      records.end = { ...where, how: 'completed', result: decodeFirst<ComplaintWorkflowResult>(completed.result) };
      continue;
    }
    const how =
      (event.workflowExecutionFailedEventAttributes && 'failed') ||
      (event.workflowExecutionTerminatedEventAttributes && 'terminated') ||
      (event.workflowExecutionTimedOutEventAttributes && 'timed_out') ||
      (event.workflowExecutionCanceledEventAttributes && 'canceled') ||
      (event.workflowExecutionContinuedAsNewEventAttributes && 'continued_as_new');
    if (how) {
      const reason =
        event.workflowExecutionTerminatedEventAttributes?.reason ??
        event.workflowExecutionFailedEventAttributes?.failure?.message ??
        undefined;
      records.end = { ...where, how, reason };
    }
  }
  return records;
}
