/**
 * The timeline over every recorded history of the replay corpus (every shape folder, found on
 * disk, so a new shape is covered when its folder lands), a tampered history, and export documents
 * archived with the previous derivation (format 1) that must still verify.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildExportDocument,
  digestOf,
  EXPORT_FORMAT_VERSION,
  verifyExportDocument,
} from '../../libs/audit/src/export-document';
import type { History } from '../../libs/audit/src/history-events';
import { historyFromJsonObject } from '../../libs/audit/src/history-json';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { deriveTimeline, TIMELINE_FORMAT_VERSION, type ComplaintTimeline } from '../../libs/audit/src/timeline';
import { describeEntry, ENTRY_LABELS, HIDDEN_ENTRY_KINDS } from '../../libs/audit/src/timeline-html';
import { ACTION_LABELS, OUTCOME_LABELS } from '../../libs/domain/src/labels';

const HISTORIES = path.resolve(__dirname, '..', 'fixtures', 'histories');
const EXPORTS = path.resolve(__dirname, '..', 'fixtures', 'exports');

const corpus: [string, string][] = fs
  .readdirSync(HISTORIES)
  .filter((shape) => fs.statSync(path.join(HISTORIES, shape)).isDirectory())
  .flatMap((shape) =>
    fs
      .readdirSync(path.join(HISTORIES, shape))
      .filter((file) => file.endsWith('.json'))
      .map((file) => [shape, file] as [string, string]),
  );

const readJson = (shape: string, file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(HISTORIES, shape, file), 'utf8')) as Record<string, unknown>;

/** Raw vocabulary keys (English) that only labels may stand for in what an auditor reads. */
const RAW_KEYS = [...Object.keys(ACTION_LABELS), ...Object.keys(OUTCOME_LABELS)].filter(
  (key) => !['rapat', 'tunda', 'ppid', 'register'].includes(key), // Indonesian words too
);
const RAW_KEY_PATTERN = new RegExp(`(→|\\b(${RAW_KEYS.join('|')})\\b)`);

function expectSound(timeline: ComplaintTimeline): void {
  const zone = timeline.sop.timeZone;
  expect(timeline.consistency).toEqual({ ok: true, mismatches: [] });
  expect(timeline.formatVersion).toBe(TIMELINE_FORMAT_VERSION);
  expect(timeline.entries.map((entry) => entry.seq)).toEqual(timeline.entries.map((_, index) => index + 1));
  for (const [index, entry] of timeline.entries.entries()) {
    if (index > 0) expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(Date.parse(timeline.entries[index - 1].at));
    expect(entry.eventId).toBeGreaterThan(0);
    expect(ENTRY_LABELS[entry.kind]).toBeTruthy();
    // No empty entries: what an auditor reads says something; bookkeeping at least carries its data.
    if (HIDDEN_ENTRY_KINDS.includes(entry.kind)) {
      expect(Object.keys(entry.details).length).toBeGreaterThan(0);
    } else {
      const summary = describeEntry(entry, zone);
      expect(summary.trim()).not.toBe('');
      expect(summary).not.toMatch(/undefined|null|\[object/);
      expect(summary).not.toMatch(RAW_KEY_PATTERN);
    }
  }
  // Every step run is summarised, in order, from the entry that started it.
  const starts = timeline.entries.filter((entry) => entry.kind === 'step_started');
  expect(timeline.steps.map((step) => [step.run, step.stepKey, step.startedAt, step.dueAt])).toEqual(
    starts.map((entry, index) => [index + 1, entry.stepKey, entry.at, entry.dueAt]),
  );
  for (const step of timeline.steps) {
    expect(step.bakuMutuWorkingMinutes).toBeGreaterThan(0);
    expect(step.workingMinutesTaken).toBeGreaterThanOrEqual(0);
    if (timeline.status) expect(step.outcome).toBeDefined();
    if (step.outcome === 'timeout') expect(step.breached).toBe(true);
  }
}

describe('timeline from every history of the corpus', () => {
  it('finds every shape folder of the corpus', () => {
    expect(new Set(corpus.map(([shape]) => shape))).toEqual(
      expect.objectContaining({ size: fs.readdirSync(HISTORIES).length }),
    );
    expect([...new Set(corpus.map(([shape]) => shape))]).toEqual(expect.arrayContaining(['v1', 'v2', 'v3']));
  });

  it.each(corpus)('%s/%s: consistent, ordered, labelled, every step run summarised', (shape, file) => {
    const timeline = deriveTimeline(historyFromJsonObject(readJson(shape, file)));
    expectSound(timeline);
    expect(timeline.status).toBeDefined();
    expect(timeline.registerNumber).toMatch(/^000\.8\.3\.3\//);
  });

  it.each(corpus.filter(([, file]) => file.includes('auto-forward')))(
    '%s/%s: the step left by its timeout rule is a step_timed_out entry',
    (shape, file) => {
      const timeline = deriveTimeline(historyFromJsonObject(readJson(shape, file)));
      const timedOut = timeline.entries.filter((entry) => entry.kind === 'step_timed_out');
      expect(timedOut).toHaveLength(1);
      expect(timedOut[0]).toMatchObject({ stepKey: 'group_response', breached: true, details: { to: 'forward_opd' } });
      const after = timeline.entries.slice(timeline.entries.indexOf(timedOut[0]));
      expect(after.find((entry) => entry.kind === 'step_started')).toMatchObject({ stepKey: 'forward_opd' });
    },
  );
});

/** Each `projectComplaint` input of a JSON history (v1/v2 shape), decoded, changed in place, encoded back. */
function editProjections(raw: Record<string, unknown>, edit: (input: Record<string, unknown>) => void): History {
  type ScheduledJson = { activityType?: { name?: string }; input: { payloads: { data: string }[] } };
  const copy = JSON.parse(JSON.stringify(raw)) as {
    events: { activityTaskScheduledEventAttributes?: ScheduledJson }[];
  };
  for (const event of copy.events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== 'projectComplaint') continue;
    const payload = scheduled.input.payloads[0];
    const input = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) as Record<string, unknown>;
    edit(input);
    payload.data = Buffer.from(JSON.stringify(input), 'utf8').toString('base64');
  }
  return historyFromJsonObject(copy);
}

type DomainEventJson = { seq: number; type: string; at: string; stepKey?: string; data: Record<string, unknown> };

describe('the v4 event contract, when a history carries it', () => {
  // The v2 auto-forward history rewritten as v4 records it: no `state` in the projection, the
  // submission's and each step's start in their events, and the timeout as its own event.
  const raw = readJson('v2', 'diskominfo-karanganyar-aduan-warga-auto-forward.json');
  const v2 = deriveTimeline(historyFromJsonObject(raw));
  let breach: DomainEventJson | undefined;
  const v4 = editProjections(raw, (input) => {
    delete input.state;
    const events = input.events as DomainEventJson[];
    const rewritten: DomainEventJson[] = [];
    for (const event of events) {
      if (breach && event.seq > breach.seq) event.seq += 1;
      if (event.type === 'submitted') Object.assign(event.data, { submittedAt: v2.entries[0].at });
      if (event.type === 'step_started') {
        const started = v2.entries.find((entry) => entry.kind === 'step_started' && entry.dueAt === event.data.dueAt);
        Object.assign(event.data, { startedAt: started?.at, action: started?.details.action });
      }
      rewritten.push(event);
      if (event.type === 'breach') {
        breach = event;
        const onTimeout = event.data.onTimeout as { to: string };
        rewritten.push({
          seq: event.seq + 1,
          type: 'step_timed_out',
          at: event.at,
          stepKey: event.stepKey,
          data: { dueAt: event.data.dueAt, to: onTimeout.to },
        });
      }
    }
    input.events = rewritten;
  });

  it('reads step_timed_out, startedAt and submittedAt from the events, with the same steps as v2', () => {
    expect(breach).toBeDefined();
    const timeline = deriveTimeline(v4);
    expectSound(timeline);
    const timedOut = timeline.entries.filter((entry) => entry.kind === 'step_timed_out');
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0].details).toEqual({ to: 'forward_opd', toTitle: expect.any(String) });
    expect(timeline.steps).toEqual(v2.steps);
    expect(timeline.entries.map((entry) => [entry.kind, entry.at])).toEqual(
      v2.entries.map((entry) => [entry.kind, entry.at]),
    );
  });
});

/** The history with the first projected action changed by `change`. */
function tamperAction(raw: Record<string, unknown>, change: (event: Record<string, unknown>) => void): History {
  let changed = false;
  const history = editProjections(raw, (input) => {
    const action = (input.events as Record<string, unknown>[]).find((event) => event.type === 'action');
    if (changed || !action) return;
    change(action);
    changed = true;
  });
  if (!changed) throw new Error('no projected action in the history');
  return history;
}

describe('cross-check of a tampered history', () => {
  const raw = readJson('v2', 'kebakkramat-aduan-breach.json');

  it('an action whose domain event names another actor is a mismatch', () => {
    const timeline = deriveTimeline(
      tamperAction(raw, (action) => {
        (action.actor as { userId: string }).userId = 'orang-lain';
      }),
    );
    expect(timeline.consistency.ok).toBe(false);
    expect(timeline.consistency.mismatches).toEqual([
      expect.stringMatching(/^Update act .*: pelaku \S+, kejadian domain ke-\d+ mencatat orang-lain\.$/),
    ]);
  });

  it('an action whose domain event carries another input is a mismatch', () => {
    const timeline = deriveTimeline(
      tamperAction(raw, (action) => {
        (action.data as { input: Record<string, unknown> }).input = { kind: 'verify', outcome: 'rejected' };
      }),
    );
    expect(timeline.consistency.mismatches).toEqual([expect.stringMatching(/isi berbeda .*\(action\)/)]);
  });

  it('an action with no Update behind it is a mismatch', () => {
    const timeline = deriveTimeline(
      tamperAction(raw, (action) => {
        (action.data as { requestId: string }).requestId = 'tidak-pernah-dikirim';
      }),
    );
    expect(timeline.consistency.mismatches).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/tidak ada kejadian domain action/),
        expect.stringMatching(/permintaan tidak-pernah-dikirim\): Update act-nya tidak ada/),
      ]),
    );
  });
});

describe('export documents', () => {
  let bundle: Awaited<ReturnType<typeof bundleWorkflows>>;
  beforeAll(async () => {
    bundle = await bundleWorkflows({ stackTraces: false });
  });

  const archived = fs.readdirSync(EXPORTS).filter((file) => file.startsWith('format-1-'));

  it.each(archived)('%s (archived by the previous derivation) still verifies', async (file) => {
    const document = JSON.parse(fs.readFileSync(path.join(EXPORTS, file), 'utf8'));
    expect(document.formatVersion).toBe(1);
    const verified = await verifyExportDocument(document, { workflowBundle: bundle });
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
  });

  it.each(archived)('%s with a changed fact and a recomputed digest fails', async (file) => {
    const document = JSON.parse(fs.readFileSync(path.join(EXPORTS, file), 'utf8'));
    const step = document.timeline.steps[1];
    step.outcome = 'rejected';
    document.digest = digestOf(document);
    const verified = await verifyExportDocument(document, { workflowBundle: bundle });
    expect(verified.digest.ok).toBe(true);
    expect(verified.timeline.ok).toBe(false);
    expect(verified.timeline.differences.join('\n')).toContain('steps[1].outcome');
  });

  it('a new document carries the current formats and verifies exactly', async () => {
    const history = historyFromJsonObject(readJson('v3', 'kebakkramat-aduan-tunda.json'));
    const document = JSON.parse(JSON.stringify(buildExportDocument({ history })));
    expect(document.formatVersion).toBe(EXPORT_FORMAT_VERSION);
    expect(document.timeline.formatVersion).toBe(TIMELINE_FORMAT_VERSION);
    expect((await verifyExportDocument(document, { workflowBundle: bundle })).problems).toEqual([]);
  });
});
