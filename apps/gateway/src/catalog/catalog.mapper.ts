import type { Office, SopDefinition } from '../../../../libs/domain/src/sop';
import type { OfficeObject, SopObject } from './sop.object';

export function toOfficeObject(office: Office): OfficeObject {
  return {
    code: office.code,
    name: office.name,
    kind: office.kind,
    timeZone: office.timeZone,
    ...(office.region ? { region: office.region } : {}),
    officeHours: office.officeHours.map((hours) => ({
      weekday: hours.weekday,
      start: hours.start,
      end: hours.end,
      breaks: (hours.breaks ?? []).map((pause) => ({ start: pause.start, end: pause.end })),
    })),
    closures: [...office.closures],
    registerNumberFormat: office.registerNumberFormat,
  };
}

export function toSopObject(sop: SopDefinition): SopObject {
  return {
    id: sop.id,
    version: sop.version,
    title: sop.title,
    sopNumber: sop.sopNumber,
    ...(sop.effectiveDate ? { effectiveDate: sop.effectiveDate } : {}),
    office: toOfficeObject(sop.office),
    startStep: sop.startStep,
    steps: sop.steps.map((step) => ({
      key: step.key,
      title: step.title,
      actorRoles: [...step.actorRoles],
      action: step.action,
      bakuMutu: { ...step.bakuMutu },
      sharesBakuMutuWith: step.sharesBakuMutuWith,
      output: step.output,
      transitions: step.transitions.map((transition) => ({ to: transition.to, when: transition.when })),
      timeoutTransitionTo: step.onTimeout.kind === 'transition' ? step.onTimeout.to : undefined,
      escalationRoles: [...step.escalationRoles],
    })),
  };
}
