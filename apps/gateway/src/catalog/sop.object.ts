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

  @Field()
  output: string;

  @Field(() => [SopTransitionObject])
  transitions: SopTransitionObject[];

  @Field({ nullable: true, description: 'Langkah tujuan otomatis bila baku mutu terlewati' })
  timeoutTransitionTo?: string;

  @Field(() => [RoleEnum])
  escalationRoles: string[];
}

@ObjectType('OfficeHours')
export class OfficeHoursObject {
  @Field(() => Int)
  weekday: number;

  @Field()
  start: string;

  @Field()
  end: string;
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

  @Field(() => [OfficeHoursObject])
  officeHours: OfficeHoursObject[];
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

  @Field()
  effectiveDate: string;

  @Field(() => OfficeObject)
  office: OfficeObject;

  @Field()
  startStep: string;

  @Field(() => [SopStepObject])
  steps: SopStepObject[];
}
