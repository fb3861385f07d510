import { z } from 'zod';
import { STAFF_ROLES } from './roles';
import type { ActionKind, BakuMutu } from './sop';

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

export const LIMITS = {
  subject: 200,
  content: 10_000,
  attachments: 10,
  note: 4_000,
  answer: 20_000,
} as const;

const text = (max: number, label: string) =>
  z.string().trim().min(1, `${label} wajib diisi`).max(max, `${label} paling banyak ${max} karakter`);

export const attachmentRefSchema = z.object({
  /** Where the file is stored (object storage key or URL); files never travel in payloads. */
  ref: z.string().min(1).max(500),
  name: z.string().min(1).max(200),
  mimeType: z.string().min(3).max(100),
  sizeBytes: z
    .number()
    .int()
    .nonnegative()
    .max(25 * 1024 * 1024),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

export const complainantSchema = z
  .object({
    anonymous: z.boolean(),
    name: z.string().trim().max(200).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 -]{6,20}$/, 'nomor telepon tidak valid')
      .optional(),
    email: z.string().email('alamat email tidak valid').max(200).optional(),
    address: z.string().max(500).optional(),
    /** The complainant agreed to be notified at the e-mail/phone given; without it nothing is sent to them. */
    notificationConsent: z.boolean().optional(),
  })
  .refine((c) => c.anonymous || (c.name !== undefined && c.name.length > 0), {
    message: 'nama pelapor wajib diisi kecuali aduan anonim',
  });
export type Complainant = z.infer<typeof complainantSchema>;

export const submissionSchema = z.object({
  channel: z.enum(CHANNELS),
  complainant: complainantSchema,
  /** Confidential complaints hide the complainant's identity from everyone but the handling roles. */
  confidential: z.boolean().default(false),
  subject: text(LIMITS.subject, 'perihal'),
  content: text(LIMITS.content, 'isi aduan'),
  location: z.string().max(500).optional(),
  attachments: z
    .array(attachmentRefSchema)
    .max(LIMITS.attachments, `lampiran paling banyak ${LIMITS.attachments}`)
    .default([]),
});
export type Submission = z.infer<typeof submissionSchema>;
export type SubmissionInput = z.input<typeof submissionSchema>;

/** Who performs an action. Staff come from a verified JWT; the complainant from a tracking code. */
export const actorSchema = z.object({
  userId: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  /** The role the actor acts in; it must be one of the roles the step allows. */
  role: z.enum([...STAFF_ROLES, 'pemohon']),
  officeCode: z.string().min(1).max(32),
});
export type Actor = z.infer<typeof actorSchema>;

const optionalNote = z.string().trim().max(LIMITS.note).optional();

/** The payload of each human action, one per SOP action kind. */
export const actionInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('register'), note: optionalNote }),
  z.object({
    kind: z.literal('verify'),
    outcome: z.enum(['accepted', 'tunda', 'bukan_wewenang', 'rejected']),
    /** Why: required for every outcome but `accepted`. */
    reason: optionalNote,
    /** For `bukan_wewenang`: the authority the complaint belongs to. */
    forwardTo: z.string().trim().max(200).optional(),
  }),
  z.object({
    kind: z.literal('classify'),
    complaintType: z.enum(COMPLAINT_TYPES),
    category: text(100, 'kategori'),
    confidential: z.boolean(),
    underPpidAuthority: z.boolean(),
    note: optionalNote,
  }),
  z.object({
    kind: z.literal('dispose'),
    /** Section (bidang/seksi) that handles the complaint. */
    toUnit: text(200, 'seksi tujuan'),
    instructions: text(LIMITS.note, 'isi disposisi'),
  }),
  z.object({ kind: z.literal('review'), advice: text(LIMITS.note, 'saran/masukan') }),
  z.object({ kind: z.literal('clarify'), findings: text(LIMITS.note, 'hasil klarifikasi') }),
  z.object({
    kind: z.literal('coordinate'),
    withParty: text(200, 'pihak koordinasi'),
    result: text(LIMITS.note, 'hasil koordinasi'),
  }),
  z.object({
    kind: z.literal('forward'),
    target: text(200, 'tujuan penerusan'),
    note: optionalNote,
  }),
  z.object({
    kind: z.literal('decide'),
    decision: text(LIMITS.note, 'keputusan'),
    rapatRequired: z.boolean(),
  }),
  z.object({
    kind: z.literal('rapat'),
    heldAt: z.string().datetime({ offset: true, message: 'waktu rapat harus ISO 8601' }),
    participants: z.array(z.string().trim().min(1).max(200)).min(1, 'peserta rapat wajib diisi').max(100),
    minutes: text(LIMITS.answer, 'notulen rapat'),
    decision: text(LIMITS.note, 'keputusan rapat'),
  }),
  z.object({ kind: z.literal('draft_answer'), answer: text(LIMITS.answer, 'jawaban') }),
  z.object({
    kind: z.literal('sign'),
    approved: z.boolean(),
    revisionNote: optionalNote,
  }),
  z.object({
    kind: z.literal('deliver'),
    channel: z.enum(CHANNELS),
    /** Tanda terima: receipt reference or the recipient's acknowledgment. */
    receipt: text(500, 'tanda terima'),
    /** The answer, when the SOP has no drafting step before delivery. */
    answer: z.string().trim().min(1).max(LIMITS.answer).optional(),
  }),
  z.object({ kind: z.literal('archive'), archiveRef: z.string().trim().max(200).optional() }),
]);
export type ActionInput = z.infer<typeof actionInputSchema>;

/** Envelope of every staff action: the request id doubles as the Workflow Update ID. */
export const actionRequestSchema = z.object({
  requestId: z.string().min(8).max(100),
  actor: actorSchema,
  stepKey: z.string().min(1),
  action: actionInputSchema,
});
export type ActionRequest = z.infer<typeof actionRequestSchema>;

export const noteRequestSchema = z.object({
  requestId: z.string().min(8).max(100),
  actor: actorSchema,
  text: text(LIMITS.note, 'catatan'),
});
export type NoteRequest = z.infer<typeof noteRequestSchema>;

export const reassignRequestSchema = z.object({
  requestId: z.string().min(8).max(100),
  actor: actorSchema,
  stepKey: z.string().min(1),
  assigneeUserId: z.string().min(1).max(100),
  assigneeName: z.string().min(1).max(200),
  reason: text(LIMITS.note, 'alasan'),
});
export type ReassignRequest = z.infer<typeof reassignRequestSchema>;

/** Complainant actions (through the public channel, after the gateway checked the tracking code). */
export const supplementRequestSchema = z.object({
  requestId: z.string().min(8).max(100),
  content: text(LIMITS.content, 'informasi tambahan'),
  attachments: z.array(attachmentRefSchema).max(LIMITS.attachments).default([]),
});
export type SupplementRequest = z.infer<typeof supplementRequestSchema>;

export const withdrawRequestSchema = z.object({
  requestId: z.string().min(8).max(100),
  reason: text(LIMITS.note, 'alasan pencabutan'),
});
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;

export const rateRequestSchema = z.object({
  requestId: z.string().min(8).max(100),
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(LIMITS.note).optional(),
});
export type RateRequest = z.infer<typeof rateRequestSchema>;

export const reopenRequestSchema = z.object({
  requestId: z.string().min(8).max(100),
  reason: text(LIMITS.note, 'alasan membuka kembali'),
});
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
