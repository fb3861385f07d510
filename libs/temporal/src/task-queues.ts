/** Task queue names; workflow-safe. */
export const TASK_QUEUES = {
  complaints: 'aduan-complaints',
} as const;
