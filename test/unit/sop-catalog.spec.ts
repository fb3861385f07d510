import { BusinessCalendar } from '../../libs/calendar/src/business-calendar';
import { DISKOMINFO_MONTHLY_RECAP, findSop, OFFICES, SOP_CATALOG } from '../../libs/domain/src/catalog';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { END, type ActionKind, type DurationUnit } from '../../libs/domain/src/sop-model';
import { validateSop } from '../../libs/domain/src/sop-validator';
import {
  DISKOMINFO_TEST_SOP,
  KEBAKKRAMAT_TEST_SOP,
  PALARAN_TEST_SOP,
  TEST_SOPS,
  withShortBakuMutu,
} from '../fixtures/sops';

/** [seed step no., step key, action, actor roles, baku mutu amount, unit] as read from the seeds. */
type StepRow = [string, ActionKind, string[], number, DurationUnit];
type Row = [string, ...StepRow];

const EXPECTED: Record<
  string,
  { version: number; sopNumber: string; effectiveDate?: string; office: string; timeZone: string; rows: Row[] }
> = {
  'kebakkramat-aduan': {
    // Version 2: the sheet's identity table and kelengkapan. Version 3: no effective date (the scan has none).
    version: 3,
    sopNumber: 'Tanpa nomor',
    office: 'KEBAKKRAMAT',
    timeZone: 'Asia/Jakarta',
    rows: [
      // step 1 (Pemohon, 10 menit) is the submission itself
      ['2', 'receive', 'verify', ['petugas_loket'], 5, 'minutes'],
      ['3', 'dispose', 'dispose', ['camat', 'sekcam'], 15, 'minutes'],
      ['4', 'clarify_answer', 'draft_answer', ['kasi_kasubbag'], 60, 'minutes'],
      ['5', 'deliver', 'deliver', ['petugas_loket'], 5, 'minutes'],
    ],
  },
  'ppid-karanganyar-web-medsos': {
    // Version 2: the seed has no date, and the catalog no longer invents one. Version 3: the register number at step 2.
    version: 3,
    sopNumber: 'Tanpa nomor',
    office: 'PPID-KRA',
    timeZone: 'Asia/Jakarta',
    rows: [
      ['1', 'register', 'register', ['admin_medsos'], 5, 'minutes'],
      ['2', 'accept', 'verify', ['admin_medsos'], 5, 'minutes'],
      ['3', 'classify', 'classify', ['pengelola_data'], 10, 'minutes'],
      ['4', 'coordinate_ppid', 'coordinate', ['pengelola_data', 'ppid_pelaksana'], 1, 'working_days'],
      ['5', 'answer', 'deliver', ['ppid_pelaksana', 'admin_medsos'], 10, 'minutes'],
    ],
  },
  'diskominfo-karanganyar-aduan-warga': {
    // Version 2: the sheet's identity table and kelengkapan.
    version: 2,
    sopNumber: '000.8.3.3/18.20 Tahun 2025',
    effectiveDate: '2025-01-20',
    office: 'DISKOMINFO-KRA',
    timeZone: 'Asia/Jakarta',
    rows: [
      ['1', 'receive', 'verify', ['admin_diskominfo'], 60, 'minutes'],
      ['2', 'forward_group', 'forward', ['admin_diskominfo'], 60, 'minutes'],
      ['2→3', 'group_response', 'coordinate', ['admin_opd'], 60, 'minutes'],
      ['3', 'forward_opd', 'forward', ['admin_diskominfo'], 60, 'minutes'],
      ['4', 'reply', 'deliver', ['admin_opd', 'admin_diskominfo'], 3, 'working_days'],
    ],
  },
  'selemadeg-timur-a': {
    // Version 2: the two tables of seed 003 have distinct names. Version 3: step 6 only on koordinasi, and
    // no effective date (the seed's Tgl Pengesahan is blank).
    version: 3,
    sopNumber: '065/2262/Org.',
    office: 'SELEMADEG-TIMUR',
    timeZone: 'Asia/Makassar',
    rows: [
      ['1', 'receive', 'verify', ['staf_umum'], 30, 'minutes'],
      ['2', 'compile', 'register', ['kasubbag_umum'], 1, 'hours'],
      ['3', 'hand_to_sekcam', 'forward', ['kasubbag_umum'], 1, 'hours'],
      ['4', 'sekcam_review', 'review', ['sekcam'], 1, 'hours'],
      ['5', 'camat_review', 'review', ['camat'], 1, 'hours'],
      ['6', 'camat_disposition', 'dispose', ['camat'], 1, 'hours'],
      ['7', 'propose_solution', 'draft_answer', ['kasi_kasubbag'], 2, 'working_days'],
      ['8', 'camat_sign', 'sign', ['camat'], 1, 'hours'],
      ['9', 'carry_out', 'deliver', ['kasi_kasubbag'], 1, 'working_days'],
      ['10', 'archive', 'archive', ['staf_umum'], 30, 'minutes'],
    ],
  },
  'selemadeg-timur-b': {
    // Version 2: the two tables of seed 003 have distinct names. Version 3: no effective date (none in the seed).
    version: 3,
    sopNumber: '065/2262/Org.',
    office: 'SELEMADEG-TIMUR',
    timeZone: 'Asia/Makassar',
    rows: [
      ['1', 'receive', 'verify', ['staf_umum'], 15, 'minutes'],
      ['2', 'kasubbag_forward', 'forward', ['kasubbag_umum'], 10, 'minutes'],
      ['3', 'sekcam_review', 'review', ['sekcam'], 30, 'minutes'],
      ['4', 'camat_disposition', 'dispose', ['camat'], 30, 'minutes'],
      ['5', 'answer', 'deliver', ['sekcam'], 1, 'working_days'],
      ['6', 'archive', 'archive', ['staf_umum'], 5, 'minutes'],
    ],
  },
  'palaran-pengaduan': {
    // Version 2: the sheet's identity table and kelengkapan. Version 3: the rapat shares the decision's 10 hari.
    version: 3,
    sopNumber: '000.8.3.3/0957/400.02',
    effectiveDate: '2025-01-06',
    office: 'PALARAN',
    timeZone: 'Asia/Makassar',
    rows: [
      ['1', 'receive', 'verify', ['staf_umum'], 30, 'minutes'],
      ['2', 'clarify', 'clarify', ['sekcam'], 10, 'minutes'],
      ['3', 'camat_decision', 'decide', ['camat'], 10, 'working_days'],
      ['3 (rapat)', 'rapat', 'rapat', ['camat'], 10, 'working_days'],
      ['4', 'draft_answer', 'draft_answer', ['sekcam'], 1, 'hours'],
      ['5', 'deliver', 'deliver', ['staf_umum'], 30, 'minutes'],
    ],
  },
};

function successors(sop: SopDefinition, key: string): string[] {
  const step = sop.steps.find((candidate) => candidate.key === key);
  if (!step) return [];
  const targets = step.transitions.map((transition) => transition.to);
  if (step.onTimeout.kind === 'transition') targets.push(step.onTimeout.to);
  return targets;
}

function reachable(sop: SopDefinition, from: string): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const key = queue.shift() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    if (key !== END) queue.push(...successors(sop, key));
  }
  return seen;
}

describe('SOP catalog', () => {
  it('holds the six variants of the five seeds, one version each', () => {
    expect(SOP_CATALOG.map((sop) => `${sop.id}@${sop.version}`).sort()).toEqual(
      Object.entries(EXPECTED)
        .map(([id, expected]) => `${id}@${expected.version}`)
        .sort(),
    );
    // Variants of one office can be told apart by their names.
    expect(new Set(SOP_CATALOG.map((sop) => sop.title)).size).toBe(SOP_CATALOG.length);
    expect(new Set(SOP_CATALOG.map((sop) => sop.source)).size).toBe(5);
  });

  describe.each(Object.entries(EXPECTED))('%s', (id, expected) => {
    const sop = findSop(id) as SopDefinition;

    it('carries the seed SOP number, date, office and time zone', () => {
      expect(sop).toBeDefined();
      expect(sop.sopNumber).toBe(expected.sopNumber);
      expect(sop.effectiveDate).toBe(expected.effectiveDate);
      expect(sop.office.code).toBe(expected.office);
      expect(sop.office.timeZone).toBe(expected.timeZone);
      expect(sop.source).toMatch(/^00[0-4]_[0-9a-f]{16}\.txt$/);
    });

    it('has the seed steps, actors and baku mutu in order', () => {
      const actual = sop.steps.map((step): StepRow => [
        step.key,
        step.action,
        step.actorRoles,
        step.bakuMutu.amount,
        step.bakuMutu.unit,
      ]);
      expect(actual).toEqual(expected.rows.map(([, ...rest]) => rest));
    });

    it('reaches every step from the start, and END from every step', () => {
      expect(sop.steps[0].key).toBe(sop.startStep);
      const fromStart = reachable(sop, sop.startStep);
      for (const step of sop.steps) {
        expect(fromStart.has(step.key)).toBe(true);
        expect(reachable(sop, step.key).has(END)).toBe(true);
      }
    });

    it('ends with END after its last step, and has Indonesian titles and outputs', () => {
      const last = sop.steps[sop.steps.length - 1];
      expect(last.transitions).toEqual([{ to: END }]);
      expect(['deliver', 'archive']).toContain(last.action);
      for (const step of sop.steps) {
        expect(step.title.length).toBeGreaterThan(10);
        expect(step.output.length).toBeGreaterThan(3);
        expect(step.escalationRoles.length).toBeGreaterThan(0);
      }
    });

    it('reopens at a step of the SOP and is valid for the validator', () => {
      expect(sop.steps.map((step) => step.key)).toContain(sop.policies.reopenStep);
      expect(validateSop(sop)).toEqual({ ok: true, sop });
    });
  });

  it('sums the Kebakkramat baku mutu to the seed total of 95 minutes with the 10-minute submission', () => {
    const sop = findSop('kebakkramat-aduan') as SopDefinition;
    const staffMinutes = sop.steps.reduce((sum, step) => sum + step.bakuMutu.amount, 0);
    expect(staffMinutes + 10).toBe(95);
  });

  it('branches PPID complaints to the PPID Pelaksana coordination', () => {
    const classify = findSop('ppid-karanganyar-web-medsos')?.steps.find((step) => step.key === 'classify');
    expect(classify?.transitions).toEqual([
      { when: 'ppid', to: 'coordinate_ppid' },
      { when: 'own', to: 'answer' },
    ]);
  });

  it('forwards a Diskominfo complaint directly to the OPD admin when the group does not respond', () => {
    const sop = findSop('diskominfo-karanganyar-aduan-warga') as SopDefinition;
    const group = sop.steps.find((step) => step.key === 'group_response');
    expect(group?.onTimeout).toEqual({ kind: 'transition', to: 'forward_opd' });
    const others = sop.steps.filter((step) => step.key !== 'group_response');
    for (const step of others) expect(step.onTimeout).toEqual({ kind: 'keep_waiting' });
  });

  it('returns a revised Selemadeg Timur A answer to the section, and sends Palaran rapat to its own step', () => {
    const sign = findSop('selemadeg-timur-a')?.steps.find((step) => step.key === 'camat_sign');
    expect(sign?.transitions).toContainEqual({ when: 'revise', to: 'propose_solution' });
    const decide = findSop('palaran-pengaduan')?.steps.find((step) => step.key === 'camat_decision');
    expect(decide?.transitions).toContainEqual({ when: 'rapat', to: 'rapat' });
    expect(findSop('palaran-pengaduan')?.steps.some((step) => step.action === 'sign')).toBe(false);
  });

  it('gives the Palaran decision and its rapat one 10 hari in total (the rapat shares the decision’s baku mutu)', () => {
    const steps = findSop('palaran-pengaduan')?.steps ?? [];
    expect(steps.filter((step) => step.sharesBakuMutuWith).map((step) => [step.key, step.sharesBakuMutuWith])).toEqual([
      ['rapat', 'camat_decision'],
    ]);
  });

  it('runs Selemadeg Timur A step 6 (disposition) only when the Camat’s reading calls for coordination', () => {
    const review = findSop('selemadeg-timur-a')?.steps.find((step) => step.key === 'camat_review');
    expect(review?.transitions).toEqual([{ when: 'koordinasi', to: 'camat_disposition' }, { to: 'propose_solution' }]);
  });

  it('exports the Diskominfo monthly recap steps 5–7 as data', () => {
    expect(DISKOMINFO_MONTHLY_RECAP.map((step) => [step.key, step.actorRoles, step.bakuMutu])).toEqual([
      ['recap', ['admin_diskominfo'], { amount: 30, unit: 'minutes' }],
      ['evaluate', ['kepala_diskominfo'], { amount: 30, unit: 'minutes' }],
      ['archive_disposition', ['admin_diskominfo'], { amount: 15, unit: 'minutes' }],
    ]);
  });

  it('lists each office once, with its zone and a five-day week', () => {
    expect(OFFICES.map((office) => [office.code, office.timeZone])).toEqual([
      ['KEBAKKRAMAT', 'Asia/Jakarta'],
      ['PPID-KRA', 'Asia/Jakarta'],
      ['DISKOMINFO-KRA', 'Asia/Jakarta'],
      ['SELEMADEG-TIMUR', 'Asia/Makassar'],
      ['PALARAN', 'Asia/Makassar'],
    ]);
    for (const office of OFFICES) expect(office.officeHours.map((hours) => hours.weekday)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives every seed office the 37.5 working hours of an ASN week, breaks excluded', () => {
    for (const office of OFFICES) {
      const calendar = new BusinessCalendar(office);
      // Monday 23 Nov 2026 00:00 to Saturday 28 Nov 00:00, local time; a week without holidays.
      const offset = office.timeZone === 'Asia/Jakarta' ? '+07:00' : '+08:00';
      expect(calendar.workingMinutesBetween(`2026-11-23T00:00:00${offset}`, `2026-11-28T00:00:00${offset}`)).toBe(
        37.5 * 60,
      );
    }
  });

  it('finds an SOP by id and version', () => {
    expect(findSop('palaran-pengaduan', 3)?.id).toBe('palaran-pengaduan');
    expect(findSop('palaran-pengaduan', 2)).toBeUndefined();
    expect(findSop('tidak-ada')).toBeUndefined();
  });
});

describe('test SOP fixtures', () => {
  it('are fast variants outside the catalog', () => {
    expect(TEST_SOPS.map((sop) => sop.id)).toEqual([
      'kebakkramat-aduan-test',
      'palaran-pengaduan-test',
      'diskominfo-karanganyar-aduan-warga-test',
    ]);
    for (const sop of TEST_SOPS) {
      expect(findSop(sop.id)).toBeUndefined();
      expect(sop.office.officeHours).toHaveLength(7);
      expect(sop.office.officeHours.every((hours) => hours.start === '00:00' && hours.end === '23:59')).toBe(true);
      expect(sop.office.closures).toEqual([]);
      expect(sop.steps.every((step) => step.bakuMutu.unit === 'minutes' && step.bakuMutu.amount <= 2)).toBe(true);
      expect(sop.policies.reopenWindow.unit).toBe('minutes');
      expect(sop.policies.tundaLimit.unit).toBe('minutes');
    }
  });

  it('keep the shape of their catalog SOP', () => {
    expect(KEBAKKRAMAT_TEST_SOP.steps.map((step) => step.key)).toEqual(
      findSop('kebakkramat-aduan')?.steps.map((step) => step.key),
    );
    expect(PALARAN_TEST_SOP.steps.map((step) => step.key)).toContain('rapat');
    const group = DISKOMINFO_TEST_SOP.steps.find((step) => step.key === 'group_response');
    expect(group?.bakuMutu).toEqual({ amount: 1, unit: 'minutes' });
    expect(group?.onTimeout).toEqual({ kind: 'transition', to: 'forward_opd' });
  });

  it('shortens every baku mutu with withShortBakuMutu', () => {
    const short = withShortBakuMutu(findSop('selemadeg-timur-a') as SopDefinition, 3);
    expect(short.steps.every((step) => step.bakuMutu.amount === 3 && step.bakuMutu.unit === 'minutes')).toBe(true);
    expect(short.id).toBe('selemadeg-timur-a');
  });
});
