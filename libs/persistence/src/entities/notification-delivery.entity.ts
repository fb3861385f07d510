import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NotificationEntity } from './notification.entity';

/**
 * One notification to one recipient over one channel. Once `sent`, a retry of the notification
 * skips it, so nobody receives the same notification twice.
 */
@Entity({ name: 'notification_deliveries' })
@Unique('UQ_notification_deliveries_recipient', ['notificationId', 'channel', 'recipient'])
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_notification_deliveries' })
  id: string;

  @Column({ name: 'notification_id', type: 'bigint' })
  notificationId: string;

  /** 'email' or 'webhook' (the WhatsApp/SMS gateway). */
  @Column({ type: 'text' })
  channel: string;

  /** E-mail address or phone number. */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ name: 'recipient_name', type: 'text', nullable: true })
  recipientName: string | null;

  /** 'pending', 'sent' or 'failed'. */
  @Column({ type: 'text', default: 'pending' })
  status: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'FK_notification_deliveries_notification' })
  notification?: NotificationEntity;
}
