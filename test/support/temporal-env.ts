import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../libs/config/src/config';
import { resolveCliPath, resolveTestServerPath } from '../../libs/temporal/src/binaries';
import { dataConverterOf } from '../../libs/temporal/src/payload-codec';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/src/search-attributes';

/** The payload codec with the configured (local) keys, as the client and the worker use it. */
export function testDataConverter(): DataConverter {
  return dataConverterOf(loadConfig());
}

/** The time-skipping test server, from the binary provisioned by `npm run provision`. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = resolveTestServerPath(loadConfig());
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
    client: { dataConverter: testDataConverter() },
  });
}

/** A real Temporal dev server (in-memory state, random port) with the project's search attributes. */
export function createLocalEnv(): Promise<TestWorkflowEnvironment> {
  const path = resolveCliPath(loadConfig());
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path },
      ip: '127.0.0.1',
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      extraArgs: ['--log-level', 'error'],
    },
    client: { dataConverter: testDataConverter() },
  });
}
