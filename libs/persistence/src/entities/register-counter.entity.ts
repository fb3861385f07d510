import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last register sequence handed out per office and year (gap-free: bumped in the assigning transaction). */
@Entity({ name: 'register_counters' })
export class RegisterCounterEntity {
  @PrimaryColumn({ name: 'office_code', type: 'text', primaryKeyConstraintName: 'PK_register_counters' })
  officeCode: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_register_counters' })
  year: number;

  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq: number;
}
