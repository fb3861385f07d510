import { Module } from '@nestjs/common';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './services/notifications.service';

/** Staff notifications: what the outbox holds for the caller and whether it reached them. */
@Module({ providers: [NotificationsService, NotificationsResolver] })
export class NotificationsModule {}
