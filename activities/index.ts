import type { DataSource } from 'typeorm';
import type { NotificationConfig } from '../libs/config/src/config';
import { createArchiveActivities } from './archive.activity';
import { createArchiveRegisterActivities, type ArchiveRegisterActivities } from './archive-register.activity';
import type { ComplaintActivities, RecapActivities } from './contracts';
import { createDeadlineActivities } from './deadline.activity';
import { createNotificationActivities } from './notification.activity';
import {
  createNotificationDeliveryActivities,
  type NotificationDeliveryActivities,
} from './notification-delivery.activity';
import { createProjectionActivities } from './projection.activity';
import { createRecapActivities } from './recap.activity';
import { createRegisterNumberActivities } from './register-number.activity';

export interface ActivityDeps {
  /** The read model (initialized, migrated). */
  dataSource: DataSource;
  /** Outbox delivery (channels, recipients); absent: delivery off. */
  notifications?: NotificationConfig;
}

/** Every activity the complaint workflow proxies, built from its dependencies. */
export function createActivities(
  deps: ActivityDeps,
): ComplaintActivities & RecapActivities & NotificationDeliveryActivities & ArchiveRegisterActivities {
  return {
    ...createRegisterNumberActivities(deps),
    ...createDeadlineActivities(),
    ...createProjectionActivities(deps),
    ...createNotificationActivities(deps),
    ...createArchiveActivities(deps),
    ...createRecapActivities(deps),
    ...createNotificationDeliveryActivities(deps),
    ...createArchiveRegisterActivities(deps),
  };
}
