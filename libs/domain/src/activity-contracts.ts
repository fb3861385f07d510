/**
 * Inputs and outputs of the activities the workflows call: the contract between the workflows,
 * the activities and the audit (which reads them back from histories). The workflows import this
 * module type-only; `activities/index.ts` builds the implementations from their dependencies.
 */
import type { ComplaintState } from './complaint';
import type { ProjectComplaintInput, ProjectionRecord } from './complaint-events';
import type { NotificationRecord, NotifyInput } from './notification';
import type { MonthlyRecapSummary, RecapAction, RecapState } from './recap';
import type { BakuMutu, Office } from './sop';

export interface AssignRegisterNumberInput {
  complaintId: string;
  office: Pick<Office, 'code' | 'timeZone' | 'registerNumberFormat'>;
  /**
   * The register year is this instant's year in the office's time zone: the submission, or the moment
   * of the step at which the SOP gives the number (`policies.registerNumberAt`).
   */
  submittedAt: string;
}
export interface AssignRegisterNumberResult {
  registerNumber: string;
  sequence: number;
  year: number;
}

export interface ComputeDeadlineInput {
  startAt: string;
  bakuMutu: BakuMutu;
  office: Pick<Office, 'timeZone' | 'officeHours' | 'closures'>;
  /** 0 = no reminder. */
  reminderFraction: number;
}
export interface ComputeDeadlineResult {
  dueAt: string;
  reminderAt?: string;
  /** Working minutes the baku mutu amounts to at this office, for reports. */
  workingMinutes: number;
  /**
   * The start and baku mutu it was computed from. History keeps only a local activity's result, and
   * the audit timeline needs them (absent in results recorded before this existed).
   */
  startAt?: string;
  bakuMutu?: BakuMutu;
}

// The domain events and the projection input live in the domain library; re-exported for the activities.
export {
  COMPLAINT_EVENT_TYPES,
  completeRegistrationDraft,
  deadlineOfCompletedDraft,
  eventWithDeadline,
  projectionRecordOf,
  type CompactProjectionRecord,
  type ComplaintEvent,
  type ComplaintEventType,
  type ProjectComplaintInput,
  type ProjectionRecord,
  type DeadlineDraft,
  type RegistrationDraft,
} from './complaint-events';

// The notification contract lives beside the domain events (a v5 projection carries notifications).
export {
  NOTIFICATION_KINDS,
  notificationRecordOf,
  type NotificationKind,
  type NotificationRecord,
  type NotifyInput,
} from './notification';

export interface ArchiveComplaintInput {
  complaintId: string;
  workflowId: string;
  state: ComplaintState;
  archivedBy?: { userId: string; name: string; role: string };
  archiveRef?: string;
}
export interface ArchiveComplaintResult {
  archiveRef: string;
  digest: string;
}

/** The activity surface the workflow proxies. */
export interface ComplaintActivities {
  assignRegisterNumber(input: AssignRegisterNumberInput): Promise<AssignRegisterNumberResult>;
  computeDeadline(input: ComputeDeadlineInput): Promise<ComputeDeadlineResult>;
  /**
   * Returns what history must keep of it: run as a local activity, only the result is in history,
   * and the audit, the drift check and the rebuild read the projection from there (v4: the events,
   * the state being their fold; before: the whole input).
   */
  projectComplaint(input: ProjectComplaintInput): Promise<ProjectionRecord>;
  notify(input: NotifyInput): Promise<NotificationRecord>;
  archiveComplaint(input: ArchiveComplaintInput): Promise<ArchiveComplaintResult>;
}

export interface BuildMonthlyRecapInput {
  officeCode: string;
  year: number;
  /** 1–12. */
  month: number;
  timeZone: Office['timeZone'];
}

export interface ArchiveMonthlyRecapInput {
  workflowId: string;
  summary: MonthlyRecapSummary;
  state: RecapState;
  archivedBy: { userId: string; name: string; role: string };
  /** When the archive action was taken (from the workflow, so a retry stores the same instant). */
  archivedAt: string;
  /** The archive action's payload (its optional reference). */
  action: Extract<RecapAction, { kind: 'archive' }>;
}
export interface ArchiveMonthlyRecapResult {
  archiveRef: string;
  digest: string;
  archivedAt: string;
}

/** The activity surface the monthly recap workflow proxies (besides computeDeadline and notify). */
export interface RecapActivities {
  buildMonthlyRecap(input: BuildMonthlyRecapInput): Promise<MonthlyRecapSummary>;
  archiveMonthlyRecap(input: ArchiveMonthlyRecapInput): Promise<ArchiveMonthlyRecapResult>;
  computeDeadline(input: ComputeDeadlineInput): Promise<ComputeDeadlineResult>;
  notify(input: NotifyInput): Promise<NotificationRecord>;
}
