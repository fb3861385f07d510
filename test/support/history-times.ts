import { eventTime, type History } from '../../libs/audit/src/history-events';

/**
 * When the workflow applied each accepted Update, by update id: the start of the workflow task
 * that accepted it (the workflow's clock, which the domain event carries); the accepted event
 * itself is written when that task completes, a little later.
 */
export function updateAppliedTimes(history: History): Map<string, string> {
  const times = new Map<string, string>();
  let taskStartedAt = '';
  for (const event of history.events ?? []) {
    if (event.workflowTaskStartedEventAttributes) taskStartedAt = eventTime(event);
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) times.set(accepted.acceptedRequest?.meta?.updateId ?? '', taskStartedAt);
  }
  return times;
}
