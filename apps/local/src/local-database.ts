import * as path from 'node:path';
import type { Logger } from '@temporalio/common';
import type { AppConfig } from '../../../libs/config/src/config';
import { ensureDatabase } from '../../../libs/persistence/src/database';
import { startEmbeddedPostgres } from '../../../libs/persistence/src/embedded-postgres';

export type DatabaseKind = 'configured' | 'local' | 'embedded';

export interface LocalDatabase {
  kind: DatabaseKind;
  url: string;
  /** Human-readable description for the startup banner (no password). */
  description: string;
  stop(): Promise<void>;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * Which PostgreSQL the local runner uses:
 * 1. DATABASE_URL when set (the database is created if missing and the server allows it);
 * 2. otherwise the local PostgreSQL at 127.0.0.1:5432, database `aduan` (created if missing);
 * 3. otherwise (nothing reachable there) an embedded PostgreSQL (PGlite) persisted under
 *    `<data folder>/pglite`, listening on ADUAN_EMBEDDED_PG_PORT.
 */
export async function openLocalDatabase(config: AppConfig, log: Logger): Promise<LocalDatabase> {
  const url = config.database.url;
  const none = async () => undefined;
  if (config.database.explicit) {
    try {
      await ensureDatabase(url);
    } catch (error) {
      // The configured server may forbid CREATE DATABASE or reaching `postgres`; migrations will tell.
      log.debug('Could not check/create the configured database', { error: String(error) });
    }
    return { kind: 'configured', url, description: `DATABASE_URL ${redactUrl(url)}`, stop: none };
  }
  try {
    await ensureDatabase(url);
    return { kind: 'local', url, description: `local PostgreSQL ${redactUrl(url)}`, stop: none };
  } catch (error) {
    log.info('No local PostgreSQL reachable; starting the embedded PostgreSQL (PGlite)', {
      tried: redactUrl(url),
      reason: String(error),
    });
  }
  const dataDir = path.join(config.dataDir, 'pglite');
  const embedded = await startEmbeddedPostgres({ dataDir, port: config.database.embeddedPort, log });
  return {
    kind: 'embedded',
    url: embedded.url,
    description: `embedded PostgreSQL (PGlite) ${embedded.url}, files in ${dataDir}`,
    stop: () => embedded.stop(),
  };
}
