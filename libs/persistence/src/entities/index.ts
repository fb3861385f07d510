import { ArchiveRegisterEntryEntity } from './archive-register-entry.entity';
import { AuditRefusalEntity } from './audit-refusal.entity';
import { ComplaintArchiveEntity } from './complaint-archive.entity';
import { ComplaintEventEntity } from './complaint-event.entity';
import { ComplaintEntity } from './complaint.entity';
import { MonthlyRecapEntity } from './monthly-recap.entity';
import { NotificationEntity } from './notification.entity';
import { RegisterAssignmentEntity } from './register-assignment.entity';
import { RegisterCounterEntity } from './register-counter.entity';

export {
  ArchiveRegisterEntryEntity,
  AuditRefusalEntity,
  ComplaintArchiveEntity,
  ComplaintEntity,
  ComplaintEventEntity,
  MonthlyRecapEntity,
  NotificationEntity,
  RegisterAssignmentEntity,
  RegisterCounterEntity,
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
  ArchiveRegisterEntryEntity,
];
