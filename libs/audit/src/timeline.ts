/**
 * A complaint's domain timeline, derived from its Temporal event history ALONE (never the read
 * model). The entries are the workflow's own domain events (carried in the `projectComplaint`
 * inputs, or the results of its local-activity markers), plus the submission of the start input and
 * Temporal's bookkeeping; nothing here re-walks the SOP. The modules, one job each:
 * - `timeline-records.ts`: Temporal's own records in the history (Updates, Signals, activity results, timers);
 * - `timeline-derive.ts`: the entries, from the domain events;
 * - `timeline-steps.ts`: the per-step summary (working minutes against the baku mutu);
 * - `timeline-cross-check.ts`: the domain events against Temporal's records (`consistency`);
 * - `timeline-refusals.ts`: refused attempts of the gateway merged in (`mergeRefusals`).
 *
 * Deterministic: the same history gives the same timeline (open steps are measured up to the last
 * event of the history), so an export can be re-derived and compared.
 */
import type { ComplaintEvent, ProjectComplaintInput, ProjectionRecord } from '../../domain/src/activity-contracts';
import type { ComplaintState, ComplaintStatus } from '../../domain/src/complaint';
import { complaintSummaryOf, type ComplaintSummary } from '../../domain/src/complaint-events';
import { applyComplaintEvent, initialComplaintState } from '../../domain/src/complaint-fold';
import type { BakuMutu } from '../../domain/src/sop';
import type { ComplaintWorkflowInput } from '../../../workflows/complaint/complaint.messages';
import { decodeFirst, eventId, eventTime, localActivityOf, type History, type HistoryEvent } from './history-events';
import { crossCheck } from './timeline-cross-check';
import { deriveEntries, type SourcedDomainEvent } from './timeline-derive';
import { readHistoryRecords } from './timeline-records';
import { summarizeSteps } from './timeline-steps';

export { mergeRefusals, type RefusalRecord } from './timeline-refusals';

/** The derivation this code writes into `ComplaintTimeline.formatVersion`. */
export const TIMELINE_FORMAT_VERSION = 2;

export const TIMELINE_ENTRY_KINDS = [
  'submitted',
  'registered',
  'step_started',
  'action',
  'note',
  'reassigned',
  'supplement',
  'withdrawn',
  'rated',
  'reopened',
  'reminder',
  'breach',
  'tunda',
  'resumed',
  'answer_delivered',
  'archived',
  'step_timed_out',
  'notification',
  'timer_fired',
  'search_attributes',
  'completed',
  'ended',
  'refused',
] as const;
export type TimelineEntryKind = (typeof TIMELINE_ENTRY_KINDS)[number];

export interface TimelineActor {
  userId: string;
  name: string;
  role: string;
  officeCode?: string;
}

export interface TimelineEntry {
  /** Position in the timeline (1-based). */
  seq: number;
  kind: TimelineEntryKind;
  /** When it happened: the history event's time (for refusals: when the gateway refused it). */
  at: string;
  /** The history event it comes from. */
  eventId?: number;
  stepKey?: string;
  stepTitle?: string;
  actor?: TimelineActor;
  /** How an action reached the workflow. */
  via?: 'update' | 'signal';
  bakuMutu?: BakuMutu;
  dueAt?: string;
  breached?: boolean;
  /** Set on refused attempts (from the audit table, never from history). */
  refused?: boolean;
  details: Record<string, unknown>;
}

export interface StepSummary {
  /** 1-based count of step runs (a revisited step gets a new run). */
  run: number;
  stepKey: string;
  title: string;
  bakuMutu: BakuMutu;
  /** The baku mutu in working minutes at this office (from the recorded deadline). */
  bakuMutuWorkingMinutes: number;
  startedAt: string;
  dueAt: string;
  endedAt?: string;
  /** The action's outcome, or timeout / withdrawn / reopened / closed; absent while open. */
  outcome?: string;
  actor?: TimelineActor;
  /** Working minutes (office calendar of the SOP snapshot) from start to end (or the last event). */
  workingMinutesTaken: number;
  minutesOverBakuMutu: number;
  breached: boolean;
}

export interface ComplaintTimeline {
  /**
   * How the timeline was derived: 2 = from the domain events (this code). Absent in documents of
   * export format 1, derived by re-walking the SOP over Temporal events (see export-document.ts).
   */
  formatVersion: number;
  workflowId: string;
  runId: string;
  complaintId: string;
  registerNumber?: string;
  sop: { id: string; version: number; title: string; sopNumber: string; officeCode: string; timeZone: string };
  /** Final status, when the workflow has completed. */
  status?: ComplaintStatus;
  /** Time of the last history event: open steps are measured up to here. */
  asOf: string;
  entries: TimelineEntry[];
  steps: StepSummary[];
  /** The domain events cross-checked against Temporal's own records in the same history. */
  consistency: { ok: boolean; mismatches: string[] };
}

/** The history's first event: the workflow input (submission + SOP snapshot). */
export function workflowInputOf(history: History): ComplaintWorkflowInput {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error('Riwayat tidak diawali WorkflowExecutionStarted.');
  const input = decodeFirst<ComplaintWorkflowInput>(started.input);
  if (!input?.sop || !input.submission) throw new Error('Masukan alur kerja bukan aduan (SOP/pengajuan tidak ada).');
  return input;
}

/**
 * Every projection in the history, in order: the inputs of `projectComplaint` activities, and the
 * results of local ones. Those of v1–v3 return their whole input; a v4 record holds only its events
 * (and the summary once per run), and its state is the fold of the run's events from the run's start
 * input (the previous run's state after a continue-as-new).
 */
export function projectionInputsOf(history: History): ProjectComplaintInput[] {
  const inputs: ProjectComplaintInput[] = [];
  let run: { state: ComplaintState; lastSeq: number; summary: ComplaintSummary } | undefined;
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === 'projectComplaint') {
      const input = decodeFirst<ProjectComplaintInput>(scheduled.input);
      if (input) inputs.push(input);
      continue;
    }
    const local = localActivityOf(event);
    if (local?.type !== 'projectComplaint' || !local.result) continue;
    const record = local.result as ProjectionRecord;
    if ('state' in record) {
      inputs.push(record);
      continue;
    }
    if (!run) {
      const start = workflowInputOf(history);
      const submitted = record.events.find((domainEvent) => domainEvent.type === 'submitted');
      const submittedAt = (submitted?.data.submittedAt as string | undefined) ?? eventTime(history.events![0]!);
      const summary = complaintSummaryOf(start);
      run = start.continued
        ? { state: structuredClone(start.continued.state), lastSeq: start.continued.nextEventSeq - 1, summary }
        : { state: initialComplaintState(start, submittedAt), lastSeq: 0, summary };
    }
    for (const domainEvent of record.events) {
      if (domainEvent.seq <= run.lastSeq) continue;
      applyComplaintEvent(run.state, domainEvent);
      run.lastSeq = domainEvent.seq;
    }
    if (record.summary) run.summary = record.summary;
    const { workflowId, events } = record;
    inputs.push({ workflowId, state: structuredClone(run.state), summary: run.summary, events });
  }
  return inputs;
}

/** The workflow's domain events (deduplicated by seq, ordered), from the projection inputs. */
export function domainEventsOf(history: History): ComplaintEvent[] {
  const bySeq = new Map<number, ComplaintEvent>();
  for (const input of projectionInputsOf(history)) for (const event of input.events) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export interface DeriveTimelineOptions {
  workflowId?: string;
}

/** The domain events one history event carries: a projection activity's input or a local projection's record. */
function projectedEventsIn(event: HistoryEvent): ComplaintEvent[] {
  const scheduled = event.activityTaskScheduledEventAttributes;
  if (scheduled?.activityType?.name === 'projectComplaint') {
    return decodeFirst<ProjectComplaintInput>(scheduled.input)?.events ?? [];
  }
  const local = localActivityOf(event);
  return local?.type === 'projectComplaint' && local.result ? (local.result as ProjectionRecord).events : [];
}

/** Each domain event with the history event it was first read from (deduplicated by seq, ordered). */
function sourcedDomainEventsOf(history: History): SourcedDomainEvent[] {
  const sources = new Map<number, number>();
  for (const event of history.events ?? []) {
    for (const domainEvent of projectedEventsIn(event)) {
      if (!sources.has(domainEvent.seq)) sources.set(domainEvent.seq, eventId(event));
    }
  }
  return domainEventsOf(history).map((event) => ({ event, eventId: sources.get(event.seq) ?? 0 }));
}

/** Turns a complaint's history into its domain timeline and per-step summary. */
export function deriveTimeline(history: History, options: DeriveTimelineOptions = {}): ComplaintTimeline {
  const input = workflowInputOf(history);
  const { sop } = input;
  const records = readHistoryRecords(history);
  const sourced = sourcedDomainEventsOf(history);
  const entries = deriveEntries(input, sourced, records);
  const registered = sourced.filter(({ event }) => event.type === 'registered').at(-1)?.event;
  const closed = sourced.filter(({ event }) => event.type === 'closed').at(-1)?.event;
  const result = records.end?.how === 'completed' ? records.end.result : undefined;
  return {
    formatVersion: TIMELINE_FORMAT_VERSION,
    workflowId: options.workflowId ?? `complaint-${input.complaintId}`,
    runId: records.runId,
    complaintId: input.complaintId,
    registerNumber: (registered?.data.registerNumber as string | undefined) ?? result?.registerNumber,
    sop: {
      id: sop.id,
      version: sop.version,
      title: sop.title,
      sopNumber: sop.sopNumber,
      officeCode: sop.office.code,
      timeZone: sop.office.timeZone,
    },
    status: result?.status ?? (closed?.data.status as ComplaintStatus | undefined),
    asOf: records.asOf,
    entries,
    steps: summarizeSteps(entries, sop, records.asOf),
    consistency: crossCheck(
      sourced.map(({ event }) => event),
      input,
      records,
    ),
  };
}
