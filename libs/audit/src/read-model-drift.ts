/**
 * What the read model of one complaint should hold according to its history, and the differences
 * between that and what it holds. The expected rows come from the `projectComplaint` inputs in the
 * history, reduced the way the projection writes them (the row of the latest event wins; an event
 * row, once written, stays).
 */
import type { ComplaintEvent, ProjectComplaintInput } from '../../domain/src/complaint-events';
import { complaintRowValues, type ComplaintRowValues } from '../../persistence/src/complaint-row';
import { canonicalJson } from '../../integrity/src/digest';

export interface ReadModelRow extends ComplaintRowValues {
  state: unknown;
}

export interface ReadModelEventRow {
  seq: number;
  type: string;
  at: string;
  stepKey: string | null;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  data: unknown;
}

export interface ComplaintReadModel {
  complaintId: string;
  row?: ReadModelRow;
  events: ReadModelEventRow[];
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value as string | Date).toISOString();
}

export function eventRowOf(event: ComplaintEvent): ReadModelEventRow {
  return {
    seq: event.seq,
    type: event.type,
    at: iso(event.at) as string,
    stepKey: event.stepKey ?? null,
    actorUserId: event.actor?.userId ?? null,
    actorName: event.actor?.name ?? null,
    actorRole: event.actor?.role ?? null,
    data: event.data,
  };
}

/** The read model one complaint's projection inputs produce. */
export function expectedReadModel(complaintId: string, inputs: ProjectComplaintInput[]): ComplaintReadModel {
  let winner: ProjectComplaintInput | undefined;
  let winnerSeq = -1;
  const events = new Map<number, ReadModelEventRow>();
  for (const input of inputs) {
    const seq = complaintRowValues(input).lastEventSeq;
    if (seq >= winnerSeq) {
      winner = input;
      winnerSeq = seq;
    }
    for (const event of input.events) if (!events.has(event.seq)) events.set(event.seq, eventRowOf(event));
  }
  return {
    complaintId,
    row: winner ? { ...normalizeRow(complaintRowValues(winner)), state: winner.state } : undefined,
    events: [...events.values()].sort((a, b) => a.seq - b.seq),
  };
}

/** Row values with instants as ISO strings (the database gives `Date`s). */
export function normalizeRow<T extends ComplaintRowValues>(row: T): T {
  return {
    ...row,
    dueAt: iso(row.dueAt),
    submittedAt: iso(row.submittedAt) as string,
    closedAt: iso(row.closedAt),
    updatedAt: iso(row.updatedAt) as string,
  };
}

/** Differences between the expected (history) and actual (read model) rows of one complaint. */
export function compareReadModels(expected: ComplaintReadModel, actual: ComplaintReadModel): string[] {
  const id = expected.complaintId;
  const out: string[] = [];
  if (!expected.row && actual.row) out.push(`${id}: baris aduan ada di read model tetapi tidak di riwayat`);
  if (expected.row && !actual.row) out.push(`${id}: baris aduan tidak ada di read model`);
  if (expected.row && actual.row) {
    const a = actual.row as unknown as Record<string, unknown>;
    const e = expected.row as unknown as Record<string, unknown>;
    for (const key of Object.keys(e).sort()) {
      if (canonicalJson(e[key]) !== canonicalJson(a[key])) {
        out.push(`${id}: kolom ${key} berbeda (riwayat ${short(e[key])}, read model ${short(a[key])})`);
      }
    }
  }
  const actualEvents = new Map(actual.events.map((event) => [event.seq, event]));
  for (const event of expected.events) {
    const found = actualEvents.get(event.seq);
    if (!found) out.push(`${id}: kejadian #${event.seq} (${event.type}) tidak ada di read model`);
    else if (canonicalJson(found) !== canonicalJson(event)) out.push(`${id}: kejadian #${event.seq} berbeda`);
    actualEvents.delete(event.seq);
  }
  for (const extra of actualEvents.values())
    out.push(`${id}: kejadian #${extra.seq} (${extra.type}) tidak ada di riwayat`);
  return out;
}

function short(value: unknown): string {
  const text = canonicalJson(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
