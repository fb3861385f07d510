/**
 * The worker evaluates the workflow bundle's modules again for every workflow it creates (a new
 * complaint, or a cached one evicted and replayed), so what the bundle imports at run time is paid
 * per workflow. This guards the modules that workflows must not pull in.
 */
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';

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
