/**
 * The timeline's entries, read from the workflow's own domain events (what the workflow says
 * happened, in its order, at its clock) plus the submission of the start input. No copy of the
 * workflow's transitions lives here: which step came next is what the next `step_started` says.
 * Temporal's bookkeeping (notifications sent, timers, search attributes, refused signals, how the
 * run ended) comes from the history records, each entry at the event it was read from.
 */
import type { ComplaintEvent } from '../../domain/src/complaint-events';
import type { Submission } from '../../domain/src/complaint';
import type { BakuMutu, SopDefinition } from '../../domain/src/sop';
import { findStep } from '../../domain/src/sop-model';
import type { DeadlineRecord, HistoryRecords, NotifyRecord } from './timeline-records';
import type { TimelineActor, TimelineEntry } from './timeline';

/** A domain event with the history event it was read from (a projection input or marker). */
export interface SourcedDomainEvent {
  event: ComplaintEvent;
  eventId: number;
}

/** What the start input says about the complaint (the workflow's input, as recorded). */
export interface StartFacts {
  complaintId: string;
  sop: SopDefinition;
  submission: Submission;
  submittedBy?: { userId: string; name: string; role: string };
}

/** v4 records a step left by its SOP timeout rule; older shapes leave it to be inferred. */
export const STEP_TIMED_OUT = 'step_timed_out';

export const COMPLAINANT: TimelineActor = { userId: 'pemohon', name: 'Pelapor', role: 'pemohon' };

/** Notifications the domain events already tell (a reminder, an escalation): not listed twice. */
const TOLD_BY_DOMAIN_EVENTS = new Set(['reminder', 'escalation']);

/** Domain events after which a breached step did not time out (a note or reassignment may still come between). */
const ENDS_THE_STEP = new Set(['action', 'tunda', 'withdrawn', 'reopened', 'closed', STEP_TIMED_OUT]);

type DraftEntry = Omit<TimelineEntry, 'seq'>;

function actorOf(actor: Partial<TimelineActor> | undefined): TimelineActor | undefined {
  if (!actor || typeof actor.userId !== 'string') return undefined;
  const result: TimelineActor = { userId: actor.userId, name: actor.name ?? '', role: actor.role ?? '' };
  if (actor.officeCode) result.officeCode = actor.officeCode;
  return result;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Drops undefined members so an entry carries only what it says. */
function compact(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
}

/** The notify request the workflow sent for a reminder or breach of a step (in history order). */
function notificationFinder(notifications: NotifyRecord[]) {
  const used = new Set<NotifyRecord>();
  return (kind: string, stepKey: string | undefined): NotifyRecord | undefined => {
    const found = notifications.find(
      (record) => !used.has(record) && record.request.kind === kind && record.request.stepKey === stepKey,
    );
    if (found) used.add(found);
    return found;
  };
}

/** The submission as the start input recorded it (the domain event adds what v4 records there). */
function submittedEntry(start: StartFacts, records: HistoryRecords, domain?: ComplaintEvent): DraftEntry {
  const { submission, sop } = start;
  return {
    kind: 'submitted',
    at: text(domain?.data.submittedAt) ?? records.startedAt,
    eventId: 1,
    actor: start.submittedBy ? actorOf(start.submittedBy) : COMPLAINANT,
    details: compact({
      channel: submission.channel,
      subject: submission.subject,
      content: submission.content,
      location: submission.location,
      confidential: submission.confidential,
      complainant: submission.complainant.anonymous
        ? { anonymous: true }
        : { anonymous: false, name: submission.complainant.name },
      attachments: submission.attachments.map((attachment) => attachment.name),
      sop: { id: sop.id, version: sop.version, title: sop.title, sopNumber: sop.sopNumber },
    }),
  };
}

/** Entries from the domain events, in the workflow's order. */
function domainEntries(start: StartFacts, events: SourcedDomainEvent[], records: HistoryRecords): DraftEntry[] {
  const { sop } = start;
  const entries: DraftEntry[] = [];
  const notificationFor = notificationFinder(records.notifications);
  const deadlineStart = deadlineStartFinder(records);
  // The open step run, only to say an action's deadline and whether it came late.
  let current: { stepKey: string; dueAt?: string; breached: boolean } | undefined;
  let runs = 0;
  // v1–v3: a breach under a `transition` timeout rule, with no action before the next step start.
  let timeoutBreach: { entry: DraftEntry; to?: string } | undefined;
  let lastDelivery: DraftEntry | undefined;

  for (const { event, eventId } of events) {
    const { data, stepKey } = event;
    const step = stepKey ? findStep(sop, stepKey) : undefined;
    const base = { at: event.at, eventId, stepKey, stepTitle: text(data.title) ?? step?.title };
    const type = event.type as string;
    if (ENDS_THE_STEP.has(type)) timeoutBreach = undefined;
    switch (type) {
      case 'submitted':
        // Listed from the start input (see submittedEntry).
        break;
      case 'registered':
        entries.push({ ...base, kind: 'registered', details: compact({ ...data }) });
        break;
      case 'step_started': {
        if (timeoutBreach && current) {
          entries.push(timedOutEntry(current.stepKey, timeoutBreach.entry, timeoutBreach.to, sop, true));
        }
        timeoutBreach = undefined;
        runs += 1;
        const bakuMutu = (data.bakuMutu as BakuMutu | undefined) ?? step?.bakuMutu;
        const dueAt = text(data.dueAt);
        const startedAt = text(data.startedAt) ?? deadlineStart(dueAt, eventId) ?? event.at;
        current = { stepKey: stepKey ?? '', dueAt, breached: false };
        entries.push({
          ...base,
          at: startedAt,
          kind: 'step_started',
          bakuMutu,
          dueAt,
          details: compact({
            actorRoles: data.actorRoles ?? step?.actorRoles ?? [],
            action: data.action ?? step?.action,
            reminderAt: data.reminderAt,
            bakuMutuWorkingMinutes: data.workingMinutes,
            run: runs,
          }),
        });
        break;
      }
      case 'action': {
        const run = current && current.stepKey === stepKey ? current : undefined;
        const breached = run ? run.breached || Date.parse(event.at) > Date.parse(run.dueAt ?? event.at) : undefined;
        const entry: DraftEntry = {
          ...base,
          kind: 'action',
          actor: actorOf(event.actor),
          via: data.via === 'signal' ? 'signal' : 'update',
          bakuMutu: step?.bakuMutu,
          dueAt: run?.dueAt,
          breached,
          details: { requestId: data.requestId, kind: data.kind, outcome: data.outcome, input: data.input },
        };
        entries.push(entry);
        if (data.kind === 'deliver') lastDelivery = entry;
        current = undefined;
        break;
      }
      case 'reminder': {
        const sent = notificationFor('reminder', stepKey)?.request;
        entries.push({
          ...base,
          kind: 'reminder',
          bakuMutu: step?.bakuMutu,
          dueAt: text(data.dueAt),
          details: compact({ recipientRoles: sent?.recipientRoles ?? step?.actorRoles, message: sent?.message }),
        });
        break;
      }
      case 'breach': {
        if (current && current.stepKey === stepKey) current.breached = true;
        const sent = notificationFor('escalation', stepKey)?.request;
        const onTimeout = data.onTimeout as { kind?: string; to?: string } | undefined;
        const entry: DraftEntry = {
          ...base,
          kind: 'breach',
          bakuMutu: step?.bakuMutu,
          dueAt: text(data.dueAt),
          breached: true,
          details: compact({ escalatedTo: data.escalatedTo, onTimeout, message: sent?.message }),
        };
        entries.push(entry);
        timeoutBreach = onTimeout?.kind === 'transition' ? { entry, to: onTimeout.to } : undefined;
        break;
      }
      case STEP_TIMED_OUT:
        entries.push(timedOutEntry(stepKey ?? '', { ...base, dueAt: text(data.dueAt) }, text(data.to), sop));
        current = undefined;
        break;
      case 'tunda':
        entries.push({
          ...base,
          kind: 'tunda',
          dueAt: text(data.limitAt),
          details: compact({ reason: data.reason, limitAt: data.limitAt }),
        });
        break;
      case 'resumed':
        entries.push({ ...base, kind: 'resumed', details: compact({ after: data.after }) });
        break;
      case 'note':
        entries.push({
          ...base,
          kind: 'note',
          actor: actorOf(event.actor),
          via: 'update',
          details: compact({ requestId: data.requestId, text: data.text }),
        });
        break;
      case 'reassigned':
        entries.push({
          ...base,
          kind: 'reassigned',
          actor: actorOf(event.actor),
          via: 'update',
          details: compact({
            assigneeUserId: data.assigneeUserId,
            assigneeName: data.assigneeName,
            reason: data.reason,
          }),
        });
        break;
      case 'supplement':
        entries.push({
          ...base,
          kind: 'supplement',
          actor: COMPLAINANT,
          via: 'update',
          details: { requestId: data.requestId, content: data.content, attachments: data.attachments ?? [] },
        });
        break;
      case 'withdrawn':
      case 'rated':
      case 'reopened':
        entries.push({
          ...base,
          kind: type as 'withdrawn' | 'rated' | 'reopened',
          actor: COMPLAINANT,
          via: 'update',
          details: compact({
            requestId: data.requestId,
            reason: data.reason,
            score: data.score,
            comment: data.comment,
          }),
        });
        current = undefined;
        break;
      case 'answer_delivered':
        entries.push({
          ...base,
          stepTitle: base.stepTitle ?? lastDelivery?.stepTitle,
          kind: 'answer_delivered',
          actor: lastDelivery?.actor,
          details: compact({ channel: data.channel, receipt: data.receipt, reopenUntil: data.reopenUntil }),
        });
        break;
      case 'archived':
        entries.push({
          ...base,
          kind: 'archived',
          actor: actorOf(event.actor),
          details: compact({ archiveRef: data.archiveRef, digest: data.digest }),
        });
        break;
      case 'closed':
        entries.push({
          ...base,
          stepKey: undefined,
          stepTitle: undefined,
          kind: 'completed',
          details: compact({ status: data.status, reason: data.reason, closedAt: event.at }),
        });
        current = undefined;
        break;
      default:
        // An event type this code does not know yet: listed as it is rather than dropped.
        entries.push({ ...base, kind: 'notification', details: { message: `Kejadian domain ${type}`, data } });
    }
  }
  return entries;
}

function timedOutEntry(
  stepKey: string,
  source: Pick<DraftEntry, 'at' | 'eventId' | 'dueAt' | 'stepTitle'>,
  to: string | undefined,
  sop: SopDefinition,
  inferred = false,
): DraftEntry {
  const step = findStep(sop, stepKey);
  return {
    kind: 'step_timed_out',
    at: source.at,
    eventId: source.eventId,
    stepKey,
    stepTitle: step?.title ?? source.stepTitle,
    bakuMutu: step?.bakuMutu,
    dueAt: source.dueAt,
    breached: true,
    details: compact({ to, toTitle: to ? findStep(sop, to)?.title : undefined, inferred: inferred || undefined }),
  };
}

/**
 * When a step started (v1–v3 record no start): the start of its deadline, the first not yet
 * claimed one with the same due time computed before the projection that carries the step start
 * (two steps of equal baku mutu may share a due time when the office is closed).
 */
function deadlineStartFinder(records: HistoryRecords) {
  const used = new Set<DeadlineRecord>();
  return (dueAt: string | undefined, projectedAt: number): string | undefined => {
    const found = records.deadlines.find(
      (deadline) => !used.has(deadline) && deadline.dueAt === dueAt && deadline.eventId < projectedAt,
    );
    if (found) used.add(found);
    return found?.startAt;
  };
}

/** Temporal's bookkeeping entries: notifications, refused signals, timers, search attributes, the end. */
function bookkeepingEntries(records: HistoryRecords, appliedRequestIds: Set<string>): DraftEntry[] {
  const entries: DraftEntry[] = [];
  for (const { eventId, at, request } of records.notifications) {
    if (TOLD_BY_DOMAIN_EVENTS.has(request.kind)) continue;
    entries.push({
      kind: 'notification',
      at,
      eventId,
      details: { kind: request.kind, recipientRoles: request.recipientRoles, message: request.message },
    });
  }
  for (const { eventId, at, name, request } of records.signals) {
    const action = request as
      { requestId?: string; stepKey?: string; actor?: TimelineActor; action?: unknown } | undefined;
    if (name === 'actSignal' && action?.requestId) {
      // A refused signal changes nothing in the workflow: applied iff the workflow emitted its action.
      if (appliedRequestIds.has(action.requestId)) continue;
      entries.push({
        kind: 'refused',
        at,
        eventId,
        stepKey: action.stepKey,
        actor: actorOf(action.actor),
        via: 'signal',
        refused: true,
        details: { operation: 'actSignal', requestId: action.requestId, input: action.action },
      });
    } else {
      entries.push({ kind: 'notification', at, eventId, details: { signal: name, input: request } });
    }
  }
  for (const timer of records.timersFired) {
    entries.push({
      kind: 'timer_fired',
      at: timer.at,
      eventId: timer.eventId,
      details: compact({ timerId: timer.timerId, startedAt: timer.startedAt, durationMs: timer.durationMs }),
    });
  }
  for (const { eventId, at, fields } of records.searchAttributes) {
    entries.push({ kind: 'search_attributes', at, eventId, details: fields });
  }
  const { end } = records;
  if (end && end.how !== 'completed') {
    entries.push({
      kind: 'ended',
      at: end.at,
      eventId: end.eventId,
      details: compact({ how: end.how, reason: end.reason }),
    });
  }
  return entries;
}

/**
 * The timeline's entries ordered by time (ties: by the history event they were read from, then
 * in the workflow's order), numbered from 1.
 */
export function deriveEntries(
  start: StartFacts,
  events: SourcedDomainEvent[],
  records: HistoryRecords,
): TimelineEntry[] {
  const submitted = events.find(({ event }) => event.type === 'submitted')?.event;
  const appliedRequestIds = new Set(
    events.flatMap(({ event }) =>
      event.type === 'action' && typeof event.data.requestId === 'string' ? [event.data.requestId] : [],
    ),
  );
  const drafts = [
    submittedEntry(start, records, submitted),
    ...domainEntries(start, events, records),
    ...bookkeepingEntries(records, appliedRequestIds),
  ];
  // At the same instant the workflow's domain event comes first: it emits the event, then asks for
  // the notification (a v4 notification carries the workflow's clock, not its marker's time).
  const ordered = drafts
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index);
  return ordered.map(({ entry }, index) => ({ seq: index + 1, ...entry }) as TimelineEntry);
}
