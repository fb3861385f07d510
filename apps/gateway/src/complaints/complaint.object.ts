import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BakuMutuObject, SopObject } from '../catalog/sop.object';
import {
  ActionKindEnum,
  ActionOutcomeEnum,
  ChannelEnum,
  ComplaintStatusEnum,
  ComplaintTypeEnum,
  DateTimeScalar,
  OfficeTimeObject,
  RoleEnum,
  VerificationOutcomeEnum,
} from '../core/graphql-types';

@ObjectType('Person', { description: 'Petugas yang melakukan atau ditugasi sebuah tindakan.' })
export class PersonObject {
  @Field()
  userId: string;

  @Field()
  name: string;

  @Field(() => RoleEnum, { nullable: true })
  role?: string;

  @Field({ nullable: true })
  officeCode?: string;
}

@ObjectType('Complainant', { description: 'Identitas pelapor sejauh pemanggil boleh melihatnya.' })
export class ComplainantObject {
  @Field()
  anonymous: boolean;

  @Field({ description: 'true bila identitas disembunyikan (aduan rahasia) dari pemanggil ini' })
  hidden: boolean;

  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  phone?: string;

  @Field({ nullable: true })
  email?: string;

  @Field({ nullable: true })
  address?: string;
}

@ObjectType('Attachment')
export class AttachmentObject {
  @Field()
  ref: string;

  @Field()
  name: string;

  @Field()
  mimeType: string;

  @Field(() => Int)
  sizeBytes: number;
}

@ObjectType('Submission', { description: 'Isi aduan sebagaimana diterima.' })
export class SubmissionObject {
  @Field()
  subject: string;

  @Field()
  content: string;

  @Field({ nullable: true })
  location?: string;

  @Field(() => ComplainantObject)
  complainant: ComplainantObject;

  @Field(() => [AttachmentObject])
  attachments: AttachmentObject[];
}

@ObjectType('WorkingTimeCountdown', {
  description:
    'Sisa waktu kerja sampai tenggat, dihitung kalender kantor (jam kerja, istirahat, libur) saat jawaban dibuat. ' +
    'Peramban menghitung mundur hanya selama kantor buka, sampai changesAt; setelah itu memuat ulang.',
})
export class WorkingTimeCountdownObject {
  @Field(() => DateTimeScalar, { description: 'Saat perhitungan (waktu server)' })
  at: string;

  @Field(() => Float, { description: 'Menit kerja tersisa pada `at`; negatif = menit kerja lewat tenggat' })
  workingMinutesLeft: number;

  @Field({ description: 'Kantor buka pada `at`' })
  officeOpen: boolean;

  @Field(() => DateTimeScalar, { description: 'Kantor tutup/istirahat (bila buka) atau buka lagi (bila tutup) pada' })
  changesAt: string;

  @Field(() => OfficeTimeObject)
  changesAtOffice: OfficeTimeObject;
}

@ObjectType('ActiveStep', { description: 'Langkah SOP yang sedang menunggu tindakan.' })
export class ActiveStepObject {
  @Field()
  key: string;

  @Field()
  title: string;

  @Field(() => ActionKindEnum)
  action: string;

  @Field(() => [RoleEnum])
  actorRoles: string[];

  @Field(() => BakuMutuObject)
  bakuMutu: BakuMutuObject;

  @Field(() => DateTimeScalar)
  startedAt: string;

  @Field(() => DateTimeScalar, { nullable: true })
  dueAt?: string;

  @Field(() => OfficeTimeObject)
  startedAtOffice: OfficeTimeObject;

  @Field(() => OfficeTimeObject, { nullable: true, description: 'Tenggat baku mutu dalam waktu kantor' })
  dueAtOffice?: OfficeTimeObject;

  @Field(() => WorkingTimeCountdownObject, { nullable: true, description: 'Hitung mundur dalam waktu kerja' })
  countdown?: WorkingTimeCountdownObject;

  @Field()
  breached: boolean;

  @Field()
  overdue: boolean;

  @Field(() => PersonObject, { nullable: true })
  assignee?: PersonObject;
}

@ObjectType('CompletedStep')
export class CompletedStepObject {
  @Field()
  key: string;

  @Field()
  title: string;

  @Field(() => ActionKindEnum)
  action: string;

  @Field(() => DateTimeScalar)
  startedAt: string;

  @Field(() => DateTimeScalar, { nullable: true })
  dueAt?: string;

  @Field(() => DateTimeScalar)
  completedAt: string;

  @Field(() => OfficeTimeObject)
  completedAtOffice: OfficeTimeObject;

  @Field(() => OfficeTimeObject, { nullable: true })
  dueAtOffice?: OfficeTimeObject;

  @Field()
  breached: boolean;

  @Field(() => ActionOutcomeEnum)
  outcome: string;

  @Field(() => PersonObject, { nullable: true })
  by?: PersonObject;
}

@ObjectType('Breach', { description: 'Pelampauan baku mutu.' })
export class BreachObject {
  @Field()
  stepKey: string;

  @Field(() => DateTimeScalar)
  dueAt: string;

  @Field(() => DateTimeScalar)
  detectedAt: string;

  @Field(() => [RoleEnum])
  escalatedTo: string[];
}

@ObjectType('ActionInput', {
  description: 'Isi sebuah tindakan; hanya kolom milik jenis tindakannya (kind) yang terisi.',
})
export class ActionInputObject {
  @Field(() => ActionKindEnum)
  kind: string;

  @Field({ nullable: true })
  note?: string;

  @Field(() => VerificationOutcomeEnum, { nullable: true, description: 'verify' })
  outcome?: string;

  @Field({ nullable: true, description: 'verify: alasan' })
  reason?: string;

  @Field({ nullable: true, description: 'verify (bukan_wewenang): instansi berwenang' })
  forwardTo?: string;

  @Field(() => ComplaintTypeEnum, { nullable: true, description: 'classify' })
  complaintType?: string;

  @Field({ nullable: true, description: 'classify' })
  category?: string;

  @Field({ nullable: true, description: 'classify' })
  confidential?: boolean;

  @Field({ nullable: true, description: 'classify' })
  underPpidAuthority?: boolean;

  @Field({ nullable: true, description: 'dispose: seksi tujuan' })
  toUnit?: string;

  @Field({ nullable: true, description: 'dispose: isi disposisi' })
  instructions?: string;

  @Field({ nullable: true, description: 'review' })
  advice?: string;

  @Field({ nullable: true, description: 'review: bersifat kebijakan dan memerlukan koordinasi' })
  needsCoordination?: boolean;

  @Field({ nullable: true, description: 'clarify' })
  findings?: string;

  @Field({ nullable: true, description: 'coordinate' })
  withParty?: string;

  @Field({ nullable: true, description: 'coordinate' })
  result?: string;

  @Field({ nullable: true, description: 'forward' })
  target?: string;

  @Field({ nullable: true, description: 'decide / rapat' })
  decision?: string;

  @Field({ nullable: true, description: 'decide' })
  rapatRequired?: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'rapat' })
  heldAt?: string;

  @Field(() => [String], { nullable: true, description: 'rapat' })
  participants?: string[];

  @Field({ nullable: true, description: 'rapat: notulen' })
  minutes?: string;

  @Field({ nullable: true, description: 'draft_answer / deliver' })
  answer?: string;

  @Field({ nullable: true, description: 'sign' })
  approved?: boolean;

  @Field({ nullable: true, description: 'sign' })
  revisionNote?: string;

  @Field(() => ChannelEnum, { nullable: true, description: 'deliver' })
  channel?: string;

  @Field({ nullable: true, description: 'deliver: tanda terima' })
  receipt?: string;

  @Field({ nullable: true, description: 'archive' })
  archiveRef?: string;
}

@ObjectType('ActionRecord')
export class ActionRecordObject {
  @Field()
  requestId: string;

  @Field()
  stepKey: string;

  @Field(() => ActionKindEnum)
  kind: string;

  @Field(() => ActionOutcomeEnum)
  outcome: string;

  @Field(() => PersonObject)
  actor: PersonObject;

  @Field(() => DateTimeScalar)
  at: string;

  @Field(() => OfficeTimeObject)
  atOffice: OfficeTimeObject;

  @Field()
  via: string;

  @Field(() => ActionInputObject, { description: 'Isi tindakan' })
  input: ActionInputObject;
}

@ObjectType('Note')
export class NoteObject {
  @Field()
  requestId: string;

  @Field(() => PersonObject)
  actor: PersonObject;

  @Field()
  text: string;

  @Field(() => DateTimeScalar)
  at: string;

  @Field(() => OfficeTimeObject)
  atOffice: OfficeTimeObject;
}

@ObjectType('Supplement', { description: 'Informasi tambahan dari pelapor.' })
export class SupplementObject {
  @Field()
  content: string;

  @Field(() => Int)
  attachmentCount: number;

  @Field(() => DateTimeScalar)
  at: string;
}

@ObjectType('Disposition')
export class DispositionObject {
  @Field()
  toUnit: string;

  @Field()
  instructions: string;

  @Field(() => PersonObject)
  by: PersonObject;

  @Field(() => DateTimeScalar)
  at: string;
}

@ObjectType('Decision')
export class DecisionObject {
  @Field()
  decision: string;

  @Field()
  rapatRequired: boolean;

  @Field(() => PersonObject)
  by: PersonObject;

  @Field(() => DateTimeScalar)
  at: string;
}

@ObjectType('Rapat')
export class RapatObject {
  @Field(() => DateTimeScalar)
  heldAt: string;

  @Field(() => [String])
  participants: string[];

  @Field()
  minutes: string;

  @Field()
  decision: string;

  @Field(() => PersonObject)
  recordedBy: PersonObject;
}

@ObjectType('Answer')
export class AnswerObject {
  @Field()
  text: string;

  @Field(() => PersonObject, { nullable: true })
  draftedBy?: PersonObject;

  @Field(() => PersonObject, { nullable: true })
  signedBy?: PersonObject;

  @Field(() => DateTimeScalar, { nullable: true })
  signedAt?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt?: string;

  @Field(() => ChannelEnum, { nullable: true })
  channel?: string;

  @Field({ nullable: true })
  receipt?: string;
}

@ObjectType('Tunda')
export class TundaObject {
  @Field(() => DateTimeScalar)
  since: string;

  @Field()
  reason: string;

  @Field()
  stepKey: string;

  @Field(() => DateTimeScalar, { nullable: true })
  limitAt?: string;
}

@ObjectType('Rating')
export class RatingObject {
  @Field(() => Int)
  score: number;

  @Field({ nullable: true })
  comment?: string;

  @Field(() => DateTimeScalar)
  at: string;
}

@ObjectType('Complaint', { description: 'Aduan, langsung dari keadaan alur kerjanya (tidak pernah basi).' })
export class ComplaintObject {
  @Field(() => ID)
  id: string;

  @Field()
  workflowId: string;

  @Field({ nullable: true })
  registerNumber?: string;

  @Field()
  officeCode: string;

  @Field()
  sopId: string;

  @Field(() => Int)
  sopVersion: number;

  @Field(() => SopObject, { nullable: true, description: 'SOP yang mengatur aduan ini (versi saat diterima)' })
  sop?: SopObject;

  @Field(() => ChannelEnum)
  channel: string;

  @Field(() => ComplaintStatusEnum)
  status: string;

  @Field()
  statusLabel: string;

  @Field({ description: 'Tahap saat ini dalam bahasa sehari-hari, mis. "Menunggu keputusan Camat"' })
  stage: string;

  @Field({ description: 'Zona waktu kantor (IANA), mis. Asia/Jakarta' })
  timeZone: string;

  @Field(() => ComplaintTypeEnum, { nullable: true })
  complaintType?: string;

  @Field({ nullable: true })
  category?: string;

  @Field()
  confidential: boolean;

  @Field({ nullable: true })
  underPpidAuthority?: boolean;

  @Field(() => [ActiveStepObject])
  currentSteps: ActiveStepObject[];

  @Field(() => [CompletedStepObject])
  completedSteps: CompletedStepObject[];

  @Field(() => [BreachObject])
  breaches: BreachObject[];

  @Field()
  slaBreached: boolean;

  @Field(() => [ActionRecordObject])
  actions: ActionRecordObject[];

  @Field(() => [NoteObject])
  notes: NoteObject[];

  @Field(() => [SupplementObject])
  supplements: SupplementObject[];

  @Field(() => [DispositionObject])
  dispositions: DispositionObject[];

  @Field(() => DecisionObject, { nullable: true })
  decision?: DecisionObject;

  @Field(() => RapatObject, { nullable: true })
  rapat?: RapatObject;

  @Field(() => AnswerObject, { nullable: true })
  answer?: AnswerObject;

  @Field(() => TundaObject, { nullable: true })
  tunda?: TundaObject;

  @Field(() => RatingObject, { nullable: true })
  rating?: RatingObject;

  @Field(() => Int)
  reopenedCount: number;

  @Field(() => DateTimeScalar)
  submittedAt: string;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt?: string;

  @Field(() => OfficeTimeObject)
  submittedAtOffice: OfficeTimeObject;

  @Field(() => OfficeTimeObject, { nullable: true })
  closedAtOffice?: OfficeTimeObject;

  @Field({ nullable: true })
  closeReason?: string;

  @Field(() => SubmissionObject, { nullable: true, description: 'Isi aduan dan pelapor (sesuai hak lihat)' })
  submission?: SubmissionObject;

  /** Roles allowed to see a confidential complainant (not a GraphQL field). */
  handlingRoles: string[];
}

@ObjectType('ComplaintSummary', { description: 'Baris daftar aduan, dari read model.' })
export class ComplaintSummaryObject {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  registerNumber?: string;

  @Field()
  officeCode: string;

  @Field()
  sopId: string;

  @Field(() => ChannelEnum)
  channel: string;

  @Field(() => ComplaintStatusEnum)
  status: string;

  @Field()
  statusLabel: string;

  @Field(() => ComplaintTypeEnum, { nullable: true })
  complaintType?: string;

  @Field({ nullable: true })
  category?: string;

  @Field()
  confidential: boolean;

  @Field()
  subject: string;

  @Field(() => [String])
  currentStepKeys: string[];

  @Field(() => [RoleEnum])
  currentActorRoles: string[];

  @Field(() => DateTimeScalar, { nullable: true })
  dueAt?: string;

  @Field()
  slaBreached: boolean;

  @Field(() => DateTimeScalar)
  submittedAt: string;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt?: string;

  @Field(() => DateTimeScalar)
  updatedAt: string;

  @Field(() => OfficeTimeObject)
  submittedAtOffice: OfficeTimeObject;

  @Field(() => OfficeTimeObject, { nullable: true, description: 'Tenggat terdekat dalam waktu kantor' })
  dueAtOffice?: OfficeTimeObject;
}

@ObjectType('PageInfo')
export class PageInfoObject {
  @Field()
  hasNextPage: boolean;

  @Field({ nullable: true })
  endCursor?: string;
}

@ObjectType('ComplaintEdge')
export class ComplaintEdgeObject {
  @Field()
  cursor: string;

  @Field(() => ComplaintSummaryObject)
  node: ComplaintSummaryObject;
}

@ObjectType('ComplaintConnection')
export class ComplaintConnectionObject {
  @Field(() => [ComplaintEdgeObject])
  edges: ComplaintEdgeObject[];

  @Field(() => PageInfoObject)
  pageInfo: PageInfoObject;

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('PendingAction', { description: 'Tindakan yang menunggu peran pemanggil.' })
export class PendingActionObject {
  @Field()
  stepKey: string;

  @Field()
  title: string;

  @Field(() => ActionKindEnum)
  action: string;

  @Field(() => [RoleEnum])
  allowedRoles: string[];

  @Field(() => DateTimeScalar, { nullable: true })
  dueAt?: string;

  @Field(() => OfficeTimeObject, { nullable: true, description: 'Tenggat dalam waktu kantor' })
  dueAtOffice?: OfficeTimeObject;

  @Field(() => WorkingTimeCountdownObject, { nullable: true, description: 'Hitung mundur dalam waktu kerja' })
  countdown?: WorkingTimeCountdownObject;

  @Field()
  overdue: boolean;
}

@ObjectType('InboxItem')
export class InboxItemObject {
  @Field(() => ComplaintSummaryObject)
  complaint: ComplaintSummaryObject;

  @Field(() => [PendingActionObject])
  pending: PendingActionObject[];

  @Field()
  overdue: boolean;
}

@ObjectType('SubmitComplaintPayload')
export class SubmitComplaintPayloadObject {
  @Field(() => ID)
  complaintId: string;

  @Field({
    nullable: true,
    description: 'Nomor register; kosong bila SOP memberikannya pada langkah kemudian (PPID: langkah 2)',
  })
  registerNumber?: string;

  @Field({ description: 'Kode pelacakan untuk pelapor; simpan baik-baik' })
  trackingCode: string;

  @Field(() => ComplaintObject, { nullable: true, description: 'Hanya untuk petugas' })
  complaint?: ComplaintObject;
}

@ObjectType('PublicComplaintStatus', { description: 'Yang boleh dilihat pelapor: status dan jawaban saja.' })
export class PublicComplaintStatusObject {
  @Field({ nullable: true, description: 'Kosong selama SOP belum memberi nomor register (PPID: langkah 2)' })
  registerNumber?: string;

  @Field(() => ComplaintStatusEnum)
  status: string;

  @Field()
  statusLabel: string;

  @Field({ description: 'Tahap saat ini dalam bahasa sehari-hari, mis. "Menunggu keputusan Camat"' })
  stage: string;

  @Field({ nullable: true, description: 'Nama kantor yang menangani' })
  officeName?: string;

  @Field({ nullable: true, description: 'Bila ditunda: informasi yang diminta dari pelapor' })
  missingInformation?: string;

  @Field(() => DateTimeScalar)
  submittedAt: string;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt?: string;

  @Field({ nullable: true })
  answer?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  answeredAt?: string;

  @Field({ description: 'true bila pelapor diminta melengkapi informasi' })
  awaitingInformation: boolean;

  @Field({ description: 'true bila pelapor dapat menilai atau meminta aduan dibuka kembali' })
  canRateOrReopen: boolean;

  @Field(() => Int, { nullable: true, description: 'Nilai yang sudah diberikan pelapor (1–5)' })
  ratingScore?: number;

  @Field(() => OfficeTimeObject)
  submittedAtOffice: OfficeTimeObject;

  @Field(() => OfficeTimeObject, { nullable: true })
  answeredAtOffice?: OfficeTimeObject;

  @Field(() => OfficeTimeObject, { nullable: true })
  closedAtOffice?: OfficeTimeObject;

  @Field(() => OfficeTimeObject, { nullable: true, description: 'Batas waktu melengkapi informasi (tunda)' })
  informationDueAtOffice?: OfficeTimeObject;
}

@ObjectType('ComplaintChange', { description: 'Perubahan aduan di suatu kantor (untuk kotak masuk langsung).' })
export class ComplaintChangeObject {
  @Field(() => ID)
  complaintId: string;

  @Field({ nullable: true })
  registerNumber?: string;

  @Field()
  officeCode: string;

  @Field(() => ComplaintStatusEnum)
  status: string;

  @Field(() => [String])
  currentStepKeys: string[];

  @Field({ description: 'Asal perubahan: mutation atau read-model' })
  source: string;

  @Field(() => DateTimeScalar)
  at: string;
}

@ObjectType('StepCompliance', { description: 'Kepatuhan baku mutu satu langkah SOP.' })
export class StepComplianceObject {
  @Field()
  stepKey: string;

  @Field()
  title: string;

  @Field(() => Int, { description: 'Langkah yang sudah selesai' })
  completed: number;

  @Field(() => Int, { description: 'Selesai dalam baku mutu' })
  withinBakuMutu: number;

  @Field(() => Int, { description: 'Selesai melewati baku mutu' })
  breached: number;

  @Field(() => Float, { nullable: true, description: 'Persentase dalam baku mutu (kosong bila belum ada)' })
  compliancePercent?: number;
}

@ObjectType('SupervisorOverview', { description: 'Ringkasan pengawasan satu kantor, dari read model.' })
export class SupervisorOverviewObject {
  @Field()
  officeCode: string;

  @Field({ nullable: true })
  officeName?: string;

  @Field(() => Int, { description: 'Aduan terbuka (diproses atau ditunda)' })
  open: number;

  @Field(() => Int, { description: 'Aduan terbuka yang melewati tenggat langkahnya' })
  overdue: number;

  @Field(() => Int, { description: 'Aduan yang pernah melewati baku mutu' })
  breached: number;

  @Field(() => OfficeTimeObject)
  asOf: OfficeTimeObject;

  @Field(() => [StepComplianceObject])
  steps: StepComplianceObject[];
}
