/**
 * The export of a complaint's complete record: one JSON document (history, SOP snapshot, timeline)
 * with a SHA-256 digest of its canonical JSON, so an auditor holding only the file can check it:
 * recompute the digest, replay the history with the current code and re-derive the timeline.
 *
 * Format 2 carries a timeline derived from the workflow's domain events (`timeline.formatVersion`
 * 2): it must equal the re-derivation exactly. Format 1 (archived before) carries a timeline derived
 * by re-walking the SOP over Temporal events; that code is gone, so such a document is checked by
 * the facts both derivations share (`sharedTimelineFacts`): who acted on which step, with which
 * request and input, the step runs with their deadlines, outcomes and breaches, register number,
 * status. Instants that the two read from different events (an action's time, an actor's office) are
 * not compared; the digest still covers them.
 */
import { canonicalJson, sha256Hex } from '../../integrity/src/digest';
import type { SopDefinition } from '../../domain/src/sop';
import type { History } from './history-events';
import { historyFromJsonObject, historyToJsonObject } from './history-json';
import { verifyReplay, type ReplayCode, type ReplayVerdict } from './replay';
import {
  deriveTimeline,
  TIMELINE_FORMAT_VERSION,
  workflowInputOf,
  type ComplaintTimeline,
  type RefusalRecord,
} from './timeline';

export const EXPORT_FORMAT_VERSION = 2;
/** Formats `verifyExportDocument` still checks: 1 by the shared facts, 2 exactly. */
const VERIFIABLE_FORMAT_VERSIONS = [1, 2];

/** Kinds of entries both derivations list once per domain fact. */
const SHARED_FACT_KINDS = [
  'registered',
  'tunda',
  'resumed',
  'supplement',
  'withdrawn',
  'rated',
  'reopened',
  'answer_delivered',
  'archived',
  'breach',
];

/** What a format-1 timeline and today's derivation of the same history both say. */
export function sharedTimelineFacts(timeline: ComplaintTimeline): Record<string, unknown> {
  return {
    workflowId: timeline.workflowId,
    runId: timeline.runId,
    complaintId: timeline.complaintId,
    registerNumber: timeline.registerNumber,
    sop: timeline.sop,
    status: timeline.status,
    asOf: timeline.asOf,
    consistent: timeline.consistency.ok,
    actions: timeline.entries
      .filter((entry) => entry.kind === 'action')
      .map((entry) => ({
        stepKey: entry.stepKey,
        requestId: entry.details.requestId,
        actor: entry.actor && { userId: entry.actor.userId, role: entry.actor.role },
        via: entry.via,
        dueAt: entry.dueAt,
        breached: entry.breached,
        kind: entry.details.kind,
        outcome: entry.details.outcome,
        input: entry.details.input,
      })),
    counts: Object.fromEntries(
      SHARED_FACT_KINDS.map((kind) => [kind, timeline.entries.filter((entry) => entry.kind === kind).length]),
    ),
    steps: timeline.steps.map((step) => ({
      run: step.run,
      stepKey: step.stepKey,
      title: step.title,
      bakuMutu: step.bakuMutu,
      bakuMutuWorkingMinutes: step.bakuMutuWorkingMinutes,
      startedAt: step.startedAt,
      dueAt: step.dueAt,
      outcome: step.outcome,
      breached: step.breached,
      actor: step.actor?.userId,
    })),
  };
}

export interface ComplaintExportDocument {
  formatVersion: number;
  exportedAt: string;
  workflowId: string;
  runId: string;
  sopSnapshot: SopDefinition;
  /** The Temporal history in its standard JSON form (as `temporal workflow show --output json`). */
  history: Record<string, unknown>;
  timeline: ComplaintTimeline;
  /** Refused attempts recorded by the gateway (not part of history; covered by the digest). */
  refusals: RefusalRecord[];
  /** SHA-256 (hex) of the canonical JSON of every other member. */
  digest: string;
}

/** The digest of a document: SHA-256 of the canonical JSON of everything but `digest`. */
export function digestOf(document: Omit<ComplaintExportDocument, 'digest'> | ComplaintExportDocument): string {
  const { digest: _ignored, ...rest } = document as ComplaintExportDocument;
  return sha256Hex(canonicalJson(rest));
}

export interface BuildExportOptions {
  history: History;
  workflowId?: string;
  refusals?: RefusalRecord[];
  exportedAt?: Date;
}

export function buildExportDocument(options: BuildExportOptions): ComplaintExportDocument {
  const timeline = deriveTimeline(options.history, { workflowId: options.workflowId });
  const body: Omit<ComplaintExportDocument, 'digest'> = {
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    workflowId: timeline.workflowId,
    runId: timeline.runId,
    sopSnapshot: workflowInputOf(options.history).sop,
    history: historyToJsonObject(options.history),
    timeline,
    refusals: options.refusals ?? [],
  };
  // Normalize through JSON so the digest is of exactly what a reader of the file sees.
  const normalized = JSON.parse(JSON.stringify(body)) as Omit<ComplaintExportDocument, 'digest'>;
  return { ...normalized, digest: digestOf(normalized) };
}

export interface ExportVerification {
  ok: boolean;
  digest: { ok: boolean; expected: string; actual: string };
  replay: ReplayVerdict;
  timeline: { ok: boolean; differences: string[] };
  problems: string[];
}

/** Checks an export: digest, replay with the given (default: current) code, and re-derived timeline. */
export async function verifyExportDocument(raw: unknown, code: ReplayCode = {}): Promise<ExportVerification> {
  const document = raw as ComplaintExportDocument;
  const problems: string[] = [];
  const actual = digestOf(document);
  const digest = {
    ok: typeof document?.digest === 'string' && actual === document.digest,
    expected: document?.digest,
    actual,
  };
  if (!digest.ok) problems.push(`Digest tidak cocok: tercatat ${String(document?.digest)}, dihitung ${actual}.`);
  if (!VERIFIABLE_FORMAT_VERSIONS.includes(document?.formatVersion)) {
    problems.push(
      `Versi format ${String(document?.formatVersion)} tidak dikenal (diharapkan ${VERIFIABLE_FORMAT_VERSIONS.join(' atau ')}).`,
    );
  }

  let history: History;
  try {
    history = historyFromJsonObject(document.history);
  } catch (error) {
    const message = `Riwayat tidak dapat dibaca: ${error instanceof Error ? error.message : String(error)}`;
    problems.push(message);
    return {
      ok: false,
      digest,
      replay: { ok: false, error: message },
      timeline: { ok: false, differences: [message] },
      problems,
    };
  }

  const replay = await verifyReplay(history, code, document.workflowId);
  if (!replay.ok) problems.push(`Replay gagal: ${replay.firstDivergence?.message ?? replay.error}`);

  const differences: string[] = [];
  try {
    const derived = deriveTimeline(history, { workflowId: document.workflowId });
    const stored = document.timeline;
    if (stored?.formatVersion === TIMELINE_FORMAT_VERSION) {
      differences.push(...compareJson(JSON.parse(JSON.stringify(derived)), stored, 'timeline'));
    } else if (document.formatVersion === 1 && stored?.formatVersion === undefined) {
      const facts = (timeline: ComplaintTimeline) =>
        JSON.parse(JSON.stringify(sharedTimelineFacts(timeline))) as unknown;
      differences.push(...compareJson(facts(derived), facts(stored), 'timeline (fakta bersama format 1)'));
    } else {
      differences.push(`timeline.formatVersion ${String(stored?.formatVersion)} tidak dikenal`);
    }
    if (canonicalJson(workflowInputOf(history).sop) !== canonicalJson(document.sopSnapshot)) {
      differences.push('sopSnapshot: berbeda dari SOP dalam riwayat');
    }
    if (derived.runId !== document.runId) differences.push(`runId: ${document.runId} ≠ ${derived.runId}`);
  } catch (error) {
    differences.push(`Timeline tidak dapat diturunkan: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (differences.length > 0) problems.push(...differences.slice(0, 20).map((text) => `Timeline berbeda: ${text}`));

  return {
    ok: problems.length === 0,
    digest,
    replay,
    timeline: { ok: differences.length === 0, differences },
    problems,
  };
}

/** Paths where two JSON values differ (at most 50). */
export function compareJson(actual: unknown, expected: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= 50) return out;
  if (actual === expected) return out;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    out.push(`${path}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`);
    return out;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) {
    out.push(`${path}: jenis berbeda`);
    return out;
  }
  const keys = new Set([...Object.keys(actual as object), ...Object.keys(expected as object)]);
  for (const key of [...keys].sort()) {
    compareJson(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      Array.isArray(actual) ? `${path}[${key}]` : `${path}.${key}`,
      out,
    );
  }
  return out;
}
