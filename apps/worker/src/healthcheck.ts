/**
 * Container health check of a worker: healthy when the Temporal frontend answers and the
 * complaint task queue has workflow pollers. Exit code 0 = healthy, 1 = not.
 */
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../../../libs/config/src/config';
import { connectClient, temporalAddress } from '../../../libs/temporal/src/connection';

async function check(): Promise<void> {
  const config = loadConfig();
  const { connection } = await connectClient(config, temporalAddress(config));
  try {
    const response = await connection.workflowService.describeTaskQueue({
      namespace: config.temporal.namespace,
      taskQueue: { name: config.temporal.taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((response.pollers ?? []).length === 0) throw new Error(`no pollers on ${config.temporal.taskQueue}`);
  } finally {
    await connection.close();
  }
}

check().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`unhealthy: ${String(error)}\n`);
    process.exit(1);
  },
);
