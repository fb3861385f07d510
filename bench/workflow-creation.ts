/**
 * CPU that the worker spends to create one workflow (a new complaint, or a cached one evicted and
 * replayed) before its first activation: in the reusable V8 context every workflow evaluates the
 * bundle's modules again (`importWorkflows`), so whatever they build at module scope is paid here.
 * No server, no database: the bundle of `workflows/` in the SDK's ReusableVMWorkflowCreator.
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/workflow-creation.ts [--n 200] [--rounds 5]
 *
 * Prints the CPU time (user + system, so other processes on the machine inflate it little) per
 * creation for each round, then the median; then (with --expose-gc) the heap that each created
 * workflow keeps while it lives, what a cached complaint costs before its own state.
 */
import { newComplaintOptions, workerWorkflowCreator } from '../test/support/reusable-vm';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const n = option('n', 200);
  const rounds = option('rounds', 5);
  const creator = await workerWorkflowCreator();
  const createAndDispose = async () => (await creator.createWorkflow(newComplaintOptions())).dispose();
  for (let i = 0; i < 20; i++) await createAndDispose(); // warm-up: JIT, shared modules
  const perCreation: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) await createAndDispose();
    const used = process.cpuUsage(before);
    perCreation.push((used.user + used.system) / 1000 / n);
    console.log(`round ${round + 1}: ${perCreation[round].toFixed(2)} ms CPU per workflow creation (n=${n})`);
  }
  const sorted = [...perCreation].sort((a, b) => a - b);
  console.log(`median: ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms CPU per workflow creation`);
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    const alive = [];
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < n; i++) alive.push(await creator.createWorkflow(newComplaintOptions()));
    collect();
    const kept = (process.memoryUsage().heapUsed - before) / n / 1024;
    console.log(`heap kept per live workflow: ${kept.toFixed(0)} KiB (n=${n})`);
    for (const workflow of alive) await workflow.dispose();
  } else {
    console.log('heap kept per live workflow: run with --expose-gc to measure');
  }
  await creator.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
