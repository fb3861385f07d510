import { dropTestDatabase } from '../support/database';
import { GLOBAL_STATE_KEY, type GlobalTestState } from './global-state';

/** Stops what global-setup.ts started, in reverse order. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[GLOBAL_STATE_KEY] as GlobalTestState | undefined;
  if (state?.database) await dropTestDatabase(state.database);
}
