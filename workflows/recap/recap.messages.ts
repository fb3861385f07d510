/**
 * The monthly recap workflow's contract: its input, the staff Update, the query and the id scheme.
 * The gateway, the worker, the schedules and the tests import this module, never the workflow body.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import {
  monthLabel,
  type RecapActRequest,
  type RecapMonth,
  type RecapPeriod,
  type RecapState,
} from '../../libs/domain/src/recap';
import type { Office, RecapStep } from '../../libs/domain/src/sop';

export const RECAP_WORKFLOW_TYPE = 'recapWorkflow';

/** Workflow id of an office's recap of one month: `recap-<OFFICE>-<YYYY>-<MM>`. */
export function recapWorkflowId(officeCode: string, period: RecapMonth): string {
  return `recap-${officeCode}-${monthLabel(period)}`;
}

/** Id of the Temporal Schedule that starts an office's recap every month: `recap-<OFFICE>`. */
export function recapScheduleId(officeCode: string): string {
  return `recap-${officeCode}`;
}

export interface RecapWorkflowInput {
  officeCode: string;
  /**
   * 'previous_month' (the schedule): the month before the run's start in the office zone; the run
   * then hands over to the month's own workflow id. A given month starts that month's recap directly.
   */
  period: RecapPeriod;
  /** Snapshot of the office and the recap steps, as the complaint workflow snapshots its SOP. */
  office: Pick<Office, 'code' | 'name' | 'timeZone' | 'officeHours' | 'closures'>;
  sopId: string;
  sopVersion: number;
  steps: RecapStep[];
  /** Fraction of the baku mutu after which a reminder goes out (0: none). */
  reminderFraction: number;
}

export interface RecapWorkflowResult {
  officeCode: string;
  year: number;
  month: number;
  /** 'delegated': a scheduled run that started (or found) the month's own recap workflow. */
  status: 'archived' | 'delegated';
  /** The workflow that holds (or held) the month's recap. */
  recapWorkflowId: string;
  archiveRef?: string;
  digest?: string;
}

/** A recap step's action (compile, evaluate, archive); validated, returns the new state. */
export const recapActUpdate = defineUpdate<RecapState, [RecapActRequest]>('recapAct');
export const getRecapStateQuery = defineQuery<RecapState>('getRecapState');
