/**
 * The I/O activities against the real PostgreSQL read model (the test database of this run),
 * called directly and, where they log, through the SDK's activity runner.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type LogLevel, type LogMetadata, type Logger } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { archiveTime, createArchiveActivities } from '../../activities/archive.activity';
import { canonicalJson, sha256Hex } from '../../libs/integrity/src/digest';
import type {
  AssignRegisterNumberInput,
  ComplaintEvent,
  DeadlineDraft,
  NotifyInput,
  ProjectComplaintInput,
} from '../../activities/contracts';
import { createActivities } from '../../activities';
import { createNotificationActivities } from '../../activities/notification.activity';
import { createProjectionActivities } from '../../activities/projection.activity';
import { createRegisterNumberActivities, registerYear } from '../../activities/register-number.activity';
import type { Actor, ComplaintState } from '../../libs/domain/src/complaint';
import { initialComplaintState } from '../../libs/domain/src/complaint-fold';
import { openTestDataSource, truncateTables } from '../support/database';

const DEFAULT_FORMAT = '000.8.3.3/{seq}/{office}/{year}';
const PALARAN = { code: 'PALARAN', timeZone: 'Asia/Makassar', registerNumberFormat: DEFAULT_FORMAT } as const;
const KEBAKKRAMAT = { code: 'KEBAKKRAMAT', timeZone: 'Asia/Jakarta', registerNumberFormat: DEFAULT_FORMAT } as const;

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await openTestDataSource();
});
afterAll(async () => {
  await dataSource.destroy();
});
beforeEach(async () => {
  await truncateTables(dataSource);
});

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected the activity to fail');
}

async function count(table: string, where = 'TRUE', parameters: unknown[] = []): Promise<number> {
  const rows: { n: number }[] = await dataSource.query(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    parameters,
  );
  return rows[0].n;
}

async function counter(officeCode: string, year: number): Promise<number | undefined> {
  const rows: { last_seq: number }[] = await dataSource.query(
    'SELECT last_seq FROM register_counters WHERE office_code = $1 AND year = $2',
    [officeCode, year],
  );
  return rows[0]?.last_seq;
}

describe('assignRegisterNumber', () => {
  const registration = (
    office: AssignRegisterNumberInput['office'] = PALARAN,
    submittedAt = '2026-11-23T02:00:00.000Z',
    complaintId: string = randomUUID(),
  ): AssignRegisterNumberInput => ({ complaintId, office, submittedAt });

  it('numbers complaints 1, 2, 3 per office and year in the default format', async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push(await assignRegisterNumber(registration()));
    expect(numbers).toEqual([
      { registerNumber: '000.8.3.3/0001/PALARAN/2026', sequence: 1, year: 2026 },
      { registerNumber: '000.8.3.3/0002/PALARAN/2026', sequence: 2, year: 2026 },
      { registerNumber: '000.8.3.3/0003/PALARAN/2026', sequence: 3, year: 2026 },
    ]);
  });

  it('returns the same number when retried for the same complaint, without using up a sequence', async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    const input = registration();
    const first = await assignRegisterNumber(input);
    const retried = await assignRegisterNumber(input);
    expect(retried).toEqual(first);
    expect(await counter('PALARAN', 2026)).toBe(1);
    expect((await assignRegisterNumber(registration())).sequence).toBe(2);
  });

  it('hands 50 concurrent complaints the numbers 1..50 with no gap and no duplicate', async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    const results = await Promise.all(Array.from({ length: 50 }, () => assignRegisterNumber(registration())));
    expect(results.map((result) => result.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    );
    expect(new Set(results.map((result) => result.registerNumber)).size).toBe(50);
    expect(await counter('PALARAN', 2026)).toBe(50);
    expect(await count('register_assignments')).toBe(50);
  });

  it("gives concurrent duplicate calls for one complaint one number, and rolls back the losers' increments", async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    const input = registration();
    const results = await Promise.all(Array.from({ length: 8 }, () => assignRegisterNumber(input)));
    expect(new Set(results.map((result) => result.registerNumber))).toEqual(new Set(['000.8.3.3/0001/PALARAN/2026']));
    expect(await counter('PALARAN', 2026)).toBe(1);
    expect((await assignRegisterNumber(registration())).sequence).toBe(2);
  });

  it('keeps a separate sequence per office and per year', async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    await assignRegisterNumber(registration(PALARAN));
    await assignRegisterNumber(registration(PALARAN));
    expect(await assignRegisterNumber(registration(KEBAKKRAMAT))).toEqual({
      registerNumber: '000.8.3.3/0001/KEBAKKRAMAT/2026',
      sequence: 1,
      year: 2026,
    });
    expect(await assignRegisterNumber(registration(PALARAN, '2027-01-05T01:00:00.000Z'))).toEqual({
      registerNumber: '000.8.3.3/0001/PALARAN/2027',
      sequence: 1,
      year: 2027,
    });
    expect((await assignRegisterNumber(registration(PALARAN))).registerNumber).toBe('000.8.3.3/0003/PALARAN/2026');
  });

  it('takes the year in the office time zone: 2026-12-31T16:30Z is 2027 in WITA (Palaran) but 2026 in WIB (Kebakkramat)', async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    const instant = '2026-12-31T16:30:00.000Z'; // 2027-01-01 00:30 WITA, 2026-12-31 23:30 WIB
    expect((await assignRegisterNumber(registration(PALARAN, instant))).registerNumber).toBe(
      '000.8.3.3/0001/PALARAN/2027',
    );
    expect((await assignRegisterNumber(registration(KEBAKKRAMAT, instant))).registerNumber).toBe(
      '000.8.3.3/0001/KEBAKKRAMAT/2026',
    );
    // WIB turns the year one hour later.
    expect(registerYear('2026-12-31T16:59:59.999Z', 'Asia/Jakarta')).toBe(2026);
    expect(registerYear('2026-12-31T17:00:00.000Z', 'Asia/Jakarta')).toBe(2027);
    expect(registerYear('2026-12-31T15:59:59.999Z', 'Asia/Makassar')).toBe(2026);
    expect(registerYear('2026-12-31T16:00:00.000Z', 'Asia/Makassar')).toBe(2027);
  });

  it('honours the office format, including a wider sequence and numbers past the padding', async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    const office = {
      code: 'SELEMADEG-TIMUR',
      timeZone: 'Asia/Makassar',
      registerNumberFormat: 'ADU/{year}/{seq:6}',
    } as const;
    expect((await assignRegisterNumber(registration(office))).registerNumber).toBe('ADU/2026/000001');
    // Past the padding the sequence keeps growing; it is never cut to the width.
    await dataSource.query(
      `INSERT INTO register_counters (office_code, year, last_seq) VALUES ('PALARAN', 2026, 12344)`,
    );
    expect(await assignRegisterNumber(registration())).toEqual({
      registerNumber: '000.8.3.3/12345/PALARAN/2026',
      sequence: 12345,
      year: 2026,
    });
  });

  it('writes the text around the placeholders as it is, however it looks to SQL', async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    const office = {
      code: "O'HARA",
      timeZone: 'Asia/Jakarta',
      registerNumberFormat: "$1 '%{seq:1}'; -- {office}\\{seq:0}/{year}{{seq:2}}",
    } as const;
    expect((await assignRegisterNumber(registration(office))).registerNumber).toBe("$1 '%1'; -- O'HARA\\1/2026{01}");
    const plain = { code: 'PLAIN', timeZone: 'Asia/Jakarta', registerNumberFormat: '{seq}' } as const;
    expect((await assignRegisterNumber(registration(plain))).registerNumber).toBe('0001');
  });

  it('refuses bad input as a non-retryable BAD_USER_INPUT and writes nothing', async () => {
    const { assignRegisterNumber } = createRegisterNumberActivities({ dataSource });
    const cases: AssignRegisterNumberInput[] = [
      registration(PALARAN, '2026-11-23T02:00:00.000Z', 'not-a-uuid'),
      registration({ ...PALARAN, registerNumberFormat: '000.8.3.3/{office}/{year}' }),
      registration({ ...PALARAN, timeZone: 'Mars/Olympus' as 'Asia/Makassar' }),
      registration(PALARAN, 'yesterday'),
    ];
    for (const input of cases) {
      const failure = await failureOf(assignRegisterNumber(input));
      expect(failure.type).toBe('BAD_USER_INPUT');
      expect(failure.nonRetryable).toBe(true);
    }
    expect(await count('register_counters')).toBe(0);
    expect(await count('register_assignments')).toBe(0);
  });
});

// --- Projection -----------------------------------------------------------------------------------

const camat: Actor = { userId: 'u-camat', name: 'Drs. Camat', role: 'camat', officeCode: 'PALARAN' };

function baseState(complaintId: string): ComplaintState {
  const start = {
    complaintId,
    sop: { id: 'palaran-pengaduan', version: 1, office: { code: 'PALARAN' } },
    submission: { channel: 'langsung' as const, confidential: false },
  };
  return {
    ...initialComplaintState(start, '2026-11-23T01:00:00.000Z'),
    registerNumber: '000.8.3.3/0001/PALARAN/2026',
    currentSteps: [
      {
        key: 'disposisi',
        title: 'Disposisi Camat',
        action: 'dispose',
        actorRoles: ['camat'],
        bakuMutu: { amount: 15, unit: 'minutes' },
        startedAt: '2026-11-23T01:01:00.000Z',
        dueAt: '2026-11-23T01:16:00.000Z',
        breached: false,
      },
    ],
  };
}

function event(seq: number, type: ComplaintEvent['type'], data: Record<string, unknown> = {}): ComplaintEvent {
  return { seq, type, at: new Date(Date.parse('2026-11-23T01:00:00.000Z') + seq * 60_000).toISOString(), data };
}

function projection(state: ComplaintState, events: ComplaintEvent[]): ProjectComplaintInput {
  return {
    workflowId: `complaint-${state.complaintId}`,
    state,
    summary: {
      subject: 'Jalan berlubang di Jalan Trikora',
      contentExcerpt: 'Lubang besar di depan pasar membahayakan pengendara motor.',
      complainantName: 'Siti Aminah',
      anonymous: false,
      trackingCodeHash: sha256Hex('TRACK-1234'),
    },
    events,
  };
}

interface ComplaintRow {
  status: string;
  register_number: string | null;
  current_step_keys: string[];
  current_actor_roles: string[];
  due_at: Date | null;
  sla_breached: boolean;
  complaint_type: string | null;
  category: string | null;
  complainant_name: string | null;
  closed_at: Date | null;
  updated_at: Date;
  last_event_seq: number;
  state: ComplaintState;
}

async function complaintRow(complaintId: string): Promise<ComplaintRow> {
  const rows: ComplaintRow[] = await dataSource.query('SELECT * FROM complaints WHERE id = $1', [complaintId]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe('projectComplaint', () => {
  it('writes the state column from its input but returns, for a v4 complaint, only the events (summary once)', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const full = projection(baseState(id), [event(1, 'submitted'), event(2, 'registered')]);
    expect(await projectComplaint(full)).toEqual(full);
    const first = await projectComplaint({ ...full, compact: { withSummary: true } });
    expect(first).toEqual({ workflowId: full.workflowId, events: full.events, summary: full.summary });
    const later = projection(baseState(id), [event(3, 'step_started')]);
    expect(await projectComplaint({ ...later, compact: { withSummary: false } })).toEqual({
      workflowId: later.workflowId,
      events: later.events,
    });
    expect((await complaintRow(id)).state).toEqual(later.state);
  });

  it('writes the complaint row and its events once, however often the same projection is retried', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const input = projection(baseState(id), [event(1, 'submitted'), event(2, 'registered'), event(3, 'step_started')]);
    await projectComplaint(input);
    await projectComplaint(input);
    await Promise.all([projectComplaint(input), projectComplaint(input)]);

    expect(await count('complaints')).toBe(1);
    expect(await count('complaint_events', 'complaint_id = $1', [id])).toBe(3);
    const row = await complaintRow(id);
    expect(row).toMatchObject({
      status: 'diterima',
      register_number: '000.8.3.3/0001/PALARAN/2026',
      current_step_keys: ['disposisi'],
      current_actor_roles: ['camat'],
      sla_breached: false,
      complainant_name: 'Siti Aminah',
      last_event_seq: 3,
    });
    expect(row.due_at?.toISOString()).toBe('2026-11-23T01:16:00.000Z');
    expect(row.updated_at.toISOString()).toBe(event(3, 'step_started').at);
    expect(row.state).toEqual(input.state);
  });

  it('moves the row forward with newer events and derives the list columns from the state', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const first = baseState(id);
    await projectComplaint(projection(first, [event(1, 'submitted'), event(2, 'registered')]));

    const later: ComplaintState = {
      ...first,
      classification: {
        complaintType: 'pengaduan',
        category: 'Infrastruktur',
        confidential: true,
        underPpidAuthority: false,
      },
      confidential: true,
      currentSteps: [
        {
          ...first.currentSteps[0],
          key: 'klarifikasi',
          actorRoles: ['kasi_kasubbag', 'sekcam'],
          dueAt: '2026-11-25T08:00:00.000Z',
        },
        {
          ...first.currentSteps[0],
          key: 'koordinasi',
          actorRoles: ['kasi_kasubbag'],
          dueAt: '2026-11-24T08:00:00.000Z',
          breached: true,
        },
      ],
      breaches: [
        {
          stepKey: 'disposisi',
          dueAt: '2026-11-23T01:16:00.000Z',
          detectedAt: '2026-11-23T01:16:00.000Z',
          escalatedTo: ['sekcam'],
        },
      ],
    };
    await projectComplaint(projection(later, [event(2, 'registered'), event(3, 'breach'), event(4, 'action')]));

    const row = await complaintRow(id);
    expect(row).toMatchObject({
      current_step_keys: ['klarifikasi', 'koordinasi'],
      current_actor_roles: ['kasi_kasubbag', 'sekcam'],
      sla_breached: true,
      complaint_type: 'pengaduan',
      category: 'Infrastruktur',
      last_event_seq: 4,
    });
    expect(row.due_at?.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(await count('complaint_events', 'complaint_id = $1', [id])).toBe(4);
  });

  it('does not let an older snapshot overwrite a newer one, but still adds its missing events', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const older = projection(baseState(id), [event(1, 'submitted'), event(2, 'registered')]);
    const closed: ComplaintState = {
      ...baseState(id),
      status: 'selesai',
      closedAt: '2026-11-23T01:10:00.000Z',
      currentSteps: [],
    };
    await projectComplaint(projection(closed, [event(3, 'action'), event(4, 'closed')]));
    await projectComplaint(older); // a late retry of the first batch

    const row = await complaintRow(id);
    expect(row).toMatchObject({ status: 'selesai', current_step_keys: [], current_actor_roles: [], last_event_seq: 4 });
    expect(row.closed_at?.toISOString()).toBe('2026-11-23T01:10:00.000Z');
    expect(row.due_at).toBeNull();
    expect(row.state.status).toBe('selesai');
    const seqs: { seq: number }[] = await dataSource.query(
      'SELECT seq FROM complaint_events WHERE complaint_id = $1 ORDER BY seq',
      [id],
    );
    expect(seqs.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it('keeps the first version of an event and records actor and step columns', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const action: ComplaintEvent = {
      ...event(3, 'action', { outcome: 'disposed', toUnit: 'Seksi Trantib' }),
      stepKey: 'disposisi',
      actor: { userId: camat.userId, name: camat.name, role: camat.role },
    };
    await projectComplaint(projection(baseState(id), [event(1, 'submitted'), event(2, 'registered'), action]));
    await projectComplaint(projection(baseState(id), [{ ...action, data: { outcome: 'changed' } }]));
    const rows: Record<string, unknown>[] = await dataSource.query(
      'SELECT type, step_key, actor_user_id, actor_name, actor_role, data FROM complaint_events WHERE complaint_id = $1 AND seq = 3',
      [id],
    );
    expect(rows).toEqual([
      {
        type: 'action',
        step_key: 'disposisi',
        actor_user_id: 'u-camat',
        actor_name: 'Drs. Camat',
        actor_role: 'camat',
        data: { outcome: 'disposed', toUnit: 'Seksi Trantib' },
      },
    ]);
  });

  it('stores no complainant name for an anonymous complaint, and the word search finds the row', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const input = projection(baseState(id), [event(1, 'submitted')]);
    input.summary = { ...input.summary, anonymous: true, complainantName: 'should not be stored' };
    await projectComplaint(input);
    expect((await complaintRow(id)).complainant_name).toBeNull();
    const found: { id: string }[] = await dataSource.query(
      `SELECT id FROM complaints
       WHERE to_tsvector('simple'::regconfig, subject || ' ' || content_excerpt) @@ plainto_tsquery('simple', $1)`,
      ['lubang pasar'],
    );
    expect(found.map((r) => r.id)).toEqual([id]);
  });

  it('queues the notifications a v5 projection carries with its events, once each, and records only what they were', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const acknowledgment: NotifyInput = {
      dedupeKey: `complaint-${id}/2/acknowledgment`,
      kind: 'acknowledgment',
      requestedAt: event(2, 'registered').at,
      complaintId: id,
      registerNumber: '000.8.3.3/0001/PALARAN/2026',
      officeCode: 'PALARAN',
      recipientRoles: ['pemohon'],
      message: 'Aduan Anda telah diterima dengan nomor register 000.8.3.3/0001/PALARAN/2026.',
    };
    const input: ProjectComplaintInput = {
      ...projection(baseState(id), [event(1, 'submitted'), event(2, 'registered')]),
      compact: { withSummary: true },
      notifications: [acknowledgment],
    };
    const record = await projectComplaint(input);
    await projectComplaint(input); // a retry queues nothing more
    expect(record).toEqual({
      workflowId: input.workflowId,
      events: input.events,
      summary: input.summary,
      notifications: [{ kind: 'acknowledgment', recipientRoles: ['pemohon'], requestedAt: acknowledgment.requestedAt }],
    });
    const rows: Record<string, unknown>[] = await dataSource.query(
      'SELECT dedupe_key, kind, complaint_id, recipient_roles, step_key, message, status FROM notifications WHERE complaint_id = $1',
      [id],
    );
    expect(rows).toEqual([
      {
        dedupe_key: acknowledgment.dedupeKey,
        kind: 'acknowledgment',
        complaint_id: id,
        recipient_roles: ['pemohon'],
        step_key: null,
        message: acknowledgment.message,
        status: 'pending',
      },
    ]);
    expect(await count('complaint_events', 'complaint_id = $1', [id])).toBe(2);
  });

  /** The disposisi step (15 menit) starting Monday 09:10 WITA, within office hours, as the workflow drafts it. */
  const startedAt = '2026-11-23T02:10:00.000Z';
  function disposisiStartDraft(seq: number): DeadlineDraft {
    const bakuMutu = { amount: 15, unit: 'minutes' as const };
    return {
      event: {
        seq,
        type: 'step_started',
        at: startedAt,
        stepKey: 'disposisi',
        data: { title: 'Disposisi Camat', action: 'dispose', actorRoles: ['camat'], bakuMutu, startedAt },
      },
      deadline: {
        startAt: startedAt,
        bakuMutu,
        office: {
          timeZone: 'Asia/Makassar',
          officeHours: [{ weekday: 1, start: '08:00', end: '16:00' }],
          closures: [],
        },
        reminderFraction: 0,
      },
    };
  }

  it('completes a v6 draft with its deadline, writes it with the batch and the state it folds into, once', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const state = { ...baseState(id), currentSteps: [] };
    const deadlineDraft = disposisiStartDraft(4);
    const draft = deadlineDraft.event;
    const input: ProjectComplaintInput = {
      ...projection(state, [event(3, 'action', { kind: 'verify', outcome: 'accepted' })]),
      compact: { withSummary: false },
      deadlineDraft,
    };
    const record = await projectComplaint(input);
    expect(await projectComplaint(input)).toEqual(record); // a retry completes it the same way
    const completed = { ...draft, data: { ...draft.data, dueAt: '2026-11-23T02:25:00.000Z', workingMinutes: 15 } };
    expect(record).toEqual({ workflowId: input.workflowId, events: [input.events[0], completed], deadlineEventSeq: 4 });
    const row = await complaintRow(id);
    expect(row.current_step_keys).toEqual(['disposisi']);
    expect(row.due_at?.toISOString()).toBe('2026-11-23T02:25:00.000Z');
    expect(row.last_event_seq).toBe(4);
    expect(row.state.currentSteps).toEqual([
      expect.objectContaining({ key: 'disposisi', startedAt, dueAt: '2026-11-23T02:25:00.000Z' }),
    ]);
    expect(await count('complaint_events', 'complaint_id = $1', [id])).toBe(2);

    // A draft whose deadline cannot be computed fails the projection, non-retryable, writing nothing.
    const other = randomUUID();
    const failure = await failureOf(
      projectComplaint({
        ...input,
        ...projection({ ...baseState(other), currentSteps: [] }, []),
        deadlineDraft: {
          ...deadlineDraft,
          deadline: { ...deadlineDraft.deadline, bakuMutu: { amount: 2, unit: 'weeks' as 'minutes' } },
        },
      }),
    );
    expect(failure).toMatchObject({ type: 'BAD_USER_INPUT', nonRetryable: true });
    expect(await count('complaints', 'id = $1', [other])).toBe(0);
  });

  it('numbers a v7 complaint in the projection that opens its first step, and gives the acknowledgment the number, once', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const submitted = { ...baseState(id), registerNumber: undefined, currentSteps: [] };
    const acknowledgment: NotifyInput = {
      dedupeKey: `complaint-${id}/1/acknowledgment`,
      kind: 'acknowledgment',
      complaintId: id,
      officeCode: 'REGTEST',
      recipientRoles: ['pemohon'],
      message: 'Aduan Anda telah diterima dan dicatat dalam buku register.',
    };
    const input: ProjectComplaintInput = {
      ...projection(submitted, [event(1, 'submitted')]),
      compact: { withSummary: true },
      notifications: [acknowledgment],
      registrationDraft: {
        event: { seq: 2, type: 'registered', at: event(1, 'submitted').at, data: {} },
        registration: {
          complaintId: id,
          office: {
            code: 'REGTEST',
            timeZone: 'Asia/Makassar',
            registerNumberFormat: '000.8.3.3/{seq}/{office}/{year}',
          },
          submittedAt: '2026-11-23T01:01:00.000Z',
        },
      },
      deadlineDraft: disposisiStartDraft(3),
    };
    const record = await projectComplaint(input);
    expect(await projectComplaint(input)).toEqual(record); // a retry: the same number, nothing counted twice
    const registerNumber = '000.8.3.3/0001/REGTEST/2026';
    expect(record).toMatchObject({ registeredEventSeq: 2, deadlineEventSeq: 3 });
    expect((record as { events: ComplaintEvent[] }).events.map((e) => [e.seq, e.type, e.data.registerNumber])).toEqual([
      [1, 'submitted', undefined],
      [2, 'registered', registerNumber],
      [3, 'step_started', undefined],
    ]);
    expect(await counter('REGTEST', 2026)).toBe(1);
    const row = await complaintRow(id);
    expect(row.register_number).toBe(registerNumber);
    expect(row.current_step_keys).toEqual(['disposisi']);
    const queued: { register_number: string | null }[] = await dataSource.query(
      'SELECT register_number FROM notifications WHERE complaint_id = $1',
      [id],
    );
    expect(queued).toEqual([{ register_number: registerNumber }]);
  });

  it('writes neither the row, the events nor the notifications of a projection that is refused', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const id = randomUUID();
    const notification: NotifyInput = {
      dedupeKey: `complaint-${id}/1/acknowledgment`,
      kind: 'acknowledgment',
      complaintId: id,
      officeCode: 'PALARAN',
      recipientRoles: ['pemohon'],
      message: 'Aduan Anda telah diterima.',
    };
    const good = { ...projection(baseState(id), [event(1, 'submitted')]), notifications: [notification] };
    const refused: ProjectComplaintInput[] = [
      // the database refuses an event (NUL in JSON): the notification beside it is not queued either
      { ...good, events: [{ ...event(1, 'submitted'), data: { note: 'nul \u0000 di JSON' } }] },
      // a malformed notification is refused before anything is written
      { ...good, notifications: [{ ...notification, recipientRoles: [] }] },
      { ...good, notifications: [{ ...notification, kind: 'telegram' as NotifyInput['kind'] }] },
    ];
    for (const input of refused) {
      expect(await failureOf(projectComplaint(input))).toMatchObject({ type: 'BAD_USER_INPUT', nonRetryable: true });
    }
    expect(await count('complaints')).toBe(0);
    expect(await count('complaint_events')).toBe(0);
    expect(await count('notifications')).toBe(0);
  });

  it('refuses a malformed projection as a non-retryable BAD_USER_INPUT and writes nothing', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const good = projection(baseState(randomUUID()), [event(1, 'submitted')]);
    const cases: ProjectComplaintInput[] = [
      { ...good, state: { ...good.state, complaintId: 'abc' } },
      { ...good, events: [{ ...event(1, 'submitted'), type: 'exploded' as ComplaintEvent['type'] }] },
      { ...good, events: [{ ...event(1, 'submitted'), seq: 0 }] },
      { ...good, state: { ...good.state, submittedAt: 'kemarin' } },
    ];
    for (const input of cases) {
      const failure = await failureOf(projectComplaint(input));
      expect(failure.type).toBe('BAD_USER_INPUT');
      expect(failure.nonRetryable).toBe(true);
    }
    expect(await count('complaints')).toBe(0);
    expect(await count('complaint_events')).toBe(0);
  });

  it('refuses text PostgreSQL cannot store (a NUL byte, a lone surrogate) as non-retryable, writing nothing', async () => {
    const { projectComplaint } = createProjectionActivities({ dataSource });
    const good = projection(baseState(randomUUID()), [event(1, 'submitted')]);
    const cases: ProjectComplaintInput[] = [
      { ...good, summary: { ...good.summary, subject: 'Jalan\u0000rusak' } },
      { ...good, events: [{ ...event(1, 'submitted'), data: { note: 'sisa \ud800 surrogate' } }] },
      { ...good, events: [{ ...event(1, 'submitted'), data: { note: 'nul \u0000 di JSON' } }] },
    ];
    for (const input of cases) {
      const failure = await failureOf(projectComplaint(input));
      expect(failure).toMatchObject({ type: 'BAD_USER_INPUT', nonRetryable: true });
      expect(failure.message).toMatch(/^Data ditolak oleh basis data/);
    }
    expect(await count('complaints')).toBe(0);
    expect(await count('complaint_events')).toBe(0);
  });
});

// --- Notifications ----------------------------------------------------------------------------------

class CapturingLogger implements Logger {
  readonly lines: { level: LogLevel; message: string; meta?: LogMetadata }[] = [];
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.lines.push({ level, message, meta });
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

describe('notify', () => {
  const notification = (overrides: Partial<NotifyInput> = {}): NotifyInput => ({
    dedupeKey: 'complaint-x/1/disposisi/escalation',
    kind: 'escalation',
    complaintId: '7d3c8a52-0b1e-4c55-9d59-5a0a3a1f2b10',
    registerNumber: '000.8.3.3/0001/PALARAN/2026',
    officeCode: 'PALARAN',
    recipientRoles: ['sekcam'],
    stepKey: 'disposisi',
    message: 'Eskalasi: langkah "Disposisi Camat" melewati baku mutu 15 menit.',
    ...overrides,
  });

  it('queues one outbox row per dedupe key, however often it is retried', async () => {
    const { notify } = createNotificationActivities({ dataSource });
    await notify(notification());
    await notify(notification());
    await Promise.all([notify(notification()), notify(notification())]);
    await notify(notification({ dedupeKey: 'complaint-x/2/disposisi/escalation' }));

    const rows: Record<string, unknown>[] = await dataSource.query(
      'SELECT dedupe_key, kind, register_number, office_code, recipient_roles, step_key, message, delivered_at FROM notifications ORDER BY id',
    );
    expect(rows).toEqual([
      {
        dedupe_key: 'complaint-x/1/disposisi/escalation',
        kind: 'escalation',
        register_number: '000.8.3.3/0001/PALARAN/2026',
        office_code: 'PALARAN',
        recipient_roles: ['sekcam'],
        step_key: 'disposisi',
        message: 'Eskalasi: langkah "Disposisi Camat" melewati baku mutu 15 menit.',
        delivered_at: null,
      },
      expect.objectContaining({ dedupe_key: 'complaint-x/2/disposisi/escalation' }),
    ]);
  });

  it('logs through the activity logger when run by the SDK activity runner', async () => {
    const logger = new CapturingLogger();
    const env = new MockActivityEnvironment({ activityType: 'notify' }, { logger });
    const { notify } = createNotificationActivities({ dataSource });
    await env.run(notify, notification({ kind: 'acknowledgment', recipientRoles: ['pemohon'], stepKey: undefined }));
    await env.run(notify, notification({ kind: 'acknowledgment', recipientRoles: ['pemohon'], stepKey: undefined }));
    const messages = logger.lines.filter((line) => line.meta?.dedupeKey !== undefined).map((line) => line.message);
    expect(messages).toEqual(['Notification queued', 'Notification already queued']);
    expect(await count('notifications')).toBe(1);
  });

  it('refuses an unknown kind or a missing recipient as a non-retryable BAD_USER_INPUT', async () => {
    const { notify } = createNotificationActivities({ dataSource });
    for (const input of [
      notification({ kind: 'spam' as NotifyInput['kind'] }),
      notification({ recipientRoles: [] }),
      notification({ message: '  ' }),
    ]) {
      const failure = await failureOf(notify(input));
      expect(failure.type).toBe('BAD_USER_INPUT');
      expect(failure.nonRetryable).toBe(true);
    }
    expect(await count('notifications')).toBe(0);
  });
});

// --- Archive ----------------------------------------------------------------------------------------

/** The same value with every object's keys in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => reverseKeys(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  ) as T;
}

describe('archiveComplaint', () => {
  function archivedState(complaintId: string): ComplaintState {
    return {
      ...baseState(complaintId),
      status: 'selesai',
      closedAt: '2026-11-27T03:00:00.000Z',
      currentSteps: [],
      actions: [
        {
          requestId: 'req-archive-0001',
          stepKey: 'arsip',
          kind: 'archive',
          outcome: 'archived',
          actor: { ...camat, userId: 'u-umum', name: 'Staf Umum', role: 'staf_umum' },
          at: '2026-11-27T02:59:00.000Z',
          input: { kind: 'archive' },
          via: 'update',
        },
      ],
    };
  }

  it('stores the canonical document once and returns the same reference and digest on retry', async () => {
    const { archiveComplaint } = createArchiveActivities({ dataSource });
    const id = randomUUID();
    const input = { complaintId: id, workflowId: `complaint-${id}`, state: archivedState(id) };
    const first = await archiveComplaint(input);
    expect(first.archiveRef).toBe('ARSIP/000.8.3.3/0001/PALARAN/2026');
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);

    // A retry, even one carrying a later state and another reference, returns what was stored.
    const retried = await archiveComplaint({
      ...input,
      archiveRef: 'LAIN/1',
      state: { ...input.state, reopenedCount: 1 },
    });
    expect(retried).toEqual(first);
    expect(await count('complaint_archives')).toBe(1);

    const [row]: { document: Record<string, unknown>; digest: string; archived_at: Date }[] = await dataSource.query(
      'SELECT document, digest, archived_at FROM complaint_archives WHERE complaint_id = $1',
      [id],
    );
    // Anyone holding the stored document can recompute the digest.
    expect(sha256Hex(canonicalJson(row.document))).toBe(row.digest);
    expect(row.document).toEqual({
      complaintId: id,
      workflowId: `complaint-${id}`,
      archivedAt: '2026-11-27T02:59:00.000Z',
      state: input.state,
    });
    expect(row.archived_at.toISOString()).toBe('2026-11-27T02:59:00.000Z');
  });

  it('gives the same digest for the same history, whatever the key order, in a rebuilt read model', async () => {
    const { archiveComplaint } = createArchiveActivities({ dataSource });
    const id = randomUUID();
    const state = archivedState(id);
    const first = await archiveComplaint({
      complaintId: id,
      workflowId: `complaint-${id}`,
      state,
      archiveRef: 'ARSIP/7',
    });

    await truncateTables(dataSource, ['complaint_archives']);
    const reordered = reverseKeys(state);
    expect(Object.keys(reordered)).toEqual(Object.keys(state).reverse());
    const again = await archiveComplaint({
      complaintId: id,
      workflowId: `complaint-${id}`,
      state: reordered,
      archiveRef: 'ARSIP/7',
    });
    expect(again).toEqual(first);

    await truncateTables(dataSource, ['complaint_archives']);
    const changed = await archiveComplaint({
      complaintId: id,
      workflowId: `complaint-${id}`,
      state: { ...state, closeReason: 'Selesai ditangani' },
      archiveRef: 'ARSIP/7',
    });
    expect(changed.digest).not.toBe(first.digest);
  });

  it('refuses a state of another complaint as a non-retryable BAD_USER_INPUT', async () => {
    const { archiveComplaint } = createArchiveActivities({ dataSource });
    const id = randomUUID();
    const failure = await failureOf(
      archiveComplaint({ complaintId: id, workflowId: `complaint-${id}`, state: archivedState(randomUUID()) }),
    );
    expect(failure.type).toBe('BAD_USER_INPUT');
    expect(failure.nonRetryable).toBe(true);
    expect(await count('complaint_archives')).toBe(0);
  });

  it('canonical JSON sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: true, e: null }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":null,"f":true}]},"b":1}',
    );
    expect(canonicalJson({ a: { c: 2, d: 1 }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: 1, c: 2 } }));
    expect(archiveTime({ ...baseState(randomUUID()), actions: [] }, () => new Date('2026-01-02T03:04:05.000Z'))).toBe(
      '2026-01-02T03:04:05.000Z',
    );
  });
});

describe('createActivities', () => {
  it('builds every activity the complaint workflow proxies, the PostgreSQL ones on the given DataSource', async () => {
    const activities = createActivities({ dataSource });
    expect(Object.keys(activities).sort()).toEqual(
      [
        'archiveClosedComplaint',
        'archiveComplaint',
        'archiveMonthlyRecap',
        'assignRegisterNumber',
        'buildMonthlyRecap',
        'computeDeadline',
        'deliverDueNotifications',
        'notify',
        'projectComplaint',
        'startArchival',
      ].sort(),
    );
    const result = await activities.assignRegisterNumber({
      complaintId: randomUUID(),
      office: KEBAKKRAMAT,
      submittedAt: '2026-11-23T02:00:00.000Z',
    });
    expect(result.registerNumber).toBe('000.8.3.3/0001/KEBAKKRAMAT/2026');
  });
});
