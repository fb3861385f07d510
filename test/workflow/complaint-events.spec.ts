/**
 * The complaint state is the fold of its domain events (shapes v4 to v6): for every recorded scenario the
 * fold of the emitted events equals the workflow's own state, and the projections read back from
 * history alone (compact records, state by fold) equal what the projection activity received, so
 * a read model rebuilt from history equals the projected one.
 */
import type { ComplaintEvent, ProjectComplaintInput } from '../../libs/domain/src/complaint-events';
import { notificationRecordOf } from '../../libs/domain/src/notification';
import { foldComplaintEvents, initialComplaintState } from '../../libs/domain/src/complaint-fold';
import { expectedReadModel } from '../../libs/audit/src/read-model-drift';
import { domainEventsOf, projectionInputsOf, workflowInputOf } from '../../libs/audit/src/timeline';
import { localActivityOf } from '../../libs/audit/src/history-events';
import { getStateQuery } from '../../workflows/complaint/complaint.messages';
import { SCENARIOS } from '../support/scenarios';
import {
  createRecordingActivities,
  createWorkflowHarness,
  projectionAsReadFromHistory,
  withWorker,
  type WorkflowHarness,
} from '../support/workflow-harness';

/** What crossed the activity boundary (the data converter drops undefined fields). */
function asSent<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function eventsOf(projections: ProjectComplaintInput[]): ComplaintEvent[] {
  const bySeq = new Map<number, ComplaintEvent>();
  for (const projection of projections) for (const event of projection.events) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

describe('complaint state as the fold of its domain events (shapes v4 to v6)', () => {
  let harness: WorkflowHarness;
  beforeAll(async () => {
    harness = await createWorkflowHarness();
  });
  afterAll(async () => {
    await harness?.env.teardown();
  });

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    '%s: fold(events) = final state, and history alone gives the projections the read model got',
    async (_name, scenario) => {
      const { activities, projections } = createRecordingActivities();
      const { state, history } = await withWorker(harness, activities, async () => {
        const handle = await scenario.run(harness);
        await handle.result();
        return { state: await handle.query(getStateQuery), history: await handle.fetchHistory() };
      });
      const events = eventsOf(projections);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));

      // The fold of every emitted event is the workflow's state.
      const start = workflowInputOf(history);
      const submitted = events.find((event) => event.type === 'submitted')!;
      const folded = foldComplaintEvents(initialComplaintState(start, submitted.data.submittedAt as string), events);
      expect(asSent(folded)).toEqual(asSent(projections.at(-1)!.state));
      expect(asSent(folded)).toEqual(state);

      // History keeps compact records: no projection result carries the state.
      const records = (history.events ?? []).flatMap((event) => {
        const local = localActivityOf(event);
        return local?.type === 'projectComplaint' ? [local.result as Record<string, unknown>] : [];
      });
      expect(records.length).toBe(projections.length);
      for (const record of records) expect(record).not.toHaveProperty('state');
      // v5: every notification went with a projection, and history keeps what each was (not its text).
      const notificationsSent = projections.flatMap((projection) => projection.notifications ?? []);
      expect(notificationsSent.length).toBeGreaterThan(0);
      expect(records.flatMap((record) => (record.notifications as unknown[] | undefined) ?? [])).toEqual(
        asSent(notificationsSent.map(notificationRecordOf)),
      );

      // Read back from history: the same projections (state by fold), the same events, the same read model.
      const fromHistory = projectionInputsOf(history);
      const sent = projections.map(projectionAsReadFromHistory);
      expect(asSent(fromHistory)).toEqual(sent);
      expect(domainEventsOf(history)).toEqual(asSent(events));
      expect(expectedReadModel(state.complaintId, fromHistory)).toEqual(
        expectedReadModel(state.complaintId, sent as ProjectComplaintInput[]),
      );
    },
  );
});
