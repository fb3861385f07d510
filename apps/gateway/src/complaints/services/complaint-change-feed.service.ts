import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { PubSub } from 'graphql-subscriptions';
import { MoreThan, type DataSource } from 'typeorm';
import type { ComplaintState } from '../../../../../libs/domain/src/complaint';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import { ComplaintEntity } from '../../../../../libs/persistence/src/entities';
import { CHANGE_POLL_INTERVAL, DATA_SOURCE, GATEWAY_LOGGER, PUB_SUB } from '../../core/gateway.tokens';
import type { ComplaintChangeObject } from '../complaint.object';

export const COMPLAINT_CHANGED = 'complaintChanged';

/**
 * Publishes complaint changes to `complaintChanged` subscribers: after each mutation of this
 * gateway, and, by polling the read model's `updated_at`, changes made elsewhere (timers, the
 * worker, other replicas).
 */
@Injectable()
export class ComplaintChangeFeed implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private watermark = new Date();
  private polling = false;

  constructor(
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(GATEWAY_LOGGER) private readonly logger: AppLogger,
    @Inject(CHANGE_POLL_INTERVAL) private readonly pollIntervalMs: number,
  ) {}

  onModuleInit(): void {
    if (this.pollIntervalMs > 0) {
      this.timer = setInterval(() => void this.poll(), this.pollIntervalMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  asyncIterator(): AsyncIterableIterator<{ complaintChanged: ComplaintChangeObject }> {
    return this.pubSub.asyncIterableIterator(COMPLAINT_CHANGED);
  }

  publishState(state: ComplaintState): Promise<void> {
    return this.publish({
      complaintId: state.complaintId,
      registerNumber: state.registerNumber,
      officeCode: state.officeCode,
      status: state.status,
      currentStepKeys: state.currentSteps.map((step) => step.key),
      source: 'mutation',
      at: new Date().toISOString(),
    });
  }

  private publish(change: ComplaintChangeObject): Promise<void> {
    return this.pubSub.publish(COMPLAINT_CHANGED, { complaintChanged: change });
  }

  private async poll(): Promise<void> {
    if (this.polling || !this.dataSource.isInitialized) return;
    this.polling = true;
    try {
      const rows = await this.dataSource.getRepository(ComplaintEntity).find({
        select: ['id', 'registerNumber', 'officeCode', 'status', 'currentStepKeys', 'updatedAt'],
        where: { updatedAt: MoreThan(this.watermark) },
        order: { updatedAt: 'ASC' },
        take: 500,
      });
      for (const row of rows) {
        if (row.updatedAt > this.watermark) this.watermark = row.updatedAt;
        await this.publish({
          complaintId: row.id,
          registerNumber: row.registerNumber ?? undefined,
          officeCode: row.officeCode,
          status: row.status,
          currentStepKeys: row.currentStepKeys,
          source: 'read-model',
          at: row.updatedAt.toISOString(),
        });
      }
    } catch (error) {
      this.logger.warn('change feed poll failed', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.polling = false;
    }
  }
}
