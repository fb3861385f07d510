/**
 * Waiting for a person against a baku mutu, shared by every workflow with human steps: a reminder
 * at `reminderAt`, a breach at `dueAt`, then either keep waiting or stop (the caller's timeout rule).
 * The instants come from the deadline activity, so they are fixed in history.
 */
import { condition } from '@temporalio/workflow';

export interface StepDeadline {
  dueAt: string;
  reminderAt?: string;
}

export interface BakuMutuHooks {
  /** Called once if the step is still open at the reminder instant. */
  onReminder(): Promise<unknown>;
  /** Called once when the baku mutu is missed; 'stop' ends the wait (timeout transition). */
  onBreach(): Promise<'keep_waiting' | 'stop'>;
}

/** Resolves 'done' once `isDone()` holds, or 'stopped' when a breach hook chose to stop. */
export async function awaitWithinBakuMutu(
  isDone: () => boolean,
  deadline: StepDeadline,
  hooks: BakuMutuHooks,
): Promise<'done' | 'stopped'> {
  const untilMs = (iso: string): number => Math.max(0, Date.parse(iso) - Date.now());
  if (deadline.reminderAt && !isDone() && !(await condition(isDone, untilMs(deadline.reminderAt)))) {
    await hooks.onReminder();
  }
  if (!isDone() && !(await condition(isDone, untilMs(deadline.dueAt)))) {
    if ((await hooks.onBreach()) === 'stop' && !isDone()) return 'stopped';
    await condition(isDone);
  }
  return 'done';
}

export { bakuMutuLabel } from '../../libs/domain/src/sop-model';
