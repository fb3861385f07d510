import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { SopDefinition } from '../../domain/src/sop';
import type { RecapPeriod } from '../../domain/src/recap';
import { RECAP_WORKFLOW_TYPE, recapScheduleId, type RecapWorkflowInput } from '../../../workflows/recap/recap.messages';
import { TASK_QUEUES } from './task-queues';

export interface EnsureRecapSchedulesOptions {
  /** The worker's task queue (default: the complaints queue). */
  taskQueue?: string;
}

export interface EnsuredSchedule {
  scheduleId: string;
  officeCode: string;
  outcome: 'created' | 'updated';
}

/** The newest SOP version of each office that has a monthly recap. */
function recapSops(sops: readonly SopDefinition[]): SopDefinition[] {
  const byOffice = new Map<string, SopDefinition>();
  for (const sop of sops) {
    if (!sop.monthlyRecap) continue;
    const current = byOffice.get(sop.office.code);
    if (!current || (current.id === sop.id && sop.version > current.version)) byOffice.set(sop.office.code, sop);
  }
  return [...byOffice.values()];
}

/** The recap workflow's input for an SOP with a monthly recap: the office and steps snapshotted. */
export function recapWorkflowInput(sop: SopDefinition, period: RecapPeriod): RecapWorkflowInput {
  const recap = sop.monthlyRecap;
  if (!recap) throw new Error(`SOP ${sop.id} has no monthly recap`);
  return {
    officeCode: sop.office.code,
    period,
    office: {
      code: sop.office.code,
      name: sop.office.name,
      timeZone: sop.office.timeZone,
      officeHours: sop.office.officeHours,
      closures: sop.office.closures,
    },
    sopId: sop.id,
    sopVersion: sop.version,
    steps: recap.steps,
    reminderFraction: sop.policies.reminderFraction,
  };
}

/** The recap schedule of an office: day 1 of each month, 08:00 office time, start the previous month's recap. */
export function recapScheduleOptions(sop: SopDefinition, taskQueue: string): ScheduleOptions {
  const input = recapWorkflowInput(sop, 'previous_month');
  const scheduleId = recapScheduleId(sop.office.code);
  return {
    scheduleId,
    spec: {
      calendars: [
        { dayOfMonth: 1, hour: 8, minute: 0, comment: 'Rekap aduan bulanan: tanggal 1 pukul 08.00 waktu kantor' },
      ],
      timezone: sop.office.timeZone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: RECAP_WORKFLOW_TYPE,
      // The server appends the scheduled time; the run hands over to `recap-<OFFICE>-<YYYY>-<MM>`.
      workflowId: scheduleId,
      taskQueue,
      args: [input],
    },
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 day' },
    memo: { officeCode: sop.office.code, sopId: sop.id, sopVersion: sop.version },
  };
}

/**
 * Creates one Temporal Schedule per office whose SOP has a monthly recap (`recap-<OFFICE>`), or
 * updates it when it exists (new SOP version, task queue): idempotent, safe at every start-up.
 */
export async function ensureRecapSchedules(
  client: Client,
  sops: readonly SopDefinition[],
  options: EnsureRecapSchedulesOptions = {},
): Promise<EnsuredSchedule[]> {
  const taskQueue = options.taskQueue ?? TASK_QUEUES.complaints;
  const ensured: EnsuredSchedule[] = [];
  for (const sop of recapSops(sops)) {
    const desired = recapScheduleOptions(sop, taskQueue);
    const officeCode = sop.office.code;
    try {
      await client.schedule.create(desired);
      ensured.push({ scheduleId: desired.scheduleId, officeCode, outcome: 'created' });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(desired.scheduleId).update((previous) => ({
        ...previous,
        spec: desired.spec,
        action: desired.action,
        policies: { ...previous.policies, ...desired.policies },
      }));
      ensured.push({ scheduleId: desired.scheduleId, officeCode, outcome: 'updated' });
    }
  }
  return ensured;
}
