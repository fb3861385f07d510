import { ApplicationFailure } from '@temporalio/common';
import { isDataError } from '../libs/persistence/src/transaction';

/**
 * Runs a write; when PostgreSQL refuses the data itself, fails with a non-retryable
 * BAD_USER_INPUT so that the activity is not retried with the same input. Connection and other
 * transient errors pass through and are retried within the activity's bounds.
 */
export async function refuseDataErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDataError(error)) {
      const detail = error instanceof Error ? error.message : String(error);
      throw ApplicationFailure.nonRetryable(`Data ditolak oleh basis data: ${detail}`, 'BAD_USER_INPUT');
    }
    throw error;
  }
}
