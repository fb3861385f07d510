import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A copy of the complaint workflow with one extra activity call at submission, before the register number: the
 * kind of change that breaks every complaint already running. Written next to the repository (so
 * the bundler finds node_modules) in the git-ignored data folder, with imports made absolute.
 */
export async function writeNonDeterministicWorkflows(): Promise<string> {
  const dir = path.join(ROOT, '.data', `audit-nondeterministic-${randomUUID()}`);
  await fs.mkdir(dir, { recursive: true });
  const source = await fs.readFile(path.join(ROOT, 'workflows', 'complaint', 'complaint.workflow.ts'), 'utf8');
  const rewired = source
    .replace(/from '\.\.\/\.\.\/([^']+)'/g, (_match, target: string) => `from '${path.join(ROOT, target)}'`)
    .replace(/from '\.\.\/([^']+)'/g, (_match, target: string) => `from '${path.join(ROOT, 'workflows', target)}'`)
    .replace(
      /from '\.\/(complaint\.[a-z]+)'/g,
      (_match, target: string) => `from '${path.join(ROOT, 'workflows', 'complaint', target)}'`,
    );
  // Every complaint registers and is acknowledged at submission, whatever its shape.
  const marker = '  async function registerAndAcknowledge(): Promise<void> {\n';
  if (!rewired.includes(marker)) throw new Error('the workflow changed: update the non-determinism fixture');
  const altered = rewired.replace(
    marker,
    `${marker}    await readModelActivities.notify({ dedupeKey: workflowId + '/extra', kind: 'acknowledgment', complaintId: state.complaintId,
    officeCode: state.officeCode, recipientRoles: ['pemohon'], message: 'tambahan' });
`,
  );
  await fs.writeFile(path.join(dir, 'complaint.workflow.ts'), altered, 'utf8');
  await fs.writeFile(path.join(dir, 'index.ts'), "export { complaintWorkflow } from './complaint.workflow';\n", 'utf8');
  return dir;
}
