import { Inject, Injectable } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import { NotificationDeliveryEntity } from '../../../../../libs/persistence/src/entities/notification-delivery.entity';
import type { NotificationEntity } from '../../../../../libs/persistence/src/entities/notification.entity';
import type { AuthUser } from '../../auth/auth.types';
import { DATA_SOURCE } from '../../core/gateway.tokens';
import type { NotificationObject } from '../notification.object';
import { NotificationErrors } from '../notifications.errors';

export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
const MAX_FIRST = 100;

/** The outbox as staff see it: the notifications addressed to their roles in their office. */
@Injectable()
export class NotificationsService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async mine(user: AuthUser, first = 20, status?: string): Promise<NotificationObject[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw NotificationErrors.badFirst(MAX_FIRST);
    if (status !== undefined && !(NOTIFICATION_STATUSES as readonly string[]).includes(status)) {
      throw NotificationErrors.badStatus(NOTIFICATION_STATUSES);
    }
    const query = this.dataSource
      .createQueryBuilder()
      .select('n.*')
      .from('notifications', 'n')
      .where('n.recipient_roles && :roles::text[]', { roles: user.roles })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(first);
    // Supervisors and auditors (office '*') read every office's notifications to their roles.
    if (user.office !== '*') query.andWhere('n.office_code = :office', { office: user.office });
    if (status) query.andWhere('n.status = :status', { status });
    const rows: RawNotification[] = await query.getRawMany();
    const deliveries =
      rows.length === 0
        ? []
        : await this.dataSource
            .getRepository(NotificationDeliveryEntity)
            .find({ where: { notificationId: In(rows.map((row) => row.id)) }, order: { id: 'ASC' } });
    return rows.map((row) => ({
      id: String(row.id),
      kind: row.kind,
      ...(row.complaint_id ? { complaintId: row.complaint_id } : {}),
      ...(row.register_number ? { registerNumber: row.register_number } : {}),
      officeCode: row.office_code,
      recipientRoles: row.recipient_roles,
      ...(row.step_key ? { stepKey: row.step_key } : {}),
      message: row.message,
      createdAt: row.created_at.toISOString(),
      status: row.status,
      attempts: row.attempts,
      ...(row.last_error ? { lastError: row.last_error } : {}),
      ...(row.delivered_at ? { deliveredAt: row.delivered_at.toISOString() } : {}),
      deliveries: deliveries
        .filter((delivery) => delivery.notificationId === String(row.id))
        .map((delivery) => ({
          channel: delivery.channel,
          recipient: delivery.recipient,
          status: delivery.status,
          attempts: delivery.attempts,
          ...(delivery.lastError ? { lastError: delivery.lastError } : {}),
          ...(delivery.sentAt ? { sentAt: delivery.sentAt.toISOString() } : {}),
        })),
    }));
  }
}

/** A `notifications` row as the driver returns it (snake_case columns). */
interface RawNotification {
  id: NotificationEntity['id'];
  kind: string;
  complaint_id: string | null;
  register_number: string | null;
  office_code: string;
  recipient_roles: string[];
  step_key: string | null;
  message: string;
  created_at: Date;
  status: string;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
}
