import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { ComplaintState } from '../../../domain/src/complaint';

/**
 * One row per complaint: the read model the staff inboxes, lists and the public tracking page read.
 * Written only by the projection activity from the workflow's state; the full state rides along in
 * `state` so a detail view needs no Temporal query. Not a GraphQL type.
 */
@Entity({ name: 'complaints' })
@Unique('UQ_complaints_workflow_id', ['workflowId'])
@Unique('UQ_complaints_register_number', ['registerNumber'])
@Index('IDX_complaints_office_status', ['officeCode', 'status'])
@Index('IDX_complaints_office_submitted_at', ['officeCode', 'submittedAt'])
@Index('IDX_complaints_office_sla_breached', ['officeCode', 'slaBreached'])
@Index('IDX_complaints_due_at', ['dueAt'])
@Index('IDX_complaints_change_xid', ['changeXid'])
// Expression/GIN indexes TypeORM cannot describe; created by the migration, ignored by schema diffs.
@Index('IDX_complaints_current_actor_roles', { synchronize: false })
@Index('IDX_complaints_search', { synchronize: false })
// Partial indexes (inbox order; tracking code while unnumbered), also created by a migration.
@Index('IDX_complaints_inbox', { synchronize: false })
@Index('IDX_complaints_unnumbered_tracking_code', { synchronize: false })
export class ComplaintEntity {
  /** The complaintId. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_complaints' })
  id: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ name: 'register_number', type: 'text', nullable: true })
  registerNumber: string | null;

  @Column({ name: 'office_code', type: 'text' })
  officeCode: string;

  @Column({ name: 'sop_id', type: 'text' })
  sopId: string;

  @Column({ name: 'sop_version', type: 'integer' })
  sopVersion: number;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'current_step_keys', type: 'text', array: true })
  currentStepKeys: string[];

  /** Union of the roles allowed to act on the current steps (the inbox filter). */
  @Column({ name: 'current_actor_roles', type: 'text', array: true })
  currentActorRoles: string[];

  /** Earliest deadline of the current steps. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'sla_breached', type: 'boolean' })
  slaBreached: boolean;

  @Column({ name: 'complaint_type', type: 'text', nullable: true })
  complaintType: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'boolean' })
  confidential: boolean;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'content_excerpt', type: 'text' })
  contentExcerpt: string;

  @Column({ name: 'complainant_name', type: 'text', nullable: true })
  complainantName: string | null;

  @Column({ type: 'boolean' })
  anonymous: boolean;

  /** SHA-256 (hex) of the complainant's tracking code. */
  @Column({ name: 'tracking_code_hash', type: 'text' })
  trackingCodeHash: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Time of the latest projected event. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Sequence of the latest projected event; a projection never moves it backwards. */
  @Column({ name: 'last_event_seq', type: 'integer' })
  lastEventSeq: number;

  /**
   * Id of the transaction that last moved `lastEventSeq` (stamped by a trigger, never written by
   * code): the change feed's watermark. A bigint, so it comes back as a string.
   */
  @Column({ name: 'change_xid', type: 'bigint', default: 0, select: false, insert: false, update: false })
  changeXid: string;

  @Column({ type: 'jsonb' })
  state: ComplaintState;
}
