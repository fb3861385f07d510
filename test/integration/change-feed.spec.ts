import { randomUUID } from 'node:crypto';
import { PubSub } from 'graphql-subscriptions';
import type { DataSource } from 'typeorm';
import {
  COMPLAINT_CHANGED,
  ComplaintChangeFeed,
} from '../../apps/gateway/src/complaints/services/complaint-change-feed.service';
import type { ComplaintChangeObject } from '../../apps/gateway/src/complaints/complaint.object';
import { createLogger } from '../../libs/logging/src/logger';
import { openTestDataSource, truncateTables } from '../support/database';

const OFFICE = 'FEEDTEST';

/** The change feed against the real read model: exactly once, late projections, no rescans. */
describe('complaint change feed', () => {
  let dataSource: DataSource;
  let pubSub: PubSub;
  let feed: ComplaintChangeFeed;
  let received: ComplaintChangeObject[];
  let subscription: number;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  beforeEach(async () => {
    await truncateTables(dataSource, ['complaints']);
    pubSub = new PubSub();
    received = [];
    subscription = await pubSub.subscribe(COMPLAINT_CHANGED, (payload: { complaintChanged: ComplaintChangeObject }) => {
      received.push(payload.complaintChanged);
    });
    // No timer: the test polls by hand.
    feed = new ComplaintChangeFeed(pubSub, dataSource, createLogger({ level: 'error' }), 0);
    await feed.onModuleInit();
  });

  afterEach(() => {
    pubSub.unsubscribe(subscription);
    feed.onModuleDestroy();
  });

  /** A projection write as the activity does it: the row with its event sequence and event time. */
  async function project(
    id: string,
    seq: number,
    eventAt: Date,
    stepKey: string,
    runner: Pick<DataSource, 'query'> = dataSource,
  ): Promise<void> {
    await runner.query(
      `INSERT INTO complaints (id, workflow_id, register_number, office_code, sop_id, sop_version, channel, status,
         current_step_keys, current_actor_roles, due_at, sla_breached, complaint_type, category, confidential, subject,
         content_excerpt, complainant_name, anonymous, tracking_code_hash, submitted_at, closed_at, updated_at,
         last_event_seq, state)
       VALUES ($1, $2, NULL, $3, 'uji', 1, 'langsung', 'diterima', $4, '{}', NULL, false, NULL, NULL, false, 'Aduan uji',
         'Isi', NULL, true, 'x', $5, NULL, $5, $6, '{}')
       ON CONFLICT (id) DO UPDATE SET current_step_keys = EXCLUDED.current_step_keys, updated_at = EXCLUDED.updated_at,
         last_event_seq = EXCLUDED.last_event_seq
       WHERE complaints.last_event_seq <= EXCLUDED.last_event_seq`,
      [id, `complaint-${id}`, OFFICE, [stepKey], eventAt, seq],
    );
  }

  const steps = (id: string) => received.filter((change) => change.complaintId === id).map((c) => c.currentStepKeys[0]);

  it('publishes each change once, however often it polls, and an idempotent rewrite not at all', async () => {
    const id = randomUUID();
    await project(id, 1, new Date(), 'register');
    await feed.poll();
    await feed.poll();
    await project(id, 1, new Date(), 'register'); // the same event projected again (activity retry)
    await feed.poll();
    await project(id, 2, new Date(), 'verify');
    await feed.poll();
    await feed.poll();
    expect(steps(id)).toEqual(['register', 'verify']);
    expect(received[0]).toMatchObject({
      complaintId: id,
      officeCode: OFFICE,
      status: 'diterima',
      source: 'read-model',
    });
  });

  it('publishes a projection that lands hours late with an old event time', async () => {
    const fresh = randomUUID();
    const late = randomUUID();
    await project(fresh, 1, new Date(), 'register');
    await feed.poll();
    const eventAt = new Date(Date.now() - 3 * 60 * 60_000);
    await project(late, 5, eventAt, 'decide');
    await feed.poll();
    expect(steps(late)).toEqual(['decide']);
    expect(received.find((change) => change.complaintId === late)?.at).toBe(eventAt.toISOString());
  });

  it('misses no write whose transaction commits after a later one was already published', async () => {
    const slow = randomUUID();
    const quick = randomUUID();
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await project(slow, 1, new Date(), 'register', runner); // older transaction, still open
      await project(quick, 1, new Date(), 'register');
      await feed.poll();
      expect(steps(quick)).toEqual(['register']);
      expect(steps(slow)).toEqual([]);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    await feed.poll();
    await feed.poll();
    expect(steps(slow)).toEqual(['register']);
    expect(steps(quick)).toEqual(['register']);
  });

  /**
   * Waits until no transaction older than the rows' is open anywhere on the server (other test
   * runs share it): only then may a poll skip them.
   */
  async function settled(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const [row] = await dataSource.query(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint > COALESCE(MAX(change_xid), 0) AS settled FROM complaints`,
      );
      if (row.settled) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('A transaction on the test server stayed open for 20 s');
  }

  it('reads only what changed since the last poll, not a window of old rows', async () => {
    for (let index = 0; index < 30; index += 1) await project(randomUUID(), 1, new Date(), 'register');
    await feed.poll();
    expect(received).toHaveLength(30);
    // Nothing in flight any more: the next polls read nothing again.
    await settled();
    await feed.poll();
    expect(await feed.poll()).toBe(0);
    const one = randomUUID();
    await project(one, 1, new Date(), 'register');
    expect(await feed.poll()).toBe(1);
    expect(received).toHaveLength(31);
  });

  it('does not publish what was already there when the gateway started', async () => {
    const before = randomUUID();
    await project(before, 1, new Date(), 'register');
    const restarted = new ComplaintChangeFeed(pubSub, dataSource, createLogger({ level: 'error' }), 0);
    received = [];
    await restarted.onModuleInit();
    await restarted.poll();
    expect(steps(before)).toEqual([]);
    restarted.onModuleDestroy();
  });
});
