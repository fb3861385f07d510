import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateStage } from '@temporalio/client';
import { computeDeadline } from '../../activities/deadline.activity';
import { submissionSchema } from '../../libs/domain/src/complaint';
import { sopDefinitionSchema, type SopDefinition } from '../../libs/domain/src/sop';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/src/search-attributes';
import { projectionInputsOf } from '../../libs/audit/src/timeline';
import {
  actSignal,
  actUpdate,
  addNoteUpdate,
  getPendingActionsQuery,
  complaintWorkflowId,
  getDegradationsQuery,
  reassignUpdate,
  supplyInformationUpdate,
  withdrawUpdate,
} from '../../workflows/complaint/complaint.messages';
import { decisionEventCount, refusalOf } from '../support/refusals';
import {
  actOnCurrentStep,
  createRecordingActivities,
  createWorkflowHarness,
  currentState,
  defaultAction,
  projectionAsReadFromHistory,
  sampleSubmission,
  staff,
  startComplaint,
  waitForStep,
  withWorker,
  type WorkflowHarness,
} from '../support/workflow-harness';

/** A small SOP with every office day open around the clock, so minutes are plain minutes. */
const sop: SopDefinition = sopDefinitionSchema.parse({
  id: 'uji-aturan',
  version: 1,
  title: 'SOP uji aturan alur aduan',
  sopNumber: 'UJI/001',
  effectiveDate: '2026-01-01',
  source: 'test fixture',
  office: {
    code: 'UJI',
    name: 'Kantor Uji',
    kind: 'kecamatan',
    timeZone: 'Asia/Jakarta',
    officeHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
  },
  startStep: 'terima',
  steps: [
    {
      key: 'terima',
      title: 'Menerima dan memeriksa aduan',
      actorRoles: ['petugas_loket'],
      action: 'verify',
      bakuMutu: { amount: 10, unit: 'minutes' },
      output: 'Aduan tercatat',
      transitions: [{ to: 'disposisi' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'disposisi',
      title: 'Disposisi oleh Camat',
      actorRoles: ['camat', 'sekcam'],
      action: 'dispose',
      bakuMutu: { amount: 15, unit: 'minutes' },
      output: 'Lembar disposisi',
      transitions: [{ to: 'jawab' }],
      escalationRoles: ['camat'],
    },
    {
      key: 'jawab',
      title: 'Menyusun jawaban',
      actorRoles: ['kasi_kasubbag'],
      action: 'draft_answer',
      bakuMutu: { amount: 60, unit: 'minutes' },
      output: 'Surat jawaban',
      transitions: [{ to: 'serah' }],
      escalationRoles: ['camat'],
    },
    {
      key: 'serah',
      title: 'Menyerahkan jawaban',
      actorRoles: ['petugas_loket'],
      action: 'deliver',
      bakuMutu: { amount: 5, unit: 'minutes' },
      output: 'Tanda terima',
      transitions: [{ to: 'END' }],
      escalationRoles: ['sekcam'],
    },
  ],
  supervisorRoles: ['camat', 'supervisor'],
  policies: {
    reopenStep: 'jawab',
    tundaLimit: { amount: 3, unit: 'working_days' },
    reopenWindow: { amount: 1, unit: 'working_days' },
  },
});

describe('complaint workflow rules (time-skipping server)', () => {
  let harness: WorkflowHarness;
  beforeAll(async () => {
    harness = await createWorkflowHarness();
  });
  afterAll(async () => {
    await harness?.env.teardown();
  });

  it('refuses every kind of invalid action without writing to history', async () => {
    const { activities } = createRecordingActivities();
    // A long first step without reminder: no timer may fire while the refusals are counted.
    const quietSop: SopDefinition = {
      ...sop,
      steps: sop.steps.map((step) =>
        step.key === 'terima' ? { ...step, bakuMutu: { amount: 30, unit: 'working_days' } } : step,
      ),
      policies: { ...sop.policies, reminderFraction: 0 },
    };
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, quietSop);
      await waitForStep(handle, 'terima');
      const before = await decisionEventCount(handle);
      const send = (request: unknown) =>
        handle.executeUpdate(actUpdate, { args: [request as never], updateId: randomUUID() });
      const valid = {
        requestId: randomUUID(),
        actor: staff(sop, 'petugas_loket'),
        stepKey: 'terima',
        action: defaultAction('verify'),
      };

      expect(await refusalOf(send({ ...valid, stepKey: 'jawab' }))).toMatchObject({ type: 'INVALID_TRANSITION' });
      expect(await refusalOf(send({ ...valid, action: defaultAction('dispose') }))).toMatchObject({
        type: 'INVALID_TRANSITION',
      });
      expect(await refusalOf(send({ ...valid, actor: staff(sop, 'camat') }))).toMatchObject({ type: 'FORBIDDEN' });
      expect(await refusalOf(send({ ...valid, actor: { ...valid.actor, officeCode: 'LAIN' } }))).toMatchObject({
        type: 'FORBIDDEN',
      });
      expect(await refusalOf(send({ ...valid, action: { kind: 'verify', outcome: 'maybe' } }))).toMatchObject({
        type: 'BAD_USER_INPUT',
      });
      expect(await refusalOf(send({ ...valid, action: { kind: 'verify', outcome: 'tunda' } }))).toMatchObject({
        type: 'BAD_USER_INPUT',
        message: expect.stringContaining('Alasan'),
      });
      expect(await refusalOf(send({ ...valid, requestId: 'x' }))).toMatchObject({ type: 'BAD_USER_INPUT' });
      expect(
        await refusalOf(
          handle.executeUpdate(addNoteUpdate, {
            args: [{ requestId: randomUUID(), actor: { ...valid.actor, officeCode: 'LAIN' }, text: 'catatan' }],
          }),
        ),
      ).toMatchObject({ type: 'FORBIDDEN' });
      expect(
        await refusalOf(
          handle.executeUpdate(reassignUpdate, {
            args: [
              {
                requestId: randomUUID(),
                actor: staff(sop, 'kasi_kasubbag'),
                stepKey: 'terima',
                assigneeUserId: 'u2',
                assigneeName: 'Budi',
                reason: 'cuti',
              },
            ],
          }),
        ),
      ).toMatchObject({ type: 'FORBIDDEN' });

      expect(await decisionEventCount(handle)).toBe(before);
      expect((await currentState(handle)).actions).toHaveLength(0);

      // A closed complaint is a completed workflow: the server itself refuses further updates.
      await handle.executeUpdate(withdrawUpdate, {
        args: [{ requestId: randomUUID(), reason: 'Sudah diperbaiki sendiri' }],
      });
      expect(await handle.result()).toMatchObject({ status: 'dicabut' });
      const closedLength = await decisionEventCount(handle);
      await expect(send({ ...valid, requestId: randomUUID() })).rejects.toThrow();
      expect(await decisionEventCount(handle)).toBe(closedLength);
    });
  });

  it('applies a duplicated update id once', async () => {
    const { activities } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      await waitForStep(handle, 'terima');
      const requestId = randomUUID();
      const request = {
        requestId,
        actor: staff(sop, 'petugas_loket'),
        stepKey: 'terima',
        action: defaultAction('verify'),
      };
      const first = await handle.executeUpdate(actUpdate, { args: [request], updateId: requestId });
      const second = await handle.executeUpdate(actUpdate, { args: [request], updateId: requestId });
      expect(second).toEqual(first);
      expect(first.currentStepKeys).toEqual(['disposisi']);
      const state = await currentState(handle);
      expect(state.actions.filter((action) => action.requestId === requestId)).toHaveLength(1);
      expect(state.currentSteps.map((step) => step.key)).toEqual(['disposisi']);
      // The same request replayed as a signal is ignored as well.
      await handle.signal(actSignal, request);
      expect((await currentState(handle)).actions).toHaveLength(1);
      await handle.terminate('test done');
    });
  });

  it('accepts an action sent as a signal', async () => {
    const { activities } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      await waitForStep(handle, 'terima');
      await handle.signal(actSignal, {
        requestId: randomUUID(),
        actor: staff(sop, 'petugas_loket'),
        stepKey: 'terima',
        action: defaultAction('verify'),
      });
      const state = await waitForStep(handle, 'disposisi');
      expect(state.actions[0]).toMatchObject({ via: 'signal', kind: 'verify', outcome: 'accepted' });
      await handle.terminate('test done');
    });
  });

  it('holds a note and a withdrawal sent while a step opens until it has opened, in seq order', async () => {
    const recording = createRecordingActivities();
    const { projectComplaint: project } = recording.activities;
    let releaseOpening: (() => void) | undefined;
    recording.activities.projectComplaint = async (input) => {
      if (input.deadlineDraft?.event.stepKey === 'disposisi' && !releaseOpening) {
        await new Promise<void>((resolve) => (releaseOpening = resolve));
      }
      return project(input);
    };
    await withWorker(harness, recording.activities, async () => {
      // A short workflow task timeout: the worker heartbeats the task while the opening projection
      // runs, so the workflow receives the next requests during it.
      const handle = await startComplaint(harness, sop, sampleSubmission, { workflowTaskTimeout: '2 seconds' });
      await waitForStep(handle, 'terima');
      const acting = handle.executeUpdate(actUpdate, {
        args: [
          {
            requestId: randomUUID(),
            actor: staff(sop, 'petugas_loket'),
            stepKey: 'terima',
            action: defaultAction('verify'),
          },
        ],
      });
      while (!releaseOpening) await new Promise((resolve) => setTimeout(resolve, 20));
      const noting = await handle.startUpdate(addNoteUpdate, {
        args: [{ requestId: randomUUID(), actor: staff(sop, 'camat'), text: 'Dicatat saat disposisi dibuka' }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      const withdrawing = await handle.startUpdate(withdrawUpdate, {
        args: [{ requestId: randomUUID(), reason: 'Sudah diselesaikan warga sendiri' }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      releaseOpening();
      expect(await acting).toMatchObject({ currentStepKeys: ['disposisi'] });
      await noting.result();
      expect(await withdrawing.result()).toMatchObject({ status: 'dicabut' });
      expect(await handle.result()).toMatchObject({ status: 'dicabut' });
      const events = [
        ...new Map(recording.projections.flatMap((sent) => sent.events).map((event) => [event.seq, event])).values(),
      ].sort((a, b) => a.seq - b.seq);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.slice(-5).map((event) => `${event.type}${event.stepKey ? ` ${event.stepKey}` : ''}`)).toEqual([
        'action terima',
        'step_started disposisi',
        'note',
        'withdrawn',
        'closed',
      ]);
    });
  });

  it('escalates a missed baku mutu, keeps waiting, and marks the SLA search attribute', async () => {
    const { activities, notifications } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      await actOnCurrentStep(handle, sop); // terima → disposisi (15 working minutes)
      const started = (await currentState(handle)).currentSteps[0]!;
      const expected = await computeDeadline({
        startAt: started.startedAt,
        bakuMutu: { amount: 15, unit: 'minutes' },
        office: sop.office,
        reminderFraction: 0.8,
      });
      expect(started).toMatchObject({ dueAt: expected.dueAt, reminderAt: expected.reminderAt });
      const dueAt = expected.dueAt;

      await harness.env.sleep(Date.parse(dueAt) - Date.parse(started.startedAt) + 60_000);
      const state = await currentState(handle);
      expect(state.breaches).toEqual([
        expect.objectContaining({ stepKey: 'disposisi', dueAt, escalatedTo: ['camat'] }),
      ]);
      expect(state.currentSteps[0]).toMatchObject({ key: 'disposisi', breached: true });
      expect(notifications.map((n) => n.kind)).toEqual(['acknowledgment', 'reminder', 'escalation']);
      expect(notifications[2]).toMatchObject({ recipientRoles: ['camat'], stepKey: 'disposisi' });
      expect(notifications[1]).toMatchObject({ recipientRoles: ['camat', 'sekcam'] });
      const pending = await handle.query(getPendingActionsQuery);
      expect(pending).toEqual([expect.objectContaining({ stepKey: 'disposisi', overdue: true })]);
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.slaBreached)).toBe(true);
      expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.step)).toBe('disposisi');
      expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.office)).toBe('UJI');

      // The late action is still accepted and recorded as breached.
      const after = await actOnCurrentStep(handle, sop);
      expect(after.completedSteps.find((step) => step.key === 'disposisi')).toMatchObject({ breached: true });
      await handle.terminate('test done');
    });
  });

  it('pauses in tunda until the complainant supplies what is missing, then repeats the step', async () => {
    const { activities, notifications } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      const held = await actOnCurrentStep(handle, sop, { outcome: 'tunda', reason: 'Lokasi belum jelas' } as never);
      expect(held.status).toBe('tunda');
      expect(held.currentSteps).toEqual([]);
      expect(held.tunda).toMatchObject({ reason: 'Lokasi belum jelas', stepKey: 'terima' });
      expect(notifications.at(-1)).toMatchObject({ kind: 'tunda', recipientRoles: ['pemohon'] });

      // Time in tunda does not count against the step: two days pass without a breach.
      await harness.env.sleep('2 days');
      expect((await currentState(handle)).breaches).toEqual([]);

      const resumed = await handle.executeUpdate(supplyInformationUpdate, {
        args: [{ requestId: randomUUID(), content: 'Lokasi di depan balai desa', attachments: [] }],
      });
      expect(resumed).toMatchObject({ status: 'diterima', currentStepKeys: ['terima'] });
      const afterTunda = await currentState(handle);
      expect(afterTunda.currentSteps).toEqual([expect.objectContaining({ key: 'terima', breached: false })]);
      expect(afterTunda.supplements).toHaveLength(1);
      await handle.terminate('test done');
    });
  });

  it('continues a complaint with many notes as new, keeping its state, its refusals and the rest of the SOP', async () => {
    const { activities, projections } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const complaintId = randomUUID();
      const handle = await harness.env.client.workflow.start('complaintWorkflow', {
        taskQueue: harness.taskQueue,
        workflowId: complaintWorkflowId(complaintId),
        args: [
          {
            complaintId,
            sop,
            submission: submissionSchema.parse(sampleSubmission),
            trackingCodeHash: 'f'.repeat(64),
            historyEventLimit: 60,
          },
        ],
      });
      harness.started.push(handle);
      const firstRun = (await handle.describe()).runId;
      const verified = await actOnCurrentStep(handle, sop);
      const verifyRequestId = verified.actions[0]!.requestId;
      const waiting = await waitForStep(handle, 'disposisi');
      const noteTexts = Array.from({ length: 12 }, (_, index) => `Catatan ke-${index + 1}`);
      for (const text of noteTexts) {
        await handle.executeUpdate(addNoteUpdate, {
          args: [{ requestId: randomUUID(), actor: staff(sop, 'camat'), text }],
        });
      }
      // The step waits in a fresh run, with the same deadline and everything that happened before.
      const continued = await waitForStep(handle, 'disposisi');
      expect((await handle.describe()).runId).not.toBe(firstRun);
      expect(continued.currentSteps[0]).toMatchObject({ key: 'disposisi', dueAt: waiting.currentSteps[0]!.dueAt });
      expect(continued.notes.map((note) => note.text)).toEqual(noteTexts);
      expect(continued.registerNumber).toBe(waiting.registerNumber);
      // A request applied in the first run is still known: its retry is refused, not applied again.
      expect(
        await refusalOf(
          handle.executeUpdate(actUpdate, {
            args: [
              {
                requestId: verifyRequestId,
                actor: staff(sop, 'camat'),
                stepKey: 'disposisi',
                action: defaultAction('dispose'),
              },
            ],
          }),
        ),
      ).toMatchObject({ type: 'CONFLICT' });
      for (let i = 0; i < 3; i += 1) await actOnCurrentStep(handle, sop);
      const answered = await currentState(handle);
      expect(answered.completedSteps.map((step) => step.key)).toEqual(['terima', 'disposisi', 'jawab', 'serah']);
      expect(answered.status).toBe('dijawab');
      // Domain event seqs stay dense across runs.
      const seqs = [...new Set(projections.flatMap((projection) => projection.events.map((event) => event.seq)))];
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
      expect(await handle.result()).toMatchObject({ status: 'selesai', registerNumber: waiting.registerNumber });
      // The continued run's history alone gives its projections: the fold starts from the carried state.
      const secondRun = projectionInputsOf(await handle.fetchHistory());
      const sentInSecondRun = projections.slice(-secondRun.length).map(projectionAsReadFromHistory);
      expect(secondRun[0]!.events[0]!.seq).toBeGreaterThan(1);
      expect(JSON.parse(JSON.stringify(secondRun))).toEqual(sentInSecondRun);
    });
  });

  it('keeps a complaint running and marks it degraded when its projection and a notification finally fail', async () => {
    const recording = createRecordingActivities();
    let failProjection = true;
    const activities = {
      ...recording.activities,
      async projectComplaint(input: Parameters<typeof recording.activities.projectComplaint>[0]) {
        // A data error: PostgreSQL refuses the text, retrying cannot help.
        if (failProjection)
          throw ApplicationFailure.nonRetryable('Data ditolak oleh basis data: NUL', 'BAD_USER_INPUT');
        return recording.activities.projectComplaint(input);
      },
      async notify(input: Parameters<typeof recording.activities.notify>[0]) {
        if (input.kind === 'acknowledgment') throw new Error('outbox tidak tersedia'); // transient, until the attempts run out
        return recording.activities.notify(input);
      },
    };
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      // The acknowledgment's attempts run out first (bounded retries, backing off up to 10 s), then the first step opens.
      await harness.env.sleep('2 minutes');
      // The projection that carried the acknowledgment failed; the acknowledgment then went alone and failed too.
      let degradations = await handle.query(getDegradationsQuery);
      for (
        let attempt = 0;
        !degradations.some((entry) => entry.kind === 'notification') && attempt < 600;
        attempt += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        degradations = await handle.query(getDegradationsQuery);
      }
      const opened = await waitForStep(handle, 'terima');
      expect([...new Set(degradations.map((entry) => entry.kind))].sort()).toEqual(['notification', 'projection']);
      expect(degradations.find((entry) => entry.kind === 'notification')?.detail).toMatch(/\/acknowledgment$/);
      expect(degradations.find((entry) => entry.kind === 'projection')?.message).toContain('NUL');
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.degraded)).toBe(true);
      // The complaint goes on: the next action is accepted and projected once the read model works again.
      failProjection = false;
      const after = await actOnCurrentStep(handle, sop);
      expect(after.currentSteps.map((step) => step.key)).toEqual(['disposisi']);
      expect(opened.registerNumber).toBeDefined();
      expect(recording.projections.at(-1)?.state.currentSteps.map((step) => step.key)).toEqual(['disposisi']);
      await handle.terminate('test done');
    });
  });

  it('closes a complaint as incomplete when tunda runs past its limit', async () => {
    const { activities } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      await actOnCurrentStep(handle, sop, { outcome: 'tunda', reason: 'Identitas belum lengkap' } as never);
      expect(await handle.result()).toMatchObject({ status: 'tidak_lengkap' });
    });
  });

  it('closes a rejected or not-our-authority complaint with the reason', async () => {
    const { activities } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const rejected = await startComplaint(harness, sop);
      await actOnCurrentStep(rejected, sop, { outcome: 'rejected', reason: 'Spam' } as never);
      expect(await rejected.result()).toMatchObject({ status: 'ditolak' });

      const elsewhere = await startComplaint(harness, sop);
      await actOnCurrentStep(elsewhere, sop, {
        outcome: 'bukan_wewenang',
        reason: 'Jalan provinsi',
        forwardTo: 'Dinas PU Provinsi',
      } as never);
      expect(await elsewhere.result()).toMatchObject({ status: 'dialihkan' });
      expect((await currentState(elsewhere)).closeReason).toContain('Dinas PU Provinsi');
    });
  });

  it('lets the complainant reopen a delivered answer within the window, then rate it', async () => {
    const { activities } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      for (let i = 0; i < 4; i += 1) await actOnCurrentStep(handle, sop);
      const answered = await currentState(handle);
      expect(answered.status).toBe('dijawab');
      expect(answered.reopenUntil).toBeDefined();

      const { reopenUpdate, rateUpdate } = await import('../../workflows/complaint/complaint.messages');
      const reopened = await handle.executeUpdate(reopenUpdate, {
        args: [{ requestId: randomUUID(), reason: 'Lampu masih mati' }],
      });
      expect(reopened).toMatchObject({ status: 'diterima', currentStepKeys: ['jawab'] });
      expect((await currentState(handle)).reopenedCount).toBe(1);

      await actOnCurrentStep(handle, sop);
      const delivered = await actOnCurrentStep(handle, sop);
      expect(delivered.status).toBe('dijawab');
      await handle.executeUpdate(rateUpdate, { args: [{ requestId: randomUUID(), score: 5 }] });
      expect((await currentState(handle)).rating).toMatchObject({ score: 5 });
      expect(
        await refusalOf(handle.executeUpdate(rateUpdate, { args: [{ requestId: randomUUID(), score: 4 }] })),
      ).toMatchObject({ type: 'CONFLICT' });
      expect(await handle.result()).toMatchObject({ status: 'selesai' });
    });
  });
});
