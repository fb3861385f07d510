import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';

/** How long shutdown waits for operations still executing (a workflow query retries for up to 5 s). */
export const OPERATION_DRAIN_TIMEOUT_MS = 10_000;

/**
 * Graceful shutdown of GraphQL operations: counts the operations still executing (a client that hung
 * up leaves its resolver running, e.g. a workflow query in retry backoff) and, once the HTTP server
 * has stopped accepting requests, waits for them before the process closes its Temporal connection
 * and database pool underneath them. The wait is bounded.
 */
@Injectable()
export class OperationDrain implements OnApplicationShutdown {
  private running = 0;
  private readonly waiters: (() => void)[] = [];

  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: () => {
        this.running += 1;
        let finished = false;
        const finish = (): void => {
          if (finished) return;
          finished = true;
          this.running -= 1;
          if (this.running === 0) this.waiters.splice(0).forEach((wake) => wake());
        };
        return Promise.resolve({ willSendResponse: () => Promise.resolve(finish()) });
      },
    };
  }

  /** Resolves when no operation is executing, or after `timeoutMs`. */
  drained(timeoutMs = OPERATION_DRAIN_TIMEOUT_MS): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drained();
  }
}
