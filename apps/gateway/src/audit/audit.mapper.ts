import type { ComplaintTimeline, TimelineActor, TimelineEntry } from '../../../../libs/audit/src/timeline';
import { describeEntry, ENTRY_LABELS } from '../../../../libs/audit/src/timeline-html';
import type { PersonObject } from '../complaints/complaint.object';
import type { ComplaintTimelineObject, TimelineEntryObject } from './audit.object';

function person(actor: TimelineActor | undefined): PersonObject | undefined {
  return actor ? { userId: actor.userId, name: actor.name, role: actor.role, officeCode: actor.officeCode } : undefined;
}

export function toTimelineEntryObject(entry: TimelineEntry): TimelineEntryObject {
  return {
    seq: entry.seq,
    kind: entry.kind,
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
    summary: describeEntry(entry),
    details: JSON.stringify(entry.details),
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
    entries: entries.map(toTimelineEntryObject),
    steps: timeline.steps.map((step) => ({ ...step, actor: person(step.actor) })),
    consistent: timeline.consistency.ok,
    inconsistencies: timeline.consistency.mismatches,
  };
}
