/**
 * Timeouts and retry bounds per kind of activity. Every activity here is short I/O: a short
 * start-to-close means the work of a killed worker is retried on another one within seconds, and
 * a bounded number of attempts means no activity retries forever. Data errors are thrown as
 * non-retryable application failures by the activities themselves.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  TimeoutFailure,
  type ActivityOptions,
  type LocalActivityOptions,
} from '@temporalio/workflow';

export const ACTIVITY_OPTIONS = {
  /** Pure calendar arithmetic: fails fast; a failure is a bug or bad SOP data. */
  deadline: {
    startToCloseTimeout: '5 seconds',
    retry: { initialInterval: '200 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 10 },
  },
  /** One PostgreSQL transaction; the complaint waits for it, so it keeps trying for about five minutes. */
  registerNumber: {
    startToCloseTimeout: '5 seconds',
    retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 40 },
  },
  /** Read model and outbox: a final failure leaves the complaint running and marked degraded. */
  readModel: {
    startToCloseTimeout: '4 seconds',
    retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 10 },
  },
  /** Building or storing an archive document can take longer than a row write. */
  archive: {
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
  },
} as const satisfies Record<string, ActivityOptions>;

/**
 * The same short I/O run as local activities (complaints of shape v3): the worker runs them inside
 * the workflow task and records only their result (a marker), so a step costs no extra workflow task.
 * Past `localRetryThreshold` a retry waits on a timer, so a long outage does not hold the task.
 */
export const LOCAL_ACTIVITY_OPTIONS = {
  /** Pure calendar arithmetic, in process: a failure is a bug or bad SOP data. */
  deadline: {
    startToCloseTimeout: '2 seconds',
    retry: { initialInterval: '100 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 10 },
  },
  /** One PostgreSQL transaction the complaint cannot go on without: about five minutes of attempts. */
  registerNumber: {
    startToCloseTimeout: '5 seconds',
    localRetryThreshold: '5 seconds',
    retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 40 },
  },
  /** One read-model transaction; a final failure leaves the complaint running and marked degraded. */
  projection: {
    startToCloseTimeout: '4 seconds',
    localRetryThreshold: '5 seconds',
    retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 10 },
  },
  /**
   * The notification outbox insert (complaints of shape v4): one short PostgreSQL write, delivery is
   * the dispatcher's; a final failure leaves the complaint running and marked degraded.
   */
  notification: {
    startToCloseTimeout: '3 seconds',
    localRetryThreshold: '5 seconds',
    retry: { initialInterval: '300 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 10 },
  },
} as const satisfies Record<string, LocalActivityOptions>;

/**
 * The workflow cannot go on without this result (register number, deadline, archive): once its
 * bounded retries are spent, the workflow task fails instead of the workflow, so the run stays
 * running, visibly stuck, and continues when a fixed worker is deployed.
 */
export async function required<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const message = activityFailureMessage(error);
    if (message !== undefined) throw new Error(`${what} gagal setelah semua percobaan: ${message}`);
    throw error;
  }
}

/**
 * Why an activity call finally failed, or undefined when the error is not an activity's failure. A
 * regular activity fails with an ActivityFailure; a local one reaches the workflow as its own
 * ApplicationFailure or TimeoutFailure, unwrapped.
 */
export function activityFailureMessage(error: unknown): string | undefined {
  if (error instanceof ActivityFailure) return error.cause?.message ?? error.message;
  if (error instanceof ApplicationFailure || error instanceof TimeoutFailure) return error.message;
  return undefined;
}
