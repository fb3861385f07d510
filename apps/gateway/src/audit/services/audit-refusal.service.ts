import { Inject, Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { recordRefusal, type RefusalInput } from '../../../../../libs/audit/src/audit-store';
import { DomainError, isErrorCode } from '../../../../../libs/domain/src/errors';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import { isUuid } from '../../../../../libs/persistence/src/transaction';
import { DATA_SOURCE, GATEWAY_LOGGER } from '../../core/gateway.tokens';

/** The complainant, when a public (tracking-code) action is refused. */
export const COMPLAINANT_ACTOR = { userId: 'pemohon', name: 'Pelapor', role: 'pemohon' } as const;

/** Request members never written to the audit table. */
const SECRET_KEYS = new Set(['trackingCode', 'token', 'authorization']);

function withoutSecrets(request: unknown): Record<string, unknown> {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return { value: request ?? null };
  return Object.fromEntries(Object.entries(request).filter(([key]) => !SECRET_KEYS.has(key)));
}

/** Code and reason of an error that means "refused" (validator or gateway rule), else undefined. */
export function refusalOf(error: unknown): { code: string; reason: string } | undefined {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure) {
      return {
        code: cause.type && isErrorCode(cause.type) ? cause.type : (cause.type ?? 'REFUSED'),
        reason: cause.message,
      };
    }
    return { code: 'REFUSED', reason: cause?.message ?? error.message };
  }
  if (error instanceof DomainError) {
    if (error.code === 'UNAVAILABLE' || error.code === 'UNAUTHENTICATED') return undefined;
    return { code: error.code, reason: error.message };
  }
  return undefined;
}

/**
 * Records refused attempts in `audit_refusals` (append-only): a refused Workflow Update leaves no
 * trace in the history, so this table is the only witness auditors have. Recording never breaks
 * the caller's answer: a failure to record is logged.
 */
@Injectable()
export class AuditRefusalService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(GATEWAY_LOGGER) private readonly logger: AppLogger,
  ) {}

  /** Appends one refusal; returns its id (undefined when it could not be recorded). */
  async record(refusal: RefusalInput): Promise<string | undefined> {
    if (!isUuid(refusal.complaintId)) return undefined;
    try {
      return await recordRefusal(this.dataSource, { ...refusal, request: withoutSecrets(refusal.request) });
    } catch (error) {
      this.logger.error('could not record a refused action', {
        complaintId: refusal.complaintId,
        operation: refusal.operation,
        error: String(error),
      });
      return undefined;
    }
  }

  /**
   * The one call for the gateway's mutation paths: given the error a refused update (or a gateway
   * rule) raised, records it when it is a refusal, then the caller rethrows the error.
   */
  async recordFailure(
    error: unknown,
    attempt: {
      complaintId: string;
      operation: string;
      actor?: { userId: string; name: string; role: string };
      stepKey?: string;
      requestId?: string;
      request: unknown;
    },
  ): Promise<void> {
    const refusal = refusalOf(error);
    if (!refusal) return;
    await this.record({
      complaintId: attempt.complaintId,
      actor: attempt.actor ?? COMPLAINANT_ACTOR,
      operation: attempt.operation,
      stepKey: attempt.stepKey,
      requestId: attempt.requestId,
      code: refusal.code,
      reason: refusal.reason,
      request: withoutSecrets(attempt.request),
    });
  }
}
