import { z } from 'zod';
import { READ_ONLY_ROLES, STAFF_ROLES } from './roles';
import { ACTION_KINDS, DURATION_UNITS, RECAP_ACTION_KINDS } from './sop-model';

/**
 * The SOP schema. An SOP is data: validated by this schema (shape) and by `validateSop` (meaning),
 * then snapshotted whole into each complaint's workflow input, so a complaint keeps the rules it
 * started with. Its constants and the lookups workflows use live in `sop-model.ts`, free of zod.
 */

const roleSchema = z.enum(STAFF_ROLES);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'jam harus berformat HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'tanggal harus berformat YYYY-MM-DD');

export const bakuMutuSchema = z.object({
  amount: z.number().positive('baku mutu harus lebih dari nol'),
  unit: z.enum(DURATION_UNITS),
});
export type BakuMutu = z.infer<typeof bakuMutuSchema>;

/** A break within a working day (istirahat): not working time. */
export const officeBreakSchema = z.object({ start: timeOfDay, end: timeOfDay });
export type OfficeBreak = z.infer<typeof officeBreakSchema>;

export const officeHoursSchema = z.object({
  /** ISO weekday 1 = Monday … 7 = Sunday; a day missing here is not a working day. */
  weekday: z.number().int().min(1).max(7),
  start: timeOfDay,
  end: timeOfDay,
  /** Breaks inside start–end (istirahat, Friday prayers); absent = none. */
  breaks: z.array(officeBreakSchema).optional(),
});
export type OfficeHours = z.infer<typeof officeHoursSchema>;

export const officeSchema = z.object({
  code: z.string().regex(/^[A-Z0-9-]{2,32}$/, 'kode kantor: huruf besar, angka, tanda hubung'),
  name: z.string().min(3),
  kind: z.enum(['kecamatan', 'dinas', 'ppid']),
  /** The kabupaten/kota the office belongs to (e.g. `KAB-KARANGANYAR`), the scope of its regional admins. */
  region: z
    .string()
    .regex(/^[A-Z0-9-]{2,40}$/, 'kode wilayah: huruf besar, angka, tanda hubung')
    .optional(),
  /** IANA zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT). */
  timeZone: z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']),
  officeHours: z.array(officeHoursSchema).min(1),
  /** Office closures beyond the national holidays, e.g. cuti bersama. */
  closures: z.array(isoDate).default([]),
  /** Register number pattern; tokens {seq}, {office}, {year}. */
  registerNumberFormat: z.string().default('000.8.3.3/{seq}/{office}/{year}'),
});
export type Office = z.infer<typeof officeSchema>;

export const transitionSchema = z.object({
  to: z.string().min(1),
  /** The action outcome this transition is taken on; absent = the default transition. */
  when: z.string().optional(),
});
export type Transition = z.infer<typeof transitionSchema>;

export const timeoutRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keep_waiting') }),
  z.object({ kind: z.literal('transition'), to: z.string().min(1) }),
]);
export type TimeoutRule = z.infer<typeof timeoutRuleSchema>;

export const sopStepSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'kunci langkah: huruf kecil, angka, garis bawah'),
  title: z.string().min(3),
  actorRoles: z.array(roleSchema).min(1, 'langkah harus punya pelaksana'),
  action: z.enum(ACTION_KINDS),
  bakuMutu: bakuMutuSchema,
  output: z.string().min(1),
  transitions: z.array(transitionSchema).min(1),
  onTimeout: timeoutRuleSchema.default({ kind: 'keep_waiting' }),
  escalationRoles: z.array(roleSchema).min(1),
  /** Kelengkapan: what the step needs (documents, equipment), as the SOP sheet lists it. */
  requirements: z.array(z.string().min(1)).optional(),
  /** Keterangan column of the SOP sheet (e.g. a related SOP). */
  note: z.string().min(1).optional(),
  /**
   * Key of an earlier step whose baku mutu this step shares: both together must finish within it
   * (Palaran: the Camat's decision with its rapat, "maksimal 10 hari" in total). The step runs
   * against the deadline of that step's latest run; its own `bakuMutu` must be the same one.
   */
  sharesBakuMutuWith: z.string().min(1).optional(),
});
export type SopStep = z.infer<typeof sopStepSchema>;

export const sopPoliciesSchema = z.object({
  /** Fraction of the baku mutu after which a reminder goes out (0 disables reminders). */
  reminderFraction: z.number().min(0).max(0.99).default(0.8),
  /** How long a complaint may wait in tunda for the complainant before it closes as incomplete. */
  tundaLimit: bakuMutuSchema.default({ amount: 14, unit: 'working_days' }),
  /** How long after delivery the complainant may rate or reopen the answer. */
  reopenWindow: bakuMutuSchema.default({ amount: 5, unit: 'working_days' }),
  /** Step a reopened complaint returns to. */
  reopenStep: z.string().min(1),
  /**
   * The step whose completed action gives the register number (PPID step 2: "menerima aduan ...
   * dan pemberian nomor register"). Absent: the number is given at submission.
   */
  registerNumberAt: z.string().min(1).optional(),
});
export type SopPolicies = z.infer<typeof sopPoliciesSchema>;

/** A step of a monthly recap: run once a month over all complaints of the office, in the listed order. */
export const recapStepSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'kunci langkah: huruf kecil, angka, garis bawah'),
  title: z.string().min(3),
  actorRoles: z.array(roleSchema).min(1, 'langkah harus punya pelaksana'),
  action: z.enum(RECAP_ACTION_KINDS),
  bakuMutu: bakuMutuSchema,
  output: z.string().min(1),
  escalationRoles: z.array(roleSchema).min(1),
  /** Kelengkapan, as on the SOP sheet. */
  requirements: z.array(z.string().min(1)).optional(),
});
export type RecapStep = z.infer<typeof recapStepSchema>;

export const monthlyRecapSchema = z.object({
  steps: z
    .array(recapStepSchema)
    .min(1)
    .refine((steps) => new Set(steps.map((step) => step.key)).size === steps.length, 'kunci langkah rekap harus unik'),
});
export type MonthlyRecap = z.infer<typeof monthlyRecapSchema>;

/**
 * The identity part of the SOP sheet an office publishes (Permenpan RB 35/2012): who issued it,
 * its dates and approval, legal basis, qualifications, related SOPs, equipment, warning, records.
 * Optional: it documents the SOP; the engine runs on the steps.
 */
export const sopSheetSchema = z.object({
  /** Header lines, e.g. ["PEMERINTAH KOTA SAMARINDA", "KECAMATAN PALARAN"]. */
  organization: z.array(z.string().min(1)).default([]),
  /** Bidang / seksi / unit that runs the SOP. */
  unit: z.string().min(1).optional(),
  madeDate: isoDate.optional(),
  revisedDate: isoDate.optional(),
  /** Who approved it (jabatan, nama, NIP) as written on the sheet. */
  approvedBy: z.string().min(1).optional(),
  legalBasis: z.array(z.string().min(1)).default([]),
  qualifications: z.array(z.string().min(1)).default([]),
  relatedSops: z.array(z.string().min(1)).default([]),
  equipment: z.array(z.string().min(1)).default([]),
  warning: z.string().min(1).optional(),
  records: z.array(z.string().min(1)).default([]),
});
export type SopSheet = z.infer<typeof sopSheetSchema>;

export const sopDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'id SOP: huruf kecil, angka, tanda hubung'),
  version: z.number().int().positive(),
  title: z.string().min(3),
  sopNumber: z.string().min(1),
  /** The SOP's own effective date (Tgl efektif/pengesahan); absent when the document has none. */
  effectiveDate: isoDate.optional(),
  office: officeSchema,
  /** Where the SOP came from (the seed document), for auditors. */
  source: z.string().min(1),
  startStep: z.string().min(1),
  steps: z.array(sopStepSchema).min(1),
  supervisorRoles: z.array(z.enum([...STAFF_ROLES, ...READ_ONLY_ROLES])).min(1),
  policies: sopPoliciesSchema,
  /** Steps run once a month over all complaints of the office (absent: the office has no monthly recap). */
  monthlyRecap: monthlyRecapSchema.optional(),
  /** The identity table of the published SOP sheet. */
  sheet: sopSheetSchema.optional(),
});
export type SopDefinition = z.infer<typeof sopDefinitionSchema>;
/** What catalog authors write: defaults may be left out. */
export type SopDefinitionInput = z.input<typeof sopDefinitionSchema>;
