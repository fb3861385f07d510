/**
 * Graceful shutdown of the gateway: operations still executing when the HTTP server stops are
 * waited for (bounded) before the Temporal connection and the pool close underneath them.
 */
import type { GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import { OperationDrain } from '../../apps/gateway/src/core/operation-drain';

async function startOperation(drain: OperationDrain): Promise<() => Promise<void>> {
  const plugin = drain.plugin();
  const listener = (await plugin.requestDidStart!(
    {} as GraphQLRequestContext<object>,
  )) as GraphQLRequestListener<object>;
  return () => listener.willSendResponse!({} as never);
}

describe('operation drain at shutdown', () => {
  it('waits until every running operation has answered', async () => {
    const drain = new OperationDrain();
    const first = await startOperation(drain);
    const second = await startOperation(drain);
    let drained = false;
    const waiting = drain.drained(5_000).then(() => (drained = true));
    await first();
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    await second();
    await waiting;
    expect(drained).toBe(true);
  });

  it('gives up after its bound when an operation never answers', async () => {
    const drain = new OperationDrain();
    await startOperation(drain);
    const started = Date.now();
    await drain.drained(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('returns at once when nothing runs', async () => {
    await expect(new OperationDrain().drained(60_000)).resolves.toBeUndefined();
  });
});
