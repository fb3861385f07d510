import type { SopDiff } from '../../../../libs/domain/src/sop-diff';
import type { AdminAuditEntry, StaffUser } from '../../../../libs/persistence/src/catalog-store';
import type {
  AdminAuditEntryObject,
  SopDiffObject,
  SopValidationObject,
  SopVersionObject,
  StaffUserObject,
} from './catalog-admin.object';
import { toSopObject } from './catalog.mapper';
import type { SopVersionView } from './services/catalog-admin.service';

export function toValidationObject(view: Pick<SopVersionView, 'problems' | 'sop'>): SopValidationObject {
  return {
    valid: view.problems.length === 0,
    problems: view.problems.map((problem) => ({
      ...(problem.step ? { step: problem.step } : {}),
      message: problem.message,
    })),
    ...(view.sop ? { preview: toSopObject(view.sop) } : {}),
  };
}

export function toSopVersionObject(view: SopVersionView, document: string): SopVersionObject {
  const { stored } = view;
  return {
    sopId: stored.sopId,
    version: stored.version,
    officeCode: stored.officeCode,
    status: stored.status,
    title: stored.title,
    ...(stored.effectiveDate ? { effectiveDate: stored.effectiveDate } : {}),
    inForce: view.inForce,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt.toISOString(),
    ...(stored.publishedBy ? { publishedBy: stored.publishedBy } : {}),
    ...(stored.publishedAt ? { publishedAt: stored.publishedAt.toISOString() } : {}),
    ...(stored.retiredAt ? { retiredAt: stored.retiredAt.toISOString() } : {}),
    document,
    validation: toValidationObject(view),
  };
}

export function toSopDiffObject(sopId: string, fromVersion: number, toVersion: number, diff: SopDiff): SopDiffObject {
  return {
    sopId,
    fromVersion,
    toVersion,
    changedFields: [...diff.changedFields],
    addedSteps: diff.addedSteps,
    removedSteps: diff.removedSteps,
    changedSteps: diff.changedSteps.map((change) => ({ key: change.key, fields: [...change.fields] })),
    reordered: diff.reordered,
  };
}

export function toStaffUserObject(user: StaffUser): StaffUserObject {
  return {
    id: user.id,
    officeCode: user.officeCode,
    name: user.name,
    roles: [...user.roles],
    ...(user.email ? { email: user.email } : {}),
    ...(user.phone ? { phone: user.phone } : {}),
    active: user.active,
    updatedAt: new Date(user.updatedAt).toISOString(),
  };
}

export function toAdminAuditEntryObject(entry: AdminAuditEntry): AdminAuditEntryObject {
  return {
    id: entry.id,
    at: new Date(entry.at).toISOString(),
    actorUserId: entry.actorUserId,
    actorName: entry.actorName,
    actorRole: entry.actorRole,
    officeCode: entry.officeCode,
    entity: entry.entity,
    entityKey: entry.entityKey,
    action: entry.action,
    change: JSON.stringify(entry.change),
  };
}
