import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import type { SopDefinition } from '../../domain/src/sop';
import type { RecapPeriod } from '../../domain/src/recap';
import { RECAP_WORKFLOW_TYPE, recapScheduleId, type RecapWorkflowInput } from '../../../workflows/recap/recap.messages';
import { TASK_QUEUES } from './task-queues';

export interface EnsureRecapSchedulesOptions {
  /** The worker's task queue (default: the complaints queue). */
  taskQueue?: string;
  /**
   * Unpause a paused schedule (a version with a recap was just published). Start-up leaves a schedule
   * paused by a retirement as it is.
   */
  resume?: boolean;
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
  const ensured: EnsuredSchedule[] = [];
  for (const sop of recapSops(sops)) ensured.push(await ensureRecapSchedule(client, sop, options));
  return ensured;
}

/** The recap schedule of one SOP version's office, created or brought up to this version. */
export async function ensureRecapSchedule(
  client: Client,
  sop: SopDefinition,
  options: EnsureRecapSchedulesOptions = {},
): Promise<EnsuredSchedule> {
  const desired = recapScheduleOptions(sop, options.taskQueue ?? TASK_QUEUES.complaints);
  const officeCode = sop.office.code;
  try {
    await client.schedule.create(desired);
    return { scheduleId: desired.scheduleId, officeCode, outcome: 'created' };
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    const handle = client.schedule.getHandle(desired.scheduleId);
    await handle.update((previous) => ({
      ...previous,
      spec: desired.spec,
      action: desired.action,
      policies: { ...previous.policies, ...desired.policies },
    }));
    if (options.resume && (await handle.describe()).state.paused) {
      await handle.unpause(`SOP ${sop.id} versi ${sop.version} diterbitkan`);
    }
    return { scheduleId: desired.scheduleId, officeCode, outcome: 'updated' };
  }
}

/**
 * Pauses an office's recap schedule (its SOP with a recap was retired, none is in force): the
 * schedule and its history stay, a later publication resumes it. False when the office has none.
 */
export async function pauseRecapSchedule(client: Client, officeCode: string, note: string): Promise<boolean> {
  const handle = client.schedule.getHandle(recapScheduleId(officeCode));
  try {
    if (!(await handle.describe()).state.paused) await handle.pause(note);
    return true;
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return false;
    throw error;
  }
}
