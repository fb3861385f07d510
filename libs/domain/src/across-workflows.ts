/**
 * Values built once per worker thread and shared by every workflow it runs, instead of once per
 * workflow: the request schemas, which cost most of a workflow's creation (each zod schema binds
 * dozens of methods) and of its memory while cached.
 *
 * The worker's bundle preloads this module (`libs/temporal/src/workflow-bundle.ts`), so one
 * instance of it serves the whole reusable V8 context; the modules that call it are evaluated
 * again for every workflow and get the value the first one built. The SDK deep-freezes what
 * preloaded modules export, not what their closures hold: zod schemas fill caches on first use and
 * cannot be frozen, and sharing them is safe because a schema is immutable in effect (every
 * method returns a new schema; its caches are the same whoever fills them) and parsing is
 * synchronous, so workflows never interleave inside it. Outside the worker this is an ordinary
 * module, evaluated once.
 *
 * Only for values that hold no workflow's state: never a value that records what a workflow did.
 */
const built = new Map<string, { source: string; value: unknown }>();

export function acrossWorkflows<T>(key: string, build: () => T): T {
  const source = build.toString();
  const kept = built.get(key);
  if (kept) {
    // Two definitions under one key would silently share the first one's value.
    if (kept.source !== source) throw new Error(`acrossWorkflows: "${key}" is defined twice`);
    return kept.value as T;
  }
  const value = build();
  built.set(key, { source, value });
  return value;
}
