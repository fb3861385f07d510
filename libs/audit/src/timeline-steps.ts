/**
 * The per-step summary of a timeline: each step run from its `step_started` to what ended it (its
 * action, its SOP timeout, an interruption, the close), with the working minutes it took by the
 * office calendar of the SOP snapshot, against its baku mutu.
 */
import { BusinessCalendar } from '../../calendar/src/business-calendar';
import type { SopDefinition } from '../../domain/src/sop';
import type { StepSummary, TimelineEntry } from './timeline';

const ROUND = 100;
const round = (value: number): number => Math.round(value * ROUND) / ROUND;

/** What ends an open step run, other than its own action or timeout. */
const INTERRUPTIONS: Partial<Record<TimelineEntry['kind'], string>> = {
  withdrawn: 'withdrawn',
  reopened: 'reopened',
  completed: 'closed',
};

/** Step runs of the entries; open runs are measured up to `asOf`. */
export function summarizeSteps(entries: TimelineEntry[], sop: SopDefinition, asOf: string): StepSummary[] {
  const steps: StepSummary[] = [];
  let open: StepSummary | undefined;
  const close = (at: string, outcome: string, actor?: TimelineEntry['actor']): void => {
    if (!open) return;
    open.endedAt = at;
    open.outcome = outcome;
    if (actor) open.actor = actor;
    open = undefined;
  };

  for (const entry of entries) {
    const own = open !== undefined && entry.stepKey === open.stepKey;
    const interruption = INTERRUPTIONS[entry.kind];
    if (entry.kind === 'step_started') {
      close(entry.at, 'superseded');
      open = {
        run: steps.length + 1,
        stepKey: entry.stepKey ?? '',
        title: entry.stepTitle ?? entry.stepKey ?? '',
        bakuMutu: entry.bakuMutu!,
        bakuMutuWorkingMinutes: Number(entry.details.bakuMutuWorkingMinutes ?? 0),
        startedAt: entry.at,
        dueAt: entry.dueAt ?? entry.at,
        workingMinutesTaken: 0,
        minutesOverBakuMutu: 0,
        breached: false,
      };
      steps.push(open);
    } else if (entry.kind === 'action' && own) {
      if (entry.breached) open!.breached = true;
      close(entry.at, String(entry.details.outcome), entry.actor);
    } else if (entry.kind === 'breach' && own) {
      open!.breached = true;
    } else if (entry.kind === 'step_timed_out' && own) {
      open!.breached = true;
      close(entry.at, 'timeout');
    } else if (entry.kind === 'ended') {
      close(entry.at, String(entry.details.how));
    } else if (interruption) {
      close(entry.at, interruption, entry.actor);
    }
  }

  const calendar = new BusinessCalendar({
    timeZone: sop.office.timeZone,
    officeHours: sop.office.officeHours,
    closures: sop.office.closures,
  });
  for (const run of steps) {
    const end = run.endedAt ?? asOf;
    run.workingMinutesTaken = round(calendar.workingMinutesBetween(run.startedAt, end));
    run.minutesOverBakuMutu = round(Math.max(0, run.workingMinutesTaken - run.bakuMutuWorkingMinutes));
    if (run.endedAt !== undefined && Date.parse(end) > Date.parse(run.dueAt)) run.breached = true;
  }
  return steps;
}
