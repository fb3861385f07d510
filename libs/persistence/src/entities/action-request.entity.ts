import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The gateway's record of each staff or complainant request id it sent to a complaint: what the
 * request was (a fingerprint of operation, actor and payload), which step it resolved to, and the
 * answer once the workflow gave it. A retry with the same id and the same fingerprint gets the
 * original answer; the same id with anything else is a CONFLICT.
 */
@Entity({ name: 'action_requests' })
export class ActionRequestEntity {
  @PrimaryColumn({ name: 'complaint_id', type: 'uuid', primaryKeyConstraintName: 'PK_action_requests' })
  complaintId: string;

  @PrimaryColumn({ name: 'request_id', type: 'text', primaryKeyConstraintName: 'PK_action_requests' })
  requestId: string;

  /** SHA-256 of the canonical JSON of operation, actor and payload (step key excluded). */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'text' })
  operation: string;

  /** The step the request completed, as the gateway resolved it (null for notes and complainant actions). */
  @Column({ name: 'step_key', type: 'text', nullable: true })
  stepKey: string | null;

  /** The workflow's answer (the complaint's state after the update); null until it answered. */
  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
