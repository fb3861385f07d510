import type { SopDefinition, SopStep } from './sop';

/** What changed between two versions of an SOP, step by step (keys are the identity of a step). */
export interface SopDiff {
  /** Top-level fields that differ (title, sopNumber, startStep, policies, …). */
  changedFields: string[];
  addedSteps: string[];
  removedSteps: string[];
  changedSteps: { key: string; fields: string[] }[];
  /** Whether the order of the steps both versions share changed. */
  reordered: boolean;
}

const SOP_FIELDS = [
  'title',
  'sopNumber',
  'effectiveDate',
  'source',
  'startStep',
  'supervisorRoles',
  'policies',
  'monthlyRecap',
] as const satisfies readonly (keyof SopDefinition)[];

const STEP_FIELDS = [
  'title',
  'actorRoles',
  'action',
  'bakuMutu',
  'sharesBakuMutuWith',
  'output',
  'transitions',
  'onTimeout',
  'escalationRoles',
] as const satisfies readonly (keyof SopStep)[];

/** Stable JSON for comparison (keys sorted). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function diffSops(from: SopDefinition, to: SopDefinition): SopDiff {
  const before = new Map(from.steps.map((step) => [step.key, step]));
  const after = new Map(to.steps.map((step) => [step.key, step]));
  const changedSteps: SopDiff['changedSteps'] = [];
  for (const step of to.steps) {
    const old = before.get(step.key);
    if (!old) continue;
    const fields = STEP_FIELDS.filter((field) => canonical(old[field]) !== canonical(step[field]));
    if (fields.length > 0) changedSteps.push({ key: step.key, fields });
  }
  const shared = (steps: SopStep[], other: Map<string, SopStep>) =>
    steps.filter((step) => other.has(step.key)).map((step) => step.key);
  return {
    changedFields: SOP_FIELDS.filter((field) => canonical(from[field]) !== canonical(to[field])),
    addedSteps: to.steps.filter((step) => !before.has(step.key)).map((step) => step.key),
    removedSteps: from.steps.filter((step) => !after.has(step.key)).map((step) => step.key),
    changedSteps,
    reordered: canonical(shared(from.steps, after)) !== canonical(shared(to.steps, before)),
  };
}
