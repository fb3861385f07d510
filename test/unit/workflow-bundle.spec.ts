/**
 * The worker evaluates the workflow bundle's modules again for every workflow it creates (a new
 * complaint, or a cached one evicted and replayed), so what the bundle imports at run time is paid
 * per workflow. This guards the modules that workflows must not pull in, and what the workflows of
 * one worker thread share instead of building it each (`acrossWorkflows`).
 */
import { randomUUID } from 'node:crypto';
import { acrossWorkflows } from '../../libs/domain/src/across-workflows';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { newComplaintOptions, workerWorkflowCreator } from '../support/reusable-vm';

/** The source modules webpack put into the bundle, by their module ids (`./libs/domain/src/sop-model.ts`). */
async function bundledModules(): Promise<string[]> {
  const { code } = await bundleWorkflows({ stackTraces: false });
  return [...code.matchAll(/^\/\*\*\*\/ "(\.\/[^"]+)"$/gm)].map((match) => match[1]);
}

describe('workflow bundle', () => {
  it('takes the SOP model from sop-model.ts and leaves the SOP schema (sop.ts and its zod schemas) out', async () => {
    const modules = await bundledModules();
    expect(modules).toContain('./workflows/complaint/complaint.workflow.ts');
    expect(modules).toContain('./libs/domain/src/sop-model.ts');
    expect(modules).not.toContain('./libs/domain/src/sop.ts');
    expect(modules).not.toContain('./libs/domain/src/sop-validator.ts');
    expect(modules).not.toContain('./libs/domain/src/catalog/index.ts');
  });
});

describe('what workflows of one worker thread share', () => {
  it('builds the request schemas once for all workflows, and every module still once per workflow', async () => {
    const creator = await workerWorkflowCreator();
    try {
      const [first, second] = [
        await creator.createWorkflow(newComplaintOptions()),
        await creator.createWorkflow(newComplaintOptions()),
      ];
      const moduleOf = (workflow: unknown, id: string) =>
        (
          workflow as { activator: { moduleCache: Map<string, { exports: Record<string, unknown> }> } }
        ).activator.moduleCache.get(id);
      const complaintModule = './libs/domain/src/complaint.ts';
      const [a, b] = [moduleOf(first, complaintModule), moduleOf(second, complaintModule)];
      expect(a).toBeDefined();
      // Each workflow evaluated the module itself (its own state stays its own) …
      expect(a).not.toBe(b);
      expect(moduleOf(first, './workflows/complaint/complaint.workflow.ts')).not.toBe(
        moduleOf(second, './workflows/complaint/complaint.workflow.ts'),
      );
      // … and got the schemas the first one built.
      for (const schema of ['actionRequestSchema', 'complaintStartSchema', 'noteRequestSchema', 'submissionSchema']) {
        expect(a!.exports[schema]).toBeDefined();
        expect(b!.exports[schema]).toBe(a!.exports[schema]);
      }
      await first.dispose();
      await second.dispose();
    } finally {
      await creator.destroy();
    }
  });
});

describe('acrossWorkflows', () => {
  it('returns the value built first for the same definition, and refuses a second definition under one key', () => {
    const key = `spec-${randomUUID()}`;
    const build = () => ({ built: Math.random() });
    const first = acrossWorkflows(key, build);
    expect(acrossWorkflows(key, build)).toBe(first);
    // Another evaluation of the same module: another function object with the same source.
    expect(acrossWorkflows(key, () => ({ built: Math.random() }))).toBe(first);
    expect(() => acrossWorkflows(key, () => ({ other: true }))).toThrow(`"${key}" is defined twice`);
  });
});
