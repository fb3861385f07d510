import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OfficeEntity } from './office.entity';

/** A staff member of an office: who can be assigned a step and notified. */
@Entity({ name: 'staff_users' })
@Index('IDX_staff_users_office', ['officeCode'])
export class StaffUserEntity {
  /** The JWT subject of this person. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_staff_users' })
  id: string;

  @Column({ name: 'office_code', type: 'text' })
  officeCode: string;

  @ManyToOne(() => OfficeEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'office_code', foreignKeyConstraintName: 'FK_staff_users_office' })
  office?: OfficeEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
