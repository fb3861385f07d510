import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src/config';
import type { AppLogger } from '../../../../libs/logging/src/logger';
import type { SopRegistry } from '../catalog/sop-registry';

export interface GatewayDeps {
  client: Client;
  dataSource: DataSource;
  logger?: AppLogger;
  /** SOPs the gateway can start complaints with; the catalog by default (tests add fixtures). */
  sopRegistry?: SopRegistry;
  /** Secret of the tracking codes (HMAC); defaults to the HS256 JWT secret. */
  trackingCodeSecret?: string;
  /** Poll the read model for changes made elsewhere (timers, other replicas) and publish them; ms, 0 = off. */
  changePollIntervalMs?: number;
}

export interface GatewaySecrets {
  trackingCodeSecret: string;
}

export type GatewayConfig = AppConfig;
