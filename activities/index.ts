import type { DataSource } from 'typeorm';
import { createArchiveActivities } from './archive.activity';
import type { ComplaintActivities } from './contracts';
import { createDeadlineActivities } from './deadline.activity';
import { createNotificationActivities } from './notification.activity';
import { createProjectionActivities } from './projection.activity';
import { createRegisterNumberActivities } from './register-number.activity';

export interface ActivityDeps {
  /** The read model (initialized, migrated). */
  dataSource: DataSource;
}

/** Every activity the complaint workflow proxies, built from its dependencies. */
export function createActivities(deps: ActivityDeps): ComplaintActivities {
  return {
    ...createRegisterNumberActivities(deps),
    ...createDeadlineActivities(),
    ...createProjectionActivities(deps),
    ...createNotificationActivities(deps),
    ...createArchiveActivities(deps),
  };
}
