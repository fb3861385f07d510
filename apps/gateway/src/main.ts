/**
 * The gateway as its own process (production shape): connect to Temporal and PostgreSQL, serve
 * GraphQL and the health endpoints, stop cleanly on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { loadConfig } from '../../../libs/config/src/config';
import { createAppLogger } from '../../../libs/logging/src/logger';
import { createDataSource } from '../../../libs/persistence/src/data-source';
import { connectClient } from '../../../libs/temporal/src/connection';
import { createGateway } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createAppLogger(config, { service: 'gateway' });
  const { connection, client } = await connectClient(config);
  const dataSource = createDataSource(config.database.url, { applicationName: 'aduan-gateway' });
  await dataSource.initialize();
  const app = await createGateway(config, { client, dataSource, logger });
  await app.listen(config.gateway.port, config.gateway.host);
  logger.info('gateway listening', { url: `http://${config.gateway.host}:${config.gateway.port}/graphql` });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('gateway stopping', { signal });
    await app.close();
    await dataSource.destroy();
    await connection.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
