/**
 * The complaint workflow's contract: its input, updates, signals and queries. The gateway, the
 * worker and the tests import this module; nobody outside `workflows/` imports the workflow body.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ActionRequest,
  ComplaintState,
  NoteRequest,
  PendingAction,
  RateRequest,
  ReassignRequest,
  ReopenRequest,
  Submission,
  SupplementRequest,
  WithdrawRequest,
} from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';

export const COMPLAINT_WORKFLOW_TYPE = 'complaintWorkflow';

/** Workflow id of a complaint: `complaint-<uuid>`. */
export function complaintWorkflowId(complaintId: string): string {
  return `complaint-${complaintId}`;
}

export interface ComplaintWorkflowInput {
  complaintId: string;
  /** The whole SOP, snapshotted at submission: a running complaint keeps the rules it started with. */
  sop: SopDefinition;
  submission: Submission;
  /** SHA-256 (hex) of the tracking code handed to the complainant; the code itself is never stored. */
  trackingCodeHash: string;
  /** Staff member who registered a walk-in complaint on the citizen's behalf, if any. */
  submittedBy?: { userId: string; name: string; role: string };
  /**
   * SHA-256 of the office, the submitter and the submission: a submit with the same client request
   * id but another submitter or payload is refused (CONFLICT) instead of answered with this complaint.
   */
  submissionDigest?: string;
  /** Set by the continue-as-new guard: the complaint as the previous run left it. */
  continued?: ContinuedComplaint;
  /** Continue as new after this many history events even before the server suggests it (default 10,000). */
  historyEventLimit?: number;
}

/** What a complaint carries into its next run (continue-as-new), waiting at `currentKey`. */
export interface ContinuedComplaint {
  state: ComplaintState;
  /** The seq of the next domain event, so seqs stay dense across runs. */
  nextEventSeq: number;
  processedRequestIds: string[];
  stepRuns: number;
  currentKey: string;
  /** The step was waiting (its deadline already computed); whether its reminder already went out. */
  waiting?: { reminded: boolean };
  /** Previous degradations stay visible. */
  degradations: Degradation[];
  /** Deadlines of the latest runs of steps whose baku mutu a later step shares, by step key. */
  sharedDeadlines?: Record<string, { dueAt: string; reminderAt?: string; workingMinutes: number }>;
}

/** Why a submission is refused when its clientRequestId already belongs to another submission. */
export const SUBMISSION_CONFLICT_MESSAGE =
  'clientRequestId ini sudah dipakai untuk pengajuan lain; kirim pengajuan baru dengan clientRequestId baru.';

/** The submission's acknowledgment, sent with the start (Update-With-Start). */
export interface SubmitRequest {
  submissionDigest: string;
}

export interface ComplaintWorkflowResult {
  complaintId: string;
  registerNumber?: string;
  status: ComplaintState['status'];
  closedAt?: string;
}

/**
 * What an Update answers: enough to say where the complaint stands, not the whole state (which would
 * be written into history with every answer). The gateway reads the state with `getStateQuery`.
 */
export interface ComplaintUpdateResult {
  complaintId: string;
  registerNumber?: string;
  status: ComplaintState['status'];
  currentStepKeys: string[];
}

/** Answers once the complaint has its register number and its first step (with deadline) is open. */
export const submitUpdate = defineUpdate<ComplaintUpdateResult, [SubmitRequest]>('submit');
/** The digest the complaint was submitted with, to check a repeated submission of a closed complaint. */
export const getSubmissionDigestQuery = defineQuery<string | null>('getSubmissionDigest');

// Staff actions: Updates (validated, answer where the complaint stands) and the same as a Signal.
export const actUpdate = defineUpdate<ComplaintUpdateResult, [ActionRequest]>('act');
export const actSignal = defineSignal<[ActionRequest]>('actSignal');
export const addNoteUpdate = defineUpdate<ComplaintUpdateResult, [NoteRequest]>('addNote');
export const reassignUpdate = defineUpdate<ComplaintUpdateResult, [ReassignRequest]>('reassign');

// Complainant actions (the gateway checks the tracking code before calling them).
export const supplyInformationUpdate = defineUpdate<ComplaintUpdateResult, [SupplementRequest]>('supplyInformation');
export const withdrawUpdate = defineUpdate<ComplaintUpdateResult, [WithdrawRequest]>('withdraw');
export const rateUpdate = defineUpdate<ComplaintUpdateResult, [RateRequest]>('rate');
export const reopenUpdate = defineUpdate<ComplaintUpdateResult, [ReopenRequest]>('reopen');

export const getStateQuery = defineQuery<ComplaintState>('getState');

/** A projection or notification that failed after its bounded retries; the complaint went on without it. */
export interface Degradation {
  kind: 'projection' | 'notification';
  at: string;
  /** Which events or which notification (dedupe key) were not written. */
  detail: string;
  message: string;
}
export const getDegradationsQuery = defineQuery<Degradation[]>('getDegradations');
export const getPendingActionsQuery = defineQuery<PendingAction[]>('getPendingActions');
