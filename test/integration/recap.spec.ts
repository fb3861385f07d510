/**
 * The monthly recap against the real services: buildMonthlyRecap and archiveMonthlyRecap on the
 * test PostgreSQL, the MonthlyRecaps migration down and up, and the recap schedules on a real
 * Temporal dev server.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { DataSource } from 'typeorm';
import { canonicalJson, sha256Hex } from '../../libs/integrity/src/digest';
import type { ArchiveMonthlyRecapInput } from '../../activities/contracts';
import { createNotificationActivities } from '../../activities/notification.activity';
import { createRecapActivities } from '../../activities/recap.activity';
import { SOP_CATALOG } from '../../libs/domain/src/catalog';
import { previousMonthAt, type MonthlyRecapSummary, type RecapState } from '../../libs/domain/src/recap';
import { createDataSource, revertLastMigration, runMigrations } from '../../libs/persistence/src/data-source';
import { ensureRecapSchedules } from '../../libs/temporal/src/schedules';
import {
  getRecapStateQuery,
  recapWorkflowId,
  type RecapWorkflowInput,
  type RecapWorkflowResult,
} from '../../workflows/recap/recap.messages';
import { createScratchDatabase, openTestDataSource, truncateTables } from '../support/database';
import { createLocalEnv, testDataConverter } from '../support/temporal-env';

interface SeedComplaint {
  officeCode: string;
  registerNumber: string;
  submittedAt: string;
  status: string;
  channel: string;
  complaintType?: string;
  category?: string;
  slaBreached: boolean;
  deliveredAt?: string;
  closedAt?: string;
}

async function insertComplaint(dataSource: DataSource, seed: SeedComplaint): Promise<void> {
  const id = randomUUID();
  const state = {
    complaintId: id,
    status: seed.status,
    answer: seed.deliveredAt ? { deliveredAt: seed.deliveredAt } : undefined,
  };
  await dataSource.query(
    `INSERT INTO complaints (id, workflow_id, register_number, office_code, sop_id, sop_version, channel, status,
       current_step_keys, current_actor_roles, due_at, sla_breached, complaint_type, category, confidential, subject,
       content_excerpt, complainant_name, anonymous, tracking_code_hash, submitted_at, closed_at, updated_at,
       last_event_seq, state)
     VALUES ($1, $2, $3, $4, 'uji', 1, $5, $6, '{}', '{}', NULL, $7, $8, $9, false, 'Aduan uji', 'Isi aduan uji',
       NULL, true, $10, $11, $12, now(), 1, $13)`,
    [
      id,
      `complaint-${id}`,
      seed.registerNumber,
      seed.officeCode,
      seed.channel,
      seed.status,
      seed.slaBreached,
      seed.complaintType ?? null,
      seed.category ?? null,
      'f'.repeat(64),
      seed.submittedAt,
      seed.closedAt ?? null,
      JSON.stringify(state),
    ],
  );
}

const KRA = 'DISKOMINFO-KRA';
const PALARAN = 'PALARAN';

/** Two offices (WIB and WITA), two months, and complaints right at the month boundary. */
const SEED: SeedComplaint[] = [
  {
    officeCode: KRA,
    registerNumber: 'R/0001/KRA/2026',
    submittedAt: '2026-10-05T02:00:00.000Z',
    status: 'selesai',
    channel: 'website',
    complaintType: 'pengaduan',
    category: 'Infrastruktur',
    slaBreached: false,
    deliveredAt: '2026-10-05T04:00:00.000Z', // 120 minutes
    closedAt: '2026-10-06T02:00:00.000Z', // 1,440 minutes
  },
  {
    // 31 Oct 23:30 WIB: still October at the office.
    officeCode: KRA,
    registerNumber: 'R/0003/KRA/2026',
    submittedAt: '2026-10-31T16:30:00.000Z',
    status: 'dijawab',
    channel: 'whatsapp',
    complaintType: 'aspirasi',
    category: 'Pendidikan',
    slaBreached: true,
    deliveredAt: '2026-10-31T17:30:00.000Z', // 60 minutes
  },
  {
    officeCode: KRA,
    registerNumber: 'R/0002/KRA/2026',
    submittedAt: '2026-10-15T03:00:00.000Z',
    status: 'diterima',
    channel: 'website',
    slaBreached: true,
  },
  {
    // 1 Nov 00:30 WIB: November at the office although October in UTC.
    officeCode: KRA,
    registerNumber: 'R/0004/KRA/2026',
    submittedAt: '2026-10-31T17:30:00.000Z',
    status: 'diterima',
    channel: 'instagram',
    slaBreached: true,
  },
  {
    officeCode: KRA,
    registerNumber: 'R/0099/KRA/2026',
    submittedAt: '2026-09-30T16:59:00.000Z', // 30 Sep 23:59 WIB
    status: 'selesai',
    channel: 'sms',
    slaBreached: false,
  },
  {
    // 31 Oct 16:30 UTC = 1 Nov 00:30 WITA: November in Palaran.
    officeCode: PALARAN,
    registerNumber: 'R/0001/PALARAN/2026',
    submittedAt: '2026-10-31T16:30:00.000Z',
    status: 'ditolak',
    channel: 'langsung',
    slaBreached: true,
    closedAt: '2026-11-01T01:00:00.000Z',
  },
  {
    officeCode: PALARAN,
    registerNumber: 'R/0002/PALARAN/2026',
    submittedAt: '2026-10-20T01:00:00.000Z',
    status: 'selesai',
    channel: 'langsung',
    complaintType: 'pengaduan',
    category: 'Kebersihan',
    slaBreached: false,
    deliveredAt: '2026-10-20T02:00:00.000Z',
    closedAt: '2026-10-21T01:00:00.000Z',
  },
];

function recapState(summary: MonthlyRecapSummary): RecapState {
  const kepala = { userId: 'kepala-1', name: 'Kepala Diskominfo', role: 'kepala_diskominfo' as const, officeCode: KRA };
  return {
    officeCode: summary.officeCode,
    year: summary.year,
    month: summary.month,
    status: 'in_progress',
    startedAt: '2026-11-01T01:00:00.000Z',
    summary,
    completedSteps: [],
    actions: [],
    breaches: [],
    compileNote: 'Rekap Oktober',
    evaluation: {
      evaluationNeeded: true,
      notes: 'Perlu evaluasi tanggapan OPD',
      by: kepala,
      at: '2026-11-01T02:00:00.000Z',
    },
  };
}

describe('monthly recap activities on PostgreSQL', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });
  beforeEach(async () => {
    await truncateTables(dataSource);
    for (const seed of SEED) await insertComplaint(dataSource, seed);
  });

  it('recaps the complaints submitted in the month in the office zone', async () => {
    const { buildMonthlyRecap } = createRecapActivities({ dataSource });
    const october = await buildMonthlyRecap({ officeCode: KRA, year: 2026, month: 10, timeZone: 'Asia/Jakarta' });
    expect(october).toMatchObject({
      officeCode: KRA,
      year: 2026,
      month: 10,
      from: '2026-09-30T17:00:00.000Z',
      to: '2026-10-31T17:00:00.000Z',
      total: 3,
      byStatus: { selesai: 1, dijawab: 1, diterima: 1 },
      byChannel: { website: 2, whatsapp: 1 },
      byType: { pengaduan: 1, aspirasi: 1, belum_diklasifikasi: 1 },
      byCategory: { Infrastruktur: 1, Pendidikan: 1, belum_diklasifikasi: 1 },
      answered: 2,
      closed: 1,
      breached: 2,
      breachedRegisterNumbers: ['R/0002/KRA/2026', 'R/0003/KRA/2026'],
      averageMinutesToAnswer: 90,
      averageMinutesToClose: 1440,
    });

    const november = await buildMonthlyRecap({ officeCode: KRA, year: 2026, month: 11, timeZone: 'Asia/Jakarta' });
    expect(november).toMatchObject({
      total: 1,
      byChannel: { instagram: 1 },
      breachedRegisterNumbers: ['R/0004/KRA/2026'],
      answered: 0,
      averageMinutesToAnswer: null,
    });

    const palaranOctober = await buildMonthlyRecap({
      officeCode: PALARAN,
      year: 2026,
      month: 10,
      timeZone: 'Asia/Makassar',
    });
    expect(palaranOctober).toMatchObject({
      total: 1,
      byStatus: { selesai: 1 },
      breached: 0,
      averageMinutesToAnswer: 60,
    });
    const palaranNovember = await buildMonthlyRecap({
      officeCode: PALARAN,
      year: 2026,
      month: 11,
      timeZone: 'Asia/Makassar',
    });
    expect(palaranNovember).toMatchObject({
      from: '2026-10-31T16:00:00.000Z',
      total: 1,
      closed: 1,
      breachedRegisterNumbers: ['R/0001/PALARAN/2026'],
    });

    const empty = await buildMonthlyRecap({ officeCode: KRA, year: 2026, month: 12, timeZone: 'Asia/Jakarta' });
    expect(empty).toMatchObject({ total: 0, byStatus: {}, breached: 0, averageMinutesToClose: null });
  });

  it('archives the recap once, with the SHA-256 of the canonical stored document', async () => {
    const { buildMonthlyRecap, archiveMonthlyRecap } = createRecapActivities({ dataSource });
    const summary = await buildMonthlyRecap({ officeCode: KRA, year: 2026, month: 10, timeZone: 'Asia/Jakarta' });
    const input: ArchiveMonthlyRecapInput = {
      workflowId: `recap-${KRA}-2026-10`,
      summary,
      state: recapState(summary),
      archivedBy: { userId: 'admin-1', name: 'Admin Diskominfo', role: 'admin_diskominfo' },
      archivedAt: '2026-11-01T03:00:00.000Z',
      action: { kind: 'archive', archiveRef: 'ARSIP/REKAP/2026-10' },
    };
    const first = await archiveMonthlyRecap(input);
    expect(first).toEqual({
      archiveRef: 'ARSIP/REKAP/2026-10',
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      archivedAt: '2026-11-01T03:00:00.000Z',
    });

    const rows: {
      office_code: string;
      year: number;
      month: number;
      recap: MonthlyRecapSummary;
      evaluation: Record<string, unknown>;
      archive_ref: string;
      archived_at: Date;
      digest: string;
    }[] = await dataSource.query('SELECT * FROM monthly_recaps');
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ office_code: KRA, year: 2026, month: 10, archive_ref: 'ARSIP/REKAP/2026-10' });
    expect(row.recap.total).toBe(3);
    expect(row.evaluation).toMatchObject({ evaluationNeeded: true, notes: 'Perlu evaluasi tanggapan OPD' });
    // The digest is verifiable from the stored row alone.
    const recomputed = sha256Hex(
      canonicalJson({
        officeCode: row.office_code,
        year: row.year,
        month: row.month,
        recap: row.recap,
        evaluation: row.evaluation,
        archiveRef: row.archive_ref,
        archivedAt: new Date(row.archived_at).toISOString(),
      }),
    );
    expect(row.digest).toBe(first.digest);
    expect(recomputed).toBe(first.digest);

    // A retry (or a second run for the month) writes nothing and returns what is stored.
    const again = await archiveMonthlyRecap({
      ...input,
      archivedAt: '2026-11-02T03:00:00.000Z',
      action: { kind: 'archive', archiveRef: 'LAIN' },
    });
    expect(again).toEqual(first);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM monthly_recaps')).toEqual([{ n: 1 }]);

    // Without a reference the default one names the office and month.
    const palaran = await buildMonthlyRecap({ officeCode: PALARAN, year: 2026, month: 10, timeZone: 'Asia/Makassar' });
    const defaulted = await archiveMonthlyRecap({
      ...input,
      summary: palaran,
      state: { ...recapState(palaran), evaluation: undefined },
      action: { kind: 'archive' },
    });
    expect(defaulted.archiveRef).toBe('REKAP/PALARAN/2026-10');
    expect(defaulted.digest).not.toBe(first.digest);
  });

  it('queues recap notifications without a complaint', async () => {
    const { notify } = createNotificationActivities({ dataSource });
    const notification = {
      dedupeKey: `recap-${KRA}-2026-10/evaluate/escalation`,
      kind: 'escalation' as const,
      officeCode: KRA,
      recipientRoles: ['kepala_diskominfo', 'admin_diskominfo'],
      stepKey: 'evaluate',
      message: 'Eskalasi: langkah evaluasi rekap aduan Oktober 2026 melewati baku mutu 30 menit.',
    };
    await notify(notification);
    await notify(notification);
    const rows = await dataSource.query('SELECT complaint_id, kind, recipient_roles FROM notifications');
    expect(rows).toEqual([
      { complaint_id: null, kind: 'escalation', recipient_roles: ['kepala_diskominfo', 'admin_diskominfo'] },
    ]);
  });
});

describe('MonthlyRecaps migration', () => {
  it('goes down (dropping complaint-less notifications) and up again', async () => {
    const scratch = await createScratchDatabase('recap_migration');
    const dataSource = createDataSource(scratch.url, { poolSize: 1 });
    await dataSource.initialize();
    const nullable = async (): Promise<string> =>
      (
        await dataSource.query(
          `SELECT is_nullable FROM information_schema.columns WHERE table_name = 'notifications' AND column_name = 'complaint_id'`,
        )
      )[0].is_nullable;
    const hasRecapTable = async (): Promise<boolean> =>
      (await dataSource.query(`SELECT to_regclass('public.monthly_recaps') IS NOT NULL AS present`))[0].present;
    try {
      await runMigrations(dataSource);
      expect(await nullable()).toBe('YES');
      expect(await hasRecapTable()).toBe(true);
      await dataSource.query(
        `INSERT INTO notifications (dedupe_key, kind, complaint_id, office_code, recipient_roles, message)
         VALUES ('rekap', 'reminder', NULL, $1, '{admin_diskominfo}', 'Pengingat rekap'),
                ('aduan', 'reminder', $2, $1, '{admin_diskominfo}', 'Pengingat aduan')`,
        [KRA, randomUUID()],
      );

      // The migrations that came after go first.
      expect(await revertLastMigration(dataSource)).toBe('InboxAndTrackingIndexes1765200000000');
      expect(await revertLastMigration(dataSource)).toBe('ComplaintChangeXid1765150000000');
      expect(await revertLastMigration(dataSource)).toBe('NotificationDelivery1765100000000');
      expect(await revertLastMigration(dataSource)).toBe('ArchiveRegister1765000000000');
      expect(await revertLastMigration(dataSource)).toBe('ActionRequests1764800000000');
      expect(await revertLastMigration(dataSource)).toBe('CatalogAndStaff1764100000000');
      expect(await revertLastMigration(dataSource)).toBe('MonthlyRecaps1764000000000');
      expect(await nullable()).toBe('NO');
      expect(await hasRecapTable()).toBe(false);
      expect(await dataSource.query('SELECT dedupe_key FROM notifications')).toEqual([{ dedupe_key: 'aduan' }]);

      expect(await runMigrations(dataSource)).toEqual([
        'MonthlyRecaps1764000000000',
        'CatalogAndStaff1764100000000',
        'ActionRequests1764800000000',
        'ArchiveRegister1765000000000',
        'NotificationDelivery1765100000000',
        'ComplaintChangeXid1765150000000',
        'InboxAndTrackingIndexes1765200000000',
      ]);
      expect(await nullable()).toBe('YES');
      expect(await hasRecapTable()).toBe(true);
    } finally {
      await dataSource.destroy();
      await scratch.drop();
    }
  });
});

describe('recap schedules on a Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createLocalEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('creates one schedule per office with a monthly recap, then updates it, day 1 at 08:00 office time', async () => {
    const first = await ensureRecapSchedules(env.client, SOP_CATALOG, { taskQueue: 'aduan-rekap-1' });
    // Only the Diskominfo SOP has a monthly recap.
    expect(first).toEqual([{ scheduleId: 'recap-DISKOMINFO-KRA', officeCode: KRA, outcome: 'created' }]);

    const second = await ensureRecapSchedules(env.client, SOP_CATALOG, { taskQueue: 'aduan-rekap-2' });
    expect(second).toEqual([{ scheduleId: 'recap-DISKOMINFO-KRA', officeCode: KRA, outcome: 'updated' }]);

    const description = await env.client.schedule.getHandle('recap-DISKOMINFO-KRA').describe();
    expect(description.spec.timezone).toBe('Asia/Jakarta');
    expect(description.spec.calendars).toEqual([
      expect.objectContaining({
        dayOfMonth: [{ start: 1, end: 1, step: 1 }],
        hour: [{ start: 8, end: 8, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
      }),
    ]);
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'recapWorkflow',
      workflowId: 'recap-DISKOMINFO-KRA',
      taskQueue: 'aduan-rekap-2',
    });
    const [input] = (description.action as { args: RecapWorkflowInput[] }).args;
    expect(input).toMatchObject({
      officeCode: KRA,
      period: 'previous_month',
      sopId: 'diskominfo-karanganyar-aduan-warga',
    });
    expect(input!.steps.map((step) => [step.key, step.action])).toEqual([
      ['recap', 'compile'],
      ['evaluate', 'evaluate'],
      ['archive_disposition', 'archive'],
    ]);
    // The next run: the 1st of a month, 08:00 WIB = 01:00 UTC.
    const next = description.info.nextActionTimes[0]!;
    expect(next.getUTCHours()).toBe(1);
    expect(new Date(next.getTime() + 7 * 3_600_000).getUTCDate()).toBe(1);
  });

  it('a triggered schedule runs the previous month’s recap on a real worker, reading PostgreSQL', async () => {
    await ensureRecapSchedules(env.client, SOP_CATALOG, { taskQueue: 'aduan-rekap-worker' });
    const dataSource = await openTestDataSource();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'aduan-rekap-worker',
      workflowsPath: require.resolve('../../workflows'),
      activities: createActivities({ dataSource }),
      dataConverter: testDataConverter(),
    });
    try {
      await worker.runUntil(async () => {
        const schedule = env.client.schedule.getHandle('recap-DISKOMINFO-KRA');
        await schedule.trigger();
        let scheduledRunId: string | undefined;
        for (let attempt = 0; attempt < 200 && !scheduledRunId; attempt += 1) {
          scheduledRunId = (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId;
          if (!scheduledRunId) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const scheduled = env.client.workflow.getHandle(scheduledRunId!);
        const delegated: RecapWorkflowResult = await scheduled.result();
        const startTime = (await scheduled.describe()).startTime;
        const expected = previousMonthAt(startTime, 'Asia/Jakarta');
        expect(delegated).toMatchObject({ status: 'delegated', ...expected });
        expect(delegated.recapWorkflowId).toBe(recapWorkflowId(KRA, expected));

        const month = env.client.workflow.getHandle(delegated.recapWorkflowId);
        let state: RecapState | undefined;
        for (let attempt = 0; attempt < 200 && !state?.currentStep?.dueAt; attempt += 1) {
          state = await month.query(getRecapStateQuery);
          if (!state.currentStep?.dueAt) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(state).toMatchObject({ status: 'in_progress', currentStep: { key: 'recap' } });
        expect(state!.summary).toMatchObject({ officeCode: KRA, ...expected, timeZone: 'Asia/Jakarta' });
        await month.terminate('test finished');
      });
    } finally {
      await dataSource.destroy();
    }
  });
});
