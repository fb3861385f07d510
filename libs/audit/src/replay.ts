/**
 * Replay verification: runs the current workflow code over a recorded history. A history that
 * replays cleanly proves the running code would make exactly the same decisions; a
 * non-deterministic change shows up as a DeterminismViolationError naming the first divergence.
 */
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { loadConfig } from '../../config/src/config';
import { dataConverterOf } from '../../temporal/src/payload-codec';
import { bundleWorkflows } from '../../temporal/src/workflow-bundle';
import { eventId, localActivityOf, type History, type HistoryEvent } from './history-events';

export interface ReplayVerdict {
  ok: boolean;
  /** The error message when the replay failed. */
  error?: string;
  /** `DeterminismViolationError` or another error class name. */
  errorType?: string;
  /** The first divergence, when the SDK names it. */
  firstDivergence?: { eventId?: number; message: string };
}

export interface ReplayCode {
  /** A prebuilt bundle (fast when replaying many histories). */
  workflowBundle?: WorkflowBundle;
  /** The workflows module to bundle; default: this repository's `workflows/`. */
  workflowsPath?: string;
}

/** Replays the history with the given (default: current) workflow code. */
export async function verifyReplay(
  history: History,
  code: ReplayCode = {},
  workflowId?: string,
): Promise<ReplayVerdict> {
  let workflowBundle: WorkflowBundle;
  try {
    // The bundle as the worker runs it by default.
    workflowBundle =
      code.workflowBundle ?? (await bundleWorkflows({ workflowsPath: code.workflowsPath, stackTraces: false }));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), errorType: 'BundleError' };
  }
  const failure = await replayError(workflowBundle, history, workflowId);
  if (!failure) return { ok: true };
  const message = failure instanceof Error ? failure.message : String(failure);
  const errorType = failure instanceof Error ? failure.name : typeof failure;
  const divergence = divergenceOf(message);
  if (divergence && divergence.eventId === undefined && errorType === 'DeterminismViolationError') {
    const diverged = await locateDivergence(workflowBundle, history, message, workflowId);
    if (diverged) divergence.eventId = eventId(diverged);
    // The SDK names a local activity only by its sequence number: name it from the history's marker.
    const local = diverged && localActivityOf(diverged);
    if (local) divergence.message = `${divergence.message} (riwayat mencatat aktivitas lokal ${local.type})`;
  }
  return { ok: false, error: message, errorType, firstDivergence: divergence };
}

async function replayError(workflowBundle: WorkflowBundle, history: History, workflowId?: string): Promise<unknown> {
  try {
    // The codec decrypts the recorded payloads with the configured keys, as the worker would.
    await Worker.runReplayHistory(
      { workflowBundle, dataConverter: dataConverterOf(loadConfig()) },
      history,
      workflowId,
    );
    return undefined;
  } catch (error) {
    return error ?? new Error('replay failed');
  }
}

/**
 * The SDK's message does not always name the event. Replays growing prefixes of the history (cut
 * at workflow task starts, binary search) to find the first workflow task whose commands diverge,
 * then picks the event there that the message names (or the task's first command event).
 */
async function locateDivergence(
  workflowBundle: WorkflowBundle,
  history: History,
  message: string,
  workflowId?: string,
): Promise<HistoryEvent | undefined> {
  const events: HistoryEvent[] = history.events ?? [];
  const starts = events.flatMap((event, index) => (event.workflowTaskStartedEventAttributes ? [index] : []));
  if (starts.length < 2) return undefined;
  let good = 0; // prefix up to starts[good] replays (the first task's activation has nothing to compare)
  let bad = starts.length; // the full history fails
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    const prefix = { events: events.slice(0, starts[middle] + 1) };
    if (await replayError(workflowBundle, prefix, workflowId)) bad = middle;
    else good = middle;
  }
  // Commands of the task started at starts[good] diverge: they are the events after its completion.
  const from = starts[good] + 1;
  const to = bad < starts.length ? starts[bad] : events.length;
  const range = events.slice(from, to).filter((event) => !event.workflowTaskCompletedEventAttributes);
  const named = /'([A-Za-z0-9_]+)'/.exec(message)?.[1];
  const match = named
    ? range.find((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === named)
    : /LocalActivity/.test(message)
      ? range.find((event) => localActivityOf(event) !== undefined)
      : undefined;
  return match ?? range[0];
}

/** Picks the history event id out of the SDK's nondeterminism message, when it names one. */
export function divergenceOf(message: string): ReplayVerdict['firstDivergence'] {
  const patterns = [/HistoryEvent\(id: (\d+)/, /event[ _]id[:= ]+(\d+)/i, /\bid: (\d+)/];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match) return { eventId: Number(match[1]), message: firstLine(message) };
  }
  return { message: firstLine(message) };
}

function firstLine(message: string): string {
  const nondeterminism = /Nondeterminism\((.*)\)/s.exec(message);
  const text = nondeterminism ? nondeterminism[1] : message;
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}
