/**
 * Refused attempts recorded by the gateway (`audit_refusals`, never in history), merged into a
 * timeline by time and marked refused.
 */
import type { ComplaintTimeline, TimelineActor, TimelineEntry } from './timeline';

/** A refused attempt recorded by the gateway (audit_refusals). */
export interface RefusalRecord {
  id: string;
  at: string;
  actor: TimelineActor;
  operation: string;
  stepKey?: string | null;
  requestId?: string | null;
  code: string;
  reason: string;
  request?: Record<string, unknown>;
}

/** The timeline view: history entries with the refused attempts merged in by time, marked refused. */
export function mergeRefusals(timeline: ComplaintTimeline, refusals: RefusalRecord[]): TimelineEntry[] {
  const refused: TimelineEntry[] = refusals.map((refusal) => ({
    seq: 0,
    kind: 'refused',
    at: refusal.at,
    stepKey: refusal.stepKey ?? undefined,
    stepTitle: refusal.stepKey ? findStepTitle(timeline, refusal.stepKey) : undefined,
    actor: refusal.actor,
    refused: true,
    details: {
      refusalId: refusal.id,
      operation: refusal.operation,
      requestId: refusal.requestId ?? undefined,
      code: refusal.code,
      reason: refusal.reason,
      request: refusal.request,
    },
  }));
  // History entries keep their order (a step's start may carry the workflow clock, a hair before
  // the event time of the action that led to it); each refusal goes before the first later entry.
  const pending = [...refused].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const merged: TimelineEntry[] = [];
  for (const entry of timeline.entries) {
    while (pending.length > 0 && Date.parse(pending[0].at) < Date.parse(entry.at)) merged.push(pending.shift()!);
    merged.push(entry);
  }
  merged.push(...pending);
  return merged.map((entry, index) => ({ ...entry, seq: index + 1 }));
}

function findStepTitle(timeline: ComplaintTimeline, stepKey: string): string | undefined {
  return timeline.entries.find((entry) => entry.stepKey === stepKey && entry.stepTitle)?.stepTitle;
}
