import { Inject, Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { recordRefusal, type RefusalInput } from '../../../../../libs/audit/src/audit-store';
import { DomainError, isErrorCode } from '../../../../../libs/domain/src/errors';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import { isUuid } from '../../../../../libs/persistence/src/transaction';
import { DATA_SOURCE, GATEWAY_LOGGER } from '../../core/gateway.tokens';
import { inputExcerpt } from '../../errors/gateway.errors';

/** The complainant, when a public (tracking-code) action is refused. */
export const COMPLAINANT_ACTOR = { userId: 'pemohon', name: 'Pelapor', role: 'pemohon' } as const;

/** Request members never written to the audit table. */
const SECRET_KEYS = new Set(['trackingCode', 'token', 'authorization']);

/** How much of a refused request the audit keeps: enough to see what was tried, never a flood. */
export const REFUSAL_COPY_LIMITS = { text: 500, key: 64, items: 20, members: 40, depth: 4 } as const;

/** A bounded, storable copy of what was sent: long texts cut, long lists shortened, secrets left out. */
export function boundedCopy(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return inputExcerpt(value, REFUSAL_COPY_LIMITS.text);
  if (value === null || typeof value !== 'object') return value ?? null;
  if (depth >= REFUSAL_COPY_LIMITS.depth) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, REFUSAL_COPY_LIMITS.items).map((item) => boundedCopy(item, depth + 1));
    return value.length > REFUSAL_COPY_LIMITS.items ? [...items, `… (${value.length} butir)`] : items;
  }
  const members = Object.entries(value).filter(([key]) => !SECRET_KEYS.has(key));
  return Object.fromEntries(
    members
      .slice(0, REFUSAL_COPY_LIMITS.members)
      .map(([key, member]) => [inputExcerpt(key, REFUSAL_COPY_LIMITS.key), boundedCopy(member, depth + 1)]),
  );
}

function withoutSecrets(request: unknown): Record<string, unknown> {
  const copy = boundedCopy(request);
  return copy !== null && typeof copy === 'object' && !Array.isArray(copy)
    ? (copy as Record<string, unknown>)
    : { value: copy };
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
    const optional = (value: string | undefined, max: number) =>
      value === undefined ? undefined : inputExcerpt(value, max);
    try {
      return await recordRefusal(this.dataSource, {
        ...refusal,
        complaintId: refusal.complaintId.toLowerCase(),
        actor: {
          userId: inputExcerpt(refusal.actor.userId, 100),
          name: inputExcerpt(refusal.actor.name, 200),
          role: inputExcerpt(refusal.actor.role, 200),
          officeCode: optional(refusal.actor.officeCode, 32),
        },
        operation: inputExcerpt(refusal.operation, 64),
        stepKey: optional(refusal.stepKey, 64),
        requestId: optional(refusal.requestId, 100),
        reason: inputExcerpt(refusal.reason, 1_000),
        request: withoutSecrets(refusal.request),
      });
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
      actor?: { userId: string; name: string; role: string; officeCode?: string };
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
