/**
 * Complaint scenarios driven through the real workflow on the time-skipping server: the replay
 * corpus is recorded from them (scripts/record-histories.ts) and tests reuse them.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { findSop } from '../../libs/domain/src/catalog';
import type { ActionInput, ComplaintState } from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import type { ActionKind } from '../../libs/domain/src/sop-model';
import { reopenUpdate, supplyInformationUpdate, withdrawUpdate } from '../../workflows/complaint/complaint.messages';
import { actOnCurrentStep, settledState, startComplaint, type WorkflowHarness } from './workflow-harness';

/** Payload overrides per action kind; a function may decide per visit (revision loops). */
export type Choices = Partial<Record<ActionKind, Partial<ActionInput> | ((visit: number) => Partial<ActionInput>)>>;

/** Waits until a step is open (deadline computed) or the workflow waits for nobody on staff. */
async function nextOpening(handle: WorkflowHandle): Promise<ComplaintState> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const state = await settledState(handle);
    if (state.currentSteps[0]?.dueAt) return state;
    if (state.currentSteps.length === 0 && state.status !== 'diterima') return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the complaint neither opened a step nor closed');
}

/** Acts on every step as its first allowed role until no staff step is open; returns the steps visited. */
export async function driveSteps(
  handle: WorkflowHandle,
  sop: SopDefinition,
  choices: Choices = {},
  untilStep?: string,
): Promise<string[]> {
  const visited: string[] = [];
  const visits = new Map<ActionKind, number>();
  for (;;) {
    const state = await nextOpening(handle);
    const active = state.currentSteps[0];
    if (!active || active.key === untilStep) return visited;
    const visit = (visits.get(active.action) ?? 0) + 1;
    visits.set(active.action, visit);
    const choice = choices[active.action];
    // An SOP without a drafting step answers in the delivery itself.
    const answer =
      active.action === 'deliver' && !state.answer?.text ? { answer: 'Aduan Anda telah ditindaklanjuti.' } : {};
    const override = typeof choice === 'function' ? choice(visit) : (choice ?? {});
    await actOnCurrentStep(handle, sop, { ...answer, ...override } as Partial<ActionInput>);
    visited.push(active.key);
  }
}

export interface Scenario {
  name: string;
  run(harness: WorkflowHarness): Promise<WorkflowHandle>;
}

function catalogSop(id: string): SopDefinition {
  const sop = findSop(id);
  if (!sop) throw new Error(`SOP ${id} is not in the catalog`);
  return sop;
}

function happyPath(id: string, choices: Choices = {}): Scenario {
  return {
    name: `${id}-happy-path`,
    async run(harness) {
      const sop = catalogSop(id);
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, choices);
      return handle;
    },
  };
}

export const SCENARIOS: Scenario[] = [
  happyPath('kebakkramat-aduan'),
  happyPath('ppid-karanganyar-web-medsos', { classify: { underPpidAuthority: true } }),
  happyPath('diskominfo-karanganyar-aduan-warga'),
  happyPath('selemadeg-timur-a'),
  happyPath('selemadeg-timur-b'),
  happyPath('palaran-pengaduan'),
  {
    name: 'palaran-pengaduan-rapat',
    async run(harness) {
      const sop = catalogSop('palaran-pengaduan');
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, { decide: { rapatRequired: true } });
      return handle;
    },
  },
  {
    name: 'selemadeg-timur-a-revision',
    async run(harness) {
      const sop = catalogSop('selemadeg-timur-a');
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, {
        sign: (visit) => (visit === 1 ? { approved: false, revisionNote: 'Lengkapi dasar hukum' } : { approved: true }),
      });
      return handle;
    },
  },
  {
    name: 'kebakkramat-aduan-breach',
    async run(harness) {
      const sop = catalogSop('kebakkramat-aduan');
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, {}, 'dispose');
      const open = (await settledState(handle)).currentSteps[0]!;
      // Past the disposition's baku mutu: breach and escalation, then the late disposition.
      await harness.env.sleep(Date.parse(open.dueAt!) - Date.parse(open.startedAt) + 60_000);
      await driveSteps(handle, sop);
      return handle;
    },
  },
  {
    name: 'diskominfo-karanganyar-aduan-warga-auto-forward',
    async run(harness) {
      const sop = catalogSop('diskominfo-karanganyar-aduan-warga');
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, {}, 'group_response');
      const open = (await settledState(handle)).currentSteps[0]!;
      await harness.env.sleep(Date.parse(open.dueAt!) - Date.parse(open.startedAt) + 60_000);
      await driveSteps(handle, sop);
      return handle;
    },
  },
  {
    name: 'kebakkramat-aduan-tunda',
    async run(harness) {
      const sop = catalogSop('kebakkramat-aduan');
      const handle = await startComplaint(harness, sop);
      await actOnCurrentStep(handle, sop, { outcome: 'tunda', reason: 'Alamat lokasi belum jelas' } as never);
      await handle.executeUpdate(supplyInformationUpdate, {
        args: [{ requestId: randomUUID(), content: 'Lokasi di depan SD Negeri 2', attachments: [] }],
      });
      await driveSteps(handle, sop);
      return handle;
    },
  },
  {
    name: 'kebakkramat-aduan-reopen',
    async run(harness) {
      const sop = catalogSop('kebakkramat-aduan');
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop);
      await handle.executeUpdate(reopenUpdate, { args: [{ requestId: randomUUID(), reason: 'Lampu masih mati' }] });
      await driveSteps(handle, sop);
      return handle;
    },
  },
  {
    name: 'palaran-pengaduan-withdrawn',
    async run(harness) {
      const sop = catalogSop('palaran-pengaduan');
      const handle = await startComplaint(harness, sop);
      await driveSteps(handle, sop, {}, 'clarify');
      await handle.executeUpdate(withdrawUpdate, {
        args: [{ requestId: randomUUID(), reason: 'Masalah sudah selesai' }],
      });
      return handle;
    },
  },
  {
    name: 'selemadeg-timur-b-rejected',
    async run(harness) {
      const sop = catalogSop('selemadeg-timur-b');
      const handle = await startComplaint(harness, sop);
      await actOnCurrentStep(handle, sop, { outcome: 'rejected', reason: 'Pesan berantai, bukan aduan' } as never);
      return handle;
    },
  },
];
