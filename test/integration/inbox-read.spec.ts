/**
 * The inbox and the list as the gateway answers them over HTTP from the read model alone (no
 * workflow: a Temporal connection that is never opened). Countdowns and office-time labels are
 * answered when a query selects them, and not computed when it does not.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { BusinessCalendar } from '../../libs/calendar/src/business-calendar';
import * as officeTimeModule from '../../libs/calendar/src/office-time';
import { loadConfig, type AppConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import type { ComplaintState } from '../../libs/domain/src/complaint';
import type { ProjectComplaintInput } from '../../libs/domain/src/complaint-events';
import { createLogger } from '../../libs/logging/src/logger';
import { writeComplaintProjection } from '../../libs/persistence/src/complaint-row';
import { mintToken } from '../../scripts/mint-token';
import { openTestDataSource, truncateTables } from '../support/database';
import { gql, graphqlRequest } from '../support/graphql';
import { initialComplaintState } from '../../libs/domain/src/complaint-fold';

const SOP = findSop('kebakkramat-aduan')!;
const TIME_ZONE = SOP.office.timeZone;
const HOUR_MS = 3_600_000;

/** The console's inbox query (web/src/console/inbox.tsx), plus the instants the labels are of. */
const FULL_INBOX = `{ myInbox { overdue
  complaint { id registerNumber subject statusLabel submittedAt submittedAtOffice { at local zone } }
  pending { stepKey title dueAt dueAtOffice { at local zone }
    countdown { at workingMinutesLeft officeOpen changesAt changesAtOffice { at local zone } } overdue } } }`;
/** bench:open's inbox query: neither a countdown nor a label. */
const BARE_INBOX = '{ myInbox(first: 50) { overdue pending { stepKey dueAt } } }';

interface OfficeTime {
  at: string;
  local: string;
  zone: string;
}
interface FullInbox {
  myInbox: {
    overdue: boolean;
    complaint: { id: string; submittedAt: string; submittedAtOffice: OfficeTime };
    pending: {
      stepKey: string;
      dueAt: string | null;
      dueAtOffice: OfficeTime | null;
      countdown: {
        at: string;
        workingMinutesLeft: number;
        officeOpen: boolean;
        changesAt: string;
        changesAtOffice: OfficeTime;
      } | null;
      overdue: boolean;
    }[];
  }[];
}

/** A complaint of SOP 000 waiting on its `stepIndex`-th step, due `dueInHours` from now (none when undefined). */
function projection(index: number, stepIndex: number, dueInHours: number | undefined): ProjectComplaintInput {
  const complaintId = randomUUID();
  const now = Date.now();
  const submittedAt = new Date(now - (index + 2) * 24 * HOUR_MS).toISOString();
  const step = SOP.steps[stepIndex]!;
  const dueAt = dueInHours === undefined ? undefined : new Date(now + dueInHours * HOUR_MS).toISOString();
  const start = {
    complaintId,
    sop: { id: SOP.id, version: SOP.version, office: { code: SOP.office.code } },
    submission: { channel: 'langsung' as const, confidential: false },
  };
  const state: ComplaintState = {
    ...initialComplaintState(start, submittedAt),
    registerNumber: `000.8.3.3/${String(index + 1).padStart(5, '0')}/${SOP.office.code}/2026`,
    currentSteps: [
      {
        key: step.key,
        title: step.title,
        action: step.action,
        actorRoles: [...step.actorRoles],
        bakuMutu: step.bakuMutu,
        startedAt: submittedAt,
        ...(dueAt ? { dueAt } : {}),
        breached: dueAt !== undefined && Date.parse(dueAt) < now,
      },
    ],
  };
  return {
    workflowId: `complaint-${complaintId}`,
    state,
    summary: {
      subject: `Aduan baca ${index}`,
      contentExcerpt: 'Lampu jalan mati sejak seminggu.',
      complainantName: `Warga ${index}`,
      anonymous: false,
      trackingCodeHash: String(index).padStart(64, '0'),
    },
    events: [{ seq: 1, type: 'submitted', at: submittedAt, data: { channel: 'langsung' } }],
  };
}

describe('inbox and list reads (gateway over HTTP, read model only)', () => {
  let dataSource: DataSource;
  let app: INestApplication;
  let baseUrl: string;
  let config: AppConfig;
  const calendar = new BusinessCalendar(SOP.office);
  const token = (roles: string[]) =>
    mintToken({ sub: `${roles[0]}-baca`, name: 'Petugas', roles, office: SOP.office.code }, config.gateway.jwt.secret!);

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    await truncateTables(dataSource, ['complaints']);
    // Four waiting for the front office (two overdue, one without a deadline yet), one for the Camat.
    const inputs = [
      projection(0, 0, -30),
      projection(1, 0, 5),
      projection(2, 0, -2),
      projection(3, 0, undefined),
      projection(4, 1, 48),
    ];
    for (const input of inputs) await writeComplaintProjection(dataSource, input);
    config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    app = await createGateway(config, {
      client,
      dataSource,
      logger: createLogger({ level: 'error', write: () => undefined }),
      changePollIntervalMs: 0,
    });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
  });

  afterAll(async () => {
    await app?.close();
    await truncateTables(dataSource, ['complaints']);
    await dataSource?.destroy();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('answers countdowns and office-time labels when selected, with one working-time walk for the page', async () => {
    const walk = jest.spyOn(BusinessCalendar.prototype, 'workingMinutesUntilEach');
    const { myInbox } = await gql<FullInbox>(baseUrl, FULL_INBOX, {}, { token: token(['petugas_loket']) });

    expect(myInbox).toHaveLength(4);
    expect(walk).toHaveBeenCalledTimes(1);
    // Overdue first, then by due time; no deadline last.
    expect(myInbox.map((item) => item.overdue)).toEqual([true, true, false, false]);
    expect(myInbox[3]!.pending[0]!.dueAt).toBeNull();
    expect(myInbox[3]!.pending[0]!.dueAtOffice).toBeNull();
    expect(myInbox[3]!.pending[0]!.countdown).toBeNull();
    for (const { complaint, pending } of myInbox) {
      expect(complaint.submittedAtOffice).toEqual({
        at: complaint.submittedAt,
        local: officeTimeModule.officeTimeLabel(complaint.submittedAt, TIME_ZONE),
        zone: 'WIB',
      });
      for (const step of pending) {
        expect(step.stepKey).toBe('receive');
        if (!step.dueAt) continue;
        expect(step.dueAtOffice).toEqual({
          at: step.dueAt,
          local: officeTimeModule.officeTimeLabel(step.dueAt, TIME_ZONE),
          zone: 'WIB',
        });
        const countdown = step.countdown!;
        expect(countdown.workingMinutesLeft).toBeCloseTo(calendar.workingMinutesUntil(countdown.at, step.dueAt), 6);
        expect(Math.sign(countdown.workingMinutesLeft)).not.toBe(step.overdue ? 1 : -1);
        expect({ open: countdown.officeOpen, changesAt: new Date(countdown.changesAt) }).toEqual(
          calendar.openingState(countdown.at),
        );
        expect(countdown.changesAtOffice).toEqual({
          at: countdown.changesAt,
          local: officeTimeModule.officeTimeLabel(countdown.changesAt, TIME_ZONE),
          zone: 'WIB',
        });
      }
    }
  });

  it('computes neither countdowns nor labels for a query that selects neither', async () => {
    const walk = jest.spyOn(BusinessCalendar.prototype, 'workingMinutesUntilEach');
    const label = jest.spyOn(officeTimeModule, 'officeTimeLabel');
    const front = await gql<FullInbox>(baseUrl, BARE_INBOX, {}, { token: token(['petugas_loket']) });
    expect(front.myInbox.map((item) => item.overdue)).toEqual([true, true, false, false]);
    const camat = await gql<FullInbox>(baseUrl, BARE_INBOX, {}, { token: token(['camat']) });
    expect(camat.myInbox.map((item) => item.pending.map((step) => step.stepKey))).toEqual([['dispose']]);

    const list = await gql<{ complaints: { totalCount: number; edges: { node: { id: string } }[] } }>(
      baseUrl,
      '{ complaints(first: 20) { totalCount edges { node { id subject dueAt } } } }',
      {},
      { token: token(['petugas_loket']) },
    );
    expect(list.complaints.totalCount).toBe(5);
    expect(walk).not.toHaveBeenCalled();
    expect(label).not.toHaveBeenCalled();

    // Selected, the list's labels are there: the same text as the office-time label of the instant.
    const labelled = await gql<{
      complaints: { edges: { node: { submittedAt: string; submittedAtOffice: OfficeTime } }[] };
    }>(
      baseUrl,
      '{ complaints(first: 2) { edges { node { submittedAt submittedAtOffice { at local zone } } } } }',
      {},
      { token: token(['petugas_loket']) },
    );
    expect(label).toHaveBeenCalledTimes(2);
    for (const { node } of labelled.complaints.edges) {
      expect(node.submittedAtOffice.local).toBe(officeTimeModule.officeTimeLabel(node.submittedAt, TIME_ZONE));
    }
  });

  it('answers with Cache-Control: no-store, a refused query too', async () => {
    const answered = await graphqlRequest(baseUrl, BARE_INBOX, {}, { token: token(['petugas_loket']) });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('cache-control')).toBe('no-store');
    const refused = await graphqlRequest(baseUrl, '{ tidakAda }', {}, { token: token(['petugas_loket']) });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});
