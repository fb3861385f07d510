/**
 * Records the replay corpus: runs every scenario of test/support/scenarios.ts with the real
 * complaint workflow on the time-skipping server and writes each completed history to
 * test/fixtures/histories/<shape>/<scenario>.json. CI replays them on every run (test/workflow/replay.spec.ts)
 * so no change silently breaks running complaints.
 *
 * Re-record only when a workflow change is intentionally incompatible, and then the running
 * complaints need the old behaviour kept behind `patched()` (or a new workflow type): the old
 * files are the proof of what was running.
 *
 *   npm run record-histories [-- scenario-name …]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyToJsonObject } from '../libs/audit/src/history-json';
import { SCENARIOS } from '../test/support/scenarios';
import { createRecordingActivities, createWorkflowHarness, withWorker } from '../test/support/workflow-harness';

/**
 * One folder per workflow shape: `v1/` holds the histories of complaints started before the
 * closes-at-arsip patch (kept forever as proof of what was running); new recordings go to the
 * current shape's folder.
 */
export const CURRENT_SHAPE = 'v7';
export const HISTORIES_DIR = path.resolve(__dirname, '..', 'test', 'fixtures', 'histories', CURRENT_SHAPE);

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2));
  const scenarios = SCENARIOS.filter((scenario) => wanted.size === 0 || wanted.has(scenario.name));
  const unknown = [...wanted].filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const harness = await createWorkflowHarness();
  try {
    for (const scenario of scenarios) {
      const { activities } = createRecordingActivities();
      const history = await withWorker(harness, activities, async () => {
        const handle = await scenario.run(harness);
        const result = await handle.result();
        process.stdout.write(`${scenario.name}: ${result.status}\n`);
        return handle.fetchHistory();
      });
      const file = path.join(HISTORIES_DIR, `${scenario.name}.json`);
      fs.writeFileSync(file, `${JSON.stringify(historyToJsonObject(history), null, 1)}\n`);
    }
  } finally {
    await harness.env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
