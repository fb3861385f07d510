import type { DataSource } from 'typeorm';
import { applyComplaintEvent } from '../libs/domain/src/complaint-fold';
import { writeComplaintProjection } from '../libs/persistence/src/complaint-row';
import { openedStepEvent, projectionRecordOf, type ProjectComplaintInput, type ProjectionRecord } from './contracts';
import { refuseDataErrors } from './data-errors';
import { computeDeadline } from './deadline.activity';

export interface ProjectionActivityDeps {
  dataSource: DataSource;
}

/**
 * A projection that opens a step (shape v6) as it is written: the step's deadline computed here,
 * its `step_started` event appended to the events and folded into the state the row is written
 * from. The deadline is pure, so a retried projection opens the step the same way.
 */
export async function withOpenedStep(input: ProjectComplaintInput): Promise<ProjectComplaintInput> {
  if (!input.opening) return input;
  const event = openedStepEvent(input.opening, await computeDeadline(input.opening.deadline));
  const state = structuredClone(input.state);
  applyComplaintEvent(state, event);
  return { ...input, state, events: [...input.events, event] };
}

export function createProjectionActivities(deps: ProjectionActivityDeps) {
  const { dataSource } = deps;

  /** The read-model projection (`libs/persistence/src/complaint-row.ts`); data PostgreSQL refuses is not retried. */
  async function projectComplaint(input: ProjectComplaintInput): Promise<ProjectionRecord> {
    const projection = await withOpenedStep(input);
    await refuseDataErrors(() => writeComplaintProjection(dataSource, projection));
    return projectionRecordOf(projection);
  }

  return { projectComplaint };
}
