import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An archived monthly recap of an office (seed 002 steps 5–7): the recap computed from the read
 * model, the head's evaluation, the archive reference, and the SHA-256 of the canonical document
 * `{ officeCode, year, month, recap, evaluation, archiveRef, archivedAt }`. Written once per month.
 */
@Entity({ name: 'monthly_recaps' })
export class MonthlyRecapEntity {
  @PrimaryColumn({ name: 'office_code', type: 'text', primaryKeyConstraintName: 'PK_monthly_recaps' })
  officeCode: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_monthly_recaps' })
  year: number;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_monthly_recaps' })
  month: number;

  @Column({ type: 'jsonb' })
  recap: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  evaluation: Record<string, unknown> | null;

  @Column({ name: 'archive_ref', type: 'text' })
  archiveRef: string;

  @Column({ name: 'archived_at', type: 'timestamptz' })
  archivedAt: Date;

  @Column({ type: 'text' })
  digest: string;
}
