import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The archived record of a closed complaint: the canonical JSON document and its SHA-256 digest,
 * written once (a retried archive activity returns the stored reference and digest).
 */
@Entity({ name: 'complaint_archives' })
export class ComplaintArchiveEntity {
  @PrimaryColumn({ name: 'complaint_id', type: 'uuid', primaryKeyConstraintName: 'PK_complaint_archives' })
  complaintId: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ name: 'archive_ref', type: 'text' })
  archiveRef: string;

  @Column({ name: 'archived_at', type: 'timestamptz' })
  archivedAt: Date;

  /** SHA-256 (hex) of the canonical JSON (sorted keys) of `document`. */
  @Column({ type: 'text' })
  digest: string;

  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;
}
