import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { AppConfig } from '../../../../../libs/config/src/config';
import {
  monthLabel,
  recapActRequestSchema,
  type RecapAction,
  type RecapActRequest,
  type RecapMonth,
  type RecapState,
} from '../../../../../libs/domain/src/recap';
import type { SopDefinition } from '../../../../../libs/domain/src/sop';
import { recapWorkflowInput } from '../../../../../libs/temporal/src/schedules';
import {
  getRecapStateQuery,
  RECAP_WORKFLOW_TYPE,
  recapActUpdate,
  recapWorkflowId,
} from '../../../../../workflows/recap/recap.messages';
import { actingRole, actorOf } from '../../auth/acting-user';
import type { AuthUser, GatewayContext } from '../../auth/auth.types';
import type { SopRegistry } from '../../catalog/sop-registry';
import { parseWith } from '../../complaints/services/validation';
import { APP_CONFIG, SOP_REGISTRY, TEMPORAL_CLIENT } from '../../core/gateway.tokens';
import { RecapErrors } from '../recap.errors';
import type { RecapActionBaseInput, RecapMonthInput } from '../recap.input';

/** gRPC deadline of a live read (workflow query). */
const READ_DEADLINE_MS = 5_000;
/** How long starting a recap waits for its first step to open. */
const START_WAIT_MS = 5_000;

interface RecapTarget {
  officeCode: string;
  period: RecapMonth;
  sop: SopDefinition;
  handle: WorkflowHandle;
}

/** The monthly recap (seed 002 steps 5–7) for staff apps: start one, read it live, act on its steps. */
@Injectable()
export class RecapService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
  ) {}

  /** The office's recap of a month, within the caller's scope (own office, or any for `*`). */
  private target(user: AuthUser, input: RecapMonthInput): RecapTarget {
    const officeCode = input.officeCode ?? user.office;
    if (officeCode === '*') throw RecapErrors.officeRequired();
    if (user.office !== '*' && user.office !== officeCode) throw RecapErrors.foreignOffice(user.office, officeCode);
    if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) throw RecapErrors.badMonth();
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw RecapErrors.badMonth();
    const sop = this.registry.activeForOffice(officeCode);
    if (!sop?.monthlyRecap) throw RecapErrors.noRecap(officeCode);
    const period = { year: input.year, month: input.month };
    return { officeCode, period, sop, handle: this.client.workflow.getHandle(recapWorkflowId(officeCode, period)) };
  }

  private async read(target: RecapTarget): Promise<RecapState> {
    try {
      return await this.client.withDeadline(Date.now() + READ_DEADLINE_MS, () =>
        target.handle.query(getRecapStateQuery),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw RecapErrors.notFound(target.officeCode, monthLabel(target.period));
      }
      throw error;
    }
  }

  state(user: AuthUser, input: RecapMonthInput): Promise<RecapState> {
    return this.read(this.target(user, input));
  }

  /** Starts the month's recap by hand (the schedule starts it on day 1); idempotent per office and month. */
  async start(user: AuthUser, input: RecapMonthInput): Promise<RecapState> {
    const target = this.target(user, input);
    const recapRoles = new Set(target.sop.monthlyRecap!.steps.flatMap((step) => step.actorRoles as string[]));
    if (!user.roles.some((role) => recapRoles.has(role))) throw RecapErrors.notStartable();
    try {
      await this.client.workflow.start(RECAP_WORKFLOW_TYPE, {
        workflowId: target.handle.workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [recapWorkflowInput(target.sop, target.period)],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    const deadline = Date.now() + START_WAIT_MS;
    for (let delay = 50; ; delay = Math.min(delay * 2, 400)) {
      const state = await this.read(target);
      if (state.currentStep?.dueAt || state.status === 'archived' || Date.now() + delay >= deadline) return state;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** One recap step's action, as the Workflow Update `recapAct`; answers once the workflow settled. */
  async act(
    user: AuthUser,
    action: RecapAction,
    input: RecapActionBaseInput,
    context: GatewayContext,
  ): Promise<RecapState> {
    const target = this.target(user, input);
    const current = await this.read(target);
    const role = actingRole(user, input.actingRole, current.currentStep?.actorRoles);
    const request = parseWith<RecapActRequest>(recapActRequestSchema, {
      requestId: input.requestId ?? context.requestId ?? randomUUID(),
      actor: actorOf(user, role),
      stepKey: current.currentStep?.key ?? '',
      action,
    });
    return target.handle.executeUpdate(recapActUpdate, { args: [request], updateId: request.requestId });
  }
}
