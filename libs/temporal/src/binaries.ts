import * as fs from 'node:fs';
import type { AppConfig } from '../../config/src/config';

export interface TemporalBinaries {
  /** `temporal` CLI: dev server and Web UI. */
  cliPath: string;
  /** Java time-skipping test server. */
  testServerPath: string;
}

function assertExecutable(filePath: string, what: string, envName: string): string {
  try {
    fs.accessSync(filePath, fs.constants.X_OK);
  } catch {
    throw new Error(
      `${what} not found at ${filePath}: run "npm run provision" (or set ${envName} to an existing binary, ` +
        'or TEMPORAL_ADDRESS to use an external cluster).',
    );
  }
  return filePath;
}

/** The `temporal` CLI binary, checked to exist (TEMPORAL_CLI_PATH overrides the provisioned one). */
export function resolveCliPath(config: Pick<AppConfig, 'temporal'>): string {
  return assertExecutable(config.temporal.cliPath, 'Temporal CLI', 'TEMPORAL_CLI_PATH');
}

/** The time-skipping test server binary (TEMPORAL_TEST_SERVER_PATH overrides the provisioned one). */
export function resolveTestServerPath(config: Pick<AppConfig, 'temporal'>): string {
  return assertExecutable(config.temporal.testServerPath, 'Temporal test server', 'TEMPORAL_TEST_SERVER_PATH');
}

export function resolveBinaries(config: Pick<AppConfig, 'temporal'>): TemporalBinaries {
  return { cliPath: resolveCliPath(config), testServerPath: resolveTestServerPath(config) };
}
