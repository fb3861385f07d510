/**
 * The audit timeline derived from a recorded history: the real complaint workflow runs on the
 * time-skipping server (recording activities), then only its history is mapped.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { BusinessCalendar } from '../../libs/calendar/src/business-calendar';
import { buildExportDocument, digestOf, verifyExportDocument } from '../../libs/audit/src/export-document';
import type { History } from '../../libs/audit/src/history-events';
import { historyFromJsonObject } from '../../libs/audit/src/history-json';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { deriveTimeline, mergeRefusals, type TimelineEntry } from '../../libs/audit/src/timeline';
import { renderTimelineHtml } from '../../libs/audit/src/timeline-html';
import type { ActionInput } from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { actSignal, actUpdate, supplyInformationUpdate } from '../../workflows/complaint/complaint.messages';
import { SOP_CATALOG } from '../../libs/domain/src/catalog';
import { DISKOMINFO_TEST_SOP, KEBAKKRAMAT_TEST_SOP, makeTestSop } from '../fixtures/sops';
import {
  createRecordingActivities,
  createWorkflowHarness,
  currentState,
  defaultAction,
  staff,
  startComplaint,
  waitForStep,
  withWorker,
  type WorkflowHarness,
} from '../support/workflow-harness';
import { updateAppliedTimes } from '../support/history-times';

async function act(
  handle: WorkflowHandle,
  sop: SopDefinition,
  role: string,
  override: Partial<ActionInput> = {},
  userId?: string,
): Promise<string> {
  const state = await waitForStep(handle);
  const active = state.currentSteps[0]!;
  const requestId = randomUUID();
  await handle.executeUpdate(actUpdate, {
    args: [
      {
        requestId,
        actor: staff(sop, role, userId),
        stepKey: active.key,
        action: { ...defaultAction(active.action), ...override } as ActionInput,
      },
    ],
    updateId: requestId,
  });
  return requestId;
}

const kinds = (entries: TimelineEntry[]) =>
  entries.filter((entry) => !['search_attributes', 'timer_fired'].includes(entry.kind)).map((entry) => entry.kind);

describe('timeline from history (time-skipping server)', () => {
  let harness: WorkflowHarness;
  beforeAll(async () => {
    harness = await createWorkflowHarness();
  });
  afterAll(async () => {
    await harness?.env.teardown();
  });

  it('maps a Kebakkramat complaint: actors, order, times, deadlines and the one breached step', async () => {
    const sop = KEBAKKRAMAT_TEST_SOP;
    const { activities } = createRecordingActivities();
    let history!: History;
    const ids: string[] = [];
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      ids.push(await act(handle, sop, 'petugas_loket', {}, 'loket-7'));
      const disposeStep = await waitForStep(handle, 'dispose');
      // The disposition waits past its 2-minute baku mutu: a breach and an escalation.
      await harness.env.sleep(
        Date.parse(disposeStep.currentSteps[0]!.dueAt!) - Date.parse(disposeStep.currentSteps[0]!.startedAt) + 90_000,
      );
      ids.push(
        await act(
          handle,
          sop,
          'camat',
          { toUnit: 'Seksi Trantib', instructions: 'Cek lampu di RT 03' } as never,
          'camat-1',
        ),
      );
      ids.push(await act(handle, sop, 'kasi_kasubbag', { answer: 'Lampu sudah diganti.' } as never, 'kasi-2'));
      ids.push(await act(handle, sop, 'petugas_loket', { receipt: 'TT-001' } as never, 'loket-7'));
      // The reopen window (3 minutes) passes: the complaint closes as selesai.
      await harness.env.sleep('4 minutes');
      await handle.result();
      history = await handle.fetchHistory();
    });

    const timeline = deriveTimeline(history);
    expect(timeline.status).toBe('selesai');
    expect(timeline.registerNumber).toMatch(/^000\.8\.3\.3\/0*\d+\/KEBAKKRAMAT\/\d{4}$/);
    expect(timeline.consistency).toEqual({ ok: true, mismatches: [] });
    expect(timeline.sop).toMatchObject({ id: sop.id, version: sop.version, officeCode: sop.office.code });
    expect(kinds(timeline.entries)).toEqual([
      'submitted',
      'registered',
      // v5 queues the acknowledgment with the first step's projection, at the same instant
      'step_started',
      'notification', // acknowledgment to the complainant
      'action',
      'step_started',
      'reminder',
      'breach',
      'action',
      'step_started',
      'action',
      'step_started',
      'action',
      'answer_delivered',
      'notification', // the answer to the complainant
      'completed',
    ]);

    const actions = timeline.entries.filter((entry) => entry.kind === 'action');
    const times = updateAppliedTimes(history);
    expect(
      actions.map((entry) => [entry.stepKey, entry.actor?.userId, entry.actor?.role, entry.details.requestId]),
    ).toEqual([
      ['receive', 'loket-7', 'petugas_loket', ids[0]],
      ['dispose', 'camat-1', 'camat', ids[1]],
      ['clarify_answer', 'kasi-2', 'kasi_kasubbag', ids[2]],
      ['deliver', 'loket-7', 'petugas_loket', ids[3]],
    ]);
    expect(actions.map((entry) => entry.at)).toEqual(ids.map((id) => times.get(id)));
    expect(actions.map((entry) => entry.breached)).toEqual([false, true, false, false]);
    expect(actions[1].details.input).toMatchObject({ toUnit: 'Seksi Trantib', instructions: 'Cek lampu di RT 03' });
    expect(actions[2].details.input).toMatchObject({ answer: 'Lampu sudah diganti.' });
    const breach = timeline.entries.find((entry) => entry.kind === 'breach')!;
    expect(breach).toMatchObject({ stepKey: 'dispose', breached: true, details: { escalatedTo: ['camat'] } });
    expect(Date.parse(breach.at)).toBeGreaterThanOrEqual(Date.parse(breach.dueAt!));

    // Per step: working time against the baku mutu (2 minutes, office open round the clock).
    const calendar = new BusinessCalendar({ timeZone: sop.office.timeZone, officeHours: sop.office.officeHours });
    expect(timeline.steps.map((step) => [step.stepKey, step.breached, step.outcome])).toEqual([
      ['receive', false, 'accepted'],
      ['dispose', true, 'done'],
      ['clarify_answer', false, 'done'],
      ['deliver', false, 'done'],
    ]);
    for (const step of timeline.steps) {
      expect(step.bakuMutuWorkingMinutes).toBe(2);
      const expected = calendar.workingMinutesBetween(step.startedAt, step.endedAt!);
      expect(step.workingMinutesTaken).toBeCloseTo(expected, 2);
    }
    expect(timeline.steps[1].workingMinutesTaken).toBeGreaterThan(3);
    expect(timeline.steps[1].minutesOverBakuMutu).toBeCloseTo(timeline.steps[1].workingMinutesTaken - 2, 2);
    expect(timeline.steps[0].minutesOverBakuMutu).toBe(0);
    const dispose = timeline.entries.find((entry) => entry.kind === 'step_started' && entry.stepKey === 'dispose')!;
    expect(dispose).toMatchObject({ dueAt: timeline.steps[1].dueAt, bakuMutu: { amount: 2, unit: 'minutes' } });

    // Refusals recorded by the gateway merge in by time, marked refused.
    const merged = mergeRefusals(timeline, [
      {
        id: '1',
        at: new Date(Date.parse(breach.at) + 1).toISOString(),
        actor: { userId: 'kasi-2', name: 'Petugas kasi', role: 'kasi_kasubbag' },
        operation: 'act',
        stepKey: 'dispose',
        code: 'FORBIDDEN',
        reason: 'Peran tidak berwenang',
      },
    ]);
    const refusedIndex = merged.findIndex((entry) => entry.refused);
    expect(merged[refusedIndex]).toMatchObject({ kind: 'refused', stepKey: 'dispose', details: { code: 'FORBIDDEN' } });
    // Between the breach and the late disposition, history entries in their own order.
    expect(refusedIndex).toBeGreaterThan(merged.findIndex((entry) => entry.kind === 'breach'));
    expect(refusedIndex).toBeLessThan(merged.findIndex((entry) => entry.details.requestId === ids[1]));
    expect(merged.filter((entry) => !entry.refused).map((entry) => entry.eventId)).toEqual(
      timeline.entries.map((entry) => entry.eventId),
    );
    expect(merged.map((entry) => entry.seq)).toEqual(merged.map((_, index) => index + 1));
    const html = renderTimelineHtml(timeline, merged);
    expect(html).toContain('Percobaan ditolak');
    expect(html).toContain('Melewati baku mutu');
    expect(html).toContain(timeline.registerNumber!);
  });

  it.each(SOP_CATALOG.map((sop) => [sop.id, sop] as const))(
    'maps every action of a %s complaint run to its end, in order, by whom and when',
    async (_id, catalogSop) => {
      const sop = makeTestSop(catalogSop, { minutes: 600, idSuffix: '-timeline' });
      const { activities } = createRecordingActivities();
      const performed: { requestId: string; stepKey: string; userId: string; role: string }[] = [];
      let history!: History;
      await withWorker(harness, activities, async () => {
        const handle = await startComplaint(harness, sop);
        await waitForStep(handle);
        // An Update returns once the workflow has settled: the next step (if any) is open.
        let state = await waitForStep(handle);
        for (let turn = 0; turn < 30; turn++) {
          const active = state.currentSteps[0];
          if (!active) break;
          const role = active.actorRoles[0];
          const userId = `${role}-${turn}`;
          // Palaran's camat calls a rapat; a delivery without a drafting step carries the answer.
          const override: Partial<ActionInput> =
            active.action === 'decide'
              ? ({ rapatRequired: true } as Partial<ActionInput>)
              : active.action === 'deliver'
                ? ({ answer: 'Aduan sudah ditindaklanjuti.' } as Partial<ActionInput>)
                : {};
          performed.push({
            requestId: await act(handle, sop, role, override, userId),
            stepKey: active.key,
            userId,
            role,
          });
          state = await currentState(handle);
        }
        // The complainant's reopen window (3 minutes) passes: the complaint closes.
        await harness.env.sleep('4 minutes');
        await handle.result();
        history = await handle.fetchHistory();
      });

      const timeline = deriveTimeline(history);
      expect(timeline.consistency).toEqual({ ok: true, mismatches: [] });
      expect(timeline.status).toBe('selesai');
      const times = updateAppliedTimes(history);
      const actions = timeline.entries.filter((entry) => entry.kind === 'action');
      expect(
        actions.map((entry) => [entry.stepKey, entry.actor?.userId, entry.actor?.role, entry.details.requestId]),
      ).toEqual(performed.map((action) => [action.stepKey, action.userId, action.role, action.requestId]));
      expect(actions.map((entry) => entry.at)).toEqual(performed.map((action) => times.get(action.requestId)));
      expect(actions.every((entry) => entry.breached === false)).toBe(true);
      expect(timeline.steps.map((step) => step.stepKey)).toEqual(performed.map((action) => action.stepKey));
      expect(timeline.steps.every((step) => !step.breached && step.minutesOverBakuMutu === 0)).toBe(true);
      expect(timeline.entries.filter((entry) => entry.kind === 'answer_delivered')).toHaveLength(1);
      if (catalogSop.steps.some((step) => step.action === 'rapat')) {
        expect(actions.some((entry) => entry.details.kind === 'rapat')).toBe(true);
      }
      // A step sharing an earlier step's baku mutu starts with no deadline activity: its run keeps that deadline.
      for (const shared of sop.steps.filter((step) => step.sharesBakuMutuWith)) {
        const run = timeline.steps.find((step) => step.stepKey === shared.key);
        const earlier = timeline.steps.find((step) => step.stepKey === shared.sharesBakuMutuWith);
        expect(run?.dueAt).toBe(earlier?.dueAt);
        expect(run!.bakuMutuWorkingMinutes).toBeLessThanOrEqual(earlier!.bakuMutuWorkingMinutes);
      }
    },
  );

  it('maps tunda, the supplement that resumes it, an applied signal and a refused one', async () => {
    const sop = KEBAKKRAMAT_TEST_SOP;
    const { activities } = createRecordingActivities();
    let history!: History;
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      await act(handle, sop, 'petugas_loket', { outcome: 'tunda', reason: 'Alamat belum jelas' } as never);
      await handle.executeUpdate(supplyInformationUpdate, {
        args: [{ requestId: randomUUID(), content: 'Di depan balai desa', attachments: [] }],
      });
      await waitForStep(handle, 'receive');
      // A signal from the wrong role is refused inside the workflow; the right one is applied.
      await handle.signal(actSignal, {
        requestId: 'signal-wrong-role',
        actor: staff(sop, 'camat'),
        stepKey: 'receive',
        action: defaultAction('verify'),
      });
      await handle.signal(actSignal, {
        requestId: 'signal-right-role',
        actor: staff(sop, 'petugas_loket', 'loket-9'),
        stepKey: 'receive',
        action: defaultAction('verify'),
      });
      await waitForStep(handle, 'dispose');
      for (let attempt = 0; attempt < 100 && (await currentState(handle)).actions.length < 2; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      history = await handle.fetchHistory();
      await handle.terminate('test done');
    });

    const timeline = deriveTimeline(history);
    expect(timeline.consistency.ok).toBe(true);
    const relevant = timeline.entries.filter((entry) =>
      ['step_started', 'action', 'tunda', 'supplement', 'resumed', 'refused'].includes(entry.kind),
    );
    expect(relevant.map((entry) => [entry.kind, entry.stepKey ?? null])).toEqual([
      ['step_started', 'receive'],
      ['action', 'receive'],
      ['tunda', 'receive'],
      ['supplement', null],
      ['resumed', 'receive'],
      ['step_started', 'receive'],
      ['refused', 'receive'],
      ['action', 'receive'],
      ['step_started', 'dispose'],
    ]);
    expect(relevant[2].details).toMatchObject({ reason: 'Alamat belum jelas' });
    expect(relevant[6]).toMatchObject({ refused: true, via: 'signal', actor: { role: 'camat' } });
    expect(relevant[7]).toMatchObject({ via: 'signal', actor: { userId: 'loket-9' } });
    expect(timeline.steps.map((step) => [step.stepKey, step.outcome ?? null])).toEqual([
      ['receive', 'tunda'],
      ['receive', 'accepted'],
      ['dispose', null],
    ]);
  });

  it('maps the Diskominfo timeout transition and replays, exports and verifies the history', async () => {
    const sop = DISKOMINFO_TEST_SOP;
    const { activities } = createRecordingActivities();
    let history!: History;
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      await act(handle, sop, 'admin_diskominfo');
      await act(handle, sop, 'admin_diskominfo');
      const group = (await waitForStep(handle, 'group_response')).currentSteps[0]!;
      // Nobody in the group answers within its baku mutu: forwarded straight to the OPD admin.
      await harness.env.sleep(Date.parse(group.dueAt!) - Date.parse(group.startedAt) + 30_000);
      await waitForStep(handle, 'forward_opd');
      history = await handle.fetchHistory();
      await handle.terminate('test done');
    });

    const timeline = deriveTimeline(history);
    expect(timeline.consistency).toEqual({ ok: true, mismatches: [] });
    expect(timeline.steps.map((step) => [step.stepKey, step.outcome ?? null, step.breached])).toEqual([
      ['receive', 'accepted', false],
      ['forward_group', 'done', false],
      ['group_response', 'timeout', true],
      ['forward_opd', null, false],
    ]);
    const breach = timeline.entries.find((entry) => entry.kind === 'breach')!;
    expect(breach).toMatchObject({
      stepKey: 'group_response',
      details: { onTimeout: { kind: 'transition', to: 'forward_opd' } },
    });

    const bundle = await bundleWorkflows({ stackTraces: false });
    const document = buildExportDocument({ history, exportedAt: new Date('2026-11-23T00:00:00Z') });
    expect(document.digest).toBe(digestOf(document));
    // The file an auditor holds: JSON text, read back.
    const file = JSON.parse(JSON.stringify(document));
    expect(deriveTimeline(historyFromJsonObject(file.history))).toEqual(JSON.parse(JSON.stringify(timeline)));
    const verified = await verifyExportDocument(file, { workflowBundle: bundle });
    expect(verified.problems).toEqual([]);
    expect(verified).toMatchObject({ ok: true, digest: { ok: true }, replay: { ok: true }, timeline: { ok: true } });

    // A tampered actor in the timeline breaks the digest.
    const tampered = JSON.parse(JSON.stringify(document));
    tampered.timeline.entries.find((entry: TimelineEntry) => entry.kind === 'action').actor.userId = 'orang-lain';
    const result = await verifyExportDocument(tampered, { workflowBundle: bundle });
    expect(result.ok).toBe(false);
    expect(result.digest.ok).toBe(false);
    expect(result.timeline.ok).toBe(false);
  });
});

describe('timeline from the recorded corpus', () => {
  const historiesDir = path.resolve(__dirname, '..', 'fixtures', 'histories');
  const read = (shape: string, file: string): History =>
    historyFromJsonObject(JSON.parse(fs.readFileSync(path.join(historiesDir, shape, file), 'utf8')));
  // The two shapes were recorded at different (time-skipped) instants: compare what happened, not when.
  const view = (history: History) => {
    const timeline = deriveTimeline(history);
    return {
      kinds: kinds(timeline.entries),
      steps: timeline.steps.map((step) => [step.stepKey, step.outcome ?? null, step.breached]),
    };
  };

  it.each(fs.readdirSync(path.join(historiesDir, 'v3')))(
    'reads deadlines, register number and breaches of %s from local-activity markers as from v2 activities',
    (file) => {
      const history = read('v3', file);
      expect(view(history)).toEqual(view(read('v2', file)));
      const timeline = deriveTimeline(history);
      expect(timeline.entries.find((entry) => entry.kind === 'registered')?.details).toMatchObject({
        registerNumber: expect.stringContaining('000.8.3.3/'),
      });
      for (const step of timeline.steps) {
        expect(step.bakuMutuWorkingMinutes).toBeGreaterThan(0);
        expect(Date.parse(step.dueAt)).toBeGreaterThan(Date.parse(step.startedAt));
      }
    },
  );
});
