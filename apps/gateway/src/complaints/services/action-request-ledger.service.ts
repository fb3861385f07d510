import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ComplaintState } from '../../../../../libs/domain/src/complaint';
import { canonicalJson, sha256Hex } from '../../../../../libs/integrity/src/digest';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import { ActionRequestEntity } from '../../../../../libs/persistence/src/entities';
import { DATA_SOURCE, GATEWAY_LOGGER } from '../../core/gateway.tokens';
import type { ComplaintUpdateResult } from '../../../../../workflows/complaint/complaint.messages';
import { withTimeout } from '../../core/with-timeout';
import { ComplaintErrors } from '../complaints.errors';
import { settledStateCondition } from './settled-state';

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

/**
 * How long keeping an answer may hold up the response. The write normally lands well within it,
 * so an immediate retry finds the answer; when the database is slow, the response goes out and the
 * write finishes (or fails, logged) in the background.
 */
export const KEEP_ANSWER_WAIT_MS = 250;
/** Answers still being written at most; beyond it an answer is not kept (the retry asks Temporal). */
const MAX_ANSWERS_IN_FLIGHT = 200;

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
export class ActionRequestLedger implements OnModuleDestroy {
  /** Answers being written after their response went out; the gateway lets them finish on shutdown. */
  private readonly keeping = new Set<Promise<void>>();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(GATEWAY_LOGGER) private readonly logger: AppLogger,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.keeping);
  }

  /**
   * The earlier use of this request id (when it was the same request; CONFLICT when it was another)
   * and the complaint's row as the pre-checks need it (`complaintColumns`, selected from `c`;
   * absent when the complaint is not projected yet), in one statement: one round trip, one
   * connection. `stepKey`, when the retry names one, must be the step the original resolved to.
   */
  async priorWithComplaint<Complaint extends object>(
    identity: RequestIdentity,
    stepKey: string | undefined,
    complaintColumns: string,
  ): Promise<{ prior?: PriorRequest; complaint?: Complaint }> {
    const [row]: (Complaint & {
      prior_fingerprint: string | null;
      prior_step_key: string | null;
      prior_result: ComplaintState | null;
      complaint_found: boolean;
    })[] = await this.dataSource.query(
      `SELECT r.fingerprint AS prior_fingerprint, r.step_key AS prior_step_key, r.result AS prior_result,
              c.id IS NOT NULL AS complaint_found, ${complaintColumns}
         FROM (VALUES (1)) AS one
         LEFT JOIN complaints c ON c.id = $1
         LEFT JOIN action_requests r ON r.complaint_id = $1 AND r.request_id = $2`,
      [identity.complaintId, identity.requestId],
    );
    const {
      prior_fingerprint: fingerprint,
      prior_step_key: priorStepKey,
      prior_result: result,
      complaint_found: found,
      ...complaint
    } = row!;
    let prior: PriorRequest | undefined;
    if (fingerprint !== null) {
      this.assertSame({ fingerprint, stepKey: priorStepKey }, identity, stepKey);
      prior = { stepKey: priorStepKey, result: result ?? null };
    }
    return { prior, complaint: found ? (complaint as unknown as Complaint) : undefined };
  }

  /**
   * Claims the request id for this request before it is sent (so a concurrent request with the same
   * id and another payload is refused); returns the earlier claim when an identical request won.
   * One statement: the insert, or on conflict the row that holds the id (locked, so a claim that
   * commits concurrently is seen too); `xmax = 0` only on a freshly inserted row.
   */
  async claim(identity: RequestIdentity, stepKey: string | undefined): Promise<PriorRequest | undefined> {
    const [row]: { fingerprint: string; step_key: string | null; result: unknown; claimed: boolean }[] =
      await this.dataSource.query(
        `INSERT INTO action_requests (complaint_id, request_id, fingerprint, operation, step_key)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (complaint_id, request_id) DO UPDATE SET request_id = action_requests.request_id
         RETURNING fingerprint, step_key, result, (xmax = 0) AS claimed`,
        [identity.complaintId, identity.requestId, requestFingerprint(identity), identity.operation, stepKey ?? null],
      );
    if (!row || row.claimed) return undefined;
    const earlier = { fingerprint: row.fingerprint, stepKey: row.step_key };
    this.assertSame(earlier, identity, stepKey);
    return { stepKey: earlier.stepKey, result: (row.result as ComplaintState | null) ?? null };
  }

  /** Keeps the workflow's answer, the one every identical retry gets. */
  async complete(identity: RequestIdentity, result: ComplaintState): Promise<void> {
    await this.dataSource.query(
      'UPDATE action_requests SET result = $3 WHERE complaint_id = $1 AND request_id = $2 AND result IS NULL',
      [identity.complaintId, identity.requestId, JSON.stringify(result)],
    );
  }

  /**
   * The state the read model shows once it agrees with the Update's compact answer, kept as this
   * request's answer in the same statement (the read-back and the ledger's completion share one
   * round trip). Undefined, and nothing kept, when the row does not agree (not projected yet, a
   * degraded projection, or already moved on): the caller asks the workflow and keeps that.
   */
  async completeWithSettledState(
    identity: RequestIdentity,
    answer: ComplaintUpdateResult,
  ): Promise<ComplaintState | undefined> {
    const settled = settledStateCondition(answer, 3);
    const [row]: { state: ComplaintState }[] = await this.dataSource.query(
      `WITH settled AS (SELECT c.state FROM complaints c WHERE c.id = $1 AND ${settled.sql}),
            kept AS (
              UPDATE action_requests SET result = settled.state FROM settled
               WHERE complaint_id = $1 AND request_id = $2 AND result IS NULL)
       SELECT state FROM settled`,
      [identity.complaintId, identity.requestId, ...settled.parameters],
    );
    return row?.state;
  }

  /**
   * Keeps the answer without holding up the response for longer than KEEP_ANSWER_WAIT_MS; a failed
   * write is logged. Not keeping it is safe: a retry then sends the same Update ID again and
   * Temporal answers with the first outcome.
   */
  async keep(identity: RequestIdentity, result: ComplaintState): Promise<void> {
    const warn = (error: unknown) =>
      this.logger.warn('could not keep the answer of a request', {
        requestId: identity.requestId,
        complaintId: identity.complaintId,
        error: String(error),
      });
    if (this.keeping.size >= MAX_ANSWERS_IN_FLIGHT) return warn('too many answers still being written');
    const write = this.complete(identity, result)
      .catch(warn)
      .finally(() => this.keeping.delete(write));
    this.keeping.add(write);
    await withTimeout(write, KEEP_ANSWER_WAIT_MS).catch(() => undefined);
  }

  /** Frees the request id of a request the workflow refused (nothing entered history), so it may be corrected. */
  async release(identity: RequestIdentity): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM action_requests WHERE complaint_id = $1 AND request_id = $2 AND fingerprint = $3 AND result IS NULL',
      [identity.complaintId, identity.requestId, requestFingerprint(identity)],
    );
  }

  private assertSame(
    row: Pick<ActionRequestEntity, 'fingerprint' | 'stepKey'>,
    identity: RequestIdentity,
    stepKey?: string,
  ): void {
    if (row.fingerprint !== requestFingerprint(identity)) throw ComplaintErrors.requestIdReused();
    if (stepKey !== undefined && row.stepKey !== null && row.stepKey !== stepKey)
      throw ComplaintErrors.requestIdReused();
  }
}
