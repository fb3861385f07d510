import type { DataSource } from 'typeorm';
import { applyComplaintEvent } from '../libs/domain/src/complaint-fold';
import { writeComplaintProjection } from '../libs/persistence/src/complaint-row';
import {
  completeDeadlineDraft,
  projectionRecordOf,
  type ProjectComplaintInput,
  type ProjectionRecord,
} from './contracts';
import { refuseDataErrors } from './data-errors';
import { computeDeadline } from './deadline.activity';

export interface ProjectionActivityDeps {
  dataSource: DataSource;
}

/**
 * A projection that completes an event with its deadline (shape v6) as it is written: the deadline
 * computed here, the event appended to the events and folded into the state the row is written
 * from. The deadline is pure, so a retried projection completes the event the same way.
 */
export async function withDeadlineEvent(input: ProjectComplaintInput): Promise<ProjectComplaintInput> {
  if (!input.deadlineDraft) return input;
  const event = completeDeadlineDraft(input.deadlineDraft, await computeDeadline(input.deadlineDraft.deadline));
  const state = structuredClone(input.state);
  applyComplaintEvent(state, event);
  return { ...input, state, events: [...input.events, event] };
}

export function createProjectionActivities(deps: ProjectionActivityDeps) {
  const { dataSource } = deps;

  /** The read-model projection (`libs/persistence/src/complaint-row.ts`); data PostgreSQL refuses is not retried. */
  async function projectComplaint(input: ProjectComplaintInput): Promise<ProjectionRecord> {
    const projection = await withDeadlineEvent(input);
    await refuseDataErrors(() => writeComplaintProjection(dataSource, projection));
    return projectionRecordOf(projection);
  }

  return { projectComplaint };
}
