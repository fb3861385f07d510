/**
 * Temporal's own floor for the benchmark, bundled only by the benchmark.
 *
 * - `floorWorkflow`: a bare workflow that answers a no-op Update per human step of SOP 000, with
 *   nothing else (the floor the targets are set against).
 * - `designFloorWorkflow`: the same, plus what DESIGN asks of every human step from Temporal and
 *   nothing of this product's own code: one local activity (the projection's place; it returns its
 *   input), the step's baku-mutu timer restarted, and the two search attributes that change at
 *   every step (AduanStep, AduanDueAt) upserted.
 */
import {
  CancellationScope,
  condition,
  defineUpdate,
  isCancellation,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../libs/temporal/src/search-attributes';

export const noopUpdate = defineUpdate<number, []>('noop');

export interface DesignFloorActivities {
  echo(value: number): Promise<number>;
}

export const designFloorActivities: DesignFloorActivities = {
  echo: (value) => Promise.resolve(value),
};

const { echo } = proxyLocalActivities<DesignFloorActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export async function floorWorkflow(steps: number): Promise<number> {
  let handled = 0;
  setHandler(noopUpdate, () => {
    handled += 1;
    return handled;
  });
  await condition(() => handled >= steps);
  return handled;
}

export async function designFloorWorkflow(steps: number): Promise<number> {
  let handled = 0;
  let bakuMutu: CancellationScope | undefined;
  setHandler(noopUpdate, async () => {
    const step = await echo(handled + 1);
    bakuMutu?.cancel();
    bakuMutu = new CancellationScope();
    bakuMutu
      .run(() => sleep('3 days'))
      .catch((error: unknown) => {
        if (!isCancellation(error)) throw error;
      });
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.step, value: `step-${step}` },
      { key: SEARCH_ATTRIBUTES.dueAt, value: new Date(Date.UTC(2030, 0, step)) },
    ]);
    handled = step;
    return handled;
  });
  await condition(() => handled >= steps);
  bakuMutu?.cancel();
  return handled;
}
