import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ChannelEnum,
  ComplaintStatusEnum,
  ComplaintTypeEnum,
  DateTimeScalar,
  StaffRoleEnum,
  VerificationOutcomeEnum,
} from '../core/graphql-types';

@InputType('ComplainantInput')
export class ComplainantInput {
  @Field()
  anonymous: boolean;

  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  phone?: string;

  @Field({ nullable: true })
  email?: string;

  @Field({ nullable: true })
  address?: string;

  @Field({ nullable: true, description: 'Pelapor setuju diberi kabar lewat e-mail/nomor telepon yang diberikan' })
  notificationConsent?: boolean;
}

@InputType('AttachmentInput')
export class AttachmentInput {
  @Field()
  ref: string;

  @Field()
  name: string;

  @Field()
  mimeType: string;

  @Field(() => Int)
  sizeBytes: number;
}

@InputType('SubmitComplaintInput')
export class SubmitComplaintInput {
  @Field({ description: 'Kunci idempotensi dari aplikasi (mis. UUID); pengiriman ulang menghasilkan aduan yang sama' })
  clientRequestId: string;

  @Field({ nullable: true, description: 'Kantor tujuan; untuk petugas bawaannya kantor petugas' })
  officeCode?: string;

  @Field({ nullable: true, description: 'SOP tertentu (bawaan: SOP aktif kantor)' })
  sopId?: string;

  @Field(() => ChannelEnum)
  channel: string;

  @Field(() => ComplainantInput)
  complainant: ComplainantInput;

  @Field({ nullable: true })
  confidential?: boolean;

  @Field()
  subject: string;

  @Field()
  content: string;

  @Field({ nullable: true })
  location?: string;

  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[];
}

/** The same submission from the public form (no token; the office is then required). */
@InputType('SubmitComplaintPubliclyInput')
export class SubmitComplaintPubliclyInput extends SubmitComplaintInput {}

@InputType('ComplaintFilterInput')
export class ComplaintFilterInput {
  @Field({ nullable: true, description: 'Hanya untuk pengawas/auditor lintas kantor' })
  officeCode?: string;

  @Field(() => [ComplaintStatusEnum], { nullable: true })
  statuses?: string[];

  @Field({ nullable: true })
  stepKey?: string;

  @Field(() => ChannelEnum, { nullable: true })
  channel?: string;

  @Field({ nullable: true })
  slaBreached?: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'ISO 8601, inklusif' })
  submittedFrom?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'ISO 8601, eksklusif' })
  submittedTo?: string;

  @Field({ nullable: true, description: 'Cari kata pada perihal dan isi' })
  text?: string;
}

/** Fields every staff action shares. */
@InputType({ isAbstract: true })
export abstract class ActionBaseInput {
  @Field(() => ID)
  complaintId: string;

  @Field({
    nullable: true,
    description: 'Langkah yang diselesaikan; bawaan: satu-satunya langkah berjalan untuk tindakan ini',
  })
  stepKey?: string;

  @Field({ nullable: true, description: 'ID permintaan (idempotensi); bawaan: x-request-id' })
  requestId?: string;

  @Field(() => StaffRoleEnum, {
    nullable: true,
    description: 'Peran yang dipakai; bawaan: peran pertama yang diizinkan langkah',
  })
  actingRole?: string;
}

@InputType('RegisterComplaintInput')
export class RegisterComplaintInput extends ActionBaseInput {
  @Field({ nullable: true })
  note?: string;
}

@InputType('VerifyComplaintInput')
export class VerifyComplaintInput extends ActionBaseInput {
  @Field(() => VerificationOutcomeEnum, { description: 'accepted, tunda, bukan_wewenang atau rejected' })
  outcome: string;

  @Field({ nullable: true })
  reason?: string;

  @Field({ nullable: true })
  forwardTo?: string;
}

@InputType('ClassifyComplaintInput')
export class ClassifyComplaintInput extends ActionBaseInput {
  @Field(() => ComplaintTypeEnum, { description: 'pengaduan, aspirasi atau permintaan_informasi' })
  complaintType: string;

  @Field()
  category: string;

  @Field()
  confidential: boolean;

  @Field()
  underPpidAuthority: boolean;

  @Field({ nullable: true })
  note?: string;
}

@InputType('DisposeComplaintInput')
export class DisposeComplaintInput extends ActionBaseInput {
  @Field()
  toUnit: string;

  @Field()
  instructions: string;
}

@InputType('ReviewComplaintInput')
export class ReviewComplaintInput extends ActionBaseInput {
  @Field()
  advice: string;

  @Field({
    nullable: true,
    description: 'Bersifat kebijakan dan memerlukan koordinasi (hasil "koordinasi", bila SOP mengarahkannya)',
  })
  needsCoordination?: boolean;
}

@InputType('ClarifyComplaintInput')
export class ClarifyComplaintInput extends ActionBaseInput {
  @Field()
  findings: string;
}

@InputType('CoordinateComplaintInput')
export class CoordinateComplaintInput extends ActionBaseInput {
  @Field()
  withParty: string;

  @Field()
  result: string;
}

@InputType('ForwardComplaintInput')
export class ForwardComplaintInput extends ActionBaseInput {
  @Field()
  target: string;

  @Field({ nullable: true })
  note?: string;
}

@InputType('DecideComplaintInput')
export class DecideComplaintInput extends ActionBaseInput {
  @Field()
  decision: string;

  @Field()
  rapatRequired: boolean;
}

@InputType('RecordComplaintRapatInput')
export class RecordComplaintRapatInput extends ActionBaseInput {
  @Field(() => DateTimeScalar, { description: 'ISO 8601 dengan zona waktu' })
  heldAt: string;

  @Field(() => [String])
  participants: string[];

  @Field()
  minutes: string;

  @Field()
  decision: string;
}

@InputType('DraftComplaintAnswerInput')
export class DraftComplaintAnswerInput extends ActionBaseInput {
  @Field()
  answer: string;
}

@InputType('SignComplaintAnswerInput')
export class SignComplaintAnswerInput extends ActionBaseInput {
  @Field()
  approved: boolean;

  @Field({ nullable: true })
  revisionNote?: string;
}

@InputType('DeliverComplaintAnswerInput')
export class DeliverComplaintAnswerInput extends ActionBaseInput {
  @Field(() => ChannelEnum)
  channel: string;

  @Field()
  receipt: string;

  @Field({ nullable: true })
  answer?: string;
}

@InputType('ArchiveComplaintInput')
export class ArchiveComplaintInput extends ActionBaseInput {
  @Field({ nullable: true })
  archiveRef?: string;
}

@InputType('AddComplaintNoteInput')
export class AddComplaintNoteInput {
  @Field(() => ID)
  complaintId: string;

  @Field()
  text: string;

  @Field({ nullable: true })
  requestId?: string;

  @Field(() => StaffRoleEnum, { nullable: true })
  actingRole?: string;
}

@InputType('ReassignComplaintStepInput')
export class ReassignComplaintStepInput {
  @Field(() => ID)
  complaintId: string;

  @Field()
  stepKey: string;

  @Field()
  assigneeUserId: string;

  @Field()
  assigneeName: string;

  @Field()
  reason: string;

  @Field({ nullable: true })
  requestId?: string;

  @Field(() => StaffRoleEnum, { nullable: true })
  actingRole?: string;
}

/** The complainant proves ownership with the register number and the tracking code. */
@InputType({ isAbstract: true })
export abstract class ComplainantAuthInput {
  @Field()
  registerNumber: string;

  @Field()
  trackingCode: string;

  @Field({ nullable: true })
  requestId?: string;
}

@InputType('SupplyComplaintInformationInput')
export class SupplyComplaintInformationInput extends ComplainantAuthInput {
  @Field()
  content: string;

  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[];
}

@InputType('WithdrawComplaintInput')
export class WithdrawComplaintInput extends ComplainantAuthInput {
  @Field()
  reason: string;
}

@InputType('RateComplaintAnswerInput')
export class RateComplaintAnswerInput extends ComplainantAuthInput {
  @Field(() => Int)
  score: number;

  @Field({ nullable: true })
  comment?: string;
}

@InputType('ReopenComplaintInput')
export class ReopenComplaintInput extends ComplainantAuthInput {
  @Field()
  reason: string;
}
