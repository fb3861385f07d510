import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Refused workflow actions (wrong role, wrong step, bad payload): they never enter the workflow
 * history, so the gateway records them here for auditors. Append-only.
 */
@Entity({ name: 'audit_refusals' })
@Index('IDX_audit_refusals_complaint_at', ['complaintId', 'at'])
export class AuditRefusalEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_audit_refusals' })
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'text' })
  actorUserId: string;

  @Column({ name: 'actor_name', type: 'text' })
  actorName: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  /** The refused actor's office (null for the complainant and for rows recorded before it was kept). */
  @Column({ name: 'actor_office_code', type: 'text', nullable: true })
  actorOfficeCode: string | null;

  /** The refused operation (e.g. `act`, `addNote`, `reassign`). */
  @Column({ type: 'text' })
  operation: string;

  @Column({ name: 'step_key', type: 'text', nullable: true })
  stepKey: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  /** Error code (libs/domain/src/errors.ts). */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'jsonb' })
  request: Record<string, unknown>;
}
