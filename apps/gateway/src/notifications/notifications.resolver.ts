import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { userOf } from '../auth/acting-user';
import type { GatewayContext } from '../auth/auth.types';
import { GqlContext } from '../auth/current-user.decorator';
import { NotificationObject } from './notification.object';
import { NotificationsService } from './services/notifications.service';

/** Staff notifications (the outbox and its delivery). Guarded globally (staff token). */
@Resolver(() => NotificationObject)
export class NotificationsResolver {
  constructor(private readonly notifications: NotificationsService) {}

  @Query(() => [NotificationObject], {
    description: 'Notifikasi untuk peran pemanggil di kantornya, terbaru dahulu, dengan status pengirimannya.',
  })
  async myNotifications(
    @GqlContext() context: GatewayContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('status', { nullable: true, description: 'pending, delivered, failed atau skipped' }) status?: string,
  ): Promise<NotificationObject[]> {
    return this.notifications.mine(userOf(context), first, status);
  }
}
