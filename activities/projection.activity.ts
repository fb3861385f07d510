import type { DataSource } from 'typeorm';
import { writeComplaintProjection } from '../libs/persistence/src/complaint-row';
import { projectionRecordOf, type ProjectComplaintInput, type ProjectionRecord } from './contracts';
import { refuseDataErrors } from './data-errors';

export interface ProjectionActivityDeps {
  dataSource: DataSource;
}

export function createProjectionActivities(deps: ProjectionActivityDeps) {
  const { dataSource } = deps;

  /** The read-model projection (`libs/persistence/src/complaint-row.ts`); data PostgreSQL refuses is not retried. */
  async function projectComplaint(input: ProjectComplaintInput): Promise<ProjectionRecord> {
    await refuseDataErrors(() => writeComplaintProjection(dataSource, input));
    return projectionRecordOf(input);
  }

  return { projectComplaint };
}
