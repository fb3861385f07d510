/**
 * Workflow-tier harness: the real complaint workflow on the time-skipping test server, with the
 * real deadline activity and in-memory stand-ins for the PostgreSQL activities (the integration
 * tier runs those against PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle, WorkflowStartOptions } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type {
  ArchiveComplaintInput,
  ComplaintActivities,
  NotifyInput,
  ProjectComplaintInput,
} from '../../activities/contracts';
import { notificationRecordOf, projectionRecordOf } from '../../activities/contracts';
import type { ArchiveRegisterActivities } from '../../activities/archive-register.activity';
import { createDeadlineActivities } from '../../activities/deadline.activity';
import { withCompletedDrafts } from '../../activities/projection.activity';
import type { ActionInput, ActionRequest, ComplaintState, SubmissionInput } from '../../libs/domain/src/complaint';
import { submissionSchema } from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { registerSearchAttributes } from '../../libs/temporal/src/register-search-attributes';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import {
  actUpdate,
  complaintWorkflowId,
  getStateQuery,
  type ComplaintWorkflowInput,
} from '../../workflows/complaint/complaint.messages';
import { createTimeSkippingEnv, testDataConverter } from './temporal-env';

/** Activities that keep what the workflow sent them, so tests can assert on it. */
export function createRecordingActivities() {
  const counters = new Map<string, number>();
  const assigned = new Map<string, string>();
  const notifications: NotifyInput[] = [];
  const projections: ProjectComplaintInput[] = [];
  const archives: ArchiveComplaintInput[] = [];
  /** Complaints whose archival the workflow asked for as it closed. */
  const archivalsStarted: string[] = [];
  const activities: ComplaintActivities & ArchiveRegisterActivities = {
    ...createDeadlineActivities(),
    async assignRegisterNumber({ complaintId, office, submittedAt }) {
      const year = new Date(submittedAt).getUTCFullYear();
      const existing = assigned.get(complaintId);
      const key = `${office.code}/${year}`;
      const sequence = existing ? Number(existing.split('/')[1]) : (counters.get(key) ?? 0) + 1;
      counters.set(key, Math.max(sequence, counters.get(key) ?? 0));
      const registerNumber = `000.8.3.3/${String(sequence).padStart(4, '0')}/${office.code}/${year}`;
      assigned.set(complaintId, registerNumber);
      return { registerNumber, sequence, year };
    },
    async projectComplaint(sent) {
      // v6 and v7 complete drafts in the projection (deadline, register number), as the PostgreSQL projection does.
      const input = await withCompletedDrafts(sent, (registration) => activities.assignRegisterNumber(registration));
      projections.push(structuredClone(input));
      // v5 queues its notifications with the projection, as the PostgreSQL projection does.
      notifications.push(...(input.notifications ?? []));
      return projectionRecordOf(input);
    },
    async notify(input) {
      notifications.push(input);
      return notificationRecordOf(input);
    },
    async archiveComplaint(input) {
      archives.push(input);
      return { archiveRef: input.archiveRef ?? `ARSIP/${input.state.registerNumber}`, digest: 'a'.repeat(64) };
    },
    async startArchival({ complaintWorkflowId }) {
      archivalsStarted.push(complaintWorkflowId);
    },
    async archiveClosedComplaint() {
      throw new Error('the archival workflow is not started in the workflow tier');
    },
  };
  return { activities, notifications, projections, archives, archivalsStarted };
}

/**
 * A projection as history gives it back (`projectionInputsOf`): as it crossed the activity boundary
 * (undefined fields dropped), without how it was asked for (compact, drafts) and without the
 * notifications' texts (history keeps what they were; a rebuild never queues them again).
 */
export function projectionAsReadFromHistory(projection: ProjectComplaintInput): ProjectComplaintInput {
  const {
    compact: _compact,
    notifications: _notifications,
    deadlineDraft: _deadline,
    registrationDraft: _registration,
    ...input
  } = projection;
  return JSON.parse(JSON.stringify(input)) as ProjectComplaintInput;
}

export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
  /** Each worker gets its own queue, so a failed test cannot leave a worker that steals the next test's tasks. */
  taskQueue: string;
  /** Complaints started by the current test; terminated afterwards so none blocks time skipping. */
  started: WorkflowHandle[];
}

export async function createWorkflowHarness(): Promise<WorkflowHarness> {
  const env = await createTimeSkippingEnv();
  await registerSearchAttributes(env.connection, 'default');
  // The SDK's default: workflow code captures stack traces (the worker's bundle does not).
  const bundle = await bundleWorkflows({ stackTraces: true });
  return { env, bundle, taskQueue: 'unused', started: [] };
}

export async function withWorker<T>(
  harness: WorkflowHarness,
  activities: ComplaintActivities,
  body: () => Promise<T>,
): Promise<T> {
  harness.taskQueue = `aduan-workflow-test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: harness.env.nativeConnection,
    taskQueue: harness.taskQueue,
    workflowBundle: harness.bundle,
    activities,
    dataConverter: testDataConverter(),
  });
  try {
    return await worker.runUntil(body);
  } finally {
    // A workflow left running without its worker would stop the test server from skipping time.
    await Promise.all(harness.started.map((handle) => handle.terminate('test finished').catch(() => undefined)));
    harness.started = [];
  }
}

export const sampleSubmission: SubmissionInput = {
  channel: 'langsung',
  complainant: { anonymous: false, name: 'Siti Aminah', phone: '081234567890' },
  confidential: false,
  subject: 'Lampu penerangan jalan mati',
  content: 'Lampu penerangan jalan di RT 03 RW 02 sudah mati selama dua minggu.',
  attachments: [],
};

export async function startComplaint(
  harness: WorkflowHarness,
  sop: SopDefinition,
  submission: SubmissionInput = sampleSubmission,
  options: Pick<WorkflowStartOptions, 'workflowTaskTimeout'> = {},
): Promise<WorkflowHandle> {
  const complaintId = randomUUID();
  const input: ComplaintWorkflowInput = {
    complaintId,
    sop,
    submission: submissionSchema.parse(submission),
    trackingCodeHash: 'f'.repeat(64),
  };
  const handle = await harness.env.client.workflow.start('complaintWorkflow', {
    taskQueue: harness.taskQueue,
    workflowId: complaintWorkflowId(complaintId),
    args: [input],
    ...options,
  });
  harness.started.push(handle);
  return handle;
}

export function staff(sop: SopDefinition, role: string, userId = `${role}-1`): ActionRequest['actor'] {
  return { userId, name: `Petugas ${role}`, role: role as ActionRequest['actor']['role'], officeCode: sop.office.code };
}

/** Default payload for each action kind; tests override what they care about. */
export function defaultAction(kind: ActionInput['kind']): ActionInput {
  switch (kind) {
    case 'register':
      return { kind, note: 'Dicatat dalam buku register' };
    case 'verify':
      return { kind, outcome: 'accepted' };
    case 'classify':
      return {
        kind,
        complaintType: 'pengaduan',
        category: 'Infrastruktur',
        confidential: false,
        underPpidAuthority: false,
      };
    case 'dispose':
      return { kind, toUnit: 'Seksi Pelayanan Umum', instructions: 'Segera klarifikasi dan tindak lanjuti' };
    case 'review':
      return { kind, advice: 'Perlu ditindaklanjuti oleh seksi terkait' };
    case 'clarify':
      return { kind, findings: 'Sudah dicek ke lokasi' };
    case 'coordinate':
      return { kind, withParty: 'PPID Pelaksana', result: 'Disepakati untuk dijawab' };
    case 'forward':
      return { kind, target: 'Grup Admin OPD' };
    case 'decide':
      return { kind, decision: 'Perbaikan oleh dinas terkait', rapatRequired: false };
    case 'rapat':
      return {
        kind,
        heldAt: '2026-11-23T03:00:00.000Z',
        participants: ['Camat', 'Sekretaris', 'Kasi Trantib'],
        minutes: 'Rapat membahas tindak lanjut aduan',
        decision: 'Disetujui perbaikan',
      };
    case 'draft_answer':
      return { kind, answer: 'Terima kasih atas aduan Anda. Lampu akan diperbaiki minggu ini.' };
    case 'sign':
      return { kind, approved: true };
    case 'deliver':
      return { kind, channel: 'langsung', receipt: 'Tanda terima No. 12' };
    case 'archive':
      return { kind, archiveRef: undefined };
  }
}

export async function currentState(handle: WorkflowHandle): Promise<ComplaintState> {
  return handle.query(getStateQuery);
}

const WORKFLOW_TASK_IN_FLIGHT = new Set<number>([
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
]);

/**
 * Waits until no workflow task is scheduled or running, read from the history (the time-skipping
 * server's describe() does not report a pending workflow task). That server answers a query that
 * arrives during a workflow task with one more workflow task (3 events), a shape production's
 * histories never have: staff act long after the task that opened their step.
 */
export async function waitForIdleWorkflowTask(handle: WorkflowHandle): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const events = (await handle.fetchHistory()).events ?? [];
    if (!WORKFLOW_TASK_IN_FLIGHT.has(Number(events[events.length - 1]?.eventType))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the workflow task did not complete');
}

/** The workflow's state, queried once its workflow task is done, so the history keeps production's shape. */
export async function settledState(handle: WorkflowHandle): Promise<ComplaintState> {
  await waitForIdleWorkflowTask(handle);
  return currentState(handle);
}

/** Waits until the workflow has started a step (and computed its deadline), optionally a given one. */
export async function waitForStep(handle: WorkflowHandle, stepKey?: string): Promise<ComplaintState> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const state = await settledState(handle);
    const active = state.currentSteps[0];
    if (active?.dueAt && (stepKey === undefined || active.key === stepKey)) return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`step ${stepKey ?? '(any)'} did not start`);
}

/** Performs the action the current step expects, as the first role the step allows. */
export async function actOnCurrentStep(
  handle: WorkflowHandle,
  sop: SopDefinition,
  override: Partial<ActionInput> = {},
  role?: string,
): Promise<ComplaintState> {
  const state = await waitForStep(handle);
  const active = state.currentSteps[0]!;
  const action = { ...defaultAction(active.action), ...override } as ActionInput;
  const requestId = randomUUID();
  await handle.executeUpdate(actUpdate, {
    args: [{ requestId, actor: staff(sop, role ?? active.actorRoles[0]), stepKey: active.key, action }],
    updateId: requestId,
  });
  return settledState(handle);
}
