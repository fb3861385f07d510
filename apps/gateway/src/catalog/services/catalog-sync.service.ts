import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import { DATA_SOURCE, GATEWAY_LOGGER, SOP_REGISTRY } from '../../core/gateway.tokens';
import type { SopRegistry } from '../sop-registry';

/** How often the registry checks the catalog revision for changes made by other processes. */
export const CATALOG_POLL_INTERVAL_MS = 5_000;

/**
 * Loads the SOP registry from PostgreSQL when the gateway starts, then follows changes made
 * elsewhere (other gateway replicas, `npm run aduan -- sop publish`) by polling the catalog
 * revision, a one-row query. Changes made through this gateway refresh it at once.
 */
@Injectable()
export class CatalogSyncService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private readonly logger: AppLogger;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
    @Inject(GATEWAY_LOGGER) logger: AppLogger,
  ) {
    this.logger = logger.child({ component: 'catalog-sync' });
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.registry.refresh(this.dataSource, true);
    } catch (error) {
      // The seed catalog stays in use until PostgreSQL answers; the poll retries.
      this.logger.warn('could not load the SOP catalog from PostgreSQL', { error: String(error) });
    }
    this.timer = setInterval(() => {
      this.registry.refresh(this.dataSource).catch((error: unknown) => {
        this.logger.warn('could not refresh the SOP catalog', { error: String(error) });
      });
    }, CATALOG_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
