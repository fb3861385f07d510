/**
 * Jest global setup, shared by every test in the repository. Each service the tests need is
 * started by one `await` here and remembered for global-teardown.ts.
 */
import { createTestDatabase } from '../support/database';
import { GLOBAL_STATE_KEY, type GlobalTestState } from './global-state';

export default async function globalSetup(): Promise<void> {
  const state: GlobalTestState = {};
  (globalThis as Record<string, unknown>)[GLOBAL_STATE_KEY] = state;
  // A fresh, migrated PostgreSQL database for this run: DATABASE_URL and ADUAN_TEST_DATABASE_URL.
  state.database = await createTestDatabase();
  // The pages the browser tests open and the gateway serves: rebuilt when their sources changed.
  // A plain Node script (it also runs as postinstall, before TypeScript tooling is there).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildPages } = require('../../scripts/build-web.js') as { buildPages: () => number };
  if (buildPages() !== 0) throw new Error('building the pages (web/) failed');
}
