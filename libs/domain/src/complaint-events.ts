/**
 * The domain events of a complaint: the contract between the workflow that emits them, the
 * read-model projection that stores them and the audit that cross-checks them.
 */
import type { ComplaintState } from './complaint';

export const COMPLAINT_EVENT_TYPES = [
  'submitted',
  'registered',
  'step_started',
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

/** What the read-model projection receives from the workflow. */
export interface ProjectComplaintInput {
  workflowId: string;
  state: ComplaintState;
  /** Fields of the submission the read model lists and searches. */
  summary: {
    subject: string;
    contentExcerpt: string;
    complainantName?: string;
    anonymous: boolean;
    trackingCodeHash: string;
  };
  /** Events since the previous projection (may repeat on retry: appends are idempotent). */
  events: ComplaintEvent[];
}
