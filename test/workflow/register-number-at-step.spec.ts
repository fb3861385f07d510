/**
 * The PPID SOP gives the register number at step 2 ("menerima aduan ... dan pemberian nomor
 * register", policy `registerNumberAt`), not at submission: on the time-skipping server.
 */
import { findSop } from '../../libs/domain/src/catalog';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/src/search-attributes';
import {
  actOnCurrentStep,
  createRecordingActivities,
  createWorkflowHarness,
  currentState,
  startComplaint,
  waitForStep,
  withWorker,
  type WorkflowHarness,
} from '../support/workflow-harness';

describe('register number at the SOP step that gives it (time-skipping server)', () => {
  let harness: WorkflowHarness;
  beforeAll(async () => {
    harness = await createWorkflowHarness();
  });
  afterAll(async () => {
    await harness?.env.teardown();
  });

  const ppid = findSop('ppid-karanganyar-web-medsos') as SopDefinition;

  it('the PPID seed gives the number at step 2 (accept)', () => {
    expect(ppid.policies.registerNumberAt).toBe('accept');
    expect(ppid.steps.findIndex((step) => step.key === 'accept')).toBe(1);
  });

  it('has no number after submission, gets it when step 2 completes, in the order step 2 completes', async () => {
    const { activities, notifications, projections } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const first = await startComplaint(harness, ppid);
      const second = await startComplaint(harness, ppid);
      for (const handle of [first, second]) {
        const submitted = await waitForStep(handle, 'register');
        expect(submitted.registerNumber).toBeUndefined();
        expect(submitted.status).toBe('diterima');
        const described = await handle.describe();
        expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.registerNumber)).toBeUndefined();
      }

      // Step 1 (register the form) gives no number yet.
      const afterStepOne = await actOnCurrentStep(second, ppid);
      expect(afterStepOne.currentSteps[0]?.key).toBe('accept');
      expect(afterStepOne.registerNumber).toBeUndefined();

      // The second complaint is accepted first: it gets the first number of the office's year.
      const accepted = await actOnCurrentStep(second, ppid);
      const year = new Date(accepted.submittedAt).getUTCFullYear();
      expect(accepted.registerNumber).toBe(`000.8.3.3/0001/PPID-KRA/${year}`);
      // The number is there before the next step starts.
      expect(accepted.currentSteps[0]?.key).toBe('classify');
      const secondDescribed = await second.describe();
      expect(secondDescribed.typedSearchAttributes.get(SEARCH_ATTRIBUTES.registerNumber)).toBe(accepted.registerNumber);

      await actOnCurrentStep(first, ppid);
      expect((await currentState(first)).registerNumber).toBeUndefined();
      const firstAccepted = await actOnCurrentStep(first, ppid);
      expect(firstAccepted.registerNumber).toBe(`000.8.3.3/0002/PPID-KRA/${year}`);

      // Events: submitted at once, registered right after the accept action and before step 3 starts.
      await waitForStep(second, 'classify');
      const events = projections
        .filter((projection) => projection.workflowId === second.workflowId)
        .flatMap((projection) => projection.events);
      const order = events.map((event) => `${event.type}${event.stepKey ? `:${event.stepKey}` : ''}`);
      expect(order.indexOf('submitted')).toBe(0);
      const registeredAt = order.indexOf('registered');
      expect(order[registeredAt - 1]).toBe('action:accept');
      expect(order[registeredAt + 1]).toBe('step_started:classify');
      expect(order.filter((type) => type === 'registered')).toHaveLength(1);

      // The complainant hears of the intake without a number, then of the number.
      const acknowledgments = notifications.filter(
        (notification) => notification.kind === 'acknowledgment' && notification.complaintId === accepted.complaintId,
      );
      expect(acknowledgments.map((notification) => notification.message)).toEqual([
        expect.stringMatching(/^Aduan Anda telah diterima\. Nomor register diberikan setelah/),
        `Aduan Anda telah diberi nomor register ${accepted.registerNumber}. Simpan kode pelacakan Anda.`,
      ]);
      expect(acknowledgments[0]!.registerNumber).toBeUndefined();
      expect(notifications.some((notification) => /undefined/.test(notification.message))).toBe(false);
    });
  });

  it('a complaint rejected at step 2 closes without a number', async () => {
    const { activities, notifications } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, ppid);
      await actOnCurrentStep(handle, ppid);
      await actOnCurrentStep(handle, ppid, { outcome: 'rejected', reason: 'Aduan tidak jelas' });
      const result = await handle.result();
      expect(result.status).toBe('ditolak');
      expect(result.registerNumber).toBeUndefined();
      const closed = notifications.find((notification) => notification.kind === 'closed');
      expect(closed?.message).toBe('Aduan (belum bernomor register) tidak dapat diproses: Aduan tidak jelas.');
    });
  });
  it('numbers in the register of the year step 2 happens, not the year of submission', async () => {
    const { activities } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, ppid);
      const submitted = await waitForStep(handle, 'register');
      const submissionYear = new Date(submitted.submittedAt).getUTCFullYear();
      // Into the next year (a step waiting past its baku mutu only escalates) before steps 1 and 2 are taken.
      await harness.env.sleep(Date.UTC(submissionYear + 1, 0, 2) - Date.parse(submitted.submittedAt));
      await actOnCurrentStep(handle, ppid);
      const accepted = await actOnCurrentStep(handle, ppid);
      expect(accepted.registerNumber).toMatch(new RegExp(`/${submissionYear + 1}$`));
      expect(accepted.submittedAt).toBe(submitted.submittedAt);
    });
  });
});
