/**
 * Temporal's own floor for the benchmark: a bare workflow that answers a no-op Update per human
 * step of SOP 000, with no activity. Bundled only by the benchmark.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const noopUpdate = defineUpdate<number, []>('noop');

export async function floorWorkflow(steps: number): Promise<number> {
  let handled = 0;
  setHandler(noopUpdate, () => {
    handled += 1;
    return handled;
  });
  await condition(() => handled >= steps);
  return handled;
}
