import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { PubSub } from 'graphql-subscriptions';
import { MoreThan, type DataSource } from 'typeorm';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import { ComplaintEntity } from '../../../../../libs/persistence/src/entities';
import { CHANGE_POLL_INTERVAL, DATA_SOURCE, GATEWAY_LOGGER, PUB_SUB } from '../../core/gateway.tokens';
import type { ComplaintChangeObject } from '../complaint.object';

export const COMPLAINT_CHANGED = 'complaintChanged';

/**
 * How far behind the newest `updated_at` the poll looks again. `updated_at` is the time of the
 * complaint's last domain event, not of the write: a projection that lands late (activity retry,
 * busy worker) carries an event time older than rows already seen, and a plain "newer than the
 * watermark" poll would never publish it.
 */
export const LATE_PROJECTION_WINDOW_MS = 10 * 60_000;

/**
 * Publishes each complaint change to `complaintChanged` subscribers exactly once. The read model is
 * the one source: a change is identified by (complaint, last event sequence), whoever caused it (a
 * mutation of this gateway, a timer, the worker, another replica). A mutation only asks for an
 * early poll, since it returns after the projection has landed.
 */
@Injectable()
export class ComplaintChangeFeed implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  /** Newest event time seen; the poll reads from `watermark - LATE_PROJECTION_WINDOW_MS`. */
  private watermark = new Date();
  /** Last published event sequence per complaint, for the complaints inside the window. */
  private readonly published = new Map<string, { seq: number; updatedAt: number }>();
  private polling?: Promise<void>;
  private pollAgain = false;
  /** The first poll only learns what is already there: changes from before this gateway started are old news. */
  private primed = false;

  constructor(
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(GATEWAY_LOGGER) private readonly logger: AppLogger,
    @Inject(CHANGE_POLL_INTERVAL) private readonly pollIntervalMs: number,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.poll();
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

  /** After a mutation: the projection has landed, so poll now rather than at the next tick. */
  changed(): void {
    void this.poll();
  }

  /** One poll at a time; a request during a poll runs one more right after it. */
  poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = this.pollOnce().finally(() => {
      this.polling = undefined;
      if (this.pollAgain) {
        this.pollAgain = false;
        void this.poll();
      }
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    if (!this.dataSource.isInitialized) {
      this.primed = true;
      return;
    }
    try {
      const since = new Date(this.watermark.getTime() - LATE_PROJECTION_WINDOW_MS);
      const rows = await this.dataSource.getRepository(ComplaintEntity).find({
        select: ['id', 'registerNumber', 'officeCode', 'status', 'currentStepKeys', 'updatedAt', 'lastEventSeq'],
        where: { updatedAt: MoreThan(since) },
        order: { updatedAt: 'ASC' },
      });
      for (const row of rows) {
        if (row.updatedAt > this.watermark) this.watermark = row.updatedAt;
        const seen = this.published.get(row.id);
        if (seen && seen.seq >= row.lastEventSeq) continue;
        this.published.set(row.id, { seq: row.lastEventSeq, updatedAt: row.updatedAt.getTime() });
        if (!this.primed) continue;
        await this.pubSub.publish(COMPLAINT_CHANGED, {
          complaintChanged: {
            complaintId: row.id,
            registerNumber: row.registerNumber ?? undefined,
            officeCode: row.officeCode,
            status: row.status,
            currentStepKeys: row.currentStepKeys,
            source: 'read-model',
            at: row.updatedAt.toISOString(),
          } satisfies ComplaintChangeObject,
        });
      }
      this.primed = true;
      this.forgetOutsideWindow();
    } catch (error) {
      this.logger.warn('change feed poll failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Complaints older than the window are not read again, so their sequence need not be kept. */
  private forgetOutsideWindow(): void {
    const horizon = this.watermark.getTime() - LATE_PROJECTION_WINDOW_MS;
    for (const [id, seen] of this.published) if (seen.updatedAt <= horizon) this.published.delete(id);
  }
}
