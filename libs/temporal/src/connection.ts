import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../../config/src/config';
import { dataConverterOf } from './payload-codec';

export interface TemporalClients {
  connection: Connection;
  client: Client;
}

/** Frontend address: the external cluster (TEMPORAL_ADDRESS) or the local dev server. */
export function temporalAddress(config: Pick<AppConfig, 'temporal'>): string {
  return config.temporal.address ?? `127.0.0.1:${config.temporal.localPort}`;
}

/** A client connection for the gateway, the runner and tests. */
export async function connectClient(
  config: Pick<AppConfig, 'temporal' | 'payloadKeys'>,
  address: string = temporalAddress(config),
): Promise<TemporalClients> {
  const connection = await Connection.connect({ address });
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: dataConverterOf(config),
  });
  return { connection, client };
}
