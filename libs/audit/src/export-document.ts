/**
 * The export of a complaint's complete record: one JSON document (history, SOP snapshot, timeline)
 * with a SHA-256 digest of its canonical JSON, so an auditor holding only the file can check it:
 * recompute the digest, replay the history with the current code and re-derive the timeline.
 */
import { canonicalJson, sha256Hex } from '../../integrity/src/digest';
import type { SopDefinition } from '../../domain/src/sop';
import type { History } from './history-events';
import { historyFromJsonObject, historyToJsonObject } from './history-json';
import { verifyReplay, type ReplayCode, type ReplayVerdict } from './replay';
import { deriveTimeline, workflowInputOf, type ComplaintTimeline, type RefusalRecord } from './timeline';

export const EXPORT_FORMAT_VERSION = 1;

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
  if (document?.formatVersion !== EXPORT_FORMAT_VERSION) {
    problems.push(
      `Versi format ${String(document?.formatVersion)} tidak dikenal (diharapkan ${EXPORT_FORMAT_VERSION}).`,
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
    differences.push(...compareJson(JSON.parse(JSON.stringify(derived)), document.timeline, 'timeline'));
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
