import { ActionRequestEntity } from './action-request.entity';
import { AdminAuditEntity } from './admin-audit.entity';
import { ArchiveRegisterEntryEntity } from './archive-register-entry.entity';
import { AuditRefusalEntity } from './audit-refusal.entity';
import { ComplaintArchiveEntity } from './complaint-archive.entity';
import { ComplaintEventEntity } from './complaint-event.entity';
import { ComplaintEntity } from './complaint.entity';
import { MonthlyRecapEntity } from './monthly-recap.entity';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { NotificationEntity } from './notification.entity';
import { OfficeEntity } from './office.entity';
import { RegisterAssignmentEntity } from './register-assignment.entity';
import { RegisterCounterEntity } from './register-counter.entity';
import { SopVersionEntity } from './sop-version.entity';
import { StaffUserEntity } from './staff-user.entity';

export {
  ActionRequestEntity,
  AdminAuditEntity,
  ArchiveRegisterEntryEntity,
  AuditRefusalEntity,
  ComplaintArchiveEntity,
  ComplaintEntity,
  ComplaintEventEntity,
  MonthlyRecapEntity,
  NotificationDeliveryEntity,
  NotificationEntity,
  OfficeEntity,
  RegisterAssignmentEntity,
  RegisterCounterEntity,
  SopVersionEntity,
  StaffUserEntity,
};

/** Every read-model entity, listed explicitly (no globs: they break under ts-jest and ts-node). */
export const READ_MODEL_ENTITIES = [
  ComplaintEntity,
  ComplaintEventEntity,
  RegisterCounterEntity,
  RegisterAssignmentEntity,
  NotificationEntity,
  ComplaintArchiveEntity,
  AuditRefusalEntity,
  MonthlyRecapEntity,
  NotificationDeliveryEntity,
  ActionRequestEntity,
  OfficeEntity,
  SopVersionEntity,
  StaffUserEntity,
  AdminAuditEntity,
  ArchiveRegisterEntryEntity,
];
