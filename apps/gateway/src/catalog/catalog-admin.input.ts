import { Field, Float, InputType, Int } from '@nestjs/graphql';

@InputType('OfficeBreakInput')
export class OfficeBreakInput {
  @Field({ description: 'HH:MM' })
  start: string;

  @Field({ description: 'HH:MM' })
  end: string;
}

@InputType('OfficeHoursInput')
export class OfficeHoursInput {
  @Field(() => Int, { description: '1 = Senin … 7 = Minggu' })
  weekday: number;

  @Field({ description: 'HH:MM' })
  start: string;

  @Field({ description: 'HH:MM' })
  end: string;

  @Field(() => [OfficeBreakInput], { nullable: true, description: 'Istirahat (mis. 12:00–13:00)' })
  breaks?: OfficeBreakInput[];
}

@InputType('OfficeInput', { description: 'Kantor baru, atau perubahan kantor yang ada (berdasarkan kode).' })
export class OfficeInput {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'kecamatan, dinas atau ppid' })
  kind: string;

  @Field({ nullable: true, description: 'Kode kabupaten/kota, mis. KAB-TABANAN' })
  region?: string;

  @Field({ description: 'Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)' })
  timeZone: string;

  @Field(() => [OfficeHoursInput])
  officeHours: OfficeHoursInput[];

  @Field(() => [String], { nullable: true, description: 'Hari libur kantor (YYYY-MM-DD)' })
  closures?: string[];

  @Field({ nullable: true, description: 'Pola nomor register; token {seq}, {office}, {year}' })
  registerNumberFormat?: string;
}

@InputType('BakuMutuInput')
export class BakuMutuInput {
  @Field(() => Float)
  amount: number;

  @Field({ description: 'minutes, hours atau working_days' })
  unit: string;
}

@InputType('SopTransitionInput')
export class SopTransitionInput {
  @Field({ description: 'Kunci langkah tujuan, atau END' })
  to: string;

  @Field({ nullable: true, description: 'Hasil tindakan yang memicu transisi; kosong = transisi bawaan' })
  when?: string;
}

@InputType('SopStepInput')
export class SopStepInput {
  @Field()
  key: string;

  @Field()
  title: string;

  @Field(() => [String])
  actorRoles: string[];

  @Field({ description: 'Jenis tindakan: verify, dispose, draft_answer, deliver, …' })
  action: string;

  @Field(() => BakuMutuInput)
  bakuMutu: BakuMutuInput;

  @Field({
    nullable: true,
    description: 'Kunci langkah sebelumnya yang baku mutunya dipakai bersama (baku mutu kedua langkah harus sama)',
  })
  sharesBakuMutuWith?: string;

  @Field()
  output: string;

  @Field(() => [SopTransitionInput])
  transitions: SopTransitionInput[];

  @Field({ nullable: true, description: 'Langkah tujuan otomatis bila baku mutu terlewati' })
  timeoutTransitionTo?: string;

  @Field(() => [String])
  escalationRoles: string[];

  @Field(() => [String], { nullable: true, description: 'Kelengkapan' })
  requirements?: string[];

  @Field({ nullable: true, description: 'Keterangan' })
  note?: string;
}

@InputType('SopPoliciesInput')
export class SopPoliciesInput {
  @Field({ description: 'Langkah tujuan bila aduan dibuka kembali' })
  reopenStep: string;

  @Field({ nullable: true, description: 'Langkah yang memberi nomor register (kosong: saat aduan diajukan)' })
  registerNumberAt?: string;

  @Field(() => Float, { nullable: true, description: 'Bagian baku mutu sebelum pengingat (bawaan 0,8)' })
  reminderFraction?: number;

  @Field(() => BakuMutuInput, { nullable: true })
  tundaLimit?: BakuMutuInput;

  @Field(() => BakuMutuInput, { nullable: true })
  reopenWindow?: BakuMutuInput;
}

@InputType('SopDefinitionInput', { description: 'SOP sebagai data terstruktur (alternatif dokumen YAML/JSON).' })
export class SopDefinitionInput {
  @Field()
  id: string;

  @Field()
  title: string;

  @Field()
  sopNumber: string;

  @Field({ nullable: true })
  effectiveDate?: string;

  @Field({ description: 'Asal SOP (dokumen sumber)' })
  source: string;

  @Field()
  startStep: string;

  @Field(() => [SopStepInput])
  steps: SopStepInput[];

  @Field(() => [String])
  supervisorRoles: string[];

  @Field(() => SopPoliciesInput)
  policies: SopPoliciesInput;
}

@InputType('DraftSopVersionInput', { description: 'Dokumen (YAML/JSON) atau definisi terstruktur: salah satu.' })
export class DraftSopVersionInput {
  @Field({
    nullable: true,
    description: 'Dokumen SOP dalam YAML atau JSON (id, title, sopNumber, steps, …; office: KODE)',
  })
  document?: string;

  @Field(() => SopDefinitionInput, { nullable: true })
  definition?: SopDefinitionInput;

  @Field({ nullable: true, description: 'Kantor SOP bila dokumen tidak menyebutnya' })
  officeCode?: string;
}

@InputType('SopVersionRefInput')
export class SopVersionRefInput {
  @Field()
  sopId: string;

  @Field(() => Int)
  version: number;
}

@InputType('PublishSopVersionInput')
export class PublishSopVersionInput extends SopVersionRefInput {
  @Field({ description: 'Berlaku mulai tanggal ini (YYYY-MM-DD, zona waktu kantor), tidak sebelum hari ini' })
  effectiveDate: string;
}

@InputType('StaffUserInput')
export class StaffUserInput {
  @Field({ description: 'Subjek token petugas (sub)' })
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

  @Field({ nullable: true, description: 'false: nonaktif (tidak lagi ditugaskan atau diberi notifikasi)' })
  active?: boolean;
}
