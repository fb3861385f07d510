import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ActionKindEnum, DurationUnitEnum, RoleEnum } from '../core/graphql-types';

@ObjectType('BakuMutu', { description: 'Batas waktu layanan sebuah langkah.' })
export class BakuMutuObject {
  @Field(() => Float)
  amount: number;

  @Field(() => DurationUnitEnum, { description: 'minutes, hours atau working_days' })
  unit: string;
}

@ObjectType('SopTransition')
export class SopTransitionObject {
  @Field()
  to: string;

  @Field({ nullable: true, description: 'Hasil tindakan yang memicu transisi; kosong = transisi bawaan' })
  when?: string;
}

@ObjectType('SopStep')
export class SopStepObject {
  @Field()
  key: string;

  @Field()
  title: string;

  @Field(() => [RoleEnum])
  actorRoles: string[];

  @Field(() => ActionKindEnum)
  action: string;

  @Field(() => BakuMutuObject)
  bakuMutu: BakuMutuObject;

  @Field({ nullable: true, description: 'Langkah sebelumnya yang baku mutunya dipakai bersama (satu tenggat)' })
  sharesBakuMutuWith?: string;

  @Field()
  output: string;

  @Field(() => [SopTransitionObject])
  transitions: SopTransitionObject[];

  @Field({ nullable: true, description: 'Langkah tujuan otomatis bila baku mutu terlewati' })
  timeoutTransitionTo?: string;

  @Field(() => [RoleEnum])
  escalationRoles: string[];
}

@ObjectType('OfficeBreak', { description: 'Istirahat dalam jam kantor: bukan waktu kerja.' })
export class OfficeBreakObject {
  @Field()
  start: string;

  @Field()
  end: string;
}

@ObjectType('OfficeHours')
export class OfficeHoursObject {
  @Field(() => Int)
  weekday: number;

  @Field()
  start: string;

  @Field()
  end: string;

  @Field(() => [OfficeBreakObject])
  breaks: OfficeBreakObject[];
}

@ObjectType('Office')
export class OfficeObject {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field()
  kind: string;

  @Field()
  timeZone: string;

  @Field({ nullable: true, description: 'Kabupaten/kota (wilayah administrator)' })
  region?: string;

  @Field(() => [OfficeHoursObject])
  officeHours: OfficeHoursObject[];

  @Field(() => [String], { description: 'Hari libur kantor di luar libur nasional (YYYY-MM-DD)' })
  closures: string[];

  @Field()
  registerNumberFormat: string;
}

@ObjectType('Sop', { description: 'SOP penanganan aduan (data), sebagaimana dijalankan alur kerja.' })
export class SopObject {
  @Field()
  id: string;

  @Field(() => Int)
  version: number;

  @Field()
  title: string;

  @Field()
  sopNumber: string;

  @Field({ nullable: true, description: 'Tanggal efektif SOP; kosong bila dokumen SOP tidak mencantumkannya' })
  effectiveDate?: string;

  @Field(() => OfficeObject)
  office: OfficeObject;

  @Field()
  startStep: string;

  @Field(() => [SopStepObject])
  steps: SopStepObject[];
}
