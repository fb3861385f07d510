import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { ArchiveMonthlyRecapInput, NotifyInput, RecapActivities } from '../../activities/contracts';
import { notificationRecordOf } from '../../activities/contracts';
import { computeDeadline, createDeadlineActivities } from '../../activities/deadline.activity';
import { findSop } from '../../libs/domain/src/catalog';
import {
  monthAt,
  previousMonthAt,
  type MonthlyRecapSummary,
  type RecapAction,
  type RecapActRequest,
  type RecapState,
} from '../../libs/domain/src/recap';
import type { Office } from '../../libs/domain/src/sop';
import { registerSearchAttributes } from '../../libs/temporal/src/register-search-attributes';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import {
  getRecapStateQuery,
  recapActUpdate,
  recapWorkflowId,
  type RecapWorkflowInput,
  type RecapWorkflowResult,
} from '../../workflows/recap/recap.messages';
import { decisionEventCount, refusalOf } from '../support/refusals';
import { createTimeSkippingEnv, testDataConverter } from '../support/temporal-env';

const OFFICE_CODE = 'DISKOMINFO-UJI';
/** Every day open around the clock, so the baku mutu minutes are plain minutes. */
const office: RecapWorkflowInput['office'] = {
  code: OFFICE_CODE,
  name: 'Diskominfo Uji',
  timeZone: 'Asia/Jakarta',
  officeHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
  closures: [],
};
/** The recap steps exactly as the catalog defines them for seed 002. */
const steps = findSop('diskominfo-karanganyar-aduan-warga')!.monthlyRecap!.steps;

function recapInput(period: RecapWorkflowInput['period'] = { year: 2026, month: 10 }): RecapWorkflowInput {
  return {
    officeCode: OFFICE_CODE,
    period,
    office,
    sopId: 'diskominfo-karanganyar-aduan-warga',
    sopVersion: 1,
    steps,
    reminderFraction: 0.8,
  };
}

function sampleSummary(officeCode: string, year: number, month: number): MonthlyRecapSummary {
  return {
    officeCode,
    year,
    month,
    timeZone: 'Asia/Jakarta',
    from: '2026-09-30T17:00:00.000Z',
    to: '2026-10-31T17:00:00.000Z',
    total: 3,
    byStatus: { selesai: 2, diterima: 1 },
    byChannel: { website: 2, whatsapp: 1 },
    byType: { pengaduan: 3 },
    byCategory: { Infrastruktur: 3 },
    answered: 2,
    closed: 2,
    breached: 1,
    breachedRegisterNumbers: ['000.8.3.3/0002/DISKOMINFO-UJI/2026'],
    averageMinutesToAnswer: 120,
    averageMinutesToClose: 240,
    generatedAt: '2026-11-01T01:00:00.000Z',
  };
}

/** Stand-ins for the PostgreSQL activities (the integration tier runs the real ones); the real deadline. */
function createRecapStandIns() {
  const notifications: NotifyInput[] = [];
  const archives: ArchiveMonthlyRecapInput[] = [];
  const builds: { officeCode: string; year: number; month: number; timeZone: Office['timeZone'] }[] = [];
  const activities: RecapActivities = {
    ...createDeadlineActivities(),
    async buildMonthlyRecap(input) {
      builds.push(input);
      return sampleSummary(input.officeCode, input.year, input.month);
    },
    async archiveMonthlyRecap(input) {
      archives.push(input);
      return {
        archiveRef: input.action.archiveRef ?? `REKAP/${input.summary.officeCode}`,
        digest: 'b'.repeat(64),
        archivedAt: input.archivedAt,
      };
    },
    async notify(input) {
      notifications.push(input);
      return notificationRecordOf(input);
    },
  };
  return { activities, notifications, archives, builds };
}

function actor(role: string, officeCode = OFFICE_CODE): RecapActRequest['actor'] {
  return { userId: `${role}-1`, name: `Petugas ${role}`, role: role as RecapActRequest['actor']['role'], officeCode };
}

async function act(
  handle: WorkflowHandle,
  stepKey: string,
  action: RecapAction,
  role: string,
  officeCode?: string,
): Promise<RecapState> {
  const requestId = randomUUID();
  return handle.executeUpdate(recapActUpdate, {
    args: [{ requestId, actor: actor(role, officeCode), stepKey, action }],
    updateId: requestId,
  });
}

/** Polls the query until the predicate holds (the workflow reacts asynchronously to timers). */
async function waitForState(handle: WorkflowHandle, predicate: (state: RecapState) => boolean): Promise<RecapState> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const state = await handle.query(getRecapStateQuery);
    if (predicate(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `the recap never reached the expected state: ${JSON.stringify(await handle.query(getRecapStateQuery))}`,
  );
}

const stepStarted = (key: string) => (state: RecapState) =>
  state.currentStep?.key === key && state.currentStep.dueAt !== undefined;

describe('monthly recap workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let started: WorkflowHandle[] = [];

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    await registerSearchAttributes(env.connection, 'default');
    bundle = await bundleWorkflows({ stackTraces: true });
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function withRecapWorker<T>(activities: RecapActivities, body: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `aduan-recap-test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities,
      dataConverter: testDataConverter(),
    });
    try {
      return await worker.runUntil(() => body(taskQueue));
    } finally {
      await Promise.all(started.map((handle) => handle.terminate('test finished').catch(() => undefined)));
      started = [];
    }
  }

  async function startRecap(taskQueue: string, input: RecapWorkflowInput, workflowId?: string) {
    const period = input.period === 'previous_month' ? { year: 0, month: 1 } : input.period;
    const handle = await env.client.workflow.start('recapWorkflow', {
      taskQueue,
      workflowId: workflowId ?? recapWorkflowId(input.officeCode, period),
      args: [input],
    });
    started.push(handle);
    return handle;
  }

  it('runs compile, evaluate and archive, and archives the recap with the evaluation', async () => {
    const { activities, archives, builds, notifications } = createRecapStandIns();
    await withRecapWorker(activities, async (taskQueue) => {
      const handle = await startRecap(taskQueue, recapInput());
      expect(handle.workflowId).toBe(`recap-${OFFICE_CODE}-2026-10`);

      const compiling = await waitForState(handle, stepStarted('recap'));
      expect(compiling.status).toBe('in_progress');
      expect(compiling.summary?.total).toBe(3);
      expect(builds).toEqual([{ officeCode: OFFICE_CODE, year: 2026, month: 10, timeZone: 'Asia/Jakarta' }]);
      // The deadline of the real calendar: 30 working minutes, reminder at 80 %.
      const expected = await computeDeadline({
        startAt: compiling.currentStep!.startedAt,
        bakuMutu: { amount: 30, unit: 'minutes' },
        office,
        reminderFraction: 0.8,
      });
      expect(compiling.currentStep).toMatchObject({ dueAt: expected.dueAt, reminderAt: expected.reminderAt });

      const afterCompile = await act(
        handle,
        'recap',
        { kind: 'compile', note: 'Rekap Oktober 2026' },
        'admin_diskominfo',
      );
      expect(afterCompile.compileNote).toBe('Rekap Oktober 2026');
      expect(afterCompile.currentStep?.key).toBe('evaluate');
      expect(afterCompile.currentStep?.dueAt).toBeDefined();

      const afterEvaluate = await act(
        handle,
        'evaluate',
        { kind: 'evaluate', evaluationNeeded: true, notes: 'Percepat tanggapan OPD untuk aduan infrastruktur' },
        'kepala_diskominfo',
      );
      expect(afterEvaluate.evaluation).toMatchObject({ evaluationNeeded: true, by: { role: 'kepala_diskominfo' } });
      expect(afterEvaluate.currentStep?.key).toBe('archive_disposition');

      const afterArchive = await act(
        handle,
        'archive_disposition',
        { kind: 'archive', archiveRef: 'ARSIP/REKAP/2026-10' },
        'admin_diskominfo',
      );
      expect(afterArchive.status).toBe('archived');
      expect(afterArchive.archive).toMatchObject({ archiveRef: 'ARSIP/REKAP/2026-10', digest: 'b'.repeat(64) });
      expect(afterArchive.completedSteps.map((step) => [step.key, step.by.role, step.breached])).toEqual([
        ['recap', 'admin_diskominfo', false],
        ['evaluate', 'kepala_diskominfo', false],
        ['archive_disposition', 'admin_diskominfo', false],
      ]);

      const result: RecapWorkflowResult = await handle.result();
      expect(result).toMatchObject({
        officeCode: OFFICE_CODE,
        year: 2026,
        month: 10,
        status: 'archived',
        recapWorkflowId: `recap-${OFFICE_CODE}-2026-10`,
        archiveRef: 'ARSIP/REKAP/2026-10',
      });
      expect(archives).toHaveLength(1);
      expect(archives[0]).toMatchObject({
        workflowId: handle.workflowId,
        archivedBy: { role: 'admin_diskominfo' },
        action: { kind: 'archive', archiveRef: 'ARSIP/REKAP/2026-10' },
        summary: { officeCode: OFFICE_CODE, year: 2026, month: 10 },
      });
      expect(archives[0]!.state.evaluation?.notes).toBe('Percepat tanggapan OPD untuk aduan infrastruktur');
      expect(notifications).toEqual([]);
    });
  });

  it('refuses a wrong role, another office, a wrong step and a bad payload without writing to history', async () => {
    const { activities } = createRecapStandIns();
    await withRecapWorker(activities, async (taskQueue) => {
      const handle = await startRecap(taskQueue, recapInput({ year: 2026, month: 9 }));
      await waitForState(handle, stepStarted('recap'));
      const eventsBefore = await decisionEventCount(handle);

      const wrongRole = await refusalOf(act(handle, 'recap', { kind: 'compile' }, 'kepala_diskominfo'));
      expect(wrongRole.type).toBe('FORBIDDEN');
      expect(wrongRole.message).toContain('tidak berwenang');

      const otherOffice = await refusalOf(act(handle, 'recap', { kind: 'compile' }, 'admin_diskominfo', 'KEBAKKRAMAT'));
      expect(otherOffice.type).toBe('FORBIDDEN');

      const wrongStep = await refusalOf(
        act(handle, 'evaluate', { kind: 'evaluate', evaluationNeeded: false, notes: 'Tidak ada' }, 'kepala_diskominfo'),
      );
      expect(wrongStep.type).toBe('INVALID_TRANSITION');
      expect(wrongStep.message).toContain('bukan langkah rekap yang sedang berjalan');

      const wrongKind = await refusalOf(act(handle, 'recap', { kind: 'archive' }, 'admin_diskominfo'));
      expect(wrongKind.type).toBe('INVALID_TRANSITION');

      const badPayload = await refusalOf(
        act(
          handle,
          'recap',
          { kind: 'evaluate', notes: 'tanpa keputusan' } as unknown as RecapAction,
          'admin_diskominfo',
        ),
      );
      expect(badPayload.type).toBe('BAD_USER_INPUT');

      const state = await handle.query(getRecapStateQuery);
      expect(state.actions).toEqual([]);
      expect(state.currentStep?.key).toBe('recap');
      const history = await handle.fetchHistory();
      const updateEvents = (history.events ?? []).filter(
        (event) =>
          event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED ||
          event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
      );
      expect(updateEvents).toEqual([]);
      expect(await decisionEventCount(handle)).toBe(eventsBefore);

      // The same request id twice: the second is one effect (Temporal dedupes the Update ID).
      const requestId = randomUUID();
      const request = { requestId, actor: actor('admin_diskominfo'), stepKey: 'recap', action: { kind: 'compile' } };
      const first = await handle.executeUpdate(recapActUpdate, {
        args: [request as RecapActRequest],
        updateId: requestId,
      });
      const again = await handle.executeUpdate(recapActUpdate, {
        args: [request as RecapActRequest],
        updateId: requestId,
      });
      expect(first.actions).toHaveLength(1);
      expect(again.actions).toHaveLength(1);
    });
  });

  it('escalates to the Kepala and the admin when the evaluation misses its 30 minutes, then completes late', async () => {
    const { activities, notifications, archives } = createRecapStandIns();
    await withRecapWorker(activities, async (taskQueue) => {
      const handle = await startRecap(taskQueue, recapInput({ year: 2026, month: 8 }));
      await waitForState(handle, stepStarted('recap'));
      const evaluating = (await act(handle, 'recap', { kind: 'compile' }, 'admin_diskominfo')).currentStep!;
      expect(evaluating.key).toBe('evaluate');

      await env.sleep(Date.parse(evaluating.dueAt!) - Date.parse(evaluating.startedAt) + 60_000);
      const breached = await waitForState(handle, (state) => state.breaches.length > 0);
      expect(breached.breaches).toEqual([
        expect.objectContaining({ stepKey: 'evaluate', escalatedTo: ['kepala_diskominfo', 'admin_diskominfo'] }),
      ]);
      expect(breached.currentStep).toMatchObject({ key: 'evaluate', breached: true });
      const escalation = notifications.find((notification) => notification.kind === 'escalation');
      expect(escalation).toMatchObject({
        dedupeKey: `${handle.workflowId}/evaluate/escalation`,
        officeCode: OFFICE_CODE,
        recipientRoles: ['kepala_diskominfo', 'admin_diskominfo'],
        stepKey: 'evaluate',
      });
      expect(escalation?.complaintId).toBeUndefined();
      expect(escalation?.message).toContain('Eskalasi');
      expect(escalation?.message).toContain('Agustus 2026');
      expect(escalation?.message).toContain('30 menit');
      const reminder = notifications.find((notification) => notification.kind === 'reminder');
      expect(reminder).toMatchObject({ stepKey: 'evaluate', recipientRoles: ['kepala_diskominfo'] });
      // Only the evaluate step ran late: the compile step was done at once.
      expect(notifications.map((notification) => [notification.kind, notification.stepKey])).toEqual([
        ['reminder', 'evaluate'],
        ['escalation', 'evaluate'],
      ]);

      // A late evaluation is still accepted (keep waiting) and recorded as breached.
      const late = await act(
        handle,
        'evaluate',
        { kind: 'evaluate', evaluationNeeded: false, notes: 'Tidak ada evaluasi' },
        'kepala_diskominfo',
      );
      expect(late.completedSteps.find((step) => step.key === 'evaluate')?.breached).toBe(true);
      await act(handle, 'archive_disposition', { kind: 'archive' }, 'admin_diskominfo');
      const result = await handle.result();
      expect(result.status).toBe('archived');
      expect(archives[0]!.state.breaches).toHaveLength(1);
    });
  });

  it('a scheduled run resolves the previous month in the office zone and hands over to the month’s workflow', async () => {
    const { activities, builds } = createRecapStandIns();
    await withRecapWorker(activities, async (taskQueue) => {
      const scheduled = await startRecap(taskQueue, recapInput('previous_month'), `recap-${OFFICE_CODE}-terjadwal`);
      const result: RecapWorkflowResult = await scheduled.result();
      const startTime = (await scheduled.describe()).startTime;
      const expected = previousMonthAt(startTime, 'Asia/Jakarta');
      expect(result).toMatchObject({ status: 'delegated', year: expected.year, month: expected.month });
      expect(result.recapWorkflowId).toBe(recapWorkflowId(OFFICE_CODE, expected));

      const month = env.client.workflow.getHandle(result.recapWorkflowId);
      started.push(month);
      const state = await waitForState(month, stepStarted('recap'));
      expect(state).toMatchObject({ year: expected.year, month: expected.month });
      expect(builds).toEqual([{ officeCode: OFFICE_CODE, ...expected, timeZone: 'Asia/Jakarta' }]);

      // A second trigger for the same month finds the recap already running.
      const again = await startRecap(taskQueue, recapInput('previous_month'), `recap-${OFFICE_CODE}-terjadwal-2`);
      const secondResult = await again.result();
      const secondExpected = previousMonthAt((await again.describe()).startTime, 'Asia/Jakarta');
      if (secondExpected.month === expected.month) {
        expect(secondResult.recapWorkflowId).toBe(result.recapWorkflowId);
        expect(builds).toHaveLength(1);
      }
    });
  });
});

describe('recap months in the office zone (fixed offsets, no DST)', () => {
  it('takes the month of the office-local date, not of UTC', () => {
    // 31 Oct 2026 18:00 UTC is already 1 Nov in WIB (+7), WITA (+8) and WIT (+9).
    expect(monthAt(new Date('2026-10-31T18:00:00Z'), 'Asia/Jakarta')).toEqual({ year: 2026, month: 11 });
    expect(monthAt(new Date('2026-10-31T16:30:00Z'), 'Asia/Jakarta')).toEqual({ year: 2026, month: 10 });
    expect(monthAt(new Date('2026-10-31T15:30:00Z'), 'Asia/Jayapura')).toEqual({ year: 2026, month: 11 });
    // The schedule fires on 1 Jan 08:00 WIB = 1 Jan 01:00 UTC: the recap covers December.
    expect(previousMonthAt(new Date('2026-01-01T01:00:00Z'), 'Asia/Jakarta')).toEqual({ year: 2025, month: 12 });
    expect(previousMonthAt(new Date('2026-12-01T00:00:00Z'), 'Asia/Makassar')).toEqual({ year: 2026, month: 11 });
  });
});
