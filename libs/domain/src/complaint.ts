import { z } from 'zod';
import { acrossWorkflows } from './across-workflows';
import { STAFF_ROLES } from './roles';
import type { BakuMutu } from './sop';
import type { ActionKind } from './sop-model';

/** Channels a complaint arrives by (and an answer is delivered by). */
export const CHANNELS = [
  'langsung', // in person at the front office
  'surat', // written letter
  'telepon',
  'sms',
  'whatsapp',
  'email',
  'website',
  'facebook',
  'twitter',
  'instagram',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const COMPLAINT_TYPES = ['pengaduan', 'aspirasi', 'permintaan_informasi'] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

/**
 * The maximum length (in UTF-16 code units, after normalisation) of every text a complaint carries.
 * Identifiers are bounded too: nothing a client sends is stored or echoed without a limit.
 */
export const LIMITS = {
  subject: 200,
  content: 10_000,
  attachments: 10,
  note: 4_000,
  answer: 20_000,
  /** Short labels: names, units, parties, targets, categories, references. */
  label: 200,
  address: 500,
  receipt: 500,
  requestId: 100,
  stepKey: 64,
  userId: 100,
  officeCode: 32,
  participants: 100,
} as const;

// --- Text policy -----------------------------------------------------------------------------------
// One policy for every free text, enforced by these schemas in the gateway (before Temporal) and in
// the workflow's update validators (so a signal or a direct Temporal client cannot bypass it):
// line breaks unified to \n, NFC-normalised and trimmed; NUL, other control characters (except
// newline and tab) and lone surrogates refused, since PostgreSQL cannot store them and terminals
// obey them; text of only whitespace and zero-width characters counts as blank.

/** C0 controls except tab (\u0009) and newline (\u000A), DEL and the C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What a blank text may consist of: whitespace and invisible zero-width characters. */
const BLANK = /^[\s\u00AD\u180E\u200B-\u200D\u2060\uFEFF]*$/;

/**
 * Zod's Indonesian messages, for the checks a schema does not word itself (wrong type, unknown key):
 * pass as `schema.safeParse(value, { error: indonesianIssueMessages })` so no English default leaks.
 */
export const indonesianIssueMessages = acrossWorkflows(
  'complaint.indonesianIssueMessages',
  () => z.locales.id().localeError,
);

/** Why a raw text breaks the policy, or undefined when it may be kept. */
export function unsafeTextReason(value: string): string | undefined {
  const unified = value.replace(/\r\n?/g, '\n');
  if (unified.includes('\u0000')) return 'memuat karakter NUL';
  if (LONE_SURROGATE.test(unified)) return 'memuat karakter Unicode yang tidak utuh (surrogate tunggal)';
  if (CONTROL_CHARACTER.test(unified)) return 'memuat karakter kontrol (selain baris baru dan tab)';
  return undefined;
}

const UNSAFE_CHARACTERS = new RegExp(`${CONTROL_CHARACTER.source}|${LONE_SURROGATE.source}`, 'g');

/**
 * Text the policy never accepted (a refused request, a record from elsewhere) made safe to store
 * and to print: what the policy refuses becomes U+FFFD; newline and tab stay.
 */
export function replaceUnsafeCharacters(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARACTERS, '\uFFFD');
}

/** The stored form of an accepted text: \n line breaks, NFC, trimmed; zero-width-only text becomes empty. */
export function normalizeText(value: string): string {
  const normalized = value.replace(/\r\n?/g, '\n').normalize('NFC').trim();
  return BLANK.test(normalized) ? '' : normalized;
}

/**
 * A string under the text policy, at most `max` long; `required` refuses blank text.
 *
 * Built from few schemas, its checks passed at construction: each chained call (refine, transform,
 * min, max) builds a whole new schema (a complaint's requests have dozens of text fields). The
 * request schemas below are built once per worker thread (`acrossWorkflows`), not per workflow. The
 * pipe stops at a wrong type or unsafe text, so such a value gets one issue and its length is never
 * judged.
 */
function policyText(label: string, max: number, required: boolean) {
  const refuseUnsafe = z.superRefine<string>((value, context) => {
    const reason = unsafeTextReason(value);
    if (reason) context.addIssue({ code: 'custom', message: `${label} ${reason}` });
  });
  const tooLong = z.maxLength(max, `${label} paling banyak ${max} karakter`);
  return z
    .string({ error: `${label} harus berupa teks`, checks: [refuseUnsafe, z.overwrite(normalizeText)] })
    .pipe(z.string({ checks: required ? [z.minLength(1, `${label} wajib diisi`), tooLong] : [tooLong] }));
}

/** Required text (blank refused). */
export const text = (max: number, label: string) => policyText(label, max, true);
/** Optional text: absent, or any text under the policy (blank is kept as an empty string). */
export const optionalText = (max: number, label: string) => policyText(label, max, false).optional();

/** An identifier a client chooses (request ids): printable ASCII only, bounded. */
const identifier = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} harus berupa teks` })
    .regex(
      new RegExp(`^[A-Za-z0-9._:-]{${min},${max}}$`),
      `${label} harus ${min}–${max} karakter: huruf, angka, titik, garis bawah, titik dua atau tanda minus`,
    );

/** The request id of every action (also the Workflow Update ID). */
export const requestIdSchema = acrossWorkflows('complaint.requestIdSchema', () =>
  identifier('requestId', 8, LIMITS.requestId),
);
/** A step key as the SOP defines it (lower-case letters, digits, underscores). */
export const stepKeySchema = acrossWorkflows('complaint.stepKeySchema', () =>
  z
    .string({ error: 'stepKey harus berupa teks' })
    .regex(/^[a-z][a-z0-9_]*$/, 'stepKey tidak valid: huruf kecil, angka dan garis bawah')
    .max(LIMITS.stepKey, `stepKey paling banyak ${LIMITS.stepKey} karakter`),
);

export const attachmentRefSchema = acrossWorkflows('complaint.attachmentRefSchema', () =>
  z.object({
    /** Where the file is stored (object storage key or URL); files never travel in payloads. */
    ref: text(500, 'referensi lampiran'),
    name: text(LIMITS.label, 'nama lampiran'),
    mimeType: text(100, 'jenis berkas'),
    sizeBytes: z
      .number()
      .int()
      .nonnegative()
      .max(25 * 1024 * 1024, 'ukuran lampiran paling besar 25 MB'),
  }),
);
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

export const complainantSchema = acrossWorkflows('complaint.complainantSchema', () =>
  z
    .object({
      anonymous: z.boolean(),
      name: optionalText(LIMITS.label, 'nama pelapor'),
      phone: z
        .string()
        .regex(/^\+?[0-9 -]{6,20}$/, 'nomor telepon tidak valid')
        .optional(),
      email: z
        .string()
        .email('alamat email tidak valid')
        .max(200, 'alamat email paling banyak 200 karakter')
        .optional(),
      address: optionalText(LIMITS.address, 'alamat pelapor'),
      /** The complainant agreed to be notified at the e-mail/phone given; without it nothing is sent to them. */
      notificationConsent: z.boolean().optional(),
    })
    .refine((c) => c.anonymous || (c.name !== undefined && c.name.length > 0), {
      message: 'nama pelapor wajib diisi kecuali aduan anonim',
    }),
);
export type Complainant = z.infer<typeof complainantSchema>;

export const submissionSchema = acrossWorkflows('complaint.submissionSchema', () =>
  z.object({
    channel: z.enum(CHANNELS, { error: `saluran harus salah satu dari: ${CHANNELS.join(', ')}` }),
    complainant: complainantSchema,
    /** Confidential complaints hide the complainant's identity from everyone but the handling roles. */
    confidential: z.boolean().default(false),
    subject: text(LIMITS.subject, 'perihal'),
    content: text(LIMITS.content, 'isi aduan'),
    location: optionalText(LIMITS.address, 'lokasi'),
    attachments: z
      .array(attachmentRefSchema)
      .max(LIMITS.attachments, `lampiran paling banyak ${LIMITS.attachments}`)
      .default([]),
  }),
);
export type Submission = z.infer<typeof submissionSchema>;

/** A SHA-256 digest in lower-case hex. */
const sha256HexSchema = (label: string) =>
  z.string({ error: `${label} wajib diisi` }).regex(/^[0-9a-f]{64}$/, `${label} harus SHA-256 dalam heksadesimal`);

/** The submit Update sent with the start: the digest binding the clientRequestId to submitter and payload. */
export const submitRequestSchema = acrossWorkflows('complaint.submitRequestSchema', () =>
  z.object({ submissionDigest: sha256HexSchema('sidik pengajuan') }),
);

/**
 * A complaint's start input besides its SOP (which comes from the published catalog): what the
 * workflow checks, so a direct Temporal client is held to the same policy as the gateway.
 */
export const complaintStartSchema = acrossWorkflows('complaint.complaintStartSchema', () =>
  z.object({
    complaintId: z
      .string({ error: 'complaintId wajib diisi' })
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'complaintId harus UUID'),
    submission: submissionSchema,
    trackingCodeHash: sha256HexSchema('hash kode pelacakan'),
    submissionDigest: sha256HexSchema('sidik pengajuan').optional(),
  }),
);
export type SubmissionInput = z.input<typeof submissionSchema>;

/** Who performs an action. Staff come from a verified JWT; the complainant from a tracking code. */
export const actorSchema = acrossWorkflows('complaint.actorSchema', () =>
  z.object({
    userId: text(LIMITS.userId, 'ID pengguna'),
    name: text(LIMITS.label, 'nama petugas'),
    /** The role the actor acts in; it must be one of the roles the step allows. */
    role: z.enum([...STAFF_ROLES, 'pemohon'], { error: 'peran tidak dikenal' }),
    officeCode: text(LIMITS.officeCode, 'kode kantor'),
  }),
);
export type Actor = z.infer<typeof actorSchema>;

/** The payload of each human action, one per SOP action kind. */
export const actionInputSchema = acrossWorkflows('complaint.actionInputSchema', () =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('register'), note: optionalText(LIMITS.note, 'catatan') }),
    z.object({
      kind: z.literal('verify'),
      outcome: z.enum(['accepted', 'tunda', 'bukan_wewenang', 'rejected'], {
        error: 'hasil verifikasi harus accepted, tunda, bukan_wewenang atau rejected',
      }),
      /** Why: required for every outcome but `accepted`. */
      reason: optionalText(LIMITS.note, 'alasan'),
      /** For `bukan_wewenang`: the authority the complaint belongs to. */
      forwardTo: optionalText(LIMITS.label, 'instansi tujuan'),
    }),
    z.object({
      kind: z.literal('classify'),
      complaintType: z.enum(COMPLAINT_TYPES, {
        error: `jenis aduan harus salah satu dari: ${COMPLAINT_TYPES.join(', ')}`,
      }),
      category: text(100, 'kategori'),
      confidential: z.boolean(),
      underPpidAuthority: z.boolean(),
      note: optionalText(LIMITS.note, 'catatan'),
    }),
    z.object({
      kind: z.literal('dispose'),
      /** Section (bidang/seksi) that handles the complaint. */
      toUnit: text(LIMITS.label, 'seksi tujuan'),
      instructions: text(LIMITS.note, 'isi disposisi'),
    }),
    z.object({
      kind: z.literal('review'),
      advice: text(LIMITS.note, 'saran/masukan'),
      /** Bersifat kebijakan dan memerlukan koordinasi: outcome `koordinasi` (Selemadeg Timur A step 5 → 6). */
      needsCoordination: z.boolean().optional(),
    }),
    z.object({ kind: z.literal('clarify'), findings: text(LIMITS.note, 'hasil klarifikasi') }),
    z.object({
      kind: z.literal('coordinate'),
      withParty: text(LIMITS.label, 'pihak koordinasi'),
      result: text(LIMITS.note, 'hasil koordinasi'),
    }),
    z.object({
      kind: z.literal('forward'),
      target: text(LIMITS.label, 'tujuan penerusan'),
      note: optionalText(LIMITS.note, 'catatan'),
    }),
    z.object({
      kind: z.literal('decide'),
      decision: text(LIMITS.note, 'keputusan'),
      rapatRequired: z.boolean(),
    }),
    z.object({
      kind: z.literal('rapat'),
      heldAt: z.string().max(40).datetime({ offset: true, message: 'waktu rapat harus ISO 8601' }),
      participants: z
        .array(text(LIMITS.label, 'nama peserta'))
        .min(1, 'peserta rapat wajib diisi')
        .max(LIMITS.participants, `peserta rapat paling banyak ${LIMITS.participants}`),
      minutes: text(LIMITS.answer, 'notulen rapat'),
      decision: text(LIMITS.note, 'keputusan rapat'),
    }),
    z.object({ kind: z.literal('draft_answer'), answer: text(LIMITS.answer, 'jawaban') }),
    z.object({
      kind: z.literal('sign'),
      approved: z.boolean(),
      revisionNote: optionalText(LIMITS.note, 'catatan perbaikan'),
    }),
    z.object({
      kind: z.literal('deliver'),
      channel: z.enum(CHANNELS, { error: `saluran harus salah satu dari: ${CHANNELS.join(', ')}` }),
      /** Tanda terima: receipt reference or the recipient's acknowledgment. */
      receipt: text(LIMITS.receipt, 'tanda terima'),
      /** The answer, when the SOP has no drafting step before delivery. */
      answer: text(LIMITS.answer, 'jawaban').optional(),
    }),
    z.object({ kind: z.literal('archive'), archiveRef: optionalText(LIMITS.label, 'nomor arsip') }),
  ]),
);
export type ActionInput = z.infer<typeof actionInputSchema>;

/** Envelope of every staff action: the request id doubles as the Workflow Update ID. */
export const actionRequestSchema = acrossWorkflows('complaint.actionRequestSchema', () =>
  z.object({
    requestId: requestIdSchema,
    actor: actorSchema,
    stepKey: stepKeySchema,
    action: actionInputSchema,
  }),
);
export type ActionRequest = z.infer<typeof actionRequestSchema>;

export const noteRequestSchema = acrossWorkflows('complaint.noteRequestSchema', () =>
  z.object({
    requestId: requestIdSchema,
    actor: actorSchema,
    text: text(LIMITS.note, 'catatan'),
  }),
);
export type NoteRequest = z.infer<typeof noteRequestSchema>;

export const reassignRequestSchema = acrossWorkflows('complaint.reassignRequestSchema', () =>
  z.object({
    requestId: requestIdSchema,
    actor: actorSchema,
    stepKey: stepKeySchema,
    assigneeUserId: text(LIMITS.userId, 'ID petugas tujuan'),
    assigneeName: text(LIMITS.label, 'nama petugas tujuan'),
    reason: text(LIMITS.note, 'alasan'),
  }),
);
export type ReassignRequest = z.infer<typeof reassignRequestSchema>;

/** Complainant actions (through the public channel, after the gateway checked the tracking code). */
export const supplementRequestSchema = acrossWorkflows('complaint.supplementRequestSchema', () =>
  z.object({
    requestId: requestIdSchema,
    content: text(LIMITS.content, 'informasi tambahan'),
    attachments: z
      .array(attachmentRefSchema)
      .max(LIMITS.attachments, `lampiran paling banyak ${LIMITS.attachments}`)
      .default([]),
  }),
);
export type SupplementRequest = z.infer<typeof supplementRequestSchema>;

export const withdrawRequestSchema = acrossWorkflows('complaint.withdrawRequestSchema', () =>
  z.object({
    requestId: requestIdSchema,
    reason: text(LIMITS.note, 'alasan pencabutan'),
  }),
);
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;

export const rateRequestSchema = acrossWorkflows('complaint.rateRequestSchema', () =>
  z.object({
    requestId: requestIdSchema,
    score: z.number().int('nilai harus bilangan bulat').min(1, 'nilai paling kecil 1').max(5, 'nilai paling besar 5'),
    comment: optionalText(LIMITS.note, 'komentar'),
  }),
);
export type RateRequest = z.infer<typeof rateRequestSchema>;

export const reopenRequestSchema = acrossWorkflows('complaint.reopenRequestSchema', () =>
  z.object({
    requestId: requestIdSchema,
    reason: text(LIMITS.note, 'alasan membuka kembali'),
  }),
);
export type ReopenRequest = z.infer<typeof reopenRequestSchema>;

export const COMPLAINT_STATUSES = [
  'diterima', // submitted, in progress through the SOP
  'tunda', // held, waiting for the complainant to supply what is missing
  'dijawab', // answer delivered; rating/reopen window open
  'selesai', // handled and closed
  'ditolak', // rejected (spam, duplicate)
  'dialihkan', // bukan wewenang: forwarded/returned to the right authority
  'dicabut', // withdrawn by the complainant
  'tidak_lengkap', // closed: complainant did not supply what was missing in time
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const STATUS_LABELS: Record<ComplaintStatus, string> = {
  diterima: 'Sedang diproses',
  tunda: 'Menunggu kelengkapan dari pelapor',
  dijawab: 'Sudah dijawab',
  selesai: 'Selesai',
  ditolak: 'Ditolak',
  dialihkan: 'Dialihkan ke instansi berwenang',
  dicabut: 'Dicabut oleh pelapor',
  tidak_lengkap: 'Ditutup karena tidak lengkap',
};

/** Statuses in which no staff action is accepted any more. */
export const CLOSED_STATUSES: readonly ComplaintStatus[] = [
  'selesai',
  'ditolak',
  'dialihkan',
  'dicabut',
  'tidak_lengkap',
];

export interface ActiveStep {
  key: string;
  title: string;
  action: ActionKind;
  actorRoles: string[];
  bakuMutu: BakuMutu;
  startedAt: string;
  /** Set once the deadline activity has computed it from the office's business calendar. */
  dueAt?: string;
  reminderAt?: string;
  breached: boolean;
  assignee?: { userId: string; name: string };
}

export interface CompletedStep {
  key: string;
  title: string;
  action: ActionKind;
  startedAt: string;
  dueAt?: string;
  completedAt: string;
  breached: boolean;
  outcome: string;
  by?: { userId: string; name: string; role: string };
}

export interface Breach {
  stepKey: string;
  dueAt: string;
  detectedAt: string;
  escalatedTo: string[];
}

export interface ActionRecord {
  requestId: string;
  stepKey: string;
  kind: ActionKind;
  outcome: string;
  actor: Actor;
  at: string;
  input: ActionInput;
  /** 'update' or 'signal': how the action reached the workflow. */
  via: 'update' | 'signal';
}

export interface Answer {
  text: string;
  draftedBy?: Actor;
  draftedAt?: string;
  signedBy?: Actor;
  signedAt?: string;
  deliveredAt?: string;
  deliveredBy?: Actor;
  channel?: Channel;
  receipt?: string;
}

export interface Classification {
  complaintType: ComplaintType;
  category: string;
  confidential: boolean;
  underPpidAuthority: boolean;
}

export interface ComplaintState {
  complaintId: string;
  registerNumber?: string;
  officeCode: string;
  sopId: string;
  sopVersion: number;
  channel: Channel;
  status: ComplaintStatus;
  submittedAt: string;
  closedAt?: string;
  closeReason?: string;
  classification?: Classification;
  confidential: boolean;
  currentSteps: ActiveStep[];
  completedSteps: CompletedStep[];
  breaches: Breach[];
  actions: ActionRecord[];
  notes: { requestId: string; actor: Actor; text: string; at: string }[];
  supplements: { requestId: string; content: string; attachments: AttachmentRef[]; at: string }[];
  dispositions: { toUnit: string; instructions: string; by: Actor; at: string }[];
  decision?: { decision: string; rapatRequired: boolean; by: Actor; at: string };
  rapat?: { heldAt: string; participants: string[]; minutes: string; decision: string; recordedBy: Actor; at: string };
  answer?: Answer;
  tunda?: { since: string; reason: string; stepKey: string; limitAt?: string };
  rating?: { score: number; comment?: string; at: string };
  reopenedCount: number;
  /** When the complainant's window to rate or reopen closes (after delivery). */
  reopenUntil?: string;
}

export interface PendingAction {
  stepKey: string;
  title: string;
  action: ActionKind;
  allowedRoles: string[];
  officeCode: string;
  dueAt?: string;
  overdue: boolean;
  assignee?: { userId: string; name: string };
}
