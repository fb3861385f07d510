/**
 * The domain events of a complaint: the contract between the workflow that emits them, the
 * read-model projection that stores them and the audit that cross-checks them.
 */
import type { ComputeDeadlineInput, ComputeDeadlineResult } from './activity-contracts';
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
   * Complaints of shape v6: the step that opens with this projection. The projection computes its
   * deadline, appends its `step_started` event (`openedStepEvent`) to `events` and folds it into
   * `state` before writing, so a step costs one local activity instead of a deadline and a projection.
   */
  opening?: StepOpening;
}

/** A step about to open: its `step_started` event without the deadline, and what the deadline is computed from. */
export interface StepOpening {
  /** Seq, instant (the step's start), step key and the step's facts; the deadline fields are added. */
  event: ComplaintEvent;
  deadline: ComputeDeadlineInput;
}

/** The `step_started` event of an opening once its deadline is known: the one builder of that event in v6. */
export function openedStepEvent(opening: StepOpening, deadline: ComputeDeadlineResult): ComplaintEvent {
  const { event } = opening;
  return {
    ...event,
    data: {
      ...event.data,
      dueAt: deadline.dueAt,
      ...(deadline.reminderAt === undefined ? {} : { reminderAt: deadline.reminderAt }),
      workingMinutes: deadline.workingMinutes,
    },
  };
}

/** A v4 projection's result: the new events (and the summary in a run's first batch or when it changed). */
export interface CompactProjectionRecord {
  workflowId: string;
  events: ComplaintEvent[];
  summary?: ComplaintSummary;
  /** v5: what the notifications queued with these events were (their text is not kept in history). */
  notifications?: NotificationRecord[];
  /** v6: the seq of the `step_started` event this projection opened (its deadline computed here). */
  openedStepSeq?: number;
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
    ...(input.opening ? { openedStepSeq: input.opening.event.seq } : {}),
  };
}
