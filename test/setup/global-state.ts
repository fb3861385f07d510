import type { TestDatabase } from '../support/database';

/** What the global setup started, kept on `globalThis` for the teardown (same process, not the workers). */
export interface GlobalTestState {
  database?: TestDatabase;
}

export const GLOBAL_STATE_KEY = '__ADUAN_GLOBAL_TEST_STATE__';
