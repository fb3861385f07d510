import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  ActionOutcomeEnum,
  DateTimeScalar,
  OfficeTimeObject,
  RoleEnum,
  TimelineEntryKindEnum,
} from '../core/graphql-types';
import { ActionInputObject } from '../complaints/complaint.object';
import { BakuMutuObject } from '../catalog/sop.object';
import { PersonObject } from '../complaints/complaint.object';

@ObjectType('TimelineEntry', { description: 'Satu kejadian dalam riwayat aduan, diturunkan dari riwayat Temporal.' })
export class TimelineEntryObject {
  @Field(() => Int)
  seq: number;

  @Field(() => TimelineEntryKindEnum, {
    description: 'Jenis kejadian (submitted, step_started, action, breach, refused, …)',
  })
  kind: string;

  @Field({
    description:
      'Kejadian pembukuan alur kerja (pewaktu berakhir, atribut pencarian): tidak berarti bagi petugas, ditampilkan hanya bila diminta.',
  })
  bookkeeping: boolean;

  @Field({ description: 'Label berbahasa Indonesia' })
  label: string;

  @Field(() => DateTimeScalar, { description: 'Waktu kejadian (ISO 8601)' })
  at: string;

  @Field(() => Int, { nullable: true, description: 'Nomor kejadian dalam riwayat Temporal' })
  eventId?: number;

  @Field({ nullable: true })
  stepKey?: string;

  @Field({ nullable: true })
  stepTitle?: string;

  @Field(() => PersonObject, { nullable: true })
  actor?: PersonObject;

  @Field({ nullable: true, description: 'update atau signal' })
  via?: string;

  @Field(() => BakuMutuObject, { nullable: true })
  bakuMutu?: BakuMutuObject;

  @Field(() => DateTimeScalar, { nullable: true })
  dueAt?: string;

  @Field({ nullable: true })
  breached?: boolean;

  @Field({ description: 'true untuk percobaan yang ditolak (tidak tercatat di riwayat)' })
  refused: boolean;

  @Field({ description: 'Ringkasan isi kejadian' })
  summary: string;

  @Field(() => OfficeTimeObject, { description: 'Waktu kejadian dalam zona waktu kantor' })
  atOffice: OfficeTimeObject;

  @Field(() => OfficeTimeObject, { nullable: true })
  dueAtOffice?: OfficeTimeObject;

  @Field(() => ActionInputObject, {
    nullable: true,
    description: 'Isi tindakan (kejadian action, atau percobaan lewat sinyal)',
  })
  action?: ActionInputObject;

  @Field(() => ActionOutcomeEnum, { nullable: true, description: 'Hasil tindakan (kejadian action)' })
  outcome?: string;

  @Field(() => [RoleEnum], { nullable: true, description: 'Pelaksana langkah (step_started)' })
  actorRoles?: string[];

  @Field(() => [RoleEnum], {
    nullable: true,
    description: 'Peran yang menerima eskalasi (breach) atau pengingat (reminder)',
  })
  notifiedRoles?: string[];

  @Field({ nullable: true, description: 'Alasan (tunda, pencabutan, buka kembali, percobaan ditolak)' })
  reason?: string;

  @Field({ nullable: true, description: 'Kode penolakan (percobaan ditolak), mis. FORBIDDEN' })
  code?: string;
}

@ObjectType('StepDuration', { description: 'Waktu kerja sebuah langkah terhadap baku mutunya.' })
export class StepDurationObject {
  @Field(() => Int)
  run: number;

  @Field()
  stepKey: string;

  @Field()
  title: string;

  @Field(() => BakuMutuObject)
  bakuMutu: BakuMutuObject;

  @Field(() => Float)
  bakuMutuWorkingMinutes: number;

  @Field(() => DateTimeScalar)
  startedAt: string;

  @Field(() => DateTimeScalar)
  dueAt: string;

  @Field(() => DateTimeScalar, { nullable: true })
  endedAt?: string;

  @Field({ nullable: true })
  outcome?: string;

  @Field(() => PersonObject, { nullable: true })
  actor?: PersonObject;

  @Field(() => Float)
  workingMinutesTaken: number;

  @Field(() => Float)
  minutesOverBakuMutu: number;

  @Field()
  breached: boolean;
}

@ObjectType('ComplaintTimeline', { description: 'Riwayat lengkap sebuah aduan, dari riwayat alur kerjanya.' })
export class ComplaintTimelineObject {
  @Field(() => ID)
  complaintId: string;

  @Field()
  workflowId: string;

  @Field()
  runId: string;

  @Field({ nullable: true })
  registerNumber?: string;

  @Field()
  sopId: string;

  @Field(() => Int)
  sopVersion: number;

  @Field()
  officeCode: string;

  @Field({ nullable: true, description: 'Status akhir bila alur kerja sudah selesai' })
  status?: string;

  @Field(() => DateTimeScalar, { description: 'Waktu kejadian terakhir dalam riwayat' })
  asOf: string;

  @Field(() => [TimelineEntryObject])
  entries: TimelineEntryObject[];

  @Field(() => [StepDurationObject])
  steps: StepDurationObject[];

  @Field({ description: 'Riwayat cocok dengan kejadian domain alur kerja' })
  consistent: boolean;

  @Field(() => [String])
  inconsistencies: string[];
}

@ObjectType('ReplayVerification', { description: 'Hasil memutar ulang riwayat dengan kode alur kerja saat ini.' })
export class ReplayVerificationObject {
  @Field(() => ID)
  complaintId: string;

  @Field()
  ok: boolean;

  @Field({ nullable: true })
  errorType?: string;

  @Field({ nullable: true })
  error?: string;

  @Field(() => Int, { nullable: true, description: 'Kejadian riwayat tempat perbedaan pertama' })
  divergenceEventId?: number;

  @Field({ nullable: true })
  divergence?: string;
}

@ObjectType('ComplaintExport', { description: 'Dokumen ekspor (JSON) dan digest SHA-256-nya.' })
export class ComplaintExportObject {
  @Field(() => ID)
  complaintId: string;

  @Field()
  digest: string;

  @Field({ description: 'Dokumen JSON lengkap: riwayat, SOP, kronologi' })
  document: string;
}

@ObjectType('OverdueComplaint', { description: 'Aduan yang melewati tenggat atau baku mutu.' })
export class OverdueComplaintObject {
  @Field(() => ID)
  complaintId: string;

  @Field({ nullable: true })
  registerNumber?: string;

  @Field()
  officeCode: string;

  @Field()
  status: string;

  @Field()
  subject: string;

  @Field(() => [String])
  currentStepKeys: string[];

  @Field(() => DateTimeScalar, { nullable: true })
  dueAt?: string;

  @Field()
  slaBreached: boolean;

  @Field({ description: 'Tenggat sudah lewat untuk langkah yang sedang berjalan' })
  overdue: boolean;

  @Field(() => Float, { description: 'Menit kerja melewati baku mutu (langkah berjalan dan yang sudah selesai)' })
  minutesOverBakuMutu: number;

  @Field(() => Int)
  breachCount: number;
}

@ObjectType('ComplaintDegradation', {
  description: 'Proyeksi ke model baca atau notifikasi yang gagal setelah semua percobaan; aduan tetap berjalan.',
})
export class ComplaintDegradationObject {
  @Field({ description: 'projection atau notification' })
  kind: string;

  @Field(() => DateTimeScalar)
  at: string;

  @Field({ description: 'Kejadian atau notifikasi (kunci dedupe) yang tidak tertulis' })
  detail: string;

  @Field({ description: 'Pesan kegagalan terakhir' })
  message: string;
}

@ObjectType('DegradedComplaint', { description: 'Aduan yang ditandai terdegradasi (atribut pencarian AduanDegraded).' })
export class DegradedComplaintObject {
  @Field(() => ID)
  complaintId: string;

  @Field()
  workflowId: string;

  @Field({ nullable: true })
  registerNumber?: string;

  @Field({ nullable: true })
  officeCode?: string;

  @Field({ nullable: true, description: 'Status aduan menurut atribut pencarian AduanStatus' })
  status?: string;

  @Field({ description: 'Status eksekusi alur kerja di Temporal (RUNNING, COMPLETED, …)' })
  executionStatus: string;

  @Field(() => [ComplaintDegradationObject])
  degradations: ComplaintDegradationObject[];
}
