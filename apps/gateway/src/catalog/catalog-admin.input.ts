import { Field, InputType, Int } from '@nestjs/graphql';

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

@InputType('DraftSopVersionInput')
export class DraftSopVersionInput {
  @Field({ description: 'Dokumen SOP dalam YAML atau JSON (id, title, sopNumber, steps, …; office: KODE)' })
  document: string;

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
