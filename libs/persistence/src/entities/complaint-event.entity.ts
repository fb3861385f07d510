import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ComplaintEntity } from './complaint.entity';

/** The timeline of a complaint, one row per domain event; (complaint, seq) makes appends idempotent. */
@Entity({ name: 'complaint_events' })
export class ComplaintEventEntity {
  @PrimaryColumn({ name: 'complaint_id', type: 'uuid', primaryKeyConstraintName: 'PK_complaint_events' })
  complaintId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_complaint_events' })
  seq: number;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'step_key', type: 'text', nullable: true })
  stepKey: string | null;

  @Column({ name: 'actor_user_id', type: 'text', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'FK_complaint_events_complaint' })
  complaint?: ComplaintEntity;
}
