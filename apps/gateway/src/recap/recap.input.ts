import { Field, InputType, Int } from '@nestjs/graphql';

@InputType('RecapMonthInput')
export class RecapMonthInput {
  @Field({ nullable: true, description: 'Kantor; bawaannya kantor petugas' })
  officeCode?: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { description: '1–12' })
  month: number;
}

@InputType('RecapActionBaseInput')
export class RecapActionBaseInput extends RecapMonthInput {
  @Field({ nullable: true, description: 'ID permintaan (idempotensi); bawaannya x-request-id' })
  requestId?: string;

  @Field({ nullable: true, description: 'Peran yang dipakai bila petugas memiliki beberapa peran' })
  actingRole?: string;
}

@InputType('CompileRecapInput')
export class CompileRecapInput extends RecapActionBaseInput {
  @Field({ nullable: true })
  note?: string;
}

@InputType('EvaluateRecapInput')
export class EvaluateRecapInput extends RecapActionBaseInput {
  @Field({ description: 'Perlu evaluasi (tindak lanjut) atau tidak' })
  evaluationNeeded: boolean;

  @Field()
  notes: string;
}

@InputType('ArchiveRecapInput')
export class ArchiveRecapInput extends RecapActionBaseInput {
  @Field({ nullable: true })
  archiveRef?: string;
}
