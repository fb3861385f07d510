/**
 * Every SOP variant of the catalog, driven from intake to the end through Workflow Updates as the
 * roles each step allows, on the time-skipping server.
 */
import { randomUUID } from 'node:crypto';
import { findSop } from '../../libs/domain/src/catalog';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { reopenUpdate } from '../../workflows/complaint/complaint.messages';
import { driveSteps, type Choices } from '../support/scenarios';
import {
  createRecordingActivities,
  createWorkflowHarness,
  currentState,
  startComplaint,
  withWorker,
  type WorkflowHarness,
} from '../support/workflow-harness';

const PATHS: { sopId: string; label: string; choices?: Choices; path: string[]; archived: boolean }[] = [
  {
    sopId: 'kebakkramat-aduan',
    label: '000 Kebakkramat',
    path: ['receive', 'dispose', 'clarify_answer', 'deliver'],
    archived: false,
  },
  {
    sopId: 'ppid-karanganyar-web-medsos',
    label: '001 PPID, under PPID Pelaksana authority',
    choices: { classify: { underPpidAuthority: true } },
    path: ['register', 'accept', 'classify', 'coordinate_ppid', 'answer'],
    archived: false,
  },
  {
    sopId: 'ppid-karanganyar-web-medsos',
    label: '001 PPID, answered directly',
    path: ['register', 'accept', 'classify', 'answer'],
    archived: false,
  },
  {
    sopId: 'diskominfo-karanganyar-aduan-warga',
    label: '002 Diskominfo, the OPD admin answers in the group',
    path: ['receive', 'forward_group', 'group_response', 'reply'],
    archived: false,
  },
  {
    sopId: 'selemadeg-timur-a',
    label: '003A Selemadeg Timur, not a matter of policy: no disposition step 6',
    path: [
      'receive',
      'compile',
      'hand_to_sekcam',
      'sekcam_review',
      'camat_review',
      'propose_solution',
      'camat_sign',
      'carry_out',
      'archive',
    ],
    archived: true,
  },
  {
    sopId: 'selemadeg-timur-a',
    label: '003A Selemadeg Timur, policy needing coordination (step 6), sent back for revision at sign-off',
    // The second review is the Camat's (step 5): it calls for coordination, so step 6 runs.
    choices: {
      review: (visit) => (visit === 2 ? { needsCoordination: true } : {}),
      sign: (visit) => (visit === 1 ? { approved: false, revisionNote: 'Perbaiki dasar hukum' } : { approved: true }),
    },
    path: [
      'receive',
      'compile',
      'hand_to_sekcam',
      'sekcam_review',
      'camat_review',
      'camat_disposition',
      'propose_solution',
      'camat_sign',
      'propose_solution',
      'camat_sign',
      'carry_out',
      'archive',
    ],
    archived: true,
  },
  {
    sopId: 'selemadeg-timur-b',
    label: '003B Selemadeg Timur',
    path: ['receive', 'kasubbag_forward', 'sekcam_review', 'camat_disposition', 'answer', 'archive'],
    archived: true,
  },
  {
    sopId: 'palaran-pengaduan',
    label: '004 Palaran without a rapat',
    path: ['receive', 'clarify', 'camat_decision', 'draft_answer', 'deliver'],
    archived: false,
  },
  {
    sopId: 'palaran-pengaduan',
    label: '004 Palaran with a rapat',
    choices: { decide: { rapatRequired: true } },
    path: ['receive', 'clarify', 'camat_decision', 'rapat', 'draft_answer', 'deliver'],
    archived: false,
  },
];

describe('SOP variants end to end (time-skipping server)', () => {
  let harness: WorkflowHarness;
  beforeAll(async () => {
    harness = await createWorkflowHarness();
  });
  afterAll(async () => {
    await harness?.env.teardown();
  });

  it.each(PATHS)('runs $label from intake to the end', async ({ sopId, choices, path, archived }) => {
    const sop = findSop(sopId) as SopDefinition;
    const { activities, archives, notifications } = createRecordingActivities();
    await withWorker(harness, activities, async () => {
      const handle = await startComplaint(harness, sop);
      expect(await driveSteps(handle, sop, choices)).toEqual(path);
      const answered = await currentState(handle);
      // An SOP that ends with its arsip closes there; otherwise the answer waits for a rating or reopen.
      expect(answered.status).toBe(archived ? 'selesai' : 'dijawab');
      expect(answered.answer).toMatchObject({ receipt: expect.any(String), deliveredAt: expect.any(String) });
      expect(answered.registerNumber).toMatch(new RegExp(`^000\\.8\\.3\\.3/\\d{4}/${sop.office.code}/\\d{4}$`));
      if (choices?.decide) {
        expect(answered.rapat).toMatchObject({ participants: expect.arrayContaining(['Camat']) });
      }
      if (archived) {
        // Closed at the arsip: the run is over, so nothing can reopen it.
        expect(answered.closedAt).toEqual(expect.any(String));
        expect((await handle.describe()).status.name).toBe('COMPLETED');
        await expect(
          handle.executeUpdate(reopenUpdate, { args: [{ requestId: randomUUID(), reason: 'Belum puas' }] }),
        ).rejects.toThrow();
      }
      // Otherwise the reopen window passes without a reopen: the complaint closes.
      expect(await handle.result()).toMatchObject({ status: 'selesai' });
      const final = await currentState(handle);
      expect(final.completedSteps.map((step) => step.key)).toEqual(path);
      expect(final.actions.map((action) => action.actor.role)).toEqual(
        path.map((key) => sop.steps.find((step) => step.key === key)!.actorRoles[0]),
      );
      expect(archives).toHaveLength(archived ? 1 : 0);
      expect(notifications.map((n) => n.kind)).toEqual(expect.arrayContaining(['acknowledgment', 'answer']));
    });
  });
});
