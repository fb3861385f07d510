/**
 * The complaint's pure state transitions (no Temporal): interrupts of a waiting step, where the
 * first one wins, and the single close path.
 */
import { randomUUID } from 'node:crypto';
import { submissionSchema } from '../../libs/domain/src/complaint';
import { ComplaintProcess } from '../../workflows/complaint/complaint.process';
import { KEBAKKRAMAT_TEST_SOP } from '../fixtures/sops';
import { sampleSubmission } from '../support/workflow-harness';

function processInTunda(): ComplaintProcess {
  let tick = 0;
  const now = () => new Date(Date.UTC(2026, 10, 23, 2, 0, tick++)).toISOString();
  const process = new ComplaintProcess(
    {
      complaintId: randomUUID(),
      sop: KEBAKKRAMAT_TEST_SOP,
      submission: submissionSchema.parse(sampleSubmission),
      trackingCodeHash: 'f'.repeat(64),
    },
    now,
  );
  process.holdForComplainant();
  process.enterTunda('receive', 'Lokasi belum jelas', now(), '2026-12-01T00:00:00.000Z');
  return process;
}

describe('ComplaintProcess interrupts', () => {
  it('keeps a withdrawal that came first when a supplement follows in the same moment', () => {
    const process = processInTunda();
    process.withdraw({ requestId: randomUUID(), reason: 'Sudah diperbaiki sendiri' });
    expect(process.interruptPending).toBe(true);
    expect(process.supplement({ requestId: randomUUID(), content: 'Lokasi di balai desa', attachments: [] })).toBe(
      false,
    );
    expect(process.leaveTunda('receive', true)).toBe('withdrawn');
    expect(process.interruptPending).toBe(false);
  });

  it('keeps a supplement that came first: the complaint resumes and the later withdrawal does not replace it', () => {
    const process = processInTunda();
    expect(process.supplement({ requestId: randomUUID(), content: 'Lokasi di balai desa', attachments: [] })).toBe(
      true,
    );
    expect(process.interruptWith({ kind: 'withdrawn' })).toBe(false);
    expect(process.leaveTunda('receive', true)).toBe('resumed');
    expect(process.state.status).toBe('diterima');
    expect(process.events.at(-1)).toMatchObject({ type: 'resumed', stepKey: 'receive' });
  });

  it('closes once, keeping the first close reason, and emits the closed event', () => {
    const process = processInTunda();
    process.withdraw({ requestId: randomUUID(), reason: 'Sudah diperbaiki sendiri' });
    process.close('dicabut', 'Dicabut oleh pelapor');
    expect(process.state).toMatchObject({
      status: 'dicabut',
      closeReason: 'Sudah diperbaiki sendiri',
      currentSteps: [],
    });
    expect(process.state.closedAt).toBeDefined();
    expect(process.events.at(-1)).toMatchObject({ type: 'closed', data: { status: 'dicabut' } });
  });
});
