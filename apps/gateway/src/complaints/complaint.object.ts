import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BakuMutuObject, SopObject } from '../catalog/sop.object';

@ObjectType('Person', { description: 'Petugas yang melakukan atau ditugasi sebuah tindakan.' })
export class PersonObject {
  @Field()
  userId: string;

  @Field()
  name: string;

  @Field({ nullable: true })
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

@ObjectType('ActiveStep', { description: 'Langkah SOP yang sedang menunggu tindakan.' })
export class ActiveStepObject {
  @Field()
  key: string;

  @Field()
  title: string;

  @Field()
  action: string;

  @Field(() => [String])
  actorRoles: string[];

  @Field(() => BakuMutuObject)
  bakuMutu: BakuMutuObject;

  @Field()
  startedAt: string;

  @Field({ nullable: true })
  dueAt?: string;

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

  @Field()
  action: string;

  @Field()
  startedAt: string;

  @Field({ nullable: true })
  dueAt?: string;

  @Field()
  completedAt: string;

  @Field()
  breached: boolean;

  @Field()
  outcome: string;

  @Field(() => PersonObject, { nullable: true })
  by?: PersonObject;
}

@ObjectType('Breach', { description: 'Pelampauan baku mutu.' })
export class BreachObject {
  @Field()
  stepKey: string;

  @Field()
  dueAt: string;

  @Field()
  detectedAt: string;

  @Field(() => [String])
  escalatedTo: string[];
}

@ObjectType('ActionRecord')
export class ActionRecordObject {
  @Field()
  requestId: string;

  @Field()
  stepKey: string;

  @Field()
  kind: string;

  @Field()
  outcome: string;

  @Field(() => PersonObject)
  actor: PersonObject;

  @Field()
  at: string;

  @Field()
  via: string;

  @Field({ description: 'Isi tindakan (JSON)' })
  inputJson: string;
}

@ObjectType('Note')
export class NoteObject {
  @Field()
  requestId: string;

  @Field(() => PersonObject)
  actor: PersonObject;

  @Field()
  text: string;

  @Field()
  at: string;
}

@ObjectType('Supplement', { description: 'Informasi tambahan dari pelapor.' })
export class SupplementObject {
  @Field()
  content: string;

  @Field(() => Int)
  attachmentCount: number;

  @Field()
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

  @Field()
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

  @Field()
  at: string;
}

@ObjectType('Rapat')
export class RapatObject {
  @Field()
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

  @Field({ nullable: true })
  signedAt?: string;

  @Field({ nullable: true })
  deliveredAt?: string;

  @Field({ nullable: true })
  channel?: string;

  @Field({ nullable: true })
  receipt?: string;
}

@ObjectType('Tunda')
export class TundaObject {
  @Field()
  since: string;

  @Field()
  reason: string;

  @Field()
  stepKey: string;

  @Field({ nullable: true })
  limitAt?: string;
}

@ObjectType('Rating')
export class RatingObject {
  @Field(() => Int)
  score: number;

  @Field({ nullable: true })
  comment?: string;

  @Field()
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

  @Field()
  channel: string;

  @Field()
  status: string;

  @Field()
  statusLabel: string;

  @Field({ nullable: true })
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

  @Field()
  submittedAt: string;

  @Field({ nullable: true })
  closedAt?: string;

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

  @Field()
  channel: string;

  @Field()
  status: string;

  @Field()
  statusLabel: string;

  @Field({ nullable: true })
  complaintType?: string;

  @Field({ nullable: true })
  category?: string;

  @Field()
  confidential: boolean;

  @Field()
  subject: string;

  @Field(() => [String])
  currentStepKeys: string[];

  @Field(() => [String])
  currentActorRoles: string[];

  @Field({ nullable: true })
  dueAt?: string;

  @Field()
  slaBreached: boolean;

  @Field()
  submittedAt: string;

  @Field({ nullable: true })
  closedAt?: string;

  @Field()
  updatedAt: string;
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

  @Field()
  action: string;

  @Field(() => [String])
  allowedRoles: string[];

  @Field({ nullable: true })
  dueAt?: string;

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

  @Field({ nullable: true, description: 'Nomor register; kosong bila belum diberikan dalam beberapa detik' })
  registerNumber?: string;

  @Field({ description: 'Kode pelacakan untuk pelapor; simpan baik-baik' })
  trackingCode: string;

  @Field(() => ComplaintObject, { nullable: true, description: 'Hanya untuk petugas' })
  complaint?: ComplaintObject;
}

@ObjectType('PublicComplaintStatus', { description: 'Yang boleh dilihat pelapor: status dan jawaban saja.' })
export class PublicComplaintStatusObject {
  @Field()
  registerNumber: string;

  @Field()
  status: string;

  @Field()
  statusLabel: string;

  @Field()
  submittedAt: string;

  @Field({ nullable: true })
  closedAt?: string;

  @Field({ nullable: true })
  answer?: string;

  @Field({ nullable: true })
  answeredAt?: string;

  @Field({ description: 'true bila pelapor diminta melengkapi informasi' })
  awaitingInformation: boolean;

  @Field({ description: 'true bila pelapor dapat menilai atau meminta aduan dibuka kembali' })
  canRateOrReopen: boolean;
}

@ObjectType('ComplaintChange', { description: 'Perubahan aduan di suatu kantor (untuk kotak masuk langsung).' })
export class ComplaintChangeObject {
  @Field(() => ID)
  complaintId: string;

  @Field({ nullable: true })
  registerNumber?: string;

  @Field()
  officeCode: string;

  @Field()
  status: string;

  @Field(() => [String])
  currentStepKeys: string[];

  @Field({ description: 'Asal perubahan: mutation atau read-model' })
  source: string;

  @Field()
  at: string;
}
