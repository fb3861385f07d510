/**
 * The replay corpus: every recorded history in test/fixtures/histories must replay with the
 * current workflow code, so no change silently breaks a complaint that is already running.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkflowBundle } from '@temporalio/worker';
import { historyFromJsonObject } from '../../libs/audit/src/history-json';
import { verifyReplay } from '../../libs/audit/src/replay';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { writeNonDeterministicWorkflows } from '../support/nondeterministic-workflow';
import { SCENARIOS } from '../support/scenarios';

const HISTORIES_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');
/** One folder per workflow shape (v1: before the closes-at-arsip patch); every shape must keep replaying. */
const SHAPES = fs
  .readdirSync(HISTORIES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const corpus = SHAPES.flatMap((shape) =>
  fs
    .readdirSync(path.join(HISTORIES_DIR, shape))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      shape,
      name: `${shape}/${path.basename(file, '.json')}`,
      history: historyFromJsonObject(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, shape, file), 'utf8'))),
    })),
);

describe('replay of recorded complaint histories', () => {
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    bundle = await bundleWorkflows({ stackTraces: false });
  });

  it('holds, for each workflow shape, a recorded history of every scenario: each SOP variant, breach, rapat, revision, tunda, reopen', () => {
    expect(SHAPES).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7']);
    for (const shape of SHAPES) {
      expect(corpus.filter((entry) => entry.shape === shape).map((entry) => entry.name)).toEqual(
        SCENARIOS.map((scenario) => `${shape}/${scenario.name}`).sort(),
      );
    }
  });

  it.each(corpus.map((entry) => [entry.name, entry.history] as const))(
    'replays %s with the current workflow code',
    async (name, history) => {
      const verdict = await verifyReplay(history, { workflowBundle: bundle }, `complaint-${name}`);
      expect(verdict).toEqual({ ok: true });
    },
  );

  it('catches a workflow change that would break the recorded complaints', async () => {
    const altered = await bundleWorkflows({
      workflowsPath: await writeNonDeterministicWorkflows(),
      stackTraces: false,
    });
    const verdict = await verifyReplay(corpus[0]!.history, { workflowBundle: altered });
    expect(verdict).toMatchObject({ ok: false, errorType: 'DeterminismViolationError' });
  });
});
