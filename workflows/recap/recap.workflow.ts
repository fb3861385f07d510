/**
 * The monthly recap (seed 002 steps 5–7): one run per office and month, id
 * `recap-<OFFICE>-<YYYY>-<MM>`. It computes the month's recap from the read model, then waits for
 * each recap step (compile, evaluate, archive) as a validated Update, against the step's baku mutu
 * (reminder, breach with escalation), and finally archives the recap with its digest.
 *
 * The office's Schedule starts a run with `period: 'previous_month'` under the schedule's own id;
 * that run resolves the month from its start time (office zone, fixed offset) and hands over to the
 * month's workflow id, so staff and the gateway always address a recap by office and month.
 */
import {
  allHandlersFinished,
  condition,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { RecapActivities } from '../../activities/contracts';
import {
  previousMonthAt,
  recapActRequestSchema,
  type RecapActiveStep,
  type RecapActionRecord,
  type RecapActRequest,
  type RecapMonth,
  type RecapState,
} from '../../libs/domain/src/recap';
import type { RecapStep } from '../../libs/domain/src/sop';
import { assertStepAllows, parseOrRefuse, refuse } from '../complaint/complaint.rules';
import { awaitWithinBakuMutu, bakuMutuLabel } from '../shared/baku-mutu';
import { ACTIVITY_OPTIONS, required } from '../shared/activity-options';
import { Settlement } from '../shared/settle';
import {
  getRecapStateQuery,
  recapActUpdate,
  recapWorkflowId,
  type RecapWorkflowInput,
  type RecapWorkflowResult,
} from './recap.messages';
import { MONTH_NAMES } from '../../libs/domain/src/labels';

const deadlineActivities = proxyActivities<Pick<RecapActivities, 'computeDeadline'>>(ACTIVITY_OPTIONS.deadline);
const readModelActivities = proxyActivities<Pick<RecapActivities, 'buildMonthlyRecap' | 'notify'>>(
  ACTIVITY_OPTIONS.readModel,
);
const archiveActivities = proxyActivities<Pick<RecapActivities, 'archiveMonthlyRecap'>>(ACTIVITY_OPTIONS.archive);

export async function recapWorkflow(input: RecapWorkflowInput): Promise<RecapWorkflowResult> {
  const info = workflowInfo();
  const workflowId = info.workflowId;
  const nowIso = (): string => new Date().toISOString();
  const period: RecapMonth =
    input.period === 'previous_month' ? previousMonthAt(info.startTime, input.office.timeZone) : input.period;
  const canonicalId = recapWorkflowId(input.officeCode, period);
  const delegating = workflowId !== canonicalId;
  const periodText = `${MONTH_NAMES[period.month - 1]} ${period.year}`;

  const state: RecapState = {
    officeCode: input.officeCode,
    year: period.year,
    month: period.month,
    status: delegating ? 'delegated' : 'computing',
    startedAt: nowIso(),
    completedSteps: [],
    actions: [],
    breaches: [],
  };
  const processedRequestIds = new Set<string>();
  let completion: RecapActionRecord | undefined;
  const settlement = new Settlement();

  // --- Handlers: registered before the first await. ---------------------------------------------

  function validateRecapAct(raw: unknown): { request: RecapActRequest; step: RecapStep; active: RecapActiveStep } {
    const request = parseOrRefuse<RecapActRequest>(recapActRequestSchema, raw);
    if (processedRequestIds.has(request.requestId)) {
      throw refuse('CONFLICT', `Permintaan ${request.requestId} sudah diproses sebelumnya.`);
    }
    if (state.status === 'archived' || state.status === 'delegated' || settlement.finished) {
      throw refuse(
        'INVALID_TRANSITION',
        `Rekap aduan ${periodText} sudah selesai; tidak ada tindakan yang dapat dilakukan.`,
      );
    }
    if (request.actor.officeCode !== input.officeCode) {
      throw refuse(
        'FORBIDDEN',
        `Petugas kantor ${request.actor.officeCode} tidak berwenang atas rekap kantor ${input.officeCode}.`,
      );
    }
    const active = state.currentStep;
    if (!active || active.key !== request.stepKey) {
      throw refuse(
        'INVALID_TRANSITION',
        `Langkah "${request.stepKey}" bukan langkah rekap yang sedang berjalan (langkah berjalan: ${active?.key ?? 'tidak ada'}).`,
      );
    }
    const step = input.steps.find((candidate) => candidate.key === active.key);
    if (!step) throw refuse('INVALID_TRANSITION', `Langkah "${active.key}" tidak ada dalam rekap bulanan.`);
    assertStepAllows(step, request);
    return { request, step, active };
  }

  function applyRecapAct(request: RecapActRequest, step: RecapStep, active: RecapActiveStep): void {
    const at = nowIso();
    const { action, actor } = request;
    processedRequestIds.add(request.requestId);
    switch (action.kind) {
      case 'compile':
        state.compileNote = action.note;
        break;
      case 'evaluate':
        state.evaluation = { evaluationNeeded: action.evaluationNeeded, notes: action.notes, by: actor, at };
        break;
      case 'archive':
        break;
    }
    const record: RecapActionRecord = {
      requestId: request.requestId,
      stepKey: step.key,
      kind: action.kind,
      actor,
      at,
      input: action,
    };
    state.actions.push(record);
    state.currentStep = undefined;
    state.completedSteps.push({
      key: active.key,
      title: active.title,
      action: active.action,
      actorRoles: active.actorRoles,
      bakuMutu: active.bakuMutu,
      startedAt: active.startedAt,
      dueAt: active.dueAt,
      breached: active.breached,
      completedAt: at,
      by: actor,
    });
    completion = record;
  }

  setHandler(
    recapActUpdate,
    async (raw) => {
      const epoch = settlement.current;
      const { request, step, active } = validateRecapAct(raw);
      applyRecapAct(request, step, active);
      await settlement.after(epoch);
      return state;
    },
    { validator: (raw) => void validateRecapAct(raw) },
  );
  setHandler(getRecapStateQuery, () => state);

  // --- A scheduled run hands over to the month's own workflow. -----------------------------------

  if (delegating) {
    try {
      await startChild(recapWorkflow, {
        workflowId: canonicalId,
        args: [{ ...input, period }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (error) {
      // A second trigger for the same month (schedule backfill, manual start) finds the recap running.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return {
      officeCode: input.officeCode,
      year: period.year,
      month: period.month,
      status: 'delegated',
      recapWorkflowId: canonicalId,
    };
  }

  // --- The month's recap. ------------------------------------------------------------------------

  function notifyRoles(kind: 'reminder' | 'escalation', step: RecapStep, active: RecapActiveStep): Promise<unknown> {
    const message =
      kind === 'reminder'
        ? `Pengingat: langkah "${step.title}" pada rekap aduan ${periodText} kantor ${input.office.name} ` +
          `jatuh tempo pada ${active.dueAt}.`
        : `Eskalasi: langkah "${step.title}" pada rekap aduan ${periodText} kantor ${input.office.name} melewati ` +
          `baku mutu ${bakuMutuLabel(step.bakuMutu)} (jatuh tempo ${active.dueAt}).`;
    return required('Notifikasi rekap', () =>
      readModelActivities.notify({
        dedupeKey: `${workflowId}/${step.key}/${kind}`,
        kind,
        officeCode: input.officeCode,
        recipientRoles: kind === 'reminder' ? step.actorRoles : step.escalationRoles,
        stepKey: step.key,
        message,
      }),
    );
  }

  state.summary = await required('Penyusunan rekap', () =>
    readModelActivities.buildMonthlyRecap({
      officeCode: input.officeCode,
      year: period.year,
      month: period.month,
      timeZone: input.office.timeZone,
    }),
  );
  state.status = 'in_progress';

  let last: RecapActionRecord | undefined;
  for (const step of input.steps) {
    const active: RecapActiveStep = {
      key: step.key,
      title: step.title,
      action: step.action,
      actorRoles: step.actorRoles,
      bakuMutu: step.bakuMutu,
      startedAt: nowIso(),
      breached: false,
    };
    state.currentStep = active;
    const deadline = await required('Perhitungan tenggat', () =>
      deadlineActivities.computeDeadline({
        startAt: active.startedAt,
        bakuMutu: step.bakuMutu,
        office: {
          timeZone: input.office.timeZone,
          officeHours: input.office.officeHours,
          closures: input.office.closures,
        },
        reminderFraction: input.reminderFraction,
      }),
    );
    active.dueAt = deadline.dueAt;
    active.reminderAt = deadline.reminderAt;
    settlement.markSettled();

    await awaitWithinBakuMutu(() => completion !== undefined, deadline, {
      onReminder: () => notifyRoles('reminder', step, active),
      onBreach: async () => {
        active.breached = true;
        state.breaches.push({
          stepKey: step.key,
          dueAt: deadline.dueAt,
          detectedAt: nowIso(),
          escalatedTo: step.escalationRoles,
        });
        await notifyRoles('escalation', step, active);
        return 'keep_waiting';
      },
    });
    last = completion as RecapActionRecord;
    completion = undefined;
  }

  // Archive with the archive step's reference (or by the last actor when the SOP has no archive step).
  const archiveAction = [...state.actions].reverse().find((record) => record.input.kind === 'archive');
  const by = (archiveAction ?? last)?.actor;
  const summary = state.summary;
  const archived = await required('Pengarsipan rekap', () =>
    archiveActivities.archiveMonthlyRecap({
      workflowId,
      summary,
      state,
      archivedBy: { userId: by?.userId ?? 'system', name: by?.name ?? 'Sistem', role: by?.role ?? 'system' },
      archivedAt: (archiveAction ?? last)?.at ?? nowIso(),
      action: archiveAction?.input.kind === 'archive' ? archiveAction.input : { kind: 'archive' },
    }),
  );
  state.archive = archived;
  state.status = 'archived';
  settlement.finish();
  await condition(allHandlersFinished);
  return {
    officeCode: input.officeCode,
    year: period.year,
    month: period.month,
    status: 'archived',
    recapWorkflowId: workflowId,
    archiveRef: archived.archiveRef,
    digest: archived.digest,
  };
}
