import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OfficeEntity } from './office.entity';

export const SOP_VERSION_STATUSES = ['draft', 'published', 'retired'] as const;
export type SopVersionStatus = (typeof SOP_VERSION_STATUSES)[number];

/**
 * One version of an office's SOP. `document` is the SOP definition with its office by code (the
 * office's hours and closures are joined in from `offices` when a complaint snapshots it). A draft
 * may be replaced; a published version never changes again, it can only be retired.
 */
@Entity({ name: 'sop_versions' })
@Index('IDX_sop_versions_office_status', ['officeCode', 'status'])
@Check('CHK_sop_versions_status', `"status" IN ('draft', 'published', 'retired')`)
export class SopVersionEntity {
  @PrimaryColumn({ name: 'sop_id', type: 'text', primaryKeyConstraintName: 'PK_sop_versions' })
  sopId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_sop_versions' })
  version: number;

  @Column({ name: 'office_code', type: 'text' })
  officeCode: string;

  @ManyToOne(() => OfficeEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'office_code', foreignKeyConstraintName: 'FK_sop_versions_office' })
  office?: OfficeEntity;

  @Column({ type: 'text' })
  status: SopVersionStatus;

  @Column({ type: 'text' })
  title: string;

  /** In force from this day (office time zone) once published. */
  @Column({ name: 'effective_date', type: 'date', nullable: true })
  effectiveDate: string | null;

  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
