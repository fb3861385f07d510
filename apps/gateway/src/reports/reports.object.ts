import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ReportCount')
export class ReportCountObject {
  @Field()
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('ReportPeriod')
export class ReportPeriodObject {
  @Field()
  officeCode: string;

  @Field()
  officeName: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true })
  month?: number;

  @Field({ description: 'Mis. "Maret 2026" atau "Tahun 2026"' })
  label: string;

  @Field()
  timeZone: string;

  @Field({ description: 'Awal periode (UTC, inklusif)' })
  from: string;

  @Field({ description: 'Akhir periode (UTC, eksklusif)' })
  to: string;
}

@ObjectType('StepReport', { description: 'Kepatuhan baku mutu satu langkah SOP dalam periode.' })
export class StepReportObject {
  @Field()
  stepKey: string;

  @Field()
  title: string;

  @Field(() => Int, { description: 'Langkah yang selesai dalam periode' })
  completed: number;

  @Field(() => Int)
  withinBakuMutu: number;

  @Field(() => Int)
  breached: number;

  @Field(() => Float, { nullable: true })
  compliancePercent?: number;

  @Field(() => Float, { nullable: true, description: 'Median menit kerja (jam kantor) dari mulai sampai selesai' })
  medianWorkingMinutes?: number;

  @Field(() => Float, { nullable: true, description: 'Persentil 90 menit kerja dari mulai sampai selesai' })
  p90WorkingMinutes?: number;

  @Field(() => Float, { nullable: true, description: 'Median menit dari mulai sampai selesai' })
  medianMinutes?: number;

  @Field(() => Float, { nullable: true, description: 'Persentil 90 menit dari mulai sampai selesai' })
  p90Minutes?: number;

  @Field(() => Float, { nullable: true, description: 'Median menit yang diizinkan tenggatnya' })
  medianAllowedMinutes?: number;

  @Field(() => Float, { nullable: true, description: 'Baku mutu dalam menit kerja kantor' })
  bakuMutuWorkingMinutes?: number;
}

@ObjectType('ComplaintReport', { description: 'Laporan aduan satu kantor untuk satu bulan atau satu tahun.' })
export class ComplaintReportObject {
  @Field(() => ReportPeriodObject)
  period: ReportPeriodObject;

  @Field(() => Int)
  total: number;

  @Field(() => [ReportCountObject])
  byStatus: ReportCountObject[];

  @Field(() => [ReportCountObject])
  byChannel: ReportCountObject[];

  @Field(() => [ReportCountObject])
  byType: ReportCountObject[];

  @Field(() => [ReportCountObject])
  byCategory: ReportCountObject[];

  @Field(() => [StepReportObject])
  steps: StepReportObject[];

  @Field(() => Int, { description: 'Aduan yang belum dijawab atau ditutup pada akhir periode' })
  openAtEnd: number;

  @Field(() => Int, { description: 'Dari yang terbuka, yang langkahnya melewati tenggat pada akhir periode' })
  overdueAtEnd: number;
}

@ObjectType('AnnualReportMonth')
export class AnnualReportMonthObject {
  @Field(() => Int)
  month: number;

  @Field()
  monthName: string;

  @Field(() => Int)
  received: number;

  @Field(() => Int)
  answered: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => Int)
  forwarded: number;

  @Field(() => Int)
  withdrawn: number;

  @Field(() => Int)
  incomplete: number;

  @Field(() => Int)
  inProgress: number;

  @Field(() => Float, { nullable: true })
  averageDaysToAnswer?: number;
}

@ObjectType('RefusalReason')
export class RefusalReasonObject {
  @Field()
  status: string;

  @Field()
  reason: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('AnnualPublicInformationReport', {
  description: 'Rincian pelayanan untuk Laporan Tahunan Layanan Informasi Publik (SOP 001, PPID).',
})
export class AnnualPublicInformationReportObject {
  @Field(() => ReportPeriodObject)
  period: ReportPeriodObject;

  @Field(() => AnnualReportMonthObject, { description: 'Jumlah setahun' })
  totals: AnnualReportMonthObject;

  @Field(() => Float, { nullable: true })
  medianDaysToAnswer?: number;

  @Field(() => [AnnualReportMonthObject])
  months: AnnualReportMonthObject[];

  @Field(() => [ReportCountObject])
  byType: ReportCountObject[];

  @Field(() => [ReportCountObject])
  byChannel: ReportCountObject[];

  @Field(() => [RefusalReasonObject])
  refusalReasons: RefusalReasonObject[];

  @Field(() => [StepReportObject])
  steps: StepReportObject[];
}
