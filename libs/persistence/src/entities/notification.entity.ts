import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The notification outbox: the record staff inboxes and the complainant's tracking page read.
 * The notification dispatcher delivers it (e-mail, WhatsApp/SMS webhook) and records the outcome here.
 */
@Entity({ name: 'notifications' })
@Unique('UQ_notifications_dedupe_key', ['dedupeKey'])
@Index('IDX_notifications_office_created_at', ['officeCode', 'createdAt'])
@Index('IDX_notifications_complaint', ['complaintId'])
// The dispatcher's partial index (pending rows by next attempt); created by the migration.
@Index('IDX_notifications_due', { synchronize: false })
export class NotificationEntity {
  /** bigint: the driver returns it as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_notifications' })
  id: string;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text' })
  kind: string;

  /** Null for notifications about no single complaint (the monthly recap). */
  @Column({ name: 'complaint_id', type: 'uuid', nullable: true })
  complaintId: string | null;

  @Column({ name: 'register_number', type: 'text', nullable: true })
  registerNumber: string | null;

  @Column({ name: 'office_code', type: 'text' })
  officeCode: string;

  /** Staff roles within the office, or 'pemohon' for the complainant. */
  @Column({ name: 'recipient_roles', type: 'text', array: true })
  recipientRoles: string[];

  @Column({ name: 'step_key', type: 'text', nullable: true })
  stepKey: string | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** 'pending', 'delivered', 'failed' (attempts exhausted) or 'skipped' (no reachable recipient). */
  @Column({ type: 'text', default: 'pending' })
  status: string;

  /** Delivery rounds so far. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;
}
