/**
 * The domain events of a complaint: the contract between the workflow that emits them, the
 * read-model projection that stores them and the audit that cross-checks them.
 */
import type {
  AssignRegisterNumberInput,
  AssignRegisterNumberResult,
  ComputeDeadlineInput,
  ComputeDeadlineResult,
} from './activity-contracts';
import type { ComplaintState } from './complaint';
import { notificationRecordOf, type NotificationRecord, type NotifyInput } from './notification';

export const COMPLAINT_EVENT_TYPES = [
  'submitted',
  'registered',
  'step_started',
  'step_timed_out',
  'action',
  'reminder',
  'breach',
  'tunda',
  'resumed',
  'note',
  'reassigned',
  'supplement',
  'withdrawn',
  'answer_delivered',
  'rated',
  'reopened',
  'archived',
  'closed',
] as const;
export type ComplaintEventType = (typeof COMPLAINT_EVENT_TYPES)[number];

/** A domain event of one complaint; `seq` is dense per complaint and keys idempotent appends. */
export interface ComplaintEvent {
  seq: number;
  type: ComplaintEventType;
  at: string;
  stepKey?: string;
  actor?: { userId: string; name: string; role: string };
  data: Record<string, unknown>;
}

/** Fields of the submission the read model lists and searches. */
export interface ComplaintSummary {
  subject: string;
  contentExcerpt: string;
  complainantName?: string;
  anonymous: boolean;
  trackingCodeHash: string;
}

/** The summary of a submission (the complaint's start input). */
export function complaintSummaryOf(start: {
  submission: { subject: string; content: string; complainant: { anonymous: boolean; name?: string } };
  trackingCodeHash: string;
}): ComplaintSummary {
  const { submission } = start;
  return {
    subject: submission.subject,
    contentExcerpt: submission.content.slice(0, 500),
    complainantName: submission.complainant.anonymous ? undefined : submission.complainant.name,
    anonymous: submission.complainant.anonymous,
    trackingCodeHash: start.trackingCodeHash,
  };
}

/** What the read-model projection receives from the workflow. */
export interface ProjectComplaintInput {
  workflowId: string;
  state: ComplaintState;
  summary: ComplaintSummary;
  /** Events since the previous projection (may repeat on retry: appends are idempotent). */
  events: ComplaintEvent[];
  /**
   * Complaints of shape v4: the projection returns only a compact record (its result is what history
   * keeps; the state is the fold of the events), with the summary when `withSummary`. Absent: it
   * returns its whole input (v1–v3).
   */
  compact?: { withSummary: boolean };
  /**
   * Complaints of shape v5: the notifications asked for since the previous projection, queued in the
   * outbox in the same statement as the events they follow (no notify activity of their own).
   */
  notifications?: NotifyInput[];
  /**
   * Complaints of shape v6: an event whose deadline this projection computes and fills in before it
   * appends the event to `events` and folds it into `state` (`eventWithDeadline`). So a step's
   * start, or a delivered answer's reopen window, costs one local activity instead of a deadline
   * and a projection.
   */
  deadlineDraft?: DeadlineDraft;
  /**
   * Complaints of shape v7: the `registered` event without its number. The projection assigns the
   * number (the office's buku register) before it completes a deadline draft, appends the event,
   * folds it, and gives the number to the notifications it queues that have none yet (the
   * acknowledgment sent with it). So a submission costs one local activity instead of two.
   */
  registrationDraft?: RegistrationDraft;
}

/** The `registered` event of a complaint numbered at submission, before its number is assigned (shape v7). */
export interface RegistrationDraft {
  event: ComplaintEvent;
  registration: AssignRegisterNumberInput;
}

/** A registration draft's event once its number is assigned: the one builder of that event in v7. */
export function completeRegistrationDraft(
  draft: RegistrationDraft,
  assigned: AssignRegisterNumberResult,
): ComplaintEvent {
  const { registerNumber, sequence, year } = assigned;
  return { ...draft.event, data: { registerNumber, sequence, year } };
}

/** An event whose deadline is not known yet: a step's start or a delivered answer (shape v6). */
export interface DeadlineDraft {
  /** The event with its seq, instant, step and facts, without the fields the deadline gives. */
  event: ComplaintEvent;
  deadline: ComputeDeadlineInput;
}

/**
 * An event with its deadline: a step's start gets its due time, reminder and working minutes, a
 * delivered answer its reopen window. The one builder of these fields, in the workflow (before v6,
 * or when the projection failed) and in the projection that completes a draft (v6).
 */
export function eventWithDeadline(
  event: ComplaintEvent,
  deadline: Pick<ComputeDeadlineResult, 'dueAt' | 'reminderAt' | 'workingMinutes'>,
): ComplaintEvent {
  if (event.type === 'step_started') {
    const { dueAt, reminderAt, workingMinutes } = deadline;
    return {
      ...event,
      data: { ...event.data, dueAt, ...(reminderAt === undefined ? {} : { reminderAt }), workingMinutes },
    };
  }
  if (event.type === 'answer_delivered') return { ...event, data: { ...event.data, reopenUntil: deadline.dueAt } };
  throw new Error(`A ${event.type} event has no deadline to complete.`);
}

/** When a completed draft's deadline starts and ends (the audit's record of a computed deadline). */
export function deadlineOfCompletedDraft(event: ComplaintEvent): { startAt: string; dueAt: string } | undefined {
  if (event.type === 'step_started') return { startAt: String(event.data.startedAt), dueAt: String(event.data.dueAt) };
  if (event.type === 'answer_delivered') return { startAt: event.at, dueAt: String(event.data.reopenUntil) };
  return undefined;
}

/** A v4 projection's result: the new events (and the summary in a run's first batch or when it changed). */
export interface CompactProjectionRecord {
  workflowId: string;
  events: ComplaintEvent[];
  summary?: ComplaintSummary;
  /** v5: what the notifications queued with these events were (their text is not kept in history). */
  notifications?: NotificationRecord[];
  /** v6: the seq of the event whose deadline this projection computed (`deadlineDraft`). */
  deadlineEventSeq?: number;
  /** v7: the seq of the `registered` event whose number this projection assigned (`registrationDraft`). */
  registeredEventSeq?: number;
}

/** The event a projection completed (v6 deadline, v7 register number), found in its record by the seq it names. */
export function completedEventOf(record: CompactProjectionRecord, seq: number | undefined): ComplaintEvent | undefined {
  return seq === undefined ? undefined : record.events.find((event) => event.seq === seq);
}

/** What a projection leaves in history: its whole input (v1–v3) or the compact record (v4). */
export type ProjectionRecord = ProjectComplaintInput | CompactProjectionRecord;

/** The record a projection returns for its input. */
export function projectionRecordOf(input: ProjectComplaintInput): ProjectionRecord {
  if (!input.compact) return input;
  const { workflowId, events, summary, notifications } = input;
  return {
    workflowId,
    events,
    ...(input.compact.withSummary ? { summary } : {}),
    ...(notifications && notifications.length > 0 ? { notifications: notifications.map(notificationRecordOf) } : {}),
    ...(input.deadlineDraft ? { deadlineEventSeq: input.deadlineDraft.event.seq } : {}),
    ...(input.registrationDraft ? { registeredEventSeq: input.registrationDraft.event.seq } : {}),
  };
}
