import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every change to offices, SOP versions and staff users: who, when, what. Append-only. */
@Entity({ name: 'admin_audit' })
@Index('IDX_admin_audit_office_at', ['officeCode', 'at'])
@Index('IDX_admin_audit_at', ['at'])
export class AdminAuditEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_admin_audit' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'text' })
  actorUserId: string;

  @Column({ name: 'actor_name', type: 'text' })
  actorName: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'office_code', type: 'text' })
  officeCode: string;

  /** `office`, `sop_version` or `staff_user`. */
  @Column({ type: 'text' })
  entity: string;

  /** The changed record's key, e.g. `PALARAN`, `palaran-pengaduan@2`, a staff id. */
  @Column({ name: 'entity_key', type: 'text' })
  entityKey: string;

  /** e.g. `create`, `update`, `draft`, `publish`, `retire`, `deactivate`, `seed`. */
  @Column({ type: 'text' })
  action: string;

  /** What changed: the new values, and the old ones where there were. */
  @Column({ type: 'jsonb' })
  change: Record<string, unknown>;
}
