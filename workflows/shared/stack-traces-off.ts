/**
 * Preloaded into the worker's workflow V8 context before the SDK freezes its globals (see
 * `bundleWorkflows` in apps/worker/src/worker.ts): workflow code captures no stack traces.
 *
 * Why: the SDK's promise hook formats a source-mapped stack trace for every promise workflow code
 * creates (for the `__stack_trace` query), about 80 per staff action, which was ~40 % of the
 * workflow thread's CPU. What it costs: errors thrown in workflow code carry no stack, and the Web
 * UI's stack-trace view of a waiting complaint is empty. `TEMPORAL_WORKFLOW_STACK_TRACES=1` brings
 * both back (for diagnosing a stuck complaint); replay bundles (libs/audit/src/replay.ts) keep them.
 */
Error.stackTraceLimit = 0;

export {};
