import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

const SECONDS_PER_DAY = 24 * 60 * 60;

/**
 * Sets how long the namespace keeps closed workflow histories. A deliberate choice (README, "Retention"):
 * the archive register in PostgreSQL is the long-term record; Temporal keeps histories for operations.
 * Returns whether it changed anything.
 */
export async function ensureNamespaceRetention(
  connection: Connection,
  namespace: string,
  retentionDays: number,
): Promise<boolean> {
  const seconds = Math.round(retentionDays * SECONDS_PER_DAY);
  const described = await connection.workflowService.describeNamespace({ namespace });
  const current = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
  if (current === seconds) return false;
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msToTs(seconds * 1_000) },
  });
  return true;
}
