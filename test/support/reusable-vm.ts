/**
 * Workflows created the way the worker creates them (the SDK's reusable V8 context), without a
 * server: for what module evaluation costs and shares (`bench/workflow-creation.ts`,
 * `test/unit/workflow-bundle.spec.ts`). Uses the SDK's internal creator, as the worker does.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowCreateOptions } from '@temporalio/worker/lib/workflow/interface';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';

/** What the worker passes for a new complaint; only what initRuntime reads matters here. */
export function newComplaintOptions(): WorkflowCreateOptions {
  const runId = randomUUID();
  const info = {
    workflowType: 'complaintWorkflow',
    workflowId: `complaint-${runId}`,
    runId,
    firstExecutionRunId: runId,
    taskQueue: 'reusable-vm',
    namespace: 'default',
    attempt: 1,
    historyLength: 3,
    historySize: 300,
    continueAsNewSuggested: false,
    startTime: new Date(),
    runStartTime: new Date(),
    searchAttributes: {},
    typedSearchAttributes: [],
    memo: {},
    unsafe: { isReplaying: false, now: () => Date.now() },
    priority: {},
  };
  return {
    info,
    randomnessSeed: [1, 2],
    now: Date.now(),
    showStackTraceSources: false,
  } as unknown as WorkflowCreateOptions;
}

/** A creator over the worker's bundle (no stack traces in workflow code); `destroy()` it after use. */
export async function workerWorkflowCreator(): Promise<ReusableVMWorkflowCreator> {
  const { code } = await bundleWorkflows({ stackTraces: false });
  // The creator only reads the source map to format stack traces; an empty one will do.
  const sourceMap = { version: 3, file: 'workflow-bundle.js', sources: [], names: [], mappings: '' };
  return ReusableVMWorkflowCreator.create(
    { code, sourceMap, filename: 'workflow-bundle.js' },
    5_000,
    new Set<string>(),
  );
}
