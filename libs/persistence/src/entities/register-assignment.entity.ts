import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** The register number of a complaint, assigned once (a retried activity reads it back). */
@Entity({ name: 'register_assignments' })
@Unique('UQ_register_assignments_register_number', ['registerNumber'])
@Unique('UQ_register_assignments_office_year_seq', ['officeCode', 'year', 'seq'])
export class RegisterAssignmentEntity {
  @PrimaryColumn({ name: 'complaint_id', type: 'uuid', primaryKeyConstraintName: 'PK_register_assignments' })
  complaintId: string;

  @Column({ name: 'office_code', type: 'text' })
  officeCode: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ name: 'register_number', type: 'text' })
  registerNumber: string;

  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' })
  assignedAt: Date;
}
