import type { BakuMutu, SopDefinition, SopStep } from './sop';

/**
 * The SOP model without its schema: the constants, lookups and labels that workflow code uses at
 * run time. Workflows import from here, never from `sop.ts`: every workflow the worker creates
 * evaluates its imports again, and building the SOP's zod schemas cost ~13 ms CPU each time.
 * `sop.ts` builds the schema on these constants.
 */

export const ACTION_KINDS = [
  'register', // receive and record in the register book / system
  'verify', // accept, tunda (hold for the complainant), bukan wewenang (not ours), reject
  'classify', // type, category, confidentiality, PPID authority
  'dispose', // disposisi: to a section, with instructions (lembar disposisi)
  'review', // read, give input/advice (Sekcam to Camat), hand over; may call for coordination (koordinasi)
  'clarify', // clarification, investigation, corrective action
  'coordinate', // with the PPID, a section, the OPD admins' group
  'forward', // forward to the group or directly to an OPD admin
  'decide', // the Camat's decision, optionally requiring a rapat
  'rapat', // the rapat's result: minutes, participants, decision
  'draft_answer', // draft the answer (surat jawaban)
  'sign', // sign/approve the answer, or send it back for revision
  'deliver', // deliver the answer to the complainant, with a receipt (tanda terima)
  'archive', // archive the handled complaint
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Outcomes an action can produce; transitions choose the next step by outcome. */
export const ACTION_OUTCOMES: Record<ActionKind, readonly string[]> = {
  register: ['done'],
  verify: ['accepted', 'tunda', 'bukan_wewenang', 'rejected'],
  classify: ['own', 'ppid'],
  dispose: ['done'],
  review: ['done', 'koordinasi'],
  clarify: ['done'],
  coordinate: ['done'],
  forward: ['done'],
  decide: ['decided', 'rapat'],
  rapat: ['done'],
  draft_answer: ['done'],
  sign: ['approved', 'revise'],
  deliver: ['done'],
  archive: ['done'],
};

export const DURATION_UNITS = ['minutes', 'hours', 'working_days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** Target of a transition that ends the SOP. */
export const END = 'END' as const;

const BAKU_MUTU_UNIT_LABELS: Record<DurationUnit, string> = {
  minutes: 'menit',
  hours: 'jam',
  working_days: 'hari kerja',
};

/** "60 menit", "1 jam", "3 hari kerja": the baku mutu as staff read it. */
export function bakuMutuLabel(bakuMutu: BakuMutu): string {
  return `${bakuMutu.amount} ${BAKU_MUTU_UNIT_LABELS[bakuMutu.unit]}`;
}

/** Action kinds of the monthly recap's steps (seed 002 steps 5–7): recap, evaluate, archive the disposition. */
export const RECAP_ACTION_KINDS = ['compile', 'evaluate', 'archive'] as const;
export type RecapActionKind = (typeof RECAP_ACTION_KINDS)[number];

export function findStep(sop: SopDefinition, key: string): SopStep | undefined {
  return sop.steps.find((step) => step.key === key);
}
