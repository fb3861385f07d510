/**
 * The archive register: the long-term record of closed complaints in PostgreSQL (DESIGN decision 11).
 * Each entry holds a complaint's complete export document and is chained to the previous entry of
 * the same office and year by digest, so a changed, removed or reordered entry shows up in
 * `verifyRegister`; the chain head, kept outside the database, also catches a removed last entry.
 */
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../../integrity/src/digest';
import { isUuid } from '../../persistence/src/transaction';
import { COMPLAINT_WORKFLOW_TYPE, complaintWorkflowId } from '../../../workflows/complaint/complaint.messages';
import {
  AuditNotFoundError,
  complaintListQuery,
  fetchComplaintHistory,
  loadRefusals,
  resolveWorkflowId,
} from './audit-store';
import { buildExportDocument, digestOf, type ComplaintExportDocument } from './export-document';
import type { History } from './history-events';
import { workflowInputOf } from './timeline';

export interface RegisterEntry {
  officeCode: string;
  year: number;
  seq: number;
  complaintId: string;
  workflowId: string;
  runId: string;
  registerNumber: string | null;
  status: string;
  closedAt: string;
  archivedAt: string;
  documentDigest: string;
  previousEntryDigest: string | null;
  entryDigest: string;
}

/** The members of an entry that its digest covers (the document through its own digest). */
export function entryDigestOf(
  entry: Pick<RegisterEntry, 'officeCode' | 'year' | 'seq' | 'complaintId' | 'documentDigest' | 'previousEntryDigest'>,
): string {
  return sha256Hex(
    canonicalJson({
      officeCode: entry.officeCode,
      year: entry.year,
      seq: entry.seq,
      complaintId: entry.complaintId,
      documentDigest: entry.documentDigest,
      previousEntryDigest: entry.previousEntryDigest,
    }),
  );
}

/** The register year of a complaint: the year it closed, in its office's time zone. */
export function registerYearOf(closedAt: string, timeZone: string): number {
  return DateTime.fromISO(closedAt, { zone: timeZone }).year;
}

interface RegisterRow {
  office_code: string;
  year: number;
  seq: number;
  complaint_id: string;
  workflow_id: string;
  run_id: string;
  register_number: string | null;
  status: string;
  closed_at: Date;
  archived_at: Date;
  document_digest: string;
  previous_entry_digest: string | null;
  entry_digest: string;
  document?: string;
}

function entryOf(row: RegisterRow): RegisterEntry {
  return {
    officeCode: row.office_code,
    year: row.year,
    seq: row.seq,
    complaintId: row.complaint_id,
    workflowId: row.workflow_id,
    runId: row.run_id,
    registerNumber: row.register_number,
    status: row.status,
    closedAt: new Date(row.closed_at).toISOString(),
    archivedAt: new Date(row.archived_at).toISOString(),
    documentDigest: row.document_digest,
    previousEntryDigest: row.previous_entry_digest,
    entryDigest: row.entry_digest,
  };
}

const ENTRY_COLUMNS =
  'office_code, year, seq, complaint_id, workflow_id, run_id, register_number, status, closed_at, archived_at, document_digest, previous_entry_digest, entry_digest';

export class ArchiveNotClosedError extends Error {
  readonly code = 'CONFLICT';
}

/**
 * Appends a closed complaint's export document to its office's register of the year it closed.
 * Idempotent per complaint: a second append returns the existing entry. Appends of one office and
 * year are serialized by a transaction-scoped advisory lock, so the chain never forks.
 */
export async function appendToRegister(
  dataSource: DataSource,
  document: ComplaintExportDocument,
  archivedAt: Date = new Date(),
): Promise<RegisterEntry> {
  const { timeline } = document;
  if (!timeline.status) {
    throw new ArchiveNotClosedError(`Aduan ${timeline.complaintId} belum selesai dan tidak dapat diarsipkan.`);
  }
  if (digestOf(document) !== document.digest) throw new Error(`export document of ${timeline.complaintId}: digest`);
  const officeCode = timeline.sop.officeCode;
  const year = registerYearOf(timeline.asOf, timeline.sop.timeZone);
  return dataSource.transaction(async (manager: EntityManager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`archive_register:${officeCode}:${year}`]);
    const existing: RegisterRow[] = await manager.query(
      `SELECT ${ENTRY_COLUMNS} FROM archive_register WHERE complaint_id = $1`,
      [timeline.complaintId],
    );
    if (existing[0]) return entryOf(existing[0]);
    const [last]: { seq: number; entry_digest: string }[] = await manager.query(
      'SELECT seq, entry_digest FROM archive_register WHERE office_code = $1 AND year = $2 ORDER BY seq DESC LIMIT 1',
      [officeCode, year],
    );
    const seq = (last?.seq ?? 0) + 1;
    const previousEntryDigest = last?.entry_digest ?? null;
    const documentDigest = document.digest;
    const entryDigest = entryDigestOf({
      officeCode,
      year,
      seq,
      complaintId: timeline.complaintId,
      documentDigest,
      previousEntryDigest,
    });
    const [row]: RegisterRow[] = await manager.query(
      `INSERT INTO archive_register (${ENTRY_COLUMNS}, document)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${ENTRY_COLUMNS}`,
      [
        officeCode,
        year,
        seq,
        timeline.complaintId,
        document.workflowId,
        document.runId,
        timeline.registerNumber ?? null,
        timeline.status,
        timeline.asOf,
        archivedAt.toISOString(),
        documentDigest,
        previousEntryDigest,
        entryDigest,
        JSON.stringify(document),
      ],
    );
    return entryOf(row);
  });
}

/** Builds the export document of a closed complaint's history (with its refusals) and appends it. */
export async function archiveHistory(
  dataSource: DataSource,
  history: History,
  workflowId: string,
): Promise<RegisterEntry> {
  const refusals = await loadRefusals(dataSource, workflowInputOf(history).complaintId);
  return appendToRegister(dataSource, buildExportDocument({ history, workflowId, refusals }));
}

/** The register entry of a complaint, if archived. */
export async function findRegisterEntry(
  dataSource: DataSource,
  complaintId: string,
): Promise<RegisterEntry | undefined> {
  const rows: RegisterRow[] = await dataSource.query(
    `SELECT ${ENTRY_COLUMNS} FROM archive_register WHERE complaint_id = $1`,
    [complaintId],
  );
  return rows[0] ? entryOf(rows[0]) : undefined;
}

/**
 * The archived export document of a complaint given by id (UUID), workflow id or register number;
 * undefined when it is not in the register.
 */
export async function findArchivedDocument(
  dataSource: DataSource,
  reference: string,
): Promise<ComplaintExportDocument | undefined> {
  const trimmed = reference.trim();
  const workflowId = trimmed.startsWith('complaint-') ? trimmed : isUuid(trimmed) ? complaintWorkflowId(trimmed) : '';
  const rows: { document: string }[] = workflowId
    ? await dataSource.query('SELECT document FROM archive_register WHERE workflow_id = $1', [workflowId])
    : await dataSource.query('SELECT document FROM archive_register WHERE register_number = $1', [trimmed]);
  return rows[0] ? (JSON.parse(rows[0].document) as ComplaintExportDocument) : undefined;
}

/** Same as `findArchivedDocument`, but a missing entry is a NOT_FOUND error. */
export async function requireArchivedDocument(
  dataSource: DataSource,
  reference: string,
): Promise<ComplaintExportDocument> {
  const document = await findArchivedDocument(dataSource, reference);
  if (!document) throw new AuditNotFoundError(`Aduan "${reference.trim()}" tidak ditemukan, juga tidak di arsip.`);
  return document;
}

/**
 * A complaint's record: its history from Temporal while Temporal has it, otherwise the export
 * document archived in the register when it closed.
 */
export type ComplaintRecord =
  | { source: 'temporal'; workflowId: string; history: History }
  | { source: 'archive'; document: ComplaintExportDocument };

export async function loadComplaintRecord(
  client: Client,
  dataSource: DataSource | undefined,
  reference: string,
): Promise<ComplaintRecord> {
  try {
    const workflowId = await resolveWorkflowId(client, reference);
    return { source: 'temporal', workflowId, history: await fetchComplaintHistory(client, workflowId) };
  } catch (error) {
    if (!(error instanceof AuditNotFoundError) || !dataSource) throw error;
    return { source: 'archive', document: await requireArchivedDocument(dataSource, reference) };
  }
}

// --- Verification ---------------------------------------------------------------------------------

export type RegisterProblemKind = 'changed' | 'removed' | 'reordered';

export interface RegisterProblem {
  seq: number;
  complaintId: string;
  registerNumber: string | null;
  kind: RegisterProblemKind;
  message: string;
}

export interface RegisterHead {
  officeCode: string;
  year: number;
  entries: number;
  /** Entry digest of the last entry; null for an empty register. */
  headDigest: string | null;
  lastSeq: number;
}

export interface RegisterVerification {
  ok: boolean;
  head: RegisterHead;
  /** Every problem, in register order; the first one names the first entry changed, removed or reordered. */
  problems: RegisterProblem[];
}

export interface StoredRegisterEntry extends RegisterEntry {
  /** The stored document text. */
  document: string;
}

/** Checks the entries of one office and year (as stored, in any order) against each other: pure. */
export function verifyRegisterEntries(
  officeCode: string,
  year: number,
  stored: StoredRegisterEntry[],
  expectedHead?: string,
): RegisterVerification {
  const entries = [...stored].sort((a, b) => a.seq - b.seq);
  const problems: RegisterProblem[] = [];
  const problem = (entry: StoredRegisterEntry, kind: RegisterProblemKind, message: string): void => {
    problems.push({
      seq: entry.seq,
      complaintId: entry.complaintId,
      registerNumber: entry.registerNumber,
      kind,
      message,
    });
  };
  let previous: StoredRegisterEntry | undefined;
  for (const entry of entries) {
    const label = `Entri ${entry.seq} (${entry.registerNumber ?? entry.complaintId})`;
    const removedBefore = entry.seq !== (previous ? previous.seq + 1 : 1);
    if (removedBefore) {
      problem(entry, 'removed', `${label}: entri sebelumnya (nomor ${previous ? previous.seq + 1 : 1}) hilang.`);
    } else if (entry.previousEntryDigest !== (previous?.entryDigest ?? null)) {
      problem(
        entry,
        'reordered',
        `${label}: tidak menunjuk ke entri sebelumnya; urutan register diubah atau entri sebelumnya diganti.`,
      );
    }
    let document: ComplaintExportDocument | undefined;
    try {
      document = JSON.parse(entry.document) as ComplaintExportDocument;
    } catch {
      problem(entry, 'changed', `${label}: dokumen bukan JSON yang sah.`);
    }
    if (document) {
      const actual = digestOf(document);
      if (actual !== document.digest || actual !== entry.documentDigest) {
        problem(entry, 'changed', `${label}: isi dokumen diubah (digest ${actual}, tercatat ${entry.documentDigest}).`);
      } else if (
        document.timeline?.complaintId !== entry.complaintId ||
        document.workflowId !== entry.workflowId ||
        document.runId !== entry.runId
      ) {
        problem(entry, 'changed', `${label}: dokumen milik aduan lain.`);
      }
    }
    if (entryDigestOf(entry) !== entry.entryDigest) {
      problem(entry, 'changed', `${label}: data entri diubah (digest entri tidak cocok).`);
    }
    previous = entry;
  }
  const last = entries.at(-1);
  const head: RegisterHead = {
    officeCode,
    year,
    entries: entries.length,
    headDigest: last?.entryDigest ?? null,
    lastSeq: last?.seq ?? 0,
  };
  const headProblems: string[] = [];
  if (expectedHead !== undefined && expectedHead !== head.headDigest) {
    headProblems.push(
      `Kepala register ${head.headDigest ?? '(kosong)'} tidak sama dengan yang disimpan di luar basis data (${expectedHead}): entri terakhir dihapus atau diganti.`,
    );
  }
  return {
    ok: problems.length === 0 && headProblems.length === 0,
    head,
    problems: [
      ...problems,
      ...headProblems.map((message): RegisterProblem => ({
        seq: head.lastSeq,
        complaintId: last?.complaintId ?? '',
        registerNumber: last?.registerNumber ?? null,
        kind: 'removed',
        message,
      })),
    ],
  };
}

async function loadStoredEntries(
  dataSource: DataSource,
  officeCode: string,
  year: number,
): Promise<StoredRegisterEntry[]> {
  const rows: Required<RegisterRow>[] = await dataSource.query(
    `SELECT ${ENTRY_COLUMNS}, document FROM archive_register WHERE office_code = $1 AND year = $2 ORDER BY seq`,
    [officeCode, year],
  );
  return rows.map((row) => ({ ...entryOf(row), document: row.document }));
}

/** Verifies every document and the chain of an office's register of a year. */
export async function verifyRegister(
  dataSource: DataSource,
  officeCode: string,
  year: number,
  expectedHead?: string,
): Promise<RegisterVerification> {
  return verifyRegisterEntries(officeCode, year, await loadStoredEntries(dataSource, officeCode, year), expectedHead);
}

/** The chain head of an office's register of a year, to be kept outside the database. */
export async function registerHead(dataSource: DataSource, officeCode: string, year: number): Promise<RegisterHead> {
  const [row]: { seq: number; entry_digest: string; entries: string }[] = await dataSource.query(
    `SELECT seq, entry_digest, (SELECT count(*) FROM archive_register WHERE office_code = $1 AND year = $2) AS entries
     FROM archive_register WHERE office_code = $1 AND year = $2 ORDER BY seq DESC LIMIT 1`,
    [officeCode, year],
  );
  return {
    officeCode,
    year,
    entries: Number(row?.entries ?? 0),
    headDigest: row?.entry_digest ?? null,
    lastSeq: row?.seq ?? 0,
  };
}

// --- Sweep ----------------------------------------------------------------------------------------

export interface SweepReport {
  checked: number;
  archived: RegisterEntry[];
  failures: { workflowId: string; error: string }[];
}

/**
 * Archives every completed complaint workflow (of one office) that is missing from the register:
 * the safety net for a close whose archival never ran. Only histories still in Temporal can be swept.
 */
export async function sweepUnarchived(
  client: Client,
  dataSource: DataSource,
  options: { officeCode?: string } = {},
): Promise<SweepReport> {
  const query = `${complaintListQuery(options.officeCode)} AND ExecutionStatus = 'Completed'`;
  const archivedIds = new Set(
    ((await dataSource.query('SELECT workflow_id FROM archive_register')) as { workflow_id: string }[]).map(
      (row) => row.workflow_id,
    ),
  );
  const report: SweepReport = { checked: 0, archived: [], failures: [] };
  const seen = new Set<string>();
  for await (const execution of client.workflow.list({ query })) {
    if (execution.type !== COMPLAINT_WORKFLOW_TYPE || seen.has(execution.workflowId)) continue;
    seen.add(execution.workflowId);
    report.checked += 1;
    if (archivedIds.has(execution.workflowId)) continue;
    try {
      const history = await fetchComplaintHistory(client, execution.workflowId);
      report.archived.push(await archiveHistory(dataSource, history, execution.workflowId));
    } catch (error) {
      report.failures.push({
        workflowId: execution.workflowId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return report;
}
