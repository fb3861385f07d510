import { rateLimited } from '../../errors/gateway.errors';

/**
 * A fixed-window, in-memory limiter for the public operations, per client address. One gateway
 * replica counts its own requests; behind several replicas the limit applies per replica.
 */
export class PublicRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `key`; throws the rate-limit error when the window's budget is spent. */
  consume(key: string): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= 60_000) {
      this.windows.set(key, { startedAt: now, count: 1 });
      if (this.windows.size > 10_000) this.prune(now);
      return;
    }
    window.count += 1;
    if (window.count > this.limitPerMinute) throw rateLimited();
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= 60_000) this.windows.delete(key);
  }
}
