/**
 * The workflow's domain events checked against Temporal's own records in the same history: every
 * request Temporal accepted has its domain event (same actor, same payload), the register number
 * and the archive agree with their activity results, each step's deadline was computed, each
 * breach follows a fired timer, and the final status is the workflow's result. Mismatches are
 * listed in Indonesian.
 */
import { canonicalJson } from '../../integrity/src/digest';
import type { ComplaintEvent } from '../../domain/src/complaint-events';
import type { StartFacts } from './timeline-derive';
import type { AcceptedUpdateRecord, HistoryRecords } from './timeline-records';

/** Which domain event an accepted Update leaves, and what of its request the event must repeat. */
const UPDATE_EVENTS: Record<string, { type: string; fields: string[] }> = {
  act: { type: 'action', fields: ['stepKey'] },
  addNote: { type: 'note', fields: ['text'] },
  reassign: { type: 'reassigned', fields: ['stepKey', 'assigneeUserId', 'assigneeName', 'reason'] },
  supplyInformation: { type: 'supplement', fields: ['content'] },
  withdraw: { type: 'withdrawn', fields: ['reason'] },
  rate: { type: 'rated', fields: ['score', 'comment'] },
  reopen: { type: 'reopened', fields: ['reason'] },
};

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function requestField(event: ComplaintEvent, field: string): unknown {
  return field === 'stepKey' ? event.stepKey : event.data[field];
}

/** The domain event an accepted request left: by request id, or (reassign has none) by its content. */
function findDomainEvent(
  update: AcceptedUpdateRecord,
  type: string,
  events: ComplaintEvent[],
  used: Set<ComplaintEvent>,
): ComplaintEvent | undefined {
  return events.find(
    (event) =>
      !used.has(event) &&
      event.type === type &&
      (event.data.requestId !== undefined
        ? event.data.requestId === update.requestId
        : requestField(event, 'stepKey') === update.request.stepKey &&
          event.data.assigneeUserId === update.request.assigneeUserId),
  );
}

function checkRequests(events: ComplaintEvent[], records: HistoryRecords, mismatches: string[]): void {
  const used = new Set<ComplaintEvent>();
  const actorAgrees = (event: ComplaintEvent, actor: unknown): boolean =>
    actor === undefined || (actor as { userId?: string }).userId === event.actor?.userId;
  for (const update of records.updates) {
    const expected = UPDATE_EVENTS[update.name];
    // In flight or refused by its handler: the workflow need not have emitted anything.
    if (!expected || update.outcome !== 'completed') continue;
    const event = findDomainEvent(update, expected.type, events, used);
    const where = `Update ${update.name} (kejadian riwayat ${update.eventId}, permintaan ${update.requestId})`;
    if (!event) {
      // A request re-sent with a request id already applied is answered without a new event.
      const earlier = events.some(
        (candidate) => candidate.type === expected.type && candidate.data.requestId === update.requestId,
      );
      if (!earlier) mismatches.push(`${where}: tidak ada kejadian domain ${expected.type}.`);
      continue;
    }
    used.add(event);
    if (!actorAgrees(event, update.request.actor)) {
      const requested = (update.request.actor as { userId?: string }).userId;
      mismatches.push(
        `${where}: pelaku ${String(requested)}, kejadian domain ke-${event.seq} mencatat ${event.actor?.userId ?? '-'}.`,
      );
    }
    const fields = expected.fields.filter((field) => !same(requestField(event, field), update.request[field]));
    if (update.name === 'act' && !same(event.data.input, update.request.action)) fields.push('action');
    if (fields.length > 0) {
      mismatches.push(`${where}: isi berbeda dari kejadian domain ke-${event.seq} (${fields.join(', ')}).`);
    }
  }

  // A signal may be refused (no event); an action the workflow says came by signal must be one.
  for (const event of events) {
    if (event.type !== 'action' || event.data.via !== 'signal') continue;
    const signal = records.signals.find(
      (record) => (record.request as { requestId?: unknown } | undefined)?.requestId === event.data.requestId,
    );
    const request = signal?.request as { stepKey?: string; actor?: unknown; action?: unknown } | undefined;
    const where = `Tindakan kejadian domain ke-${event.seq} (permintaan ${String(event.data.requestId)})`;
    if (!request) {
      mismatches.push(`${where}: sinyal actSignal-nya tidak ada dalam riwayat.`);
    } else if (
      request.stepKey !== event.stepKey ||
      !actorAgrees(event, request.actor) ||
      !same(event.data.input, request.action)
    ) {
      mismatches.push(`${where}: berbeda dari sinyal pada kejadian riwayat ${signal!.eventId}.`);
    }
  }
  for (const event of events) {
    if (event.type !== 'action' || event.data.via === 'signal') continue;
    if (!records.updates.some((update) => update.name === 'act' && update.requestId === event.data.requestId)) {
      mismatches.push(
        `Tindakan kejadian domain ke-${event.seq} (permintaan ${String(event.data.requestId)}): Update act-nya tidak ada dalam riwayat.`,
      );
    }
  }
}

function checkActivityResults(events: ComplaintEvent[], records: HistoryRecords, mismatches: string[]): void {
  for (const event of events.filter((candidate) => candidate.type === 'registered')) {
    const recorded = records.registrations.map((record) => record.result.registerNumber);
    if (!recorded.includes(String(event.data.registerNumber))) {
      mismatches.push(
        `Nomor register ${String(event.data.registerNumber)} (kejadian domain ke-${event.seq}) ` +
          `tidak sama dengan hasil aktivitas (${recorded.join(', ') || 'tidak ada'}).`,
      );
    }
  }
  for (const event of events.filter((candidate) => candidate.type === 'archived')) {
    const archived = records.archives.some(
      (record) => record.result.archiveRef === event.data.archiveRef && record.result.digest === event.data.digest,
    );
    if (!archived) {
      mismatches.push(
        `Arsip ${String(event.data.archiveRef)} (kejadian domain ke-${event.seq}) tidak sama dengan hasil aktivitas arsip.`,
      );
    }
  }
  for (const event of events.filter((candidate) => candidate.type === 'step_started')) {
    if (!records.deadlines.some((deadline) => deadline.dueAt === event.data.dueAt)) {
      mismatches.push(
        `Tenggat langkah ${String(event.stepKey)} (kejadian domain ke-${event.seq}, ${String(event.data.dueAt)}) ` +
          'tidak ada di antara tenggat yang dihitung.',
      );
    }
  }
}

/** A breach is detected when the deadline's timer fires: one fired at or after the due time, before the breach. */
function checkBreaches(events: ComplaintEvent[], records: HistoryRecords, mismatches: string[]): void {
  const used = new Set<number>();
  for (const event of events.filter((candidate) => candidate.type === 'breach')) {
    const dueAt = Date.parse(String(event.data.dueAt));
    const timer = records.timersFired.find(
      (record) =>
        !used.has(record.eventId) && Date.parse(record.at) >= dueAt && Date.parse(record.at) <= Date.parse(event.at),
    );
    if (timer) used.add(timer.eventId);
    else {
      mismatches.push(
        `Pelanggaran baku mutu langkah ${String(event.stepKey)} (kejadian domain ke-${event.seq}) ` +
          'tanpa pewaktu tenggat yang berakhir.',
      );
    }
  }
}

function checkClose(events: ComplaintEvent[], records: HistoryRecords, mismatches: string[]): void {
  const closed = events.filter((event) => event.type === 'closed').at(-1);
  const result = records.end?.how === 'completed' ? records.end.result : undefined;
  if (result && closed?.data.status !== result.status) {
    mismatches.push(
      `Status akhir alur kerja ${String(result.status)}, kejadian domain ${closed ? String(closed.data.status) : 'tidak ada'}.`,
    );
  }
}

/** The `submitted` event repeats the start input (each field it carries: v4 carries more). */
function checkSubmission(events: ComplaintEvent[], start: StartFacts, mismatches: string[]): void {
  const submitted = events.find((event) => event.type === 'submitted');
  if (!submitted) return;
  const recorded: Record<string, unknown> = {
    complaintId: start.complaintId,
    officeCode: start.sop.office.code,
    channel: start.submission.channel,
    subject: start.submission.subject,
    confidential: start.submission.confidential,
    sopId: start.sop.id,
    sopVersion: start.sop.version,
  };
  const differing = Object.keys(recorded).filter(
    (field) => submitted.data[field] !== undefined && !same(submitted.data[field], recorded[field]),
  );
  if (differing.length > 0) {
    mismatches.push(`Kejadian domain pengajuan berbeda dari masukan awal alur kerja (${differing.join(', ')}).`);
  }
}

/** The seqs of one run are dense (a continued run starts where the previous one stopped). */
function checkSeqs(events: ComplaintEvent[], mismatches: string[]): void {
  for (let index = 1; index < events.length; index++) {
    const expected = events[index - 1].seq + 1;
    if (events[index].seq !== expected) {
      mismatches.push(`Kejadian domain ke-${expected} sampai ke-${events[index].seq - 1} tidak ada dalam riwayat.`);
    }
  }
}

export function crossCheck(
  events: ComplaintEvent[],
  start: StartFacts,
  records: HistoryRecords,
): { ok: boolean; mismatches: string[] } {
  const mismatches: string[] = [];
  checkSeqs(events, mismatches);
  checkSubmission(events, start, mismatches);
  checkRequests(events, records, mismatches);
  checkActivityResults(events, records, mismatches);
  checkBreaches(events, records, mismatches);
  checkClose(events, records, mismatches);
  return { ok: mismatches.length === 0, mismatches };
}
