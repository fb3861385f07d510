import type { ComplaintTimeline, TimelineActor, TimelineEntry } from '../../../../libs/audit/src/timeline';
import { describeEntry, ENTRY_LABELS, HIDDEN_ENTRY_KINDS } from '../../../../libs/audit/src/timeline-html';
import type { ActionInput } from '../../../../libs/domain/src/complaint';
import { ACTION_OUTCOME_VALUES, officeTime, ROLES } from '../core/graphql-types';
import { toActionInputObject } from '../complaints/complaint.mapper';
import type { PersonObject } from '../complaints/complaint.object';
import type { ComplaintTimelineObject, TimelineEntryObject } from './audit.object';

function person(actor: TimelineActor | undefined): PersonObject | undefined {
  return actor ? { userId: actor.userId, name: actor.name, role: actor.role, officeCode: actor.officeCode } : undefined;
}

/** Roles listed in a detail, when every one is a known role (the enum cannot carry anything else). */
function roles(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every((role) => (ROLES as readonly unknown[]).includes(role))) return undefined;
  return value as string[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The typed view of an entry's details, for the kinds whose details a client shows. */
function typedDetails(entry: TimelineEntry): Partial<TimelineEntryObject> {
  const d = entry.details;
  const input = d.input as ActionInput | undefined;
  const action =
    input && typeof input === 'object' && typeof input.kind === 'string' ? toActionInputObject(input) : undefined;
  switch (entry.kind) {
    case 'action': {
      const outcome = (ACTION_OUTCOME_VALUES as unknown[]).includes(d.outcome) ? (d.outcome as string) : undefined;
      return { action, outcome };
    }
    case 'step_started':
      return { actorRoles: roles(d.actorRoles) };
    case 'breach':
      return { notifiedRoles: roles(d.escalatedTo) };
    case 'reminder':
      return { notifiedRoles: roles(d.recipientRoles) };
    case 'refused':
      return { action: d.operation === 'actSignal' ? action : undefined, reason: text(d.reason), code: text(d.code) };
    case 'tunda':
    case 'withdrawn':
    case 'reopened':
      return { reason: text(d.reason) };
    case 'submitted':
    case 'registered':
    case 'note':
    case 'reassigned':
    case 'supplement':
    case 'rated':
    case 'resumed':
    case 'answer_delivered':
    case 'archived':
    case 'step_timed_out':
    case 'notification':
    case 'timer_fired':
    case 'search_attributes':
    case 'completed':
    case 'ended':
      return {};
  }
}

export function toTimelineEntryObject(entry: TimelineEntry, timeZone: string): TimelineEntryObject {
  return {
    ...typedDetails(entry),
    seq: entry.seq,
    kind: entry.kind,
    bookkeeping: HIDDEN_ENTRY_KINDS.includes(entry.kind),
    label: ENTRY_LABELS[entry.kind],
    at: entry.at,
    eventId: entry.eventId,
    stepKey: entry.stepKey,
    stepTitle: entry.stepTitle,
    actor: person(entry.actor),
    via: entry.via,
    bakuMutu: entry.bakuMutu,
    dueAt: entry.dueAt,
    breached: entry.breached,
    refused: entry.refused === true,
    summary: describeEntry(entry, timeZone),
    atOffice: officeTime(entry.at, timeZone),
    dueAtOffice: officeTime(entry.dueAt, timeZone),
  };
}

export function toTimelineObject(timeline: ComplaintTimeline, entries: TimelineEntry[]): ComplaintTimelineObject {
  return {
    complaintId: timeline.complaintId,
    workflowId: timeline.workflowId,
    runId: timeline.runId,
    registerNumber: timeline.registerNumber,
    sopId: timeline.sop.id,
    sopVersion: timeline.sop.version,
    officeCode: timeline.sop.officeCode,
    status: timeline.status,
    asOf: timeline.asOf,
    entries: entries.map((entry) => toTimelineEntryObject(entry, timeline.sop.timeZone)),
    steps: timeline.steps.map((step) => ({ ...step, actor: person(step.actor) })),
    consistent: timeline.consistency.ok,
    inconsistencies: timeline.consistency.mismatches,
  };
}
