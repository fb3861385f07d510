/**
 * The audit commands behind `npm run aduan -- <command>`, as functions of their dependencies (a
 * Temporal client, optionally the read model), so the tests call them against real services.
 */
import { promises as fs } from 'node:fs';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  loadComplaintRecord as loadRecord,
  registerHead,
  requireArchivedDocument,
  type ComplaintRecord,
  sweepUnarchived,
  verifyRegister,
  type RegisterHead,
  type RegisterVerification,
  type SweepReport,
} from '../../../libs/audit/src/archive-register';
import {
  checkDrift,
  loadRefusals,
  rebuildReadModel,
  type DriftReport,
  type RebuildReport,
} from '../../../libs/audit/src/audit-store';
import {
  buildExportDocument,
  verifyExportDocument,
  type ComplaintExportDocument,
  type ExportVerification,
} from '../../../libs/audit/src/export-document';
import { historyFromJsonObject } from '../../../libs/audit/src/history-json';
import { verifyReplay, type ReplayCode, type ReplayVerdict } from '../../../libs/audit/src/replay';
import {
  deriveTimeline,
  mergeRefusals,
  workflowInputOf,
  type ComplaintTimeline,
  type RefusalRecord,
  type TimelineEntry,
} from '../../../libs/audit/src/timeline';
import {
  auditTime,
  describeEntry,
  ENTRY_LABELS,
  HIDDEN_ENTRY_KINDS,
  renderTimelineHtml,
} from '../../../libs/audit/src/timeline-html';
import { zoneAbbreviation } from '../../../libs/calendar/src/office-time';
import { OUTCOME_LABELS, ROLE_LABELS } from '../../../libs/domain/src/labels';
import type { Role } from '../../../libs/domain/src/roles';
import { bakuMutuLabel } from '../../../libs/domain/src/sop-model';

export interface CliDeps {
  client: Client;
  /** The read model: refused attempts for the timeline; required by rebuild and drift. */
  dataSource?: DataSource;
  out: (text: string) => void;
}

async function refusalsFor(deps: CliDeps, complaintId: string): Promise<RefusalRecord[]> {
  return deps.dataSource ? loadRefusals(deps.dataSource, complaintId) : [];
}

export interface TimelineView {
  timeline: ComplaintTimeline;
  /** History entries and refused attempts, merged by time. */
  entries: TimelineEntry[];
  /** Where the history came from: Temporal, or the archive register once Temporal no longer has it. */
  source: ComplaintRecord['source'];
}

export function loadComplaintRecord(deps: CliDeps, reference: string): Promise<ComplaintRecord> {
  return loadRecord(deps.client, deps.dataSource, reference);
}

export async function timelineOf(deps: CliDeps, reference: string): Promise<TimelineView> {
  const record = await loadComplaintRecord(deps, reference);
  if (record.source === 'archive') {
    const { timeline, refusals } = record.document;
    return { timeline, entries: mergeRefusals(timeline, refusals), source: 'archive' };
  }
  const timeline = deriveTimeline(record.history, { workflowId: record.workflowId });
  return {
    timeline,
    entries: mergeRefusals(timeline, await refusalsFor(deps, timeline.complaintId)),
    source: 'temporal',
  };
}

/** Kinds whose line says nothing without a description (an empty notification, say). */
const NEEDS_DESCRIPTION: readonly TimelineEntry['kind'][] = ['notification', 'note', 'supplement'];

/** The auditor's text timeline: times in the office's zone (WIB/WITA/WIT), Indonesian labels. */
export function formatTimelineText(view: TimelineView, all = false): string {
  const { timeline } = view;
  const zone = timeline.sop.timeZone;
  const lines = [
    `Aduan ${timeline.registerNumber ?? '-'} (${timeline.complaintId})`,
    `SOP ${timeline.sop.id} v${timeline.sop.version} — ${timeline.sop.title}; kantor ${timeline.sop.officeCode} (${zoneAbbreviation(zone)}, ${zone})`,
    `Status: ${timeline.status ?? 'masih berjalan'}; alur kerja ${timeline.workflowId} / ${timeline.runId}`,
    ...(view.source === 'archive' ? ['Sumber: register arsip (riwayat sudah tidak ada di Temporal)'] : []),
    '',
  ];
  for (const entry of view.entries) {
    if (!all && HIDDEN_ENTRY_KINDS.includes(entry.kind)) continue;
    const what = describeEntry(entry, zone);
    if (!what && NEEDS_DESCRIPTION.includes(entry.kind)) continue;
    const who = entry.actor
      ? ` — ${entry.actor.name} (${ROLE_LABELS[entry.actor.role as Role] ?? entry.actor.role})`
      : '';
    const step = entry.stepKey ? ` [${entry.stepTitle ?? entry.stepKey}]` : '';
    const due = entry.dueAt && entry.kind !== 'step_started' ? ` tenggat ${auditTime(entry.dueAt, zone)}` : '';
    const mark = entry.refused ? ' DITOLAK' : entry.breached ? ' MELEWATI BAKU MUTU' : '';
    lines.push(
      `${auditTime(entry.at, zone)}  ${ENTRY_LABELS[entry.kind]}${step}${who}${due}${mark}${what ? `: ${what}` : ''}`,
    );
  }
  lines.push('', 'Langkah (waktu kerja terhadap baku mutu):');
  for (const step of timeline.steps) {
    lines.push(
      `  ${step.run}. ${step.title} (${step.stepKey}): ${step.workingMinutesTaken} dari ${step.bakuMutuWorkingMinutes} menit kerja ` +
        `(${bakuMutuLabel(step.bakuMutu)})${step.breached ? `, MELEWATI +${step.minutesOverBakuMutu} menit` : ''}` +
        `${step.outcome ? `, hasil ${OUTCOME_LABELS[step.outcome] ?? step.outcome}` : ', berjalan'}`,
    );
  }
  if (!timeline.consistency.ok) {
    lines.push('', 'PERINGATAN: riwayat dan kejadian domain tidak cocok:', ...timeline.consistency.mismatches);
  }
  return lines.join('\n');
}

export async function replayCommand(deps: CliDeps, reference: string, code: ReplayCode = {}): Promise<ReplayVerdict> {
  const record = await loadComplaintRecord(deps, reference);
  if (record.source === 'archive') {
    const { document } = record;
    return verifyReplay(historyFromJsonObject(document.history), code, document.workflowId);
  }
  return verifyReplay(record.history, code, record.workflowId);
}

/** The export document: built from Temporal's history, or the very document archived in the register. */
export async function exportComplaint(deps: CliDeps, reference: string): Promise<ComplaintExportDocument> {
  const record = await loadComplaintRecord(deps, reference);
  if (record.source === 'archive') return record.document;
  const refusals = await refusalsFor(deps, workflowInputOf(record.history).complaintId);
  return buildExportDocument({ history: record.history, workflowId: record.workflowId, refusals });
}

export async function exportToFile(
  deps: CliDeps,
  reference: string,
  file: string,
  options: { html?: boolean } = {},
): Promise<ComplaintExportDocument> {
  const document = await exportComplaint(deps, reference);
  await fs.writeFile(file, `${JSON.stringify(document, null, 2)}\n`, 'utf8');
  if (options.html) {
    const htmlFile = file.replace(/\.json$/i, '') + '.html';
    const entries = mergeRefusals(document.timeline, document.refusals);
    await fs.writeFile(htmlFile, renderTimelineHtml(document.timeline, entries, document), 'utf8');
  }
  return document;
}

export async function verifyFile(file: string, code: ReplayCode = {}): Promise<ExportVerification> {
  const text = await fs.readFile(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = `Berkas bukan JSON: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ok: false,
      digest: { ok: false, expected: '', actual: '' },
      replay: { ok: false, error: message },
      timeline: { ok: false, differences: [] },
      problems: [message],
    };
  }
  return verifyExportDocument(parsed, code);
}

function requireDataSource(deps: Pick<CliDeps, 'dataSource'>): DataSource {
  if (!deps.dataSource) throw new Error('Perintah ini memerlukan read model (DATABASE_URL).');
  return deps.dataSource;
}

export function rebuildCommand(deps: CliDeps, officeCode?: string): Promise<RebuildReport> {
  return rebuildReadModel(deps.client, requireDataSource(deps), { officeCode });
}

export function driftCommand(deps: CliDeps, officeCode?: string): Promise<DriftReport> {
  return checkDrift(deps.client, requireDataSource(deps), { officeCode });
}

export function verifyRegisterCommand(
  deps: Pick<CliDeps, 'dataSource'>,
  officeCode: string,
  year: number,
  expectedHead?: string,
): Promise<RegisterVerification> {
  return verifyRegister(requireDataSource(deps), officeCode, year, expectedHead);
}

export function registerHeadCommand(
  deps: Pick<CliDeps, 'dataSource'>,
  officeCode: string,
  year: number,
): Promise<RegisterHead> {
  return registerHead(requireDataSource(deps), officeCode, year);
}

export function archiveSweepCommand(deps: CliDeps, officeCode?: string): Promise<SweepReport> {
  return sweepUnarchived(deps.client, requireDataSource(deps), { officeCode });
}

/** Verifies the export document archived in the register (digest, replay, timeline), without Temporal. */
export async function verifyArchivedCommand(
  deps: Pick<CliDeps, 'dataSource'>,
  reference: string,
  code: ReplayCode = {},
): Promise<ExportVerification> {
  if (!deps.dataSource) throw new Error('Perintah ini memerlukan read model (DATABASE_URL).');
  return verifyExportDocument(await requireArchivedDocument(deps.dataSource, reference), code);
}
