/**
 * The workflow holds a direct Temporal client to the same text policy as the gateway: the start
 * input and the submit Update are checked with the domain schemas, and an action is applied as
 * parsed (NFC, trimmed), whether it came as an Update or a Signal.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { findSop } from '../../libs/domain/src/catalog';
import { submissionSchema } from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import {
  actSignal,
  actUpdate,
  complaintWorkflowId,
  submitUpdate,
  type ComplaintWorkflowInput,
} from '../../workflows/complaint/complaint.messages';
import { refusalOf } from '../support/refusals';
import { driveSteps } from '../support/scenarios';
import {
  createRecordingActivities,
  createWorkflowHarness,
  currentState,
  sampleSubmission,
  staff,
  startComplaint,
  waitForStep,
  withWorker,
  type WorkflowHarness,
} from '../support/workflow-harness';

const sop = findSop('kebakkramat-aduan') as SopDefinition;
/** "Café" with a combining accent (NFD) and blanks around it: stored as NFC, trimmed. */
const DECOMPOSED = '  Segera cek lokasi di Cafe\u0301 Melati \n';
const NORMALISED = 'Segera cek lokasi di Caf\u00e9 Melati';
const DIGEST = 'a'.repeat(64);

function inputWith(content: string, complaintId = randomUUID()): ComplaintWorkflowInput {
  return {
    complaintId,
    sop,
    // Built by hand, as a direct client would, without the gateway's parse.
    submission: { ...submissionSchema.parse(sampleSubmission), content },
    trackingCodeHash: 'f'.repeat(64),
    submissionDigest: DIGEST,
  };
}

describe('start input and actions under the text policy (time-skipping server)', () => {
  let harness: WorkflowHarness;
  beforeAll(async () => {
    harness = await createWorkflowHarness();
  });
  afterAll(async () => {
    await harness?.env.teardown();
  });

  it('applies the normalised action, not the raw one, for an Update and for a Signal', async () => {
    const recording = createRecordingActivities();
    await withWorker(harness, recording.activities, async () => {
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, {}, 'dispose');
      const dispose = (await waitForStep(handle, 'dispose')).currentSteps[0]!;
      const requestId = randomUUID();
      await handle.executeUpdate(actUpdate, {
        args: [
          {
            requestId,
            actor: staff(sop, dispose.actorRoles[0]!),
            stepKey: dispose.key,
            action: { kind: 'dispose', toUnit: ' Seksi Pelayanan Umum ', instructions: DECOMPOSED },
          },
        ],
        updateId: requestId,
      });
      const state = await currentState(handle);
      expect(state.dispositions.at(-1)).toMatchObject({ toUnit: 'Seksi Pelayanan Umum', instructions: NORMALISED });
      expect(state.actions.at(-1)?.input).toMatchObject({ instructions: NORMALISED });

      const clarify = (await waitForStep(handle, 'clarify_answer')).currentSteps[0]!;
      await handle.signal(actSignal, {
        requestId: randomUUID(),
        actor: staff(sop, clarify.actorRoles[0]!),
        stepKey: clarify.key,
        action: { kind: 'draft_answer', answer: DECOMPOSED },
      });
      const delivered = await waitForStep(handle, 'deliver');
      expect(delivered.answer?.text).toBe(NORMALISED);
      const projectedInputs = recording.projections
        .flatMap((projection) => projection.events)
        .filter((event) => event.type === 'action');
      expect(projectedInputs.map((event) => (event.data.input as { instructions?: string }).instructions)).toContain(
        NORMALISED,
      );
    });
  });

  it('fails a plain start with a NUL byte at once (non-retryable, Indonesian), before any register number or projection', async () => {
    const recording = createRecordingActivities();
    await withWorker(harness, recording.activities, async () => {
      const input = inputWith('Lampu mati\u0000 di RT 03');
      const handle = await harness.env.client.workflow.start('complaintWorkflow', {
        taskQueue: harness.taskQueue,
        workflowId: complaintWorkflowId(input.complaintId),
        args: [input],
      });
      harness.started.push(handle);
      const failure = await handle.result().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = (failure as WorkflowFailedError).cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause).toMatchObject({ type: 'BAD_USER_INPUT', nonRetryable: true });
      expect(cause?.message).toBe('Data tidak valid (submission.content): isi aduan memuat karakter NUL');
      expect((await handle.describe()).status.name).toBe('FAILED');
      expect(recording.projections).toEqual([]);
      expect(recording.notifications).toEqual([]);
    });
  });

  it('fails a plain start whose tracking-code hash is not a SHA-256, naming the field', async () => {
    const recording = createRecordingActivities();
    await withWorker(harness, recording.activities, async () => {
      const input = { ...inputWith('Lampu mati di RT 03'), trackingCodeHash: 'KODE-TERBUKA' };
      const handle = await harness.env.client.workflow.start('complaintWorkflow', {
        taskQueue: harness.taskQueue,
        workflowId: complaintWorkflowId(input.complaintId),
        args: [input],
      });
      harness.started.push(handle);
      const failure = (await handle.result().catch((error: unknown) => error)) as WorkflowFailedError;
      expect(failure.cause).toMatchObject({
        type: 'BAD_USER_INPUT',
        message: 'Data tidak valid (trackingCodeHash): hash kode pelacakan harus SHA-256 dalam heksadesimal',
      });
      expect(recording.projections).toEqual([]);
    });
  });

  it('refuses an Update-With-Start whose submission carries a NUL byte, and registers nothing', async () => {
    const recording = createRecordingActivities();
    await withWorker(harness, recording.activities, async () => {
      const input = inputWith('Lampu mati\u0000 di RT 03');
      const refusal = await refusalOf(
        harness.env.client.workflow.executeUpdateWithStart(submitUpdate, {
          args: [{ submissionDigest: DIGEST }],
          updateId: `submit-${DIGEST}`,
          startWorkflowOperation: new WithStartWorkflowOperation('complaintWorkflow', {
            workflowId: complaintWorkflowId(input.complaintId),
            taskQueue: harness.taskQueue,
            args: [input],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        }),
      );
      expect(refusal).toEqual({
        type: 'BAD_USER_INPUT',
        message: 'Data tidak valid (submission.content): isi aduan memuat karakter NUL',
      });
      const handle = harness.env.client.workflow.getHandle(complaintWorkflowId(input.complaintId));
      harness.started.push(handle);
      await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
      expect(recording.projections).toEqual([]);
    });
  });

  it('refuses a submit Update without a well-formed submission digest, and accepts the normalised submission', async () => {
    const recording = createRecordingActivities();
    await withWorker(harness, recording.activities, async () => {
      const input = inputWith(DECOMPOSED);
      const startWorkflowOperation = () =>
        new WithStartWorkflowOperation('complaintWorkflow', {
          workflowId: complaintWorkflowId(input.complaintId),
          taskQueue: harness.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
      const refusal = await refusalOf(
        harness.env.client.workflow.executeUpdateWithStart(submitUpdate, {
          args: [{ submissionDigest: 'bukan-sidik' }],
          startWorkflowOperation: startWorkflowOperation(),
        }),
      );
      expect(refusal).toEqual({
        type: 'BAD_USER_INPUT',
        message: 'Data tidak valid (submissionDigest): sidik pengajuan harus SHA-256 dalam heksadesimal',
      });
      const handle = harness.env.client.workflow.getHandle(complaintWorkflowId(input.complaintId));
      harness.started.push(handle);

      const state = await harness.env.client.workflow.executeUpdateWithStart(submitUpdate, {
        args: [{ submissionDigest: DIGEST }],
        updateId: `submit-${DIGEST}`,
        startWorkflowOperation: startWorkflowOperation(),
      });
      expect(state.registerNumber).toMatch(/^000\.8\.3\.3\//);
      expect((await currentState(handle)).currentSteps[0]?.dueAt).toBeDefined();
      const projected = recording.projections.map((projection) => projection.summary.contentExcerpt);
      expect(projected[0]).toBe(NORMALISED);
    });
  });
});
