import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OfficeHours } from '../../../domain/src/sop';

/** An office that receives complaints, managed by its administrators (seeded from `seeds/offices`). */
@Entity({ name: 'offices' })
export class OfficeEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_offices' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  /** Kabupaten/kota the office belongs to, for regional administrators; null = none. */
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'office_hours', type: 'jsonb' })
  officeHours: OfficeHours[];

  @Column({ type: 'jsonb' })
  closures: string[];

  @Column({ name: 'register_number_format', type: 'text' })
  registerNumberFormat: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
