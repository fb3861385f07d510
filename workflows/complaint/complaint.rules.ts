/**
 * Pure rules of the complaint workflow: validation of human actions against the SOP and the
 * complaint's state, outcomes and transitions. Deterministic and free of Temporal APIs so that the
 * workflow and unit tests share them.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  actionRequestSchema,
  CLOSED_STATUSES,
  indonesianIssueMessages,
  complaintStartSchema,
  type ActionInput,
  type ActionRequest,
  type ActiveStep,
  type Actor,
  type ComplaintState,
  type Submission,
} from '../../libs/domain/src/complaint';
import type { ErrorCode } from '../../libs/domain/src/errors';
import type { SopDefinition, SopStep } from '../../libs/domain/src/sop';
import { END, findStep } from '../../libs/domain/src/sop-model';

/** A refused request: the ApplicationFailure type is the stable error code the gateway maps. */
export function refuse(code: ErrorCode, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** Parses a payload with a zod schema, refusing with BAD_USER_INPUT and the first problem found. */
export function parseOrRefuse<T>(
  schema: {
    safeParse(
      value: unknown,
      params: { error: typeof indonesianIssueMessages; jitless: boolean },
    ): { success: true; data: T } | { success: false; error: { issues: ZodIssueLike[] } };
  },
  value: unknown,
): T {
  // jitless: each workflow has its own schemas and parses each a few times, so compiling zod's
  // fast path for every object schema (on first parse) costs more than it saves. Same results.
  const result = schema.safeParse(value, { error: indonesianIssueMessages, jitless: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw refuse('BAD_USER_INPUT', `Data tidak valid${where}: ${issue?.message ?? 'format salah'}`);
}

/**
 * A complaint's start input under the domain's schemas and text policy: the gateway checks it
 * before Temporal, this checks what a direct Temporal client sends. Returns the normalised
 * submission, or the refusal (BAD_USER_INPUT) that the submit Update and the run end with.
 */
export function checkStartInput(raw: unknown): { submission: Submission } | { refusal: ApplicationFailure } {
  try {
    return { submission: parseOrRefuse<{ submission: Submission }>(complaintStartSchema, raw).submission };
  } catch (error) {
    if (error instanceof ApplicationFailure) return { refusal: error };
    throw error;
  }
}

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
}

export function isClosed(state: ComplaintState): boolean {
  return CLOSED_STATUSES.includes(state.status);
}

/** Checks that the complaint accepts staff work at all (not closed, not waiting for the complainant). */
export function assertOpenForStaff(state: ComplaintState): void {
  if (isClosed(state))
    throw refuse('INVALID_TRANSITION', 'Aduan sudah ditutup; tidak ada tindakan yang dapat dilakukan.');
}

export function assertSameOffice(sop: SopDefinition, actor: Actor): void {
  if (actor.officeCode !== sop.office.code) {
    // The refusal names only the caller's office: it never tells which office owns the complaint.
    throw refuse('FORBIDDEN', `Petugas kantor ${actor.officeCode} tidak berwenang atas aduan ini.`);
  }
}

/**
 * Validates a staff action against the SOP and the current state; returns the parsed request and
 * the active step it completes. Throws a refusal (nothing is written to history) otherwise.
 */
export function validateAction(
  sop: SopDefinition,
  state: ComplaintState,
  raw: unknown,
  processedRequestIds: ReadonlySet<string>,
): { request: ActionRequest; step: SopStep; active: ActiveStep } {
  const request = parseOrRefuse<ActionRequest>(actionRequestSchema, raw);
  if (processedRequestIds.has(request.requestId)) {
    throw refuse('CONFLICT', `Permintaan ${request.requestId} sudah diproses sebelumnya.`);
  }
  assertOpenForStaff(state);
  if (state.status === 'tunda') {
    throw refuse('INVALID_TRANSITION', 'Aduan sedang ditunda menunggu kelengkapan dari pelapor.');
  }
  assertSameOffice(sop, request.actor);
  const active = state.currentSteps.find((candidate) => candidate.key === request.stepKey);
  if (!active) {
    const current = state.currentSteps.map((candidate) => candidate.key).join(', ') || 'tidak ada';
    throw refuse(
      'INVALID_TRANSITION',
      `Langkah "${request.stepKey}" bukan langkah yang sedang berjalan (langkah berjalan: ${current}).`,
    );
  }
  const step = findStep(sop, active.key);
  if (!step) throw refuse('INVALID_TRANSITION', `Langkah "${active.key}" tidak ada dalam SOP.`);
  assertStepAllows(step, request);
  assertActionConsistent(request.action, state);
  return { request, step, active };
}

/** A step takes one action kind, from the roles the SOP names for it (complaint and recap steps alike). */
export function assertStepAllows(
  step: { title: string; action: string; actorRoles: readonly string[] },
  request: { action: { kind: string }; actor: { role: string } },
): void {
  if (request.action.kind !== step.action) {
    throw refuse(
      'INVALID_TRANSITION',
      `Langkah "${step.title}" membutuhkan tindakan "${step.action}", bukan "${request.action.kind}".`,
    );
  }
  if (!step.actorRoles.includes(request.actor.role)) {
    throw refuse(
      'FORBIDDEN',
      `Peran ${request.actor.role} tidak berwenang melakukan langkah "${step.title}" (berwenang: ${step.actorRoles.join(', ')}).`,
    );
  }
}

/** Rules that depend on the payload and what happened before, independent of the office. */
function assertActionConsistent(action: ActionInput, state: ComplaintState): void {
  switch (action.kind) {
    case 'verify':
      if (action.outcome !== 'accepted' && !action.reason) {
        throw refuse('BAD_USER_INPUT', 'Alasan wajib diisi bila aduan ditunda, dialihkan atau ditolak.');
      }
      if (action.outcome === 'bukan_wewenang' && !action.forwardTo) {
        throw refuse('BAD_USER_INPUT', 'Instansi tujuan wajib diisi bila aduan bukan wewenang kantor ini.');
      }
      return;
    case 'sign':
      if (!state.answer?.text)
        throw refuse('INVALID_TRANSITION', 'Belum ada rancangan jawaban yang dapat ditandatangani.');
      if (!action.approved && !action.revisionNote) {
        throw refuse('BAD_USER_INPUT', 'Catatan perbaikan wajib diisi bila jawaban dikembalikan.');
      }
      return;
    case 'deliver':
      if (!action.answer && !state.answer?.text) {
        throw refuse('BAD_USER_INPUT', 'Isi jawaban wajib diisi karena belum ada jawaban yang disusun.');
      }
      return;
    case 'register':
    case 'classify':
    case 'dispose':
    case 'review':
    case 'clarify':
    case 'coordinate':
    case 'forward':
    case 'decide':
    case 'rapat':
    case 'draft_answer':
    case 'archive':
      return;
  }
}

/** The outcome of an action; transitions choose the next step by it. */
export function outcomeOf(action: ActionInput): string {
  switch (action.kind) {
    case 'verify':
      return action.outcome;
    case 'classify':
      return action.underPpidAuthority ? 'ppid' : 'own';
    case 'decide':
      return action.rapatRequired ? 'rapat' : 'decided';
    case 'sign':
      return action.approved ? 'approved' : 'revise';
    case 'review':
      return action.needsCoordination ? 'koordinasi' : 'done';
    case 'register':
    case 'dispose':
    case 'clarify':
    case 'coordinate':
    case 'forward':
    case 'rapat':
    case 'draft_answer':
    case 'deliver':
    case 'archive':
      return 'done';
  }
}

/** The next step key (or END) for an outcome; the SOP validator guarantees one exists. */
export function nextStepKey(step: SopStep, outcome: string): string {
  const transition =
    step.transitions.find((candidate) => candidate.when === outcome) ??
    step.transitions.find((candidate) => candidate.when === undefined);
  if (!transition) {
    throw refuse('INVALID_SOP', `Langkah "${step.key}" tidak punya transisi untuk hasil "${outcome}".`);
  }
  return transition.to;
}

export function isEnd(stepKey: string): boolean {
  return stepKey === END;
}

/** Who may reassign a step: its own actors and its escalation roles, within the office. */
export function canReassign(step: SopStep, actor: Actor): boolean {
  return (step.actorRoles as string[]).includes(actor.role) || (step.escalationRoles as string[]).includes(actor.role);
}
