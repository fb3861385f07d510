import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { IsNull, type DataSource } from 'typeorm';
import type { AppConfig } from '../../../../../libs/config/src/config';
import {
  actionRequestSchema,
  CLOSED_STATUSES,
  noteRequestSchema,
  rateRequestSchema,
  reassignRequestSchema,
  reopenRequestSchema,
  requestIdSchema,
  stepKeySchema,
  submissionSchema,
  supplementRequestSchema,
  withdrawRequestSchema,
  type ActionInput,
  type ActionRequest,
  type ComplaintState,
  type Submission,
} from '../../../../../libs/domain/src/complaint';
import type { ActionKind } from '../../../../../libs/domain/src/sop-model';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import { ComplaintEntity } from '../../../../../libs/persistence/src/entities';
import {
  actUpdate,
  addNoteUpdate,
  COMPLAINT_WORKFLOW_TYPE,
  complaintWorkflowId,
  getStateQuery,
  getSubmissionDigestQuery,
  rateUpdate,
  reassignUpdate,
  reopenUpdate,
  SUBMISSION_CONFLICT_MESSAGE,
  submitUpdate,
  supplyInformationUpdate,
  withdrawUpdate,
  type ComplaintUpdateResult,
  type ComplaintWorkflowInput,
} from '../../../../../workflows/complaint/complaint.messages';
import { actingRole, actorOf, userOf } from '../../auth/acting-user';
import type { AuthUser, GatewayContext } from '../../auth/auth.types';
import type { SopRegistry } from '../../catalog/sop-registry';
import type { GatewaySecrets } from '../../core/gateway-options';
import {
  APP_CONFIG,
  DATA_SOURCE,
  GATEWAY_LOGGER,
  GATEWAY_SECRETS,
  SOP_REGISTRY,
  TEMPORAL_CLIENT,
} from '../../core/gateway.tokens';
import { AuditRefusalService, refusalOf } from '../../audit/services/audit-refusal.service';
import { gatewayError } from '../../errors/gateway.errors';
import { ComplaintErrors } from '../complaints.errors';
import type { SubmitComplaintInput } from '../complaint.input';
import { ActionRequestLedger, type PriorRequest, type RequestIdentity } from './action-request-ledger.service';
import { ComplaintChangeFeed } from './complaint-change-feed.service';
import { sha256Hex } from '../../../../../libs/integrity/src/digest';
import {
  complaintIdFor,
  normalizeTrackingCode,
  submissionDigest,
  trackingCodeFor,
  trackingCodeMatches,
} from './complaint-identity';
import { settledStateCondition } from './settled-state';
import { parseWith } from './validation';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLIENT_REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{16,100}$/;
const REGISTER_NUMBER_PATTERN = /^[A-Za-z0-9./ -]{1,100}$/;
/** gRPC deadline of a live read (workflow query). */
const READ_DEADLINE_MS = 5_000;

export interface SubmitResult {
  complaintId: string;
  registerNumber?: string;
  trackingCode: string;
  state?: ComplaintState;
  submission: Submission;
}

/** Staff action payload as it comes from GraphQL, before validation. */
export type ActionFields = Record<string, unknown> & {
  complaintId: string;
  stepKey?: string;
  requestId?: string;
  actingRole?: string;
};

/** What the gateway checks before calling Temporal (see `preflight`). */
type Preflight = Pick<ComplaintState, 'officeCode' | 'currentSteps' | 'status'> & { source: 'read-model' | 'workflow' };

/** The complaint row's columns the pre-checks read (`c`: the complaints row), never the whole state. */
export const PRECHECK_COLUMNS = `c.office_code AS "officeCode", c.status, c.state->'currentSteps' AS "currentSteps"`;

/**
 * The ledger's outcome and the pre-check, read together: either the kept answer of an identical
 * earlier request, or the earlier claim (if any) and the complaint as the checks see it.
 */
type Prechecked = { answer: ComplaintState } | { answer?: undefined; earlier?: PriorRequest; current: Preflight };

function omitUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * Everything that changes a complaint: submissions (start the workflow), staff actions (Workflow
 * Updates, answered only once the workflow accepted or refused them), complainant actions.
 * Checks the caller before Temporal is called; the workflow's validators check again.
 */
@Injectable()
export class ComplaintCommandsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
    @Inject(GATEWAY_SECRETS) private readonly secrets: GatewaySecrets,
    @Inject(GATEWAY_LOGGER) private readonly logger: AppLogger,
    private readonly changes: ComplaintChangeFeed,
    private readonly refusals: AuditRefusalService,
    private readonly ledger: ActionRequestLedger,
  ) {}

  /**
   * Runs a mutation and, when it is refused (by the workflow's validator or a gateway rule),
   * appends the attempt to the audit table before rethrowing: a refused update leaves no history.
   */
  private async audited<T>(
    attempt: { complaintId: string; operation: string; user?: AuthUser; stepKey?: string; request: unknown },
    body: () => Promise<T>,
  ): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const { user, request } = attempt;
      await this.refusals.recordFailure(error, {
        complaintId: attempt.complaintId,
        operation: attempt.operation,
        actor: user
          ? { userId: user.sub, name: user.name, role: user.roles.join(','), officeCode: user.office }
          : undefined,
        stepKey: attempt.stepKey,
        requestId: (request as { requestId?: string }).requestId,
        request,
      });
      throw error;
    }
  }

  handle(complaintId: string): WorkflowHandle {
    if (!UUID_PATTERN.test(complaintId)) throw ComplaintErrors.invalid('ID aduan harus berupa UUID', 'complaintId');
    return this.client.workflow.getHandle(complaintWorkflowId(complaintId.toLowerCase()));
  }

  /** The live state of a complaint (a workflow query). */
  async state(complaintId: string): Promise<ComplaintState> {
    const handle = this.handle(complaintId);
    // Reads fail fast (UNAVAILABLE) instead of retrying for long when Temporal is unreachable.
    return this.client.withDeadline(Date.now() + READ_DEADLINE_MS, () => handle.query(getStateQuery));
  }

  /**
   * The state after an Update, from the read model: every Update answers only once the read model
   * shows the change, so one indexed read replaces a workflow query (a round trip and a workflow
   * task). When the row does not agree with the Update's compact answer (not projected yet, a
   * degraded projection, or already moved on), the workflow is asked.
   */
  private async settledState(complaintId: string, answer: ComplaintUpdateResult): Promise<ComplaintState> {
    const settled = settledStateCondition(answer, 2);
    const [row]: { state: ComplaintState }[] = await this.dataSource.query(
      `SELECT c.state FROM complaints c WHERE c.id = $1 AND ${settled.sql}`,
      [complaintId.toLowerCase(), ...settled.parameters],
    );
    return row?.state ?? this.state(complaintId);
  }

  /**
   * The earlier use of the request id and what the gateway checks before calling Temporal, read in
   * one statement: the office (never changes) and the current steps, from the read model when the
   * complaint is projected (only those columns, not the whole state), else from the workflow. The
   * ledger decides first: an identical request already answered gets that answer even when the
   * pre-checks would now refuse it (the complaint moved on), and a reused id is a CONFLICT. The
   * workflow's update validators check again against the live state.
   */
  private async prechecked(identity: RequestIdentity, stepKey?: string): Promise<Prechecked> {
    const { prior, complaint } = await this.ledger.priorWithComplaint<Omit<Preflight, 'source'>>(
      identity,
      stepKey,
      PRECHECK_COLUMNS,
    );
    if (prior?.result) return { answer: prior.result };
    const current: Preflight = complaint
      ? { ...complaint, source: 'read-model' }
      : { ...(await this.state(identity.complaintId)), source: 'workflow' };
    return { earlier: prior, current };
  }

  /**
   * Sends one Workflow Update under the idempotency contract (see ActionRequestLedger): claims the
   * request id, answers an identical retry with the original result, frees the id of a refused
   * request. An update on a closed complaint is refused as such, not as "not found".
   */
  private async sendOnce(
    identity: RequestIdentity,
    stepKey: string | undefined,
    send: () => Promise<ComplaintUpdateResult>,
  ): Promise<ComplaintState> {
    const earlier = await this.ledger.claim(identity, stepKey);
    if (earlier?.result) return earlier.result;
    let state: ComplaintState;
    let kept = false;
    try {
      // The Update answers compactly (history keeps every answer); the state as it settled is read
      // back and kept as the request's answer in one statement, else asked of the workflow.
      const answer = await send();
      const settled = await this.ledger.completeWithSettledState(identity, answer);
      kept = settled !== undefined;
      state = settled ?? (await this.state(identity.complaintId));
    } catch (error) {
      if (!earlier && refusalOf(error)) await this.ledger.release(identity);
      if (!(error instanceof WorkflowNotFoundError) || !(await this.isClosed(identity.complaintId))) throw error;
      // The request that closed the complaint, retried before its answer was kept: the final state.
      if (earlier) return this.state(identity.complaintId);
      await this.ledger.release(identity);
      throw ComplaintErrors.closed();
    }
    // The workflow accepted it: answer even if the answer cannot be kept (a retry then asks Temporal,
    // which returns the same outcome for the same Update ID).
    if (!kept) await this.ledger.keep(identity, state);
    return state;
  }

  private async isClosed(complaintId: string): Promise<boolean> {
    try {
      const description = await this.handle(complaintId).describe();
      return description.status.name !== 'RUNNING';
    } catch {
      return false;
    }
  }

  /** Refuses work on a complaint that no longer takes any (checked before Temporal is called). */
  private assertOpen(current: Pick<ComplaintState, 'status'>): void {
    if (CLOSED_STATUSES.includes(current.status)) throw ComplaintErrors.closed();
  }

  /** A client-chosen request id (else the HTTP request's), checked before it is stored or sent. */
  private checkedRequestId(given: string | undefined, context: GatewayContext): string {
    return parseWith(requestIdSchema, this.requestId(given, context));
  }

  // --- Submission --------------------------------------------------------------------------------

  async submit(input: SubmitComplaintInput, context: GatewayContext): Promise<SubmitResult> {
    const user = context.user;
    if (!CLIENT_REQUEST_ID_PATTERN.test(input.clientRequestId)) {
      throw ComplaintErrors.invalid(
        'clientRequestId harus 16–100 karakter (huruf, angka, . _ : -), mis. UUID',
        'clientRequestId',
      );
    }
    let submittedBy: ComplaintWorkflowInput['submittedBy'];
    let officeCode = input.officeCode;
    if (user) {
      const role = actingRole(user);
      if (officeCode && officeCode !== user.office) throw ComplaintErrors.foreignOffice(user.office);
      officeCode = user.office;
      submittedBy = { userId: user.sub, name: user.name, role };
    }
    if (!officeCode) throw ComplaintErrors.invalid('kantor tujuan wajib diisi', 'officeCode');
    const sop = input.sopId ? this.registry.find(input.sopId) : this.registry.activeForOffice(officeCode);
    if (!sop) throw input.sopId ? ComplaintErrors.unknownSop(input.sopId) : ComplaintErrors.unknownOffice(officeCode);
    if (sop.office.code !== officeCode) throw ComplaintErrors.unknownSop(sop.id);
    const submission = parseWith(
      submissionSchema,
      omitUndefined({
        channel: input.channel,
        complainant: omitUndefined({ ...input.complainant }),
        confidential: input.confidential,
        subject: input.subject,
        content: input.content,
        location: input.location,
        attachments: input.attachments?.map((attachment) => ({ ...attachment })),
      }),
    );

    const complaintId = complaintIdFor(officeCode, input.clientRequestId);
    const trackingCode = trackingCodeFor(this.secrets.trackingCodeSecret, complaintId);
    const digest = submissionDigest(officeCode, submittedBy, submission);
    const workflowInput: ComplaintWorkflowInput = {
      complaintId,
      sop,
      submission,
      trackingCodeHash: sha256Hex(trackingCode),
      ...(submittedBy ? { submittedBy } : {}),
      submissionDigest: digest,
    };
    const workflowId = complaintWorkflowId(complaintId);
    // One call: start the complaint (or find it running) and wait until it has its register number
    // and its first step. A retried submission gets the same answer; another submitter or payload
    // under the same clientRequestId is refused by the workflow's validator (CONFLICT).
    let state: ComplaintState;
    try {
      const answer = await this.client.workflow.executeUpdateWithStart(submitUpdate, {
        args: [{ submissionDigest: digest }],
        updateId: `submit-${digest}`,
        startWorkflowOperation: new WithStartWorkflowOperation(COMPLAINT_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: this.config.temporal.taskQueue,
          args: [workflowInput],
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A complaint already closed is not started again under the same id.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      });
      state = await this.settledState(complaintId, answer);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      state = await this.closedSubmission(complaintId, digest);
    }
    this.logger.info('complaint submitted', { requestId: context.requestId, complaintId, officeCode, sopId: sop.id });
    this.changes.changed();
    return { complaintId, registerNumber: state.registerNumber, trackingCode, state, submission };
  }

  /** A repeated submission of a complaint that is already closed: its state, if it is the same submission. */
  private async closedSubmission(complaintId: string, digest: string): Promise<ComplaintState> {
    const handle = this.handle(complaintId);
    const stored = await this.client.withDeadline(Date.now() + READ_DEADLINE_MS, () =>
      handle.query(getSubmissionDigestQuery),
    );
    if (stored !== null && stored !== digest) throw gatewayError('CONFLICT', SUBMISSION_CONFLICT_MESSAGE);
    return this.state(complaintId);
  }

  // --- Staff actions -----------------------------------------------------------------------------

  /** One human action of the SOP, as a Workflow Update; returns the state after the workflow settled. */
  async act(kind: ActionKind, fields: ActionFields, context: GatewayContext): Promise<ComplaintState> {
    const user = userOf(context);
    return this.audited(
      { complaintId: fields.complaintId, operation: `act:${kind}`, user, stepKey: fields.stepKey, request: fields },
      () => this.actAs(user, kind, fields, context),
    );
  }

  private async actAs(
    user: AuthUser,
    kind: ActionKind,
    fields: ActionFields,
    context: GatewayContext,
  ): Promise<ComplaintState> {
    actingRole(user, fields.actingRole); // supervisors and auditors never act
    this.handle(fields.complaintId); // validates the id
    if (fields.stepKey !== undefined && fields.stepKey !== null) parseWith(stepKeySchema, fields.stepKey);
    const { complaintId: _id, stepKey: _step, requestId: _request, actingRole: requestedRole, ...payload } = fields;
    const identity: RequestIdentity = {
      complaintId: fields.complaintId.toLowerCase(),
      requestId: this.checkedRequestId(fields.requestId, context),
      operation: `act:${kind}`,
      actor: { userId: user.sub, officeCode: user.office, role: requestedRole },
      payload,
    };
    const checked = await this.prechecked(identity, fields.stepKey ?? undefined);
    if (checked.answer) return checked.answer;
    const { earlier } = checked;
    // The read model answers the pre-checks fast; when it lags (no matching step yet), ask the workflow.
    let current = checked.current;
    this.assertOffice(user, current);
    this.assertOpen(current);
    const stepKey = fields.stepKey ?? earlier?.stepKey ?? undefined;
    const pick = (steps: ComplaintState['currentSteps']) =>
      stepKey
        ? steps.filter((candidate) => candidate.key === stepKey)
        : steps.filter((candidate) => candidate.action === kind);
    let candidates = pick(current.currentSteps);
    if (candidates.length !== 1 && current.source === 'read-model') {
      current = { ...(await this.state(fields.complaintId)), source: 'workflow' };
      this.assertOpen(current);
      candidates = pick(current.currentSteps);
    }
    let step = stepKey ? candidates[0] : undefined;
    if (!stepKey) {
      if (candidates.length === 0) throw ComplaintErrors.noStepForAction(kind);
      if (candidates.length > 1) throw ComplaintErrors.ambiguousStep(candidates.map((candidate) => candidate.key));
      step = candidates[0];
    }
    const role = actingRole(user, requestedRole, step?.actorRoles);
    if (step && !step.actorRoles.includes(role)) throw ComplaintErrors.roleNotAllowed(step.title);
    const request = parseWith<ActionRequest>(actionRequestSchema, {
      requestId: identity.requestId,
      actor: actorOf(user, role),
      stepKey: stepKey ?? step?.key ?? '',
      action: omitUndefined({ kind, ...payload }) as ActionInput,
    });
    const state = await this.sendOnce(identity, request.stepKey, () =>
      this.handle(fields.complaintId).executeUpdate(actUpdate, { args: [request], updateId: request.requestId }),
    );
    this.logger.info('complaint action', {
      requestId: request.requestId,
      complaintId: state.complaintId,
      kind,
      stepKey: request.stepKey,
      actor: user.sub,
      role,
    });
    this.changes.changed();
    return state;
  }

  async addNote(
    fields: { complaintId: string; text: string; requestId?: string; actingRole?: string },
    context: GatewayContext,
  ): Promise<ComplaintState> {
    const user = userOf(context);
    return this.audited({ complaintId: fields.complaintId, operation: 'addNote', user, request: fields }, () =>
      this.addNoteAs(user, fields, context),
    );
  }

  private async addNoteAs(
    user: AuthUser,
    fields: { complaintId: string; text: string; requestId?: string; actingRole?: string },
    context: GatewayContext,
  ): Promise<ComplaintState> {
    const role = actingRole(user, fields.actingRole);
    const identity: RequestIdentity = {
      complaintId: fields.complaintId.toLowerCase(),
      requestId: this.checkedRequestId(fields.requestId, context),
      operation: 'addNote',
      actor: { userId: user.sub, officeCode: user.office, role: fields.actingRole },
      payload: { text: fields.text },
    };
    this.handle(fields.complaintId); // validates the id
    const checked = await this.prechecked(identity);
    if (checked.answer) return checked.answer;
    const { current } = checked;
    this.assertOffice(user, current);
    this.assertOpen(current);
    const request = parseWith(noteRequestSchema, {
      requestId: identity.requestId,
      actor: actorOf(user, role),
      text: fields.text,
    });
    const state = await this.sendOnce(identity, undefined, () =>
      this.handle(fields.complaintId).executeUpdate(addNoteUpdate, { args: [request], updateId: request.requestId }),
    );
    this.changes.changed();
    return state;
  }

  async reassign(
    fields: {
      complaintId: string;
      stepKey: string;
      assigneeUserId: string;
      assigneeName: string;
      reason: string;
      requestId?: string;
      actingRole?: string;
    },
    context: GatewayContext,
  ): Promise<ComplaintState> {
    const user = userOf(context);
    return this.audited(
      { complaintId: fields.complaintId, operation: 'reassign', user, stepKey: fields.stepKey, request: fields },
      () => this.reassignAs(user, fields, context),
    );
  }

  private async reassignAs(
    user: AuthUser,
    fields: {
      complaintId: string;
      stepKey: string;
      assigneeUserId: string;
      assigneeName: string;
      reason: string;
      requestId?: string;
      actingRole?: string;
    },
    context: GatewayContext,
  ): Promise<ComplaintState> {
    const role = actingRole(user, fields.actingRole);
    this.handle(fields.complaintId); // validates the id
    parseWith(stepKeySchema, fields.stepKey);
    const { complaintId: _id, requestId: _request, actingRole: requestedRole, ...payload } = fields;
    const identity: RequestIdentity = {
      complaintId: fields.complaintId.toLowerCase(),
      requestId: this.checkedRequestId(fields.requestId, context),
      operation: 'reassign',
      actor: { userId: user.sub, officeCode: user.office, role: requestedRole },
      payload,
    };
    const checked = await this.prechecked(identity);
    if (checked.answer) return checked.answer;
    const { current } = checked;
    this.assertOffice(user, current);
    this.assertOpen(current);
    const request = parseWith(reassignRequestSchema, {
      requestId: identity.requestId,
      actor: actorOf(user, role),
      stepKey: fields.stepKey,
      assigneeUserId: fields.assigneeUserId,
      assigneeName: fields.assigneeName,
      reason: fields.reason,
    });
    const state = await this.sendOnce(identity, undefined, () =>
      this.handle(fields.complaintId).executeUpdate(reassignUpdate, { args: [request], updateId: request.requestId }),
    );
    this.changes.changed();
    return state;
  }

  // --- Complainant actions (register number + tracking code) ------------------------------------

  /**
   * The complaint id behind a register number, once the tracking code matches; NOT_FOUND otherwise.
   * Without a register number (its SOP gives it at a later step, e.g. PPID step 2) the tracking
   * code alone finds the complaint, but only while it has no number yet.
   */
  async authenticateComplainant(registerNumber: string | undefined, trackingCode: string): Promise<string> {
    const numbered = registerNumber !== undefined && registerNumber.trim() !== '';
    if ((numbered && !REGISTER_NUMBER_PATTERN.test(registerNumber)) || trackingCode.length > 40)
      throw ComplaintErrors.trackingRefused();
    const complaints = this.dataSource.getRepository(ComplaintEntity);
    const row = numbered
      ? await complaints.findOne({
          select: ['id', 'trackingCodeHash'],
          where: { registerNumber: registerNumber.trim() },
        })
      : await complaints.findOne({
          select: ['id', 'trackingCodeHash'],
          where: { registerNumber: IsNull(), trackingCodeHash: sha256Hex(normalizeTrackingCode(trackingCode)) },
        });
    if (!row || !trackingCodeMatches(trackingCode, row.trackingCodeHash)) throw ComplaintErrors.trackingRefused();
    return row.id;
  }

  async supplyInformation(
    fields: {
      registerNumber: string;
      trackingCode: string;
      requestId?: string;
      content: string;
      attachments?: object[];
    },
    context: GatewayContext,
  ): Promise<ComplaintState> {
    const complaintId = await this.authenticateComplainant(fields.registerNumber, fields.trackingCode);
    return this.complainantUpdate(complaintId, supplyInformationUpdate, fields, () =>
      parseWith(
        supplementRequestSchema,
        omitUndefined({
          requestId: this.requestId(fields.requestId, context),
          content: fields.content,
          attachments: fields.attachments?.map((attachment) => ({ ...attachment })),
        }),
      ),
    );
  }

  async withdraw(
    fields: { registerNumber: string; trackingCode: string; requestId?: string; reason: string },
    context: GatewayContext,
  ): Promise<ComplaintState> {
    const complaintId = await this.authenticateComplainant(fields.registerNumber, fields.trackingCode);
    return this.complainantUpdate(complaintId, withdrawUpdate, fields, () =>
      parseWith(withdrawRequestSchema, { requestId: this.requestId(fields.requestId, context), reason: fields.reason }),
    );
  }

  async rate(
    fields: { registerNumber: string; trackingCode: string; requestId?: string; score: number; comment?: string },
    context: GatewayContext,
  ): Promise<ComplaintState> {
    const complaintId = await this.authenticateComplainant(fields.registerNumber, fields.trackingCode);
    return this.complainantUpdate(complaintId, rateUpdate, fields, () =>
      parseWith(
        rateRequestSchema,
        omitUndefined({
          requestId: this.requestId(fields.requestId, context),
          score: fields.score,
          comment: fields.comment,
        }),
      ),
    );
  }

  async reopen(
    fields: { registerNumber: string; trackingCode: string; requestId?: string; reason: string },
    context: GatewayContext,
  ): Promise<ComplaintState> {
    const complaintId = await this.authenticateComplainant(fields.registerNumber, fields.trackingCode);
    return this.complainantUpdate(complaintId, reopenUpdate, fields, () =>
      parseWith(reopenRequestSchema, { requestId: this.requestId(fields.requestId, context), reason: fields.reason }),
    );
  }

  /**
   * A complainant's action (after the tracking code matched): parsed, sent once under the request-id
   * contract, and audited when refused, a bad payload included.
   */
  private async complainantUpdate<Request extends { requestId: string }>(
    complaintId: string,
    update: typeof supplyInformationUpdate | typeof withdrawUpdate | typeof rateUpdate | typeof reopenUpdate,
    fields: object,
    parse: () => Request,
  ): Promise<ComplaintState> {
    const handle = this.handle(complaintId);
    const state = await this.audited({ complaintId, operation: update.name, request: fields }, async () => {
      const request = parse();
      const { requestId, ...payload } = request;
      const identity: RequestIdentity = {
        complaintId,
        requestId,
        operation: update.name,
        actor: { role: 'pemohon' },
        payload,
      };
      // No pre-check between: claiming the request id also finds an earlier answer.
      return this.sendOnce(identity, undefined, () =>
        (handle.executeUpdate as (def: unknown, options: unknown) => Promise<ComplaintUpdateResult>)(update, {
          args: [request],
          updateId: requestId,
        }),
      );
    });
    this.changes.changed();
    return state;
  }

  // --- Caller checks -----------------------------------------------------------------------------

  private assertOffice(user: AuthUser, state: Pick<ComplaintState, 'officeCode'>): void {
    if (user.office !== state.officeCode) throw ComplaintErrors.foreignOffice(user.office);
  }

  /** The client's request id, else the HTTP request's `x-request-id` (so logs and the workflow share it). */
  private requestId(given: string | undefined, context: GatewayContext): string {
    return given ?? context.requestId ?? randomUUID();
  }
}
