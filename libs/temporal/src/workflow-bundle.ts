/**
 * The one way this repository bundles its workflow code, for the worker, for replay (the audit and
 * the replay corpus) and for the tests' harness. Every bundle preloads
 * `libs/domain/src/across-workflows.ts`, so a worker thread builds the request schemas once for all
 * its workflows. Without `stackTraces` the bundle also preloads `workflows/shared/stack-traces-off.ts`,
 * so workflow code captures no stack traces (much less CPU per step); the worker's default,
 * `TEMPORAL_WORKFLOW_STACK_TRACES=1` turns them back on.
 */
import type { Logger } from '@temporalio/common';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

/** `workflows/index.ts` re-exports every workflow; bundles start there. */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');
const STACK_TRACES_OFF_MODULE = require.resolve('../../../workflows/shared/stack-traces-off');
/** Holds the values every workflow of a worker thread shares (the request schemas): see its comment. */
const ACROSS_WORKFLOWS_MODULE = require.resolve('../../domain/src/across-workflows');

const noop = (): void => undefined;
/** Drops everything (the bundler reports its webpack statistics at info level). */
export const silentLogger: Logger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

export interface WorkflowBundleOptions {
  /** Whether workflow code captures stack traces (the SDK's default; the `__stack_trace` query shows them). */
  stackTraces: boolean;
  /** The workflows module; default `WORKFLOWS_PATH`. */
  workflowsPath?: string;
  /** Where the bundler reports; default silent. */
  logger?: Logger;
}

export function bundleWorkflows({
  stackTraces,
  workflowsPath = WORKFLOWS_PATH,
  logger = silentLogger,
}: WorkflowBundleOptions): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger,
    preloadModules: [ACROSS_WORKFLOWS_MODULE, ...(stackTraces ? [] : [STACK_TRACES_OFF_MODULE])],
  });
}
