/**
 * The monthly recap (seed 002 steps 5–7): once a month the office recaps all complaints of the
 * previous month, the head evaluates the recap and the admin archives the head's disposition. The
 * step definitions are part of the SOP (`monthlyRecap`, see sop.ts); this module holds the action
 * payloads, the recap document and the workflow state. Pure and deterministic (workflow-safe).
 */
import { z } from 'zod';
import { acrossWorkflows } from './across-workflows';
import { actorSchema, LIMITS, optionalText, requestIdSchema, stepKeySchema, text, type Actor } from './complaint';
import type { BakuMutu, Office, RecapStep } from './sop';
import type { RecapActionKind } from './sop-model';

const LIMIT_NOTE = 4000;

// Built once per worker thread, not per workflow (see across-workflows.ts).

/** The payload of each recap action, one per recap action kind. */
export const recapActionSchema = acrossWorkflows('recap.recapActionSchema', () =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('compile'), note: optionalText(LIMIT_NOTE, 'catatan rekap') }),
    z.object({
      kind: z.literal('evaluate'),
      /** The head's decision: the month needs an evaluation (follow-up) or not. */
      evaluationNeeded: z.boolean(),
      notes: text(LIMIT_NOTE, 'catatan evaluasi'),
    }),
    z.object({ kind: z.literal('archive'), archiveRef: text(LIMITS.label, 'nomor arsip').optional() }),
  ]),
);
export type RecapAction = z.infer<typeof recapActionSchema>;

/** Envelope of a recap action: the request id doubles as the Workflow Update ID. */
export const recapActRequestSchema = acrossWorkflows('recap.recapActRequestSchema', () =>
  z.object({
    requestId: requestIdSchema,
    actor: actorSchema,
    stepKey: stepKeySchema,
    action: recapActionSchema,
  }),
);
export type RecapActRequest = z.infer<typeof recapActRequestSchema>;

/** A calendar month of an office (month 1–12). */
export interface RecapMonth {
  year: number;
  month: number;
}

/** Which month a recap covers: the month before the start instant (schedules), or a given one. */
export type RecapPeriod = 'previous_month' | RecapMonth;

/** Fixed UTC offsets of the Indonesian zones (no daylight saving time in Indonesia). */
export const OFFICE_UTC_OFFSET_HOURS: Record<Office['timeZone'], number> = {
  'Asia/Jakarta': 7, // WIB
  'Asia/Makassar': 8, // WITA
  'Asia/Jayapura': 9, // WIT
};

/** The office-local month containing `instant`. */
export function monthAt(instant: Date, timeZone: Office['timeZone']): RecapMonth {
  const local = new Date(instant.getTime() + OFFICE_UTC_OFFSET_HOURS[timeZone] * 3_600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

/** The office-local month before the one containing `instant`. */
export function previousMonthAt(instant: Date, timeZone: Office['timeZone']): RecapMonth {
  const { year, month } = monthAt(instant, timeZone);
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** `YYYY-MM`. */
export function monthLabel({ year, month }: RecapMonth): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The month's bounds as UTC instants (inclusive start, exclusive end) for an office zone. */
export function monthBounds(period: RecapMonth, timeZone: Office['timeZone']): { from: string; to: string } {
  const offsetMs = OFFICE_UTC_OFFSET_HOURS[timeZone] * 3_600_000;
  const from = Date.UTC(period.year, period.month - 1, 1) - offsetMs;
  const to = Date.UTC(period.year, period.month, 1) - offsetMs;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The recap document computed from the read model (complaints submitted in the month, office zone). */
export interface MonthlyRecapSummary {
  officeCode: string;
  year: number;
  month: number;
  timeZone: Office['timeZone'];
  /** UTC bounds of the month in the office zone: [from, to). */
  from: string;
  to: string;
  total: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  byType: Record<string, number>;
  byCategory: Record<string, number>;
  /** Complaints whose answer was delivered (status dijawab/selesai, or an answer delivery recorded). */
  answered: number;
  closed: number;
  breached: number;
  /** Register numbers of the complaints that missed a baku mutu, sorted. */
  breachedRegisterNumbers: string[];
  /** Mean calendar minutes from submission to the delivered answer, over answered complaints; null if none. */
  averageMinutesToAnswer: number | null;
  /** Mean calendar minutes from submission to closing, over closed complaints; null if none. */
  averageMinutesToClose: number | null;
  generatedAt: string;
  /**
   * Head of the office's archive register of the recap's year when the recap was built, so the head is
   * kept outside the database on the printed recap (absent in recaps built before the register existed).
   */
  archiveRegisterHead?: { entries: number; lastSeq: number; headDigest: string | null };
}

export interface RecapActionRecord {
  requestId: string;
  stepKey: string;
  kind: RecapActionKind;
  actor: Actor;
  at: string;
  input: RecapAction;
}

export interface RecapActiveStep {
  key: string;
  title: string;
  action: RecapActionKind;
  actorRoles: string[];
  bakuMutu: BakuMutu;
  startedAt: string;
  dueAt?: string;
  reminderAt?: string;
  breached: boolean;
}

export type RecapStatus = 'computing' | 'in_progress' | 'archived' | 'delegated';

export interface RecapState {
  officeCode: string;
  year: number;
  month: number;
  status: RecapStatus;
  startedAt: string;
  summary?: MonthlyRecapSummary;
  currentStep?: RecapActiveStep;
  completedSteps: (Omit<RecapActiveStep, 'reminderAt'> & { completedAt: string; by: Actor })[];
  actions: RecapActionRecord[];
  breaches: { stepKey: string; dueAt: string; detectedAt: string; escalatedTo: string[] }[];
  compileNote?: string;
  evaluation?: { evaluationNeeded: boolean; notes: string; by: Actor; at: string };
  archive?: { archiveRef: string; digest: string; archivedAt: string };
}

/** Steps of the recap in order, as the workflow runs them. */
export type RecapSteps = readonly RecapStep[];
