import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { SEARCH_ATTRIBUTES } from '../../../../libs/temporal/src/search-attributes';
import { COMPLAINT_WORKFLOW_TYPE } from '../../../../workflows/complaint/complaint.messages';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../core/gateway.tokens';
import { withTimeout } from '../core/with-timeout';

export interface HealthReport {
  status: 'ok' | 'degraded';
  temporal: 'up' | 'down';
  database: 'up' | 'down';
  /** Complaints whose projection or notification finally failed (search attribute); null when Temporal cannot tell. */
  degradedComplaints: number | null;
}

/** Visibility query of the complaints marked degraded by their workflow. */
export const DEGRADED_COMPLAINTS_QUERY = `WorkflowType = '${COMPLAINT_WORKFLOW_TYPE}' AND ${SEARCH_ATTRIBUTES.degraded.name} = true`;

const CHECK_TIMEOUT_MS = 3_000;

/**
 * Readiness: the Temporal frontend answers and PostgreSQL runs a query. It also counts the degraded
 * complaints for monitoring; they do not make the gateway unready (it still serves them).
 */
@Injectable()
export class HealthService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<HealthReport> {
    const [temporal, database] = await Promise.all([this.checkTemporal(), this.checkDatabase()]);
    const degradedComplaints = temporal === 'up' ? await this.countDegraded() : null;
    return {
      status: temporal === 'up' && database === 'up' ? 'ok' : 'degraded',
      temporal,
      database,
      degradedComplaints,
    };
  }

  private async countDegraded(): Promise<number | null> {
    try {
      const deadline = Date.now() + CHECK_TIMEOUT_MS;
      const { count } = await withTimeout(
        this.client.connection.withDeadline(deadline, () => this.client.workflow.count(DEGRADED_COMPLAINTS_QUERY)),
        CHECK_TIMEOUT_MS + 500,
      );
      return count;
    } catch {
      return null;
    }
  }

  private async checkTemporal(): Promise<'up' | 'down'> {
    try {
      // A gRPC deadline, so the SDK's retries stop with the check instead of outliving it.
      const deadline = Date.now() + CHECK_TIMEOUT_MS;
      await withTimeout(
        this.client.connection.withDeadline(deadline, () => this.client.workflowService.getSystemInfo({})),
        CHECK_TIMEOUT_MS + 500,
      );
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async checkDatabase(): Promise<'up' | 'down'> {
    try {
      if (!this.dataSource.isInitialized) return 'down';
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
