import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { PubSub } from 'graphql-subscriptions';
import type { DataSource } from 'typeorm';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import { CHANGE_POLL_INTERVAL, DATA_SOURCE, GATEWAY_LOGGER, PUB_SUB } from '../../core/gateway.tokens';
import type { ComplaintChangeObject } from '../complaint.object';

export const COMPLAINT_CHANGED = 'complaintChanged';

interface ChangedRow {
  id: string;
  register_number: string | null;
  office_code: string;
  status: string;
  current_step_keys: string[];
  updated_at: Date;
  last_event_seq: number;
  change_xid: string;
}

/**
 * Publishes each complaint change to `complaintChanged` subscribers exactly once. The read model is
 * the one source: a change is identified by (complaint, last event sequence), whoever caused it (a
 * mutation of this gateway, a timer, the worker, another replica). A mutation only asks for an
 * early poll, since it returns after the projection has landed.
 *
 * The watermark is a transaction id, not an event time (a projection that lands late carries an
 * old event time): each row carries the id of the transaction that last moved its sequence, and
 * each poll reads the rows at or above the previous poll's snapshot xmin, then keeps its own
 * snapshot's xmin. Every transaction below an xmin has ended, so nothing committed is missed, and
 * a poll re-reads only the rows of transactions that were in flight; those are deduplicated by
 * sequence.
 */
@Injectable()
export class ComplaintChangeFeed implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  /** xmin of the last poll's snapshot; undefined before the first poll. */
  private watermark?: bigint;
  /** Last published event sequence per complaint, for the rows a poll can read again (change_xid ≥ watermark). */
  private readonly published = new Map<string, { seq: number; xid: bigint }>();
  private polling?: Promise<number>;
  private pollAgain = false;

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

  /**
   * One poll at a time; a request during a poll runs one more right after it. Resolves with the
   * number of rows the poll read.
   */
  poll(): Promise<number> {
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

  private async pollOnce(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    try {
      // One statement, one snapshot: the rows and the xmin they are complete below. The first poll
      // (no watermark yet) starts at that xmin and only learns the rows in flight: changes from
      // before this gateway started are old news.
      const rows: (Partial<ChangedRow> & { horizon: string })[] = await this.dataSource.query(
        `WITH snapshot AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon)
         SELECT s.horizon::text AS horizon, c.id, c.register_number, c.office_code, c.status, c.current_step_keys,
                c.updated_at, c.last_event_seq, c.change_xid
           FROM snapshot s
           LEFT JOIN complaints c ON c.change_xid >= COALESCE($1::bigint, s.horizon)
          ORDER BY c.change_xid, c.id`,
        [this.watermark?.toString() ?? null],
      );
      const primed = this.watermark !== undefined;
      const changed = rows.filter((row): row is ChangedRow & { horizon: string } => row.id != null);
      for (const row of changed) {
        const seen = this.published.get(row.id);
        if (seen && seen.seq >= row.last_event_seq) continue;
        this.published.set(row.id, { seq: row.last_event_seq, xid: BigInt(row.change_xid) });
        if (!primed) continue;
        await this.pubSub.publish(COMPLAINT_CHANGED, {
          complaintChanged: {
            complaintId: row.id,
            registerNumber: row.register_number ?? undefined,
            officeCode: row.office_code,
            status: row.status,
            currentStepKeys: row.current_step_keys,
            source: 'read-model',
            at: row.updated_at.toISOString(),
          } satisfies ComplaintChangeObject,
        });
      }
      this.watermark = BigInt(rows[0].horizon);
      // Rows below the new watermark are never read again, so their sequence need not be kept.
      for (const [id, seen] of this.published) if (seen.xid < this.watermark) this.published.delete(id);
      return changed.length;
    } catch (error) {
      this.logger.warn('change feed poll failed', { error: error instanceof Error ? error.message : String(error) });
      return 0;
    }
  }
}
