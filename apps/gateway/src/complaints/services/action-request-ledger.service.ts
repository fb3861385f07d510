import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ComplaintState } from '../../../../../libs/domain/src/complaint';
import { canonicalJson, sha256Hex } from '../../../../../libs/integrity/src/digest';
import { ActionRequestEntity } from '../../../../../libs/persistence/src/entities';
import { DATA_SOURCE } from '../../core/gateway.tokens';
import { ComplaintErrors } from '../complaints.errors';

/** What identifies a request apart from its id: the operation, who sends it and what it says. */
export interface RequestIdentity {
  complaintId: string;
  requestId: string;
  operation: string;
  /** The caller (user id, office, requested role) or the complainant. */
  actor: Record<string, unknown>;
  /** The payload as sent, without the complaint id, the request id and the step key. */
  payload: Record<string, unknown>;
}

/** An earlier use of the same request id with the same fingerprint. */
export interface PriorRequest {
  stepKey: string | null;
  /** The workflow's answer to it, once it was given. */
  result: ComplaintState | null;
}

/** `null` and `undefined` members are one thing to a GraphQL client: leave both out of the fingerprint. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null && member !== undefined)
      .map(([key, member]) => [key, withoutEmpty(member)]),
  );
}

export function requestFingerprint(identity: Omit<RequestIdentity, 'complaintId' | 'requestId'>): string {
  return sha256Hex(
    canonicalJson(withoutEmpty({ operation: identity.operation, actor: identity.actor, payload: identity.payload })),
  );
}

/**
 * The gateway's idempotency contract for everything it sends to a complaint (the request id is the
 * Workflow Update ID): the same request id with the same operation, actor and payload gets the
 * original answer, whether or not it names the step; with anything else it is a CONFLICT. The
 * workflow alone cannot tell: Temporal returns the first outcome for a reused Update ID whatever the
 * new payload says.
 */
@Injectable()
export class ActionRequestLedger {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * The earlier use of this request id, when it was the same request; CONFLICT when it was another.
   * `stepKey`, when the retry names one, must be the step the original resolved to.
   */
  async prior(identity: RequestIdentity, stepKey?: string): Promise<PriorRequest | undefined> {
    const row = await this.dataSource.getRepository(ActionRequestEntity).findOne({
      where: { complaintId: identity.complaintId, requestId: identity.requestId },
    });
    if (!row) return undefined;
    this.assertSame(row, identity, stepKey);
    return { stepKey: row.stepKey, result: (row.result as ComplaintState | null) ?? null };
  }

  /**
   * Claims the request id for this request before it is sent (so a concurrent request with the same
   * id and another payload is refused); returns the earlier claim when an identical request won.
   */
  async claim(identity: RequestIdentity, stepKey: string | undefined): Promise<PriorRequest | undefined> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO action_requests (complaint_id, request_id, fingerprint, operation, step_key)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING request_id`,
      [identity.complaintId, identity.requestId, requestFingerprint(identity), identity.operation, stepKey ?? null],
    );
    if (inserted.length > 0) return undefined;
    return this.prior(identity, stepKey);
  }

  /** Keeps the workflow's answer, the one every identical retry gets. */
  async complete(identity: RequestIdentity, result: ComplaintState): Promise<void> {
    await this.dataSource.query(
      'UPDATE action_requests SET result = $3 WHERE complaint_id = $1 AND request_id = $2 AND result IS NULL',
      [identity.complaintId, identity.requestId, JSON.stringify(result)],
    );
  }

  /** Frees the request id of a request the workflow refused (nothing entered history), so it may be corrected. */
  async release(identity: RequestIdentity): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM action_requests WHERE complaint_id = $1 AND request_id = $2 AND fingerprint = $3 AND result IS NULL',
      [identity.complaintId, identity.requestId, requestFingerprint(identity)],
    );
  }

  private assertSame(row: ActionRequestEntity, identity: RequestIdentity, stepKey?: string): void {
    if (row.fingerprint !== requestFingerprint(identity)) throw ComplaintErrors.requestIdReused();
    if (stepKey !== undefined && row.stepKey !== null && row.stepKey !== stepKey)
      throw ComplaintErrors.requestIdReused();
  }
}
