import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Health', { description: 'Kesiapan gateway dan dependensinya.' })
export class HealthObject {
  @Field({ description: 'ok bila semua dependensi siap, selain itu degraded' })
  status: string;

  @Field({ description: 'up atau down' })
  temporal: string;

  @Field({ description: 'up atau down' })
  database: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Jumlah aduan terdegradasi (proyeksi atau notifikasi gagal); kosong bila Temporal tidak menjawab',
  })
  degradedComplaints: number | null;
}
