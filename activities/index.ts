import type { DataSource } from 'typeorm';
import { createArchiveActivities } from './archive.activity';
import { createArchiveRegisterActivities, type ArchiveRegisterActivities } from './archive-register.activity';
import type { ComplaintActivities, RecapActivities } from './contracts';
import { createDeadlineActivities } from './deadline.activity';
import { createNotificationActivities } from './notification.activity';
import { createProjectionActivities } from './projection.activity';
import { createRecapActivities } from './recap.activity';
import { createRegisterNumberActivities } from './register-number.activity';

export interface ActivityDeps {
  /** The read model (initialized, migrated). */
  dataSource: DataSource;
}

/** Every activity the complaint workflow proxies, built from its dependencies. */
export function createActivities(
  deps: ActivityDeps,
): ComplaintActivities & RecapActivities & ArchiveRegisterActivities {
  return {
    ...createRegisterNumberActivities(deps),
    ...createDeadlineActivities(),
    ...createProjectionActivities(deps),
    ...createNotificationActivities(deps),
    ...createArchiveActivities(deps),
    ...createRecapActivities(deps),
    ...createArchiveRegisterActivities(deps),
  };
}
