import type { SopDiff } from '../../../../libs/domain/src/sop-diff';
import type { AdminAuditEntry, StaffUser } from '../../../../libs/persistence/src/catalog-store';
import type {
  AdminAuditEntryObject,
  SopDiffObject,
  SopValidationObject,
  SopVersionObject,
  StaffUserObject,
} from './catalog-admin.object';
import type { BakuMutuInput, DraftSopVersionInput, SopDefinitionInput } from './catalog-admin.input';
import { CatalogErrors } from './catalog.errors';
import { toSopObject } from './catalog.mapper';
import type { SopSource, SopVersionView } from './services/catalog-admin.service';

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

const bakuMutu = (input: BakuMutuInput) => ({ amount: input.amount, unit: input.unit });

/** The structured SOP input as the document an office would write (validated like one). */
export function toSopDocument(input: SopDefinitionInput): Record<string, unknown> {
  return {
    id: input.id,
    title: input.title,
    sopNumber: input.sopNumber,
    ...(input.effectiveDate ? { effectiveDate: input.effectiveDate } : {}),
    source: input.source,
    startStep: input.startStep,
    steps: input.steps.map((step) => ({
      key: step.key,
      title: step.title,
      actorRoles: [...step.actorRoles],
      action: step.action,
      bakuMutu: bakuMutu(step.bakuMutu),
      ...(step.sharesBakuMutuWith ? { sharesBakuMutuWith: step.sharesBakuMutuWith } : {}),
      output: step.output,
      transitions: step.transitions.map((transition) => ({
        to: transition.to,
        ...(transition.when ? { when: transition.when } : {}),
      })),
      ...(step.timeoutTransitionTo ? { onTimeout: { kind: 'transition', to: step.timeoutTransitionTo } } : {}),
      escalationRoles: [...step.escalationRoles],
      ...(step.requirements ? { requirements: [...step.requirements] } : {}),
      ...(step.note ? { note: step.note } : {}),
    })),
    supervisorRoles: [...input.supervisorRoles],
    policies: {
      reopenStep: input.policies.reopenStep,
      ...(input.policies.registerNumberAt ? { registerNumberAt: input.policies.registerNumberAt } : {}),
      ...(input.policies.reminderFraction !== undefined && input.policies.reminderFraction !== null
        ? { reminderFraction: input.policies.reminderFraction }
        : {}),
      ...(input.policies.tundaLimit ? { tundaLimit: bakuMutu(input.policies.tundaLimit) } : {}),
      ...(input.policies.reopenWindow ? { reopenWindow: bakuMutu(input.policies.reopenWindow) } : {}),
    },
  };
}

/** The SOP of a draft input: exactly one of a document or a structured definition. */
export function sopSourceOf(input: DraftSopVersionInput): SopSource {
  if (input.document !== undefined && input.document !== null && input.definition) throw CatalogErrors.oneSource();
  if (input.definition) return toSopDocument(input.definition);
  if (typeof input.document === 'string') return input.document;
  throw CatalogErrors.oneSource();
}
