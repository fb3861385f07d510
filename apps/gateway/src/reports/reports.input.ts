import { Field, InputType, Int } from '@nestjs/graphql';

@InputType('ReportPeriodInput')
export class ReportPeriodInput {
  @Field({
    nullable: true,
    description: 'Kode kantor; bawaannya kantor pemanggil (wajib untuk pengawas lintas kantor)',
  })
  officeCode?: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true, description: '1–12; kosong untuk laporan setahun' })
  month?: number;
}

@InputType('AnnualReportInput')
export class AnnualReportInput {
  @Field({
    nullable: true,
    description: 'Kode kantor; bawaannya kantor pemanggil (wajib untuk pengawas lintas kantor)',
  })
  officeCode?: string;

  @Field(() => Int)
  year: number;
}
