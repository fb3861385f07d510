import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One entry of the archive register (the long-term record of closed complaints): the complete export
 * document, stored as the exact JSON text that was digested, chained per office and year. Append-only:
 * a trigger refuses UPDATE and DELETE, and the chain shows any change made around it.
 */
@Entity({ name: 'archive_register' })
@Unique('UQ_archive_register_complaint_id', ['complaintId'])
@Index('IDX_archive_register_register_number', ['registerNumber'])
export class ArchiveRegisterEntryEntity {
  @PrimaryColumn({ name: 'office_code', type: 'text', primaryKeyConstraintName: 'PK_archive_register' })
  officeCode: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_archive_register' })
  year: number;

  /** Position in the office's register of the year, from 1, without gaps. */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_archive_register' })
  seq: number;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ name: 'run_id', type: 'text' })
  runId: string;

  @Column({ name: 'register_number', type: 'text', nullable: true })
  registerNumber: string | null;

  @Column({ type: 'text' })
  status: string;

  /** When the complaint closed (the last event of its history). */
  @Column({ name: 'closed_at', type: 'timestamptz' })
  closedAt: Date;

  @Column({ name: 'archived_at', type: 'timestamptz' })
  archivedAt: Date;

  /** The export document's own digest (SHA-256 of its canonical JSON without `digest`). */
  @Column({ name: 'document_digest', type: 'text' })
  documentDigest: string;

  /** The entry digest of the previous entry of the same office and year; null for the first. */
  @Column({ name: 'previous_entry_digest', type: 'text', nullable: true })
  previousEntryDigest: string | null;

  /** SHA-256 over office, year, seq, complaint, document digest and the previous entry digest. */
  @Column({ name: 'entry_digest', type: 'text' })
  entryDigest: string;

  /** The export document as JSON text (text, not jsonb, so its bytes stay exactly as digested). */
  @Column({ type: 'text' })
  document: string;
}
