import { Field, Int, ObjectType } from '@nestjs/graphql';
import { SopObject } from './sop.object';

@ObjectType('SopProblem', { description: 'Satu masalah SOP, per langkah bila menyangkut langkah.' })
export class SopProblemObject {
  @Field({ nullable: true, description: 'Kunci langkah; kosong untuk SOP secara keseluruhan' })
  step?: string;

  @Field()
  message: string;
}

@ObjectType('SopValidation')
export class SopValidationObject {
  @Field()
  valid: boolean;

  @Field(() => [SopProblemObject])
  problems: SopProblemObject[];

  @Field(() => SopObject, { nullable: true, description: 'Pratinjau SOP sebagaimana akan dijalankan (bila valid)' })
  preview?: SopObject;
}

@ObjectType('SopVersion', { description: 'Satu versi SOP kantor: draf, terbit, atau dicabut.' })
export class SopVersionObject {
  @Field()
  sopId: string;

  @Field(() => Int)
  version: number;

  @Field()
  officeCode: string;

  @Field({ description: 'draft, published atau retired' })
  status: string;

  @Field()
  title: string;

  @Field({ nullable: true })
  effectiveDate?: string;

  @Field({ description: 'Berlaku untuk aduan baru saat ini' })
  inForce: boolean;

  @Field()
  createdBy: string;

  @Field()
  createdAt: string;

  @Field({ nullable: true })
  publishedBy?: string;

  @Field({ nullable: true })
  publishedAt?: string;

  @Field({ nullable: true })
  retiredAt?: string;

  @Field({ description: 'Dokumen SOP (YAML) sebagaimana disunting kantor' })
  document: string;

  @Field(() => SopValidationObject)
  validation: SopValidationObject;
}

@ObjectType('SopStepChange')
export class SopStepChangeObject {
  @Field()
  key: string;

  @Field(() => [String], { description: 'Kolom langkah yang berubah (title, actorRoles, bakuMutu, …)' })
  fields: string[];
}

@ObjectType('SopDiff', { description: 'Perbedaan dua versi SOP, per langkah.' })
export class SopDiffObject {
  @Field()
  sopId: string;

  @Field(() => Int)
  fromVersion: number;

  @Field(() => Int)
  toVersion: number;

  @Field(() => [String])
  changedFields: string[];

  @Field(() => [String])
  addedSteps: string[];

  @Field(() => [String])
  removedSteps: string[];

  @Field(() => [SopStepChangeObject])
  changedSteps: SopStepChangeObject[];

  @Field()
  reordered: boolean;
}

@ObjectType('StaffUser', { description: 'Petugas kantor: untuk penugasan ulang dan notifikasi.' })
export class StaffUserObject {
  @Field()
  id: string;

  @Field()
  officeCode: string;

  @Field()
  name: string;

  @Field(() => [String])
  roles: string[];

  @Field({ nullable: true })
  email?: string;

  @Field({ nullable: true })
  phone?: string;

  @Field()
  active: boolean;

  @Field()
  updatedAt: string;
}

@ObjectType('AdminAuditEntry', { description: 'Satu perubahan data kantor, SOP atau petugas: siapa, kapan, apa.' })
export class AdminAuditEntryObject {
  @Field()
  id: string;

  @Field()
  at: string;

  @Field()
  actorUserId: string;

  @Field()
  actorName: string;

  @Field()
  actorRole: string;

  @Field()
  officeCode: string;

  @Field({ description: 'office, sop_version atau staff_user' })
  entity: string;

  @Field()
  entityKey: string;

  @Field({ description: 'create, update, draft, publish, retire, deactivate' })
  action: string;

  @Field({ description: 'Perubahan (JSON)' })
  change: string;
}
