import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../core/graphql-types';

@ObjectType('RecapCount')
export class RecapCountObject {
  @Field()
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('ArchiveRegisterHead')
export class ArchiveRegisterHeadObject {
  @Field(() => Int)
  entries: number;

  @Field(() => Int)
  lastSeq: number;

  @Field(() => String, { nullable: true })
  headDigest?: string | null;
}

@ObjectType('MonthlyRecapSummary')
export class RecapSummaryObject {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  answered: number;

  @Field(() => Int)
  closed: number;

  @Field(() => Int)
  breached: number;

  @Field(() => [String])
  breachedRegisterNumbers: string[];

  @Field(() => Float, { nullable: true })
  averageMinutesToAnswer?: number;

  @Field(() => Float, { nullable: true })
  averageMinutesToClose?: number;

  @Field(() => [RecapCountObject])
  byStatus: RecapCountObject[];

  @Field(() => [RecapCountObject])
  byChannel: RecapCountObject[];

  @Field(() => [RecapCountObject])
  byType: RecapCountObject[];

  @Field(() => [RecapCountObject])
  byCategory: RecapCountObject[];

  @Field(() => DateTimeScalar)
  generatedAt: string;

  @Field(() => ArchiveRegisterHeadObject, {
    nullable: true,
    description: 'Kepala rantai register arsip kantor pada tahun rekap, untuk dicetak dan disimpan di luar basis data.',
  })
  archiveRegisterHead?: ArchiveRegisterHeadObject;
}

@ObjectType('RecapStep')
export class RecapStepObject {
  @Field()
  key: string;

  @Field()
  title: string;

  @Field()
  action: string;

  @Field(() => [String])
  actorRoles: string[];

  @Field(() => DateTimeScalar)
  startedAt: string;

  @Field(() => DateTimeScalar, { nullable: true })
  dueAt?: string;

  @Field()
  breached: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt?: string;

  @Field({ nullable: true, description: 'Nama petugas yang menyelesaikan langkah' })
  completedBy?: string;
}

@ObjectType('RecapEvaluation')
export class RecapEvaluationObject {
  @Field()
  evaluationNeeded: boolean;

  @Field()
  notes: string;

  @Field()
  by: string;

  @Field(() => DateTimeScalar)
  at: string;
}

@ObjectType('RecapArchive')
export class RecapArchiveObject {
  @Field()
  archiveRef: string;

  @Field()
  digest: string;

  @Field(() => DateTimeScalar)
  archivedAt: string;
}

@ObjectType('MonthlyRecap')
export class MonthlyRecapObject {
  @Field()
  officeCode: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int)
  month: number;

  @Field({ description: 'computing, in_progress, archived' })
  status: string;

  @Field(() => RecapSummaryObject, { nullable: true })
  summary?: RecapSummaryObject;

  @Field(() => RecapStepObject, { nullable: true })
  currentStep?: RecapStepObject;

  @Field(() => [RecapStepObject])
  completedSteps: RecapStepObject[];

  @Field({ nullable: true })
  compileNote?: string;

  @Field(() => RecapEvaluationObject, { nullable: true })
  evaluation?: RecapEvaluationObject;

  @Field(() => RecapArchiveObject, { nullable: true })
  archive?: RecapArchiveObject;
}
