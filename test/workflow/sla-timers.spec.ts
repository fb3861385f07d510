/**
 * Baku mutu timers of every kind (minutes, hours, working days) in WIB and WITA offices: the
 * deadline comes from the office's business calendar, and missing it records a breach, marks the
 * search attribute and escalates. The server clock starts at "now", so expectations are computed
 * from each step's actual start with the (separately unit-tested) calendar.
 */
import { DateTime } from 'luxon';
import { computeDeadline } from '../../activities/deadline.activity';
import { BusinessCalendar } from '../../libs/calendar/src/business-calendar';
import { findSop } from '../../libs/domain/src/catalog';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/src/search-attributes';
import { driveSteps } from '../support/scenarios';
import {
  createRecordingActivities,
  actOnCurrentStep,
  createWorkflowHarness,
  currentState,
  startComplaint,
  withWorker,
  type WorkflowHarness,
} from '../support/workflow-harness';

const sopOf = (id: string) => findSop(id) as SopDefinition;

/** The next `count` working days of the office, as ISO dates in its zone: to be declared closures. */
function nextWorkingDates(sop: SopDefinition, count: number): string[] {
  const calendar = new BusinessCalendar(sop.office);
  const dates: string[] = [];
  let day = DateTime.now().setZone(sop.office.timeZone).startOf('day').plus({ days: 1 });
  while (dates.length < count) {
    if (calendar.isWorkingDay(day.toISODate()!)) dates.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return dates;
}

describe('baku mutu timers (time-skipping server)', () => {
  let harness: WorkflowHarness;
  beforeAll(async () => {
    harness = await createWorkflowHarness();
  });
  afterAll(async () => {
    await harness?.env.teardown();
  });

  async function breachAt(sop: SopDefinition, stepKey: string) {
    const recording = createRecordingActivities();
    return withWorker(harness, recording.activities, async () => {
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, {}, stepKey);
      const open = (await currentState(handle)).currentSteps[0]!;
      const step = sop.steps.find((candidate) => candidate.key === stepKey)!;
      const expected = await computeDeadline({
        startAt: open.startedAt,
        bakuMutu: step.bakuMutu,
        office: sop.office,
        reminderFraction: sop.policies.reminderFraction,
      });
      expect(open).toMatchObject({ key: stepKey, dueAt: expected.dueAt, reminderAt: expected.reminderAt });

      // Just before the deadline: reminded, not breached.
      await harness.env.sleep(Date.parse(expected.dueAt) - Date.parse(open.startedAt) - 1_000);
      const before = await currentState(handle);
      expect(before.breaches).toEqual([]);
      expect(recording.notifications.filter((n) => n.kind === 'reminder')).toHaveLength(1);
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.slaBreached)).toBe(false);

      await harness.env.sleep(2_000);
      const after = await currentState(handle);
      expect(after.breaches).toEqual([
        expect.objectContaining({ stepKey, dueAt: expected.dueAt, escalatedTo: step.escalationRoles }),
      ]);
      expect(recording.notifications.filter((n) => n.kind === 'escalation')).toEqual([
        expect.objectContaining({ stepKey, recipientRoles: step.escalationRoles, officeCode: sop.office.code }),
      ]);
      const attributes = (await handle.describe()).typedSearchAttributes;
      expect(attributes.get(SEARCH_ATTRIBUTES.slaBreached)).toBe(true);
      return { after, expected, step };
    });
  }

  it('breaches a minutes baku mutu in a WIB office (Kebakkramat disposition, 15 menit)', async () => {
    const { after } = await breachAt(sopOf('kebakkramat-aduan'), 'dispose');
    expect(after.currentSteps[0]).toMatchObject({ key: 'dispose', breached: true });
  });

  it('breaches an hours baku mutu in a WITA office (Selemadeg Timur A, Sekcam review, 1 jam)', async () => {
    const sop = sopOf('selemadeg-timur-a');
    expect(sop.office.timeZone).toBe('Asia/Makassar');
    await breachAt(sop, 'sekcam_review');
  });

  it('breaches a working-days baku mutu in WIB past a weekend and office closures (PPID coordination, 1 hari)', async () => {
    const base = sopOf('ppid-karanganyar-web-medsos');
    const closures = nextWorkingDates(base, 2);
    const sop: SopDefinition = { ...base, office: { ...base.office, closures } };
    const result = await breachAtCoordination(sop);
    const dueLocal = DateTime.fromISO(result.dueAt, { zone: sop.office.timeZone }).toISODate()!;
    // The deadline lies after both closed days (and, with them, after any weekend in between).
    expect(dueLocal > closures[1]!).toBe(true);
  });

  async function breachAtCoordination(sop: SopDefinition) {
    const recording = createRecordingActivities();
    return withWorker(harness, recording.activities, async () => {
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, { classify: { underPpidAuthority: true } }, 'coordinate_ppid');
      const open = (await currentState(handle)).currentSteps[0]!;
      const expected = await computeDeadline({
        startAt: open.startedAt,
        bakuMutu: { amount: 1, unit: 'working_days' },
        office: sop.office,
        reminderFraction: sop.policies.reminderFraction,
      });
      expect(open.dueAt).toBe(expected.dueAt);
      await harness.env.sleep(Date.parse(expected.dueAt) - Date.parse(open.startedAt) + 60_000);
      const after = await currentState(handle);
      expect(after.breaches).toEqual([expect.objectContaining({ stepKey: 'coordinate_ppid', dueAt: expected.dueAt })]);
      expect(recording.notifications.filter((n) => n.kind === 'reminder')).toHaveLength(1);
      expect(recording.notifications.filter((n) => n.kind === 'escalation')).toHaveLength(1);
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.slaBreached)).toBe(true);
      return { dueAt: expected.dueAt };
    });
  }

  it('breaches a working-days baku mutu in WITA (Palaran, Camat decision, 10 hari)', async () => {
    const sop = sopOf('palaran-pengaduan');
    expect(sop.office.timeZone).toBe('Asia/Makassar');
    const { expected } = await breachAt(sop, 'camat_decision');
    // Ten working days are at least two calendar weeks.
    expect(Date.parse(expected.dueAt) - Date.now()).toBeGreaterThan(13 * 24 * 3_600_000);
  });

  it('gives the Palaran rapat what is left of the decision’s 10 hari, not another 10 hari (shared baku mutu)', async () => {
    const sop = sopOf('palaran-pengaduan');
    expect(sop.steps.find((step) => step.key === 'rapat')?.sharesBakuMutuWith).toBe('camat_decision');
    const recording = createRecordingActivities();
    const deadlineRequests: string[] = [];
    const { computeDeadline: compute, projectComplaint: project } = recording.activities;
    recording.activities.computeDeadline = async (input) => {
      deadlineRequests.push(input.startAt);
      return compute(input);
    };
    // Shape v6: a step's deadline is computed by the projection that opens the step.
    recording.activities.projectComplaint = async (input) => {
      if (input.deadlineDraft) deadlineRequests.push(input.deadlineDraft.deadline.startAt);
      return project(input);
    };
    await withWorker(harness, recording.activities, async () => {
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, {}, 'camat_decision');
      const decision = (await currentState(handle)).currentSteps[0]!;
      const expected = await computeDeadline({
        startAt: decision.startedAt,
        bakuMutu: { amount: 10, unit: 'working_days' },
        office: sop.office,
        reminderFraction: sop.policies.reminderFraction,
      });
      expect(decision).toMatchObject({ key: 'camat_decision', dueAt: expected.dueAt });

      // The Camat calls a rapat after six calendar days, well inside the decision's baku mutu.
      await harness.env.sleep(6 * 24 * 3_600_000);
      const requestsBeforeRapat = deadlineRequests.length;
      const atRapat = await actOnCurrentStep(handle, sop, {
        decision: 'Dibahas dalam rapat dinas',
        rapatRequired: true,
      });
      const rapat = atRapat.currentSteps[0]!;
      expect(rapat).toMatchObject({ key: 'rapat', dueAt: expected.dueAt, reminderAt: expected.reminderAt });
      expect(Date.parse(rapat.startedAt)).toBeGreaterThan(Date.parse(decision.startedAt) + 5 * 24 * 3_600_000);
      expect(deadlineRequests).toHaveLength(requestsBeforeRapat); // no deadline of its own

      // The rapat misses the shared deadline: one breach, at the decision's due time.
      await harness.env.sleep(Date.parse(expected.dueAt) - Date.parse(rapat.startedAt) + 1_000);
      const late = await currentState(handle);
      expect(late.breaches).toEqual([expect.objectContaining({ stepKey: 'rapat', dueAt: expected.dueAt })]);
      expect(late.completedSteps.find((step) => step.key === 'camat_decision')).toMatchObject({ breached: false });
      expect(recording.notifications.filter((n) => n.kind === 'reminder').map((n) => n.stepKey)).toEqual(['rapat']);

      // The next step has its own baku mutu again.
      const drafting = await actOnCurrentStep(handle, sop);
      expect(drafting.currentSteps[0]).toMatchObject({ key: 'draft_answer' });
      expect(deadlineRequests).toHaveLength(requestsBeforeRapat + 1);
      expect(drafting.completedSteps.at(-1)).toMatchObject({ key: 'rapat', breached: true, dueAt: expected.dueAt });
    });
  });

  it('forwards a Diskominfo complaint to the OPD admin when nobody answers in the group within 60 menit', async () => {
    const sop = sopOf('diskominfo-karanganyar-aduan-warga');
    const recording = createRecordingActivities();
    await withWorker(harness, recording.activities, async () => {
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, {}, 'group_response');
      const open = (await currentState(handle)).currentSteps[0]!;
      await harness.env.sleep(Date.parse(open.dueAt!) - Date.parse(open.startedAt) + 60_000);
      const state = await currentState(handle);
      expect(state.currentSteps.map((step) => step.key)).toEqual(['forward_opd']);
      expect(state.completedSteps.at(-1)).toMatchObject({ key: 'group_response', outcome: 'timeout', breached: true });
      expect(state.breaches).toEqual([expect.objectContaining({ stepKey: 'group_response' })]);
      expect(recording.notifications.filter((n) => n.kind === 'escalation')).toEqual([
        // The Diskominfo admin is told, who then forwards it directly.
        expect.objectContaining({ recipientRoles: ['admin_diskominfo'], stepKey: 'group_response' }),
      ]);
      expect(await driveSteps(handle, sop)).toEqual(['forward_opd', 'reply']);
      expect(await handle.result()).toMatchObject({ status: 'selesai' });
    });
  });
});
