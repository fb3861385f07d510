import { z } from 'zod';
import { DomainError } from './errors';
import {
  officeSchema,
  sopDefinitionSchema,
  sopStepSchema,
  type Office,
  type OfficeHours,
  type SopDefinition,
  type SopStep,
} from './sop';
import { ACTION_OUTCOMES, bakuMutuLabel, END, type ActionKind } from './sop-model';

/**
 * The meaning of an SOP, beyond its shape: every step reachable, every outcome handled, every path
 * able to end. The schema (sop.ts) checks the shape; `validateSop` checks both and names every
 * problem in Indonesian, by step key, so an office can fix its SOP in one pass.
 */

/** One problem of an SOP, by step where it belongs to one (Indonesian message). */
export interface SopProblem {
  /** Key of the step concerned (or `#n` for a step without a valid key); absent for the SOP as a whole. */
  step?: string;
  message: string;
}

export type SopValidation = { ok: true; sop: SopDefinition } | { ok: false; problems: string[]; issues: SopProblem[] };

/**
 * Outcomes the engine handles itself, whatever the SOP says: a `verify` that is held (tunda),
 * forwarded (bukan wewenang) or rejected does not follow a transition.
 */
const ENGINE_HANDLED_OUTCOMES: Partial<Record<ActionKind, readonly string[]>> = {
  verify: ['tunda', 'bukan_wewenang', 'rejected'],
};

const WEEKDAY_NAMES = ['', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

/** Validates shape and meaning; never throws. */
export function validateSop(input: unknown): SopValidation {
  const parsed = sopDefinitionSchema.safeParse(input, { error: z.locales.id().localeError });
  if (parsed.success) {
    const issues = semanticProblems(parsed.data);
    if (issues.length === 0) return { ok: true, sop: parsed.data };
    return { ok: false, problems: issues.map((issue) => issue.message), issues };
  }
  const issues = parsed.error.issues.map((issue) => describeIssue(input, issue));
  // The graph is checked too when the steps' keys, actions and transitions are well formed, so an
  // office sees a bad field and an unknown target in the same pass.
  const graph = graphSchema.safeParse(input);
  if (graph.success) {
    const known = new Set(issues.map((issue) => issue.message));
    issues.push(...semanticProblems(graph.data as SopDefinition).filter((issue) => !known.has(issue.message)));
  }
  return { ok: false, problems: issues.map((issue) => issue.message), issues };
}

/** The parts of an SOP the graph checks read; the rest may still be malformed. */
const graphSchema = z.object({
  startStep: z.string(),
  steps: z.array(
    sopStepSchema.pick({ key: true, action: true, transitions: true, onTimeout: true, sharesBakuMutuWith: true }),
  ),
  policies: z.object({ reopenStep: z.string(), registerNumberAt: z.string().optional() }),
  office: z.unknown(),
});

/** Parses an SOP definition, throwing `DomainError('INVALID_SOP')` that lists every problem. */
export function parseSop(input: unknown): SopDefinition {
  const result = validateSop(input);
  if (result.ok) return result.sop;
  const id = isRecord(input) && typeof input.id === 'string' ? ` "${input.id}"` : '';
  throw new DomainError('INVALID_SOP', `SOP${id} tidak valid: ${result.problems.join('; ')}`, {
    problems: result.problems,
  });
}

function semanticProblems(sop: SopDefinition): SopProblem[] {
  const problems: SopProblem[] = [];
  const steps = new Map<string, SopStep>();
  for (const step of sop.steps) {
    if (steps.has(step.key))
      problems.push({ step: step.key, message: `Kunci langkah "${step.key}" dipakai lebih dari sekali.` });
    else steps.set(step.key, step);
  }
  const isTarget = (key: string) => key === END || steps.has(key);

  if (!steps.has(sop.startStep)) {
    problems.push({ message: `Langkah awal "${sop.startStep}" tidak ada dalam daftar langkah.` });
  }
  if (!steps.has(sop.policies.reopenStep)) {
    problems.push({
      message: `Langkah pembukaan kembali (policies.reopenStep) "${sop.policies.reopenStep}" tidak ada dalam daftar langkah.`,
    });
  }
  const { registerNumberAt } = sop.policies;
  if (registerNumberAt !== undefined && !steps.has(registerNumberAt)) {
    problems.push({
      message: `Langkah pemberian nomor register (policies.registerNumberAt) "${registerNumberAt}" tidak ada dalam daftar langkah.`,
    });
  }

  for (const step of steps.values()) {
    problems.push(...stepProblems(step, isTarget).map((message) => ({ step: step.key, message })));
    problems.push(...sharedBakuMutuProblems(step, steps).map((message) => ({ step: step.key, message })));
  }
  const office = officeSchema.safeParse(sop.office);
  if (office.success) problems.push(...officeProblems(office.data).map((message) => ({ message })));

  // Graph checks only make sense from a real start and along edges that point somewhere real.
  const edgesKnown = [...steps.values()].every((step) => successors(step).every(isTarget));
  if (!steps.has(sop.startStep) || !edgesKnown) return problems;

  const reachable = reachableFrom(sop.startStep, steps);
  for (const key of steps.keys()) {
    if (!reachable.has(key)) {
      problems.push({
        step: key,
        message: `Langkah "${key}" tidak dapat dicapai dari langkah awal "${sop.startStep}".`,
      });
    }
  }
  if (registerNumberAt !== undefined && steps.has(registerNumberAt)) {
    // Every way through the SOP passes the numbering step: no complaint ends handled but unnumbered.
    const isNumbering = (step: SopStep) => step.key === registerNumberAt;
    const endsUnnumbered = [...reachableFrom(sop.startStep, steps, isNumbering)].some(
      (key) => key !== registerNumberAt && successors(steps.get(key) as SopStep).includes(END),
    );
    if (endsUnnumbered) {
      problems.push({
        step: registerNumberAt,
        message: `Langkah pemberian nomor register "${registerNumberAt}" dapat dilewati: ada jalan ke ${END} tanpa melalui langkah itu.`,
      });
    }
  }
  for (const cycle of cyclesWithoutExit(steps)) {
    const names = cycle.map((key) => `"${key}"`).join(', ');
    problems.push({
      step: cycle[0],
      message:
        cycle.length === 1
          ? `Langkah ${names} berputar pada dirinya sendiri tanpa jalan keluar ke ${END}.`
          : `Langkah ${names} membentuk siklus tanpa jalan keluar ke ${END}.`,
    });
  }
  for (const step of steps.values()) {
    const shared = step.sharesBakuMutuWith;
    if (shared === undefined || shared === step.key || !steps.has(shared)) continue;
    if (reachableWithout(sop, steps, shared).has(step.key)) {
      problems.push({
        step: step.key,
        message:
          `Langkah "${step.key}" berbagi baku mutu dengan langkah "${shared}", tetapi dapat dicapai tanpa melalui ` +
          `langkah "${shared}": langkah itu harus selalu mendahuluinya.`,
      });
    }
  }
  for (const key of signStepsWithoutDraft(sop, steps)) {
    problems.push({
      step: key,
      message: `Langkah "${key}" (sign) dapat dicapai tanpa langkah draft_answer sebelumnya: tidak ada jawaban untuk ditandatangani.`,
    });
  }
  return problems;
}

function stepProblems(step: SopStep, isTarget: (key: string) => boolean): string[] {
  const problems: string[] = [];
  const outcomes = ACTION_OUTCOMES[step.action];
  const handled = new Set<string>();
  let defaults = 0;
  for (const transition of step.transitions) {
    if (!isTarget(transition.to)) {
      problems.push(`Langkah "${step.key}": transisi menuju langkah "${transition.to}" yang tidak dikenal.`);
    }
    if (transition.when === undefined) {
      defaults += 1;
      continue;
    }
    if (!outcomes.includes(transition.when)) {
      problems.push(
        `Langkah "${step.key}": hasil "${transition.when}" bukan hasil tindakan ${step.action} (${outcomes.join(', ')}).`,
      );
    } else if (handled.has(transition.when)) {
      problems.push(`Langkah "${step.key}": lebih dari satu transisi untuk hasil "${transition.when}".`);
    }
    handled.add(transition.when);
  }
  if (defaults > 1) problems.push(`Langkah "${step.key}": lebih dari satu transisi bawaan (tanpa syarat "when").`);
  if (defaults === 0) {
    const engineHandled = ENGINE_HANDLED_OUTCOMES[step.action] ?? [];
    for (const outcome of outcomes) {
      if (!handled.has(outcome) && !engineHandled.includes(outcome)) {
        problems.push(
          `Langkah "${step.key}" (${step.action}) tidak menangani hasil "${outcome}": tambahkan transisi untuk hasil itu atau transisi bawaan.`,
        );
      }
    }
  }
  if (step.onTimeout.kind === 'transition' && !isTarget(step.onTimeout.to)) {
    problems.push(
      `Langkah "${step.key}": aturan batas waktu menuju langkah "${step.onTimeout.to}" yang tidak dikenal.`,
    );
  }
  return problems;
}

/** A shared baku mutu must name another existing step and be that step's baku mutu. */
function sharedBakuMutuProblems(step: SopStep, steps: ReadonlyMap<string, SopStep>): string[] {
  const shared = step.sharesBakuMutuWith;
  if (shared === undefined) return [];
  if (shared === step.key) return [`Langkah "${step.key}" tidak dapat berbagi baku mutu dengan dirinya sendiri.`];
  const other = steps.get(shared);
  if (!other) return [`Langkah "${step.key}": berbagi baku mutu dengan langkah "${shared}" yang tidak dikenal.`];
  // The graph-only pass (a malformed SOP) has no baku mutu to compare.
  if (step.bakuMutu && other.bakuMutu && bakuMutuLabel(step.bakuMutu) !== bakuMutuLabel(other.bakuMutu)) {
    return [
      `Langkah "${step.key}": baku mutu ${bakuMutuLabel(step.bakuMutu)} harus sama dengan baku mutu langkah ` +
        `"${shared}" (${bakuMutuLabel(other.bakuMutu)}) yang dipakai bersama.`,
    ];
  }
  return [];
}

/** Problems of an office's hours, breaks and closures (its shape is the schema's). */
export function officeProblems(office: Office): string[] {
  const problems: string[] = [];
  const byDay = new Map<number, OfficeHours[]>();
  for (const hours of office.officeHours) {
    const day = WEEKDAY_NAMES[hours.weekday];
    if (minutesOf(hours.end) <= minutesOf(hours.start)) {
      problems.push(`Jam kantor hari ${day}: jam selesai ${hours.end} harus setelah jam mulai ${hours.start}.`);
      continue;
    }
    const sameDay = byDay.get(hours.weekday) ?? [];
    for (const other of sameDay) {
      if (minutesOf(hours.start) < minutesOf(other.end) && minutesOf(other.start) < minutesOf(hours.end)) {
        problems.push(
          `Jam kantor hari ${day}: ${hours.start}–${hours.end} bertumpang tindih dengan ${other.start}–${other.end}.`,
        );
      }
    }
    byDay.set(hours.weekday, [...sameDay, hours]);
    let previousEnd = minutesOf(hours.start);
    for (const pause of [...(hours.breaks ?? [])].sort((a, b) => minutesOf(a.start) - minutesOf(b.start))) {
      const range = `${pause.start}–${pause.end}`;
      if (minutesOf(pause.end) <= minutesOf(pause.start)) {
        problems.push(`Istirahat hari ${day} ${range}: jam selesai harus setelah jam mulai.`);
      } else if (minutesOf(pause.start) <= minutesOf(hours.start) || minutesOf(pause.end) >= minutesOf(hours.end)) {
        problems.push(`Istirahat hari ${day} ${range} harus berada di dalam jam kantor ${hours.start}–${hours.end}.`);
      } else if (minutesOf(pause.start) < previousEnd) {
        problems.push(`Istirahat hari ${day} ${range} bertumpang tindih dengan istirahat lain.`);
      }
      previousEnd = Math.max(previousEnd, minutesOf(pause.end));
    }
  }
  for (const date of office.closures) {
    // The schema checks the format; this catches dates such as 2025-02-30.
    if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      problems.push(`Tanggal libur kantor ${date} tidak ada di kalender.`);
    }
  }
  return problems;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Where a step can go next: its transitions and its timeout transition (END included). */
function successors(step: SopStep): string[] {
  const targets = step.transitions.map((transition) => transition.to);
  if (step.onTimeout.kind === 'transition') targets.push(step.onTimeout.to);
  return targets;
}

function reachableFrom(
  start: string,
  steps: ReadonlyMap<string, SopStep>,
  avoid?: (step: SopStep) => boolean,
): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const key = queue.shift() as string;
    const step = steps.get(key);
    if (!step || seen.has(key)) continue;
    seen.add(key);
    if (avoid?.(step)) continue; // reached, but not passed through
    queue.push(...successors(step));
  }
  return seen;
}

/**
 * Steps from which END cannot be reached, grouped into the cycles that trap them (strongly
 * connected sets with a loop). Every step has a transition, so such a step always leads into one.
 */
function cyclesWithoutExit(steps: ReadonlyMap<string, SopStep>): string[][] {
  const canEnd = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const step of steps.values()) {
      if (canEnd.has(step.key)) continue;
      if (successors(step).some((target) => target === END || canEnd.has(target))) {
        canEnd.add(step.key);
        changed = true;
      }
    }
  }
  const trapped = [...steps.keys()].filter((key) => !canEnd.has(key));
  const components = stronglyConnected(trapped, (key) => successors(steps.get(key) as SopStep));
  return components.filter(
    (component) => component.length > 1 || successors(steps.get(component[0]) as SopStep).includes(component[0]),
  );
}

/** Tarjan's algorithm over the given nodes (edges leaving the set are ignored). */
function stronglyConnected(nodes: readonly string[], edges: (node: string) => readonly string[]): string[][] {
  const inSet = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges(node)) {
      if (!inSet.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.reverse());
    }
  };

  for (const node of nodes) if (!index.has(node)) visit(node);
  return components;
}

/**
 * Steps a complaint can reach without passing through `barrier`: from the start step, and from the
 * reopen step (a reopened complaint enters the SOP there).
 */
function reachableWithout(sop: SopDefinition, steps: ReadonlyMap<string, SopStep>, barrier: string): Set<string> {
  const isBarrier = (step: SopStep) => step.key === barrier;
  return new Set([
    ...reachableFrom(sop.startStep, steps, isBarrier),
    ...reachableFrom(sop.policies.reopenStep, steps, isBarrier),
  ]);
}

/**
 * A `sign` step needs a drafted answer: the engine refuses to sign nothing. A complaint enters the
 * SOP at the start step and, when reopened (its answer cleared), at the reopen step.
 */
function signStepsWithoutDraft(sop: SopDefinition, steps: ReadonlyMap<string, SopStep>): string[] {
  const isDraft = (step: SopStep) => step.action === 'draft_answer';
  const exposed = new Set([
    ...reachableFrom(sop.startStep, steps, isDraft),
    // An unknown reopen step is reported on its own; reachableFrom then finds nothing.
    ...reachableFrom(sop.policies.reopenStep, steps, isDraft),
  ]);
  return [...exposed].filter((key) => steps.get(key)?.action === 'sign');
}

interface IssueLike {
  path: PropertyKey[];
  message: string;
}

/** Renders a schema issue with its path, naming the step by key where the path is inside a step. */
function describeIssue(input: unknown, issue: IssueLike): SopProblem {
  const path = issue.path.map(String);
  if (path[0] === 'steps' && path.length >= 2) {
    const step = isRecord(input) && Array.isArray(input.steps) ? input.steps[Number(path[1])] : undefined;
    const key = isRecord(step) && typeof step.key === 'string' ? step.key : `#${Number(path[1]) + 1}`;
    const field = path.slice(2).join('.');
    return { step: key, message: `Langkah "${key}"${field ? ` (${field})` : ''}: ${issue.message}` };
  }
  return { message: path.length > 0 ? `${path.join('.')}: ${issue.message}` : issue.message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
