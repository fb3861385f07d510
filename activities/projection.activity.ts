import type { DataSource } from 'typeorm';
import { writeComplaintProjection } from '../libs/persistence/src/complaint-row';
import type { ProjectComplaintInput } from './contracts';
import { refuseDataErrors } from './data-errors';

export interface ProjectionActivityDeps {
  dataSource: DataSource;
}

export function createProjectionActivities(deps: ProjectionActivityDeps) {
  const { dataSource } = deps;

  /** The read-model projection (`libs/persistence/src/complaint-row.ts`); data PostgreSQL refuses is not retried. */
  async function projectComplaint(input: ProjectComplaintInput): Promise<ProjectComplaintInput> {
    await refuseDataErrors(() => writeComplaintProjection(dataSource, input));
    return input;
  }

  return { projectComplaint };
}
