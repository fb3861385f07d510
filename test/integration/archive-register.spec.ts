/**
 * The archive register against real services (Temporal dev server, real worker, PostgreSQL): a
 * complaint is archived as it closes; once Temporal has lost the workflow, timeline, replay, export
 * and verify work from the archive; the chain names the first changed, removed or reordered entry;
 * the sweep archives closed complaints whose archival never ran.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { createActivities } from '../../activities';
import { createRecapActivities } from '../../activities/recap.activity';
import {
  archiveSweepCommand,
  exportComplaint,
  registerHeadCommand,
  replayCommand,
  timelineOf,
  verifyArchivedCommand,
  verifyRegisterCommand,
  type CliDeps,
} from '../../apps/cli/src/commands';
import { AuditQueriesService } from '../../apps/gateway/src/audit/services/audit-queries.service';
import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import { createWorker } from '../../apps/worker/src/worker';
import { findRegisterEntry, registerYearOf, type RegisterEntry } from '../../libs/audit/src/archive-register';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { loadConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import { submissionSchema, type ActionInput } from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { archiveWorkflowId, type ArchiveWorkflowResult } from '../../workflows/archive/archive.messages';
import {
  actUpdate,
  complaintWorkflowId,
  getStateQuery,
  type ComplaintWorkflowInput,
} from '../../workflows/complaint/complaint.messages';
import { openTestDataSource, truncateTables } from '../support/database';
import { eventually } from '../support/graphql';
import { createLocalEnv, testDataConverter } from '../support/temporal-env';
import { sampleSubmission } from '../support/workflow-harness';

const SOP = findSop('kebakkramat-aduan') as SopDefinition;
const OFFICE = SOP.office.code;

describe('archive register (Temporal dev server, real worker, PostgreSQL)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let bundle: WorkflowBundle;
  let worker: Worker;
  let workerRun: Promise<void>;
  let deps: CliDeps;
  const taskQueue = `archive-${randomUUID()}`;

  beforeAll(async () => {
    env = await createLocalEnv();
    dataSource = await openTestDataSource({ poolSize: 6 });
    await truncateTables(dataSource);
    bundle = await bundleWorkflows({ stackTraces: false });
    const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    worker = await createWorker({
      config,
      connection: env.nativeConnection,
      dataSource,
      taskQueue,
      workflowBundle: bundle,
    });
    workerRun = worker.run();
    deps = { client: env.client, dataSource, out: () => undefined };
  });

  afterAll(async () => {
    worker?.shutdown();
    await workerRun;
    await dataSource?.destroy();
    await env?.teardown();
  });

  /** Submits a Kebakkramat complaint and rejects it at its first step: it closes as `ditolak`. */
  async function closeRejected(queue = taskQueue): Promise<WorkflowHandle> {
    const complaintId = randomUUID();
    const input: ComplaintWorkflowInput = {
      complaintId,
      sop: SOP,
      submission: submissionSchema.parse(sampleSubmission),
      trackingCodeHash: 'e'.repeat(64),
    };
    const handle = await env.client.workflow.start('complaintWorkflow', {
      taskQueue: queue,
      workflowId: complaintWorkflowId(complaintId),
      args: [input],
    });
    const state = await eventually(async () => {
      const current = await handle.query(getStateQuery);
      return current.currentSteps[0]?.dueAt ? current : undefined;
    });
    const requestId = randomUUID();
    const action: ActionInput = { kind: 'verify', outcome: 'rejected', reason: 'Bukan aduan pelayanan publik' };
    await handle.executeUpdate(actUpdate, {
      args: [
        {
          requestId,
          actor: { userId: 'loket-1', name: 'Sri Wahyuni', role: 'petugas_loket', officeCode: OFFICE },
          stepKey: state.currentSteps[0].key,
          action,
        },
      ],
      updateId: requestId,
    });
    expect(await handle.result()).toMatchObject({ status: 'ditolak' });
    return handle;
  }

  async function archivedEntry(handle: WorkflowHandle): Promise<ArchiveWorkflowResult> {
    return env.client.workflow.getHandle(archiveWorkflowId(handle.workflowId)).result();
  }

  /** Changes the register as someone with database rights would, around the append-only trigger. */
  async function tamper(sql: string, parameters: unknown[]): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE archive_register DISABLE TRIGGER archive_register_append_only');
      await manager.query(sql, parameters);
      await manager.query('ALTER TABLE archive_register ENABLE TRIGGER archive_register_append_only');
    });
  }

  let archivedRegisterNumber: string;
  let deletedWorkflowId: string;
  let entry: RegisterEntry;

  it('archives a closed complaint, then timeline, replay, export and verify work from the archive once Temporal deleted it', async () => {
    const handle = await closeRejected();
    const result = await archivedEntry(handle);
    const state = await handle.query(getStateQuery);
    archivedRegisterNumber = state.registerNumber!;
    deletedWorkflowId = handle.workflowId;
    entry = (await findRegisterEntry(dataSource, state.complaintId))!;
    expect(entry).toMatchObject({
      officeCode: OFFICE,
      year: registerYearOf(entry.closedAt, SOP.office.timeZone),
      seq: result.seq,
      registerNumber: archivedRegisterNumber,
      status: 'ditolak',
      entryDigest: result.entryDigest,
      documentDigest: result.documentDigest,
    });

    await env.client.workflowService.deleteWorkflowExecution({
      namespace: env.client.options.namespace,
      workflowExecution: { workflowId: handle.workflowId },
    });
    // The dev server deletes a closed execution in the background, within about a minute.
    await eventually(
      async () => ((await handle.fetchHistory().catch((error: Error) => error)) instanceof Error ? true : undefined),
      { attempts: 120, intervalMs: 1_000 },
    );

    const view = await timelineOf(deps, archivedRegisterNumber);
    expect(view.source).toBe('archive');
    expect(view.timeline).toMatchObject({
      complaintId: state.complaintId,
      status: 'ditolak',
      registerNumber: archivedRegisterNumber,
    });
    expect(
      view.entries.some(
        (timelineEntry) => timelineEntry.kind === 'action' && timelineEntry.actor?.userId === 'loket-1',
      ),
    ).toBe(true);
    expect((await timelineOf(deps, state.complaintId)).source).toBe('archive');

    expect(await replayCommand(deps, handle.workflowId, { workflowBundle: bundle })).toEqual({ ok: true });
    const document = await exportComplaint(deps, archivedRegisterNumber);
    expect(document.digest).toBe(entry.documentDigest);
    const verification = await verifyArchivedCommand(deps, archivedRegisterNumber, { workflowBundle: bundle });
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);

    // The gateway's audit queries (complaintTimeline, verifyComplaintReplay, exportComplaint) read the archive too.
    const audit = new AuditQueriesService(env.client, dataSource, SopRegistry.fromCatalog());
    audit.replayCode = { workflowBundle: bundle };
    const auditor = { sub: 'auditor-1', name: 'Auditor', roles: ['auditor' as const], office: '*' };
    expect((await audit.timeline(archivedRegisterNumber, auditor)).timeline.status).toBe('ditolak');
    expect((await audit.verifyReplay(archivedRegisterNumber, auditor)).verdict).toEqual({ ok: true });
    expect((await audit.export(archivedRegisterNumber, auditor)).digest).toBe(entry.documentDigest);
    const otherOffice = { sub: 'camat-2', name: 'Camat', roles: ['camat' as const], office: 'PALARAN' };
    await expect(audit.timeline(archivedRegisterNumber, otherOffice)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }, 180_000);

  it('refuses to update or delete a register entry', async () => {
    await expect(
      dataSource.query(`UPDATE archive_register SET status = 'selesai' WHERE complaint_id = $1`, [entry.complaintId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      dataSource.query('DELETE FROM archive_register WHERE complaint_id = $1', [entry.complaintId]),
    ).rejects.toThrow(/append-only/);
  });

  describe('chain of one office and year', () => {
    let entries: RegisterEntry[];
    let snapshot: Record<string, unknown>[];
    let head: string;

    beforeAll(async () => {
      for (let index = 0; index < 3; index += 1) await archivedEntry(await closeRejected());
      const rows: { complaint_id: string }[] = await dataSource.query(
        'SELECT complaint_id FROM archive_register WHERE office_code = $1 AND year = $2 ORDER BY seq',
        [OFFICE, entry.year],
      );
      entries = await Promise.all(rows.map(async (row) => (await findRegisterEntry(dataSource, row.complaint_id))!));
      snapshot = await dataSource.query('SELECT * FROM archive_register WHERE office_code = $1 AND year = $2', [
        OFFICE,
        entry.year,
      ]);
      head = (await registerHeadCommand(deps, OFFICE, entry.year)).headDigest!;
    });

    afterEach(async () => {
      // Put the register back as it was archived.
      await dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE archive_register DISABLE TRIGGER archive_register_append_only');
        await manager.query('DELETE FROM archive_register WHERE office_code = $1 AND year = $2', [OFFICE, entry.year]);
        for (const row of snapshot) {
          const columns = Object.keys(row);
          await manager.query(
            `INSERT INTO archive_register (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
            columns.map((column) => row[column]),
          );
        }
        await manager.query('ALTER TABLE archive_register ENABLE TRIGGER archive_register_append_only');
      });
    });

    it('holds four chained entries that verify, with the head kept outside', async () => {
      expect(entries.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
      expect(entries[0].previousEntryDigest).toBeNull();
      expect(entries.slice(1).map((item) => item.previousEntryDigest)).toEqual(
        entries.slice(0, 3).map((item) => item.entryDigest),
      );
      expect(head).toBe(entries[3].entryDigest);
      const verification = await verifyRegisterCommand(deps, OFFICE, entry.year, head);
      expect(verification).toMatchObject({
        ok: true,
        problems: [],
        head: { entries: 4, lastSeq: 4, headDigest: head },
      });
      // The monthly recap carries the head, so it is printed and kept outside the database.
      const closedMonth = DateTime.fromISO(entries[3].closedAt, { zone: SOP.office.timeZone });
      const recap = await createRecapActivities({ dataSource }).buildMonthlyRecap({
        officeCode: OFFICE,
        year: closedMonth.year,
        month: closedMonth.month,
        timeZone: SOP.office.timeZone,
      });
      expect(recap.archiveRegisterHead).toEqual({ entries: 4, lastSeq: 4, headDigest: head });
    });

    it('names an edited entry', async () => {
      const edited = entries[1];
      const [{ document }]: { document: string }[] = await dataSource.query(
        'SELECT document FROM archive_register WHERE complaint_id = $1',
        [edited.complaintId],
      );
      const changed = document.replace('Bukan aduan pelayanan publik', 'Aduan diselesaikan dengan baik');
      expect(changed).not.toBe(document);
      await tamper('UPDATE archive_register SET document = $1 WHERE complaint_id = $2', [changed, edited.complaintId]);
      const verification = await verifyRegisterCommand(deps, OFFICE, entry.year, head);
      expect(verification.ok).toBe(false);
      expect(verification.problems[0]).toMatchObject({ seq: 2, complaintId: edited.complaintId, kind: 'changed' });
    });

    it('names a removed entry', async () => {
      await tamper('DELETE FROM archive_register WHERE complaint_id = $1', [entries[2].complaintId]);
      const verification = await verifyRegisterCommand(deps, OFFICE, entry.year, head);
      expect(verification.ok).toBe(false);
      expect(verification.problems[0]).toMatchObject({ seq: 4, complaintId: entries[3].complaintId, kind: 'removed' });
      expect(verification.problems[0].message).toContain('nomor 3');
    });

    it('names swapped entries', async () => {
      const swap = 'UPDATE archive_register SET seq = $3 WHERE office_code = $1 AND year = $2 AND seq = $4';
      await tamper(swap, [OFFICE, entry.year, -2, 2]);
      await tamper(swap, [OFFICE, entry.year, 2, 3]);
      await tamper(swap, [OFFICE, entry.year, 3, -2]);
      const verification = await verifyRegisterCommand(deps, OFFICE, entry.year, head);
      expect(verification.ok).toBe(false);
      expect(verification.problems[0]).toMatchObject({
        seq: 2,
        complaintId: entries[2].complaintId,
        kind: 'reordered',
      });
    });

    it('catches a removed last entry only with the head kept outside the database', async () => {
      await tamper('DELETE FROM archive_register WHERE complaint_id = $1', [entries[3].complaintId]);
      expect((await verifyRegisterCommand(deps, OFFICE, entry.year)).ok).toBe(true);
      const verification = await verifyRegisterCommand(deps, OFFICE, entry.year, head);
      expect(verification.ok).toBe(false);
      expect(verification.problems[0]).toMatchObject({ kind: 'removed' });
    });
  });

  it('sweeps a closed complaint whose archival failed into the register', async () => {
    const brokenQueue = `archive-broken-${randomUUID()}`;
    const broken = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: brokenQueue,
      workflowBundle: bundle,
      dataConverter: testDataConverter(),
      activities: {
        ...createActivities({ dataSource }),
        archiveClosedComplaint: async () => {
          throw ApplicationFailure.nonRetryable('archival switched off for this test', 'TEST');
        },
      },
    });
    const handle = await broken.runUntil(async () => {
      const closed = await closeRejected(brokenQueue);
      await expect(archivedEntry(closed)).rejects.toThrow();
      return closed;
    });
    const complaintId = handle.workflowId.slice('complaint-'.length);
    expect(await findRegisterEntry(dataSource, complaintId)).toBeUndefined();

    const report = await eventually(async () => {
      const swept = await archiveSweepCommand(deps, OFFICE);
      return swept.archived.length > 0 ? swept : undefined;
    });
    expect(report.failures).toEqual([]);
    expect(report.archived.map((item) => item.complaintId)).toEqual([complaintId]);
    expect((await archiveSweepCommand(deps, OFFICE)).archived).toEqual([]);
    const verification = await verifyRegisterCommand(deps, OFFICE, entry.year);
    expect(verification).toMatchObject({ ok: true, head: { entries: 5 } });
    expect(deletedWorkflowId).toBe(entry.workflowId);
  });
});
