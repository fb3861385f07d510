import type { DataSource } from 'typeorm';
import { applyComplaintEvent } from '../libs/domain/src/complaint-fold';
import { writeComplaintProjection } from '../libs/persistence/src/complaint-row';
import {
  completeRegistrationDraft,
  eventWithDeadline,
  projectionRecordOf,
  type AssignRegisterNumberInput,
  type AssignRegisterNumberResult,
  type ProjectComplaintInput,
  type ProjectionRecord,
} from './contracts';
import { refuseDataErrors } from './data-errors';
import { computeDeadline } from './deadline.activity';
import { createRegisterNumberActivities } from './register-number.activity';

export interface ProjectionActivityDeps {
  dataSource: DataSource;
}

/** Assigns a complaint its register number (idempotent per complaint). */
export type RegisterNumberAssigner = (input: AssignRegisterNumberInput) => Promise<AssignRegisterNumberResult>;

/**
 * A projection with drafts, completed before it is written: the register number assigned (v7) and
 * given to the notifications queued with it that have none, then the deadline computed (v6); each
 * completed event appended to the events and folded into the state the row is written from. The
 * number is idempotent per complaint and the deadline pure, so a retried projection completes its
 * drafts the same way.
 */
export async function withCompletedDrafts(
  input: ProjectComplaintInput,
  assignRegisterNumber: RegisterNumberAssigner,
): Promise<ProjectComplaintInput> {
  const { registrationDraft, deadlineDraft } = input;
  if (!registrationDraft && !deadlineDraft) return input;
  const state = structuredClone(input.state);
  const events = [...input.events];
  let { notifications } = input;
  const append = (event: (typeof events)[number]) => {
    applyComplaintEvent(state, event);
    events.push(event);
  };
  if (registrationDraft) {
    const assigned = await assignRegisterNumber(registrationDraft.registration);
    append(completeRegistrationDraft(registrationDraft, assigned));
    notifications = notifications?.map((notification) =>
      notification.registerNumber === undefined
        ? { ...notification, registerNumber: assigned.registerNumber }
        : notification,
    );
  }
  if (deadlineDraft) append(eventWithDeadline(deadlineDraft.event, await computeDeadline(deadlineDraft.deadline)));
  return { ...input, state, events, ...(notifications ? { notifications } : {}) };
}

export function createProjectionActivities(deps: ProjectionActivityDeps) {
  const { dataSource } = deps;
  const { assignRegisterNumber } = createRegisterNumberActivities(deps);

  /** The read-model projection (`libs/persistence/src/complaint-row.ts`); data PostgreSQL refuses is not retried. */
  async function projectComplaint(input: ProjectComplaintInput): Promise<ProjectionRecord> {
    const projection = await withCompletedDrafts(input, assignRegisterNumber);
    await refuseDataErrors(() => writeComplaintProjection(dataSource, projection));
    return projectionRecordOf(projection);
  }

  return { projectComplaint };
}
