import { DomainError } from '../../libs/domain/src/errors';
import type { SopDefinitionInput } from '../../libs/domain/src/sop';
import { parseSop, validateSop } from '../../libs/domain/src/sop-validator';

type StepInput = SopDefinitionInput['steps'][number];

function step(key: string, overrides: Partial<StepInput> = {}): StepInput {
  return {
    key,
    title: `Langkah ${key}`,
    actorRoles: ['sekcam'],
    action: 'review',
    bakuMutu: { amount: 10, unit: 'minutes' },
    output: 'Dokumen',
    transitions: [{ to: 'END' }],
    escalationRoles: ['camat'],
    ...overrides,
  };
}

/** A small valid SOP: receive → draft → sign (revise loops back) → deliver → END. */
function validSop(): SopDefinitionInput {
  return {
    id: 'contoh-sop',
    version: 1,
    title: 'SOP Contoh',
    sopNumber: '000.8.3.3/1/2025',
    effectiveDate: '2025-01-06',
    office: {
      code: 'CONTOH',
      name: 'Kantor Contoh',
      kind: 'kecamatan',
      timeZone: 'Asia/Jakarta',
      officeHours: [{ weekday: 1, start: '07:30', end: '16:00' }],
    },
    source: 'contoh.txt',
    startStep: 'receive',
    steps: [
      step('receive', {
        action: 'verify',
        actorRoles: ['petugas_loket'],
        transitions: [{ when: 'accepted', to: 'draft' }],
      }),
      step('draft', { action: 'draft_answer', actorRoles: ['kasi_kasubbag'], transitions: [{ to: 'sign' }] }),
      step('sign', {
        action: 'sign',
        actorRoles: ['camat'],
        transitions: [
          { when: 'approved', to: 'deliver' },
          { when: 'revise', to: 'draft' },
        ],
      }),
      step('deliver', { action: 'deliver', actorRoles: ['petugas_loket'] }),
    ],
    supervisorRoles: ['camat', 'auditor'],
    policies: { reopenStep: 'draft' },
  };
}

/** The problems parseSop reports; fails the test if it does not throw an INVALID_SOP DomainError. */
function problemsOf(input: unknown): string[] {
  let thrown: unknown;
  try {
    parseSop(input);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  const error = thrown as DomainError;
  expect(error.code).toBe('INVALID_SOP');
  const problems = error.details?.problems as string[];
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) expect(error.message).toContain(problem);
  return problems;
}

function expectProblem(input: unknown, pattern: RegExp): void {
  const problems = problemsOf(input);
  expect(problems.some((problem) => pattern.test(problem))).toBe(true);
}

function withStep(sop: SopDefinitionInput, key: string, change: Partial<StepInput>): SopDefinitionInput {
  return {
    ...sop,
    steps: sop.steps.map((candidate) => (candidate.key === key ? { ...candidate, ...change } : candidate)),
  };
}

describe('parseSop', () => {
  it('accepts a valid SOP and fills the policy defaults', () => {
    const sop = parseSop(validSop());
    expect(sop.steps.map((candidate) => candidate.key)).toEqual(['receive', 'draft', 'sign', 'deliver']);
    expect(sop.policies.reminderFraction).toBe(0.8);
    expect(sop.policies.tundaLimit).toEqual({ amount: 14, unit: 'working_days' });
    expect(sop.steps[0].onTimeout).toEqual({ kind: 'keep_waiting' });
    expect(sop.office.closures).toEqual([]);
  });

  it('refuses a transition to an unknown step, naming the step and the target', () => {
    const input = withStep(validSop(), 'draft', { transitions: [{ to: 'tanda_tangan' }] });
    expectProblem(input, /Langkah "draft": transisi menuju langkah "tanda_tangan" yang tidak dikenal/);
  });

  it('refuses a timeout transition to an unknown step', () => {
    const input = withStep(validSop(), 'draft', { onTimeout: { kind: 'transition', to: 'hilang' } });
    expectProblem(input, /Langkah "draft": aturan batas waktu menuju langkah "hilang"/);
  });

  it('accepts END as the target of a timeout transition', () => {
    const input = withStep(validSop(), 'deliver', { onTimeout: { kind: 'transition', to: 'END' } });
    expect(parseSop(input).steps[3].onTimeout).toEqual({ kind: 'transition', to: 'END' });
  });

  it('refuses an unreachable step', () => {
    const input = validSop();
    input.steps.push(step('orphan'));
    expectProblem(input, /Langkah "orphan" tidak dapat dicapai dari langkah awal "receive"/);
  });

  it('counts a timeout transition as a way to reach a step', () => {
    const input = withStep(validSop(), 'draft', { onTimeout: { kind: 'transition', to: 'escalated' } });
    input.steps.push(step('escalated', { transitions: [{ to: 'sign' }], action: 'forward' }));
    expect(validateSop(input).ok).toBe(true);
  });

  it('refuses a step without actor roles (empty or missing)', () => {
    expectProblem(
      withStep(validSop(), 'draft', { actorRoles: [] }),
      /Langkah "draft" \(actorRoles\): langkah harus punya pelaksana/,
    );
    const missing = validSop();
    delete (missing.steps[1] as Partial<StepInput>).actorRoles;
    expectProblem(missing, /Langkah "draft" \(actorRoles\)/);
  });

  it('refuses an actor role that does not exist', () => {
    const input = withStep(validSop(), 'draft', { actorRoles: ['lurah' as never] });
    expectProblem(input, /Langkah "draft" \(actorRoles\.0\)/);
  });

  it('refuses a negative or zero baku mutu', () => {
    expectProblem(
      withStep(validSop(), 'sign', { bakuMutu: { amount: -5, unit: 'minutes' } }),
      /Langkah "sign" \(bakuMutu\.amount\): baku mutu harus lebih dari nol/,
    );
    expectProblem(
      withStep(validSop(), 'sign', { bakuMutu: { amount: 0, unit: 'hours' } }),
      /Langkah "sign" \(bakuMutu\.amount\): baku mutu harus lebih dari nol/,
    );
  });

  it('refuses a cycle with no exit to END', () => {
    const input: SopDefinitionInput = {
      ...validSop(),
      steps: [
        step('receive', { action: 'verify', transitions: [{ when: 'accepted', to: 'review_a' }] }),
        step('review_a', { transitions: [{ to: 'review_b' }] }),
        step('review_b', { transitions: [{ to: 'review_a' }] }),
      ],
      policies: { reopenStep: 'review_a' },
    };
    expectProblem(input, /Langkah "review_a", "review_b" membentuk siklus tanpa jalan keluar ke END/);
  });

  it('refuses a step that loops on itself with no exit', () => {
    const input: SopDefinitionInput = {
      ...validSop(),
      steps: [
        step('receive', { action: 'verify', transitions: [{ when: 'accepted', to: 'stuck' }] }),
        step('stuck', { transitions: [{ to: 'stuck' }] }),
      ],
      policies: { reopenStep: 'stuck' },
    };
    expectProblem(input, /Langkah "stuck" berputar pada dirinya sendiri tanpa jalan keluar ke END/);
  });

  it('accepts a cycle whose exit is a timeout transition', () => {
    const input: SopDefinitionInput = {
      ...validSop(),
      steps: [
        step('receive', { action: 'verify', transitions: [{ when: 'accepted', to: 'review_a' }] }),
        step('review_a', { transitions: [{ to: 'review_b' }] }),
        step('review_b', { transitions: [{ to: 'review_a' }], onTimeout: { kind: 'transition', to: 'END' } }),
      ],
      policies: { reopenStep: 'review_a' },
    };
    expect(validateSop(input)).toMatchObject({ ok: true });
  });

  it('refuses a sign step that does not handle revise', () => {
    const input = withStep(validSop(), 'sign', { transitions: [{ when: 'approved', to: 'deliver' }] });
    expectProblem(input, /Langkah "sign" \(sign\) tidak menangani hasil "revise"/);
  });

  it('refuses a decide step that does not handle rapat', () => {
    const input = withStep(validSop(), 'draft', {
      action: 'decide',
      transitions: [{ when: 'decided', to: 'sign' }],
    });
    expectProblem(input, /Langkah "draft" \(decide\) tidak menangani hasil "rapat"/);
  });

  it('accepts a verify step with only accepted (the engine handles tunda, bukan wewenang and rejected)', () => {
    expect(validateSop(validSop()).ok).toBe(true);
  });

  it('refuses a verify step without accepted or a default transition', () => {
    const input = withStep(validSop(), 'receive', { transitions: [{ when: 'tunda', to: 'draft' }] });
    const problems = problemsOf(input);
    expect(problems).toContainEqual(
      expect.stringMatching(/Langkah "receive" \(verify\) tidak menangani hasil "accepted"/),
    );
    expect(problems.join(' ')).not.toMatch(/"rejected"/);
  });

  it('refuses a transition on an outcome the action cannot produce', () => {
    const input = withStep(validSop(), 'draft', { transitions: [{ when: 'approved', to: 'sign' }] });
    expectProblem(input, /Langkah "draft": hasil "approved" bukan hasil tindakan draft_answer \(done\)/);
  });

  it('refuses two default transitions and two transitions on the same outcome', () => {
    expectProblem(
      withStep(validSop(), 'draft', { transitions: [{ to: 'sign' }, { to: 'END' }] }),
      /Langkah "draft": lebih dari satu transisi bawaan/,
    );
    expectProblem(
      withStep(validSop(), 'sign', {
        transitions: [
          { when: 'approved', to: 'deliver' },
          { when: 'approved', to: 'END' },
          { when: 'revise', to: 'draft' },
        ],
      }),
      /Langkah "sign": lebih dari satu transisi untuk hasil "approved"/,
    );
  });

  it('refuses duplicate step keys', () => {
    const input = validSop();
    input.steps.push(step('deliver'));
    expectProblem(input, /Kunci langkah "deliver" dipakai lebih dari sekali/);
  });

  it('refuses an unknown start step', () => {
    expectProblem({ ...validSop(), startStep: 'mulai' }, /Langkah awal "mulai" tidak ada/);
  });

  it('refuses an unknown reopen step', () => {
    expectProblem(
      { ...validSop(), policies: { reopenStep: 'ulang' } },
      /policies\.reopenStep\) "ulang" tidak ada dalam daftar langkah/,
    );
  });

  it('accepts a register-number step every path passes, and refuses an unknown or avoidable one', () => {
    expect(validateSop({ ...validSop(), policies: { reopenStep: 'draft', registerNumberAt: 'receive' } }).ok).toBe(
      true,
    );
    expectProblem(
      { ...validSop(), policies: { reopenStep: 'draft', registerNumberAt: 'nomor' } },
      /policies\.registerNumberAt\) "nomor" tidak ada dalam daftar langkah/,
    );
    // A transition from receive straight to END lets a complaint end without passing draft.
    const avoidable = validSop();
    avoidable.steps[0] = step('receive', {
      action: 'verify',
      actorRoles: ['petugas_loket'],
      transitions: [
        { when: 'accepted', to: 'draft' },
        { when: 'bukan_wewenang', to: 'END' },
      ],
    });
    avoidable.policies = { reopenStep: 'draft', registerNumberAt: 'draft' };
    expectProblem(avoidable, /nomor register "draft" dapat dilewati: ada jalan ke END tanpa melalui langkah itu/);
  });

  it('refuses office hours that end before they start, and overlapping hours', () => {
    const base = validSop();
    expectProblem(
      { ...base, office: { ...base.office, officeHours: [{ weekday: 5, start: '16:00', end: '07:30' }] } },
      /Jam kantor hari Jumat: jam selesai 07:30 harus setelah jam mulai 16:00/,
    );
    expectProblem(
      { ...base, office: { ...base.office, officeHours: [{ weekday: 2, start: '08:00', end: '08:00' }] } },
      /Jam kantor hari Selasa/,
    );
    expectProblem(
      {
        ...base,
        office: {
          ...base.office,
          officeHours: [
            { weekday: 1, start: '07:30', end: '12:00' },
            { weekday: 1, start: '11:00', end: '16:00' },
          ],
        },
      },
      /Jam kantor hari Senin: 11:00–16:00 bertumpang tindih dengan 07:30–12:00/,
    );
  });

  it('accepts split office hours on one day', () => {
    const base = validSop();
    const input = {
      ...base,
      office: {
        ...base.office,
        officeHours: [
          { weekday: 1, start: '07:30', end: '12:00' },
          { weekday: 1, start: '13:00', end: '16:00' },
        ],
      },
    };
    expect(validateSop(input).ok).toBe(true);
  });

  it('refuses a closure date that is not on the calendar', () => {
    const base = validSop();
    expectProblem({ ...base, office: { ...base.office, closures: ['2025-02-30'] } }, /Tanggal libur kantor 2025-02-30/);
  });

  it('refuses a sign step reachable without a drafted answer', () => {
    const input = withStep(validSop(), 'receive', { transitions: [{ when: 'accepted', to: 'sign' }] });
    input.policies = { reopenStep: 'sign' };
    expectProblem(input, /Langkah "sign" \(sign\) dapat dicapai tanpa langkah draft_answer/);
  });

  it('accepts a step sharing the baku mutu of a step that precedes it on every path', () => {
    const sop = parseSop(withStep(validSop(), 'sign', { sharesBakuMutuWith: 'draft' }));
    expect(sop.steps.find((candidate) => candidate.key === 'sign')?.sharesBakuMutuWith).toBe('draft');
  });

  it('refuses a shared baku mutu naming an unknown step, the step itself, or a different baku mutu, in Indonesian', () => {
    const input = withStep(
      withStep(withStep(validSop(), 'sign', { sharesBakuMutuWith: 'rapat' }), 'deliver', {
        sharesBakuMutuWith: 'deliver',
      }),
      'draft',
      { sharesBakuMutuWith: 'receive', bakuMutu: { amount: 2, unit: 'working_days' } },
    );
    const result = validateSop(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        step: 'draft',
        message:
          'Langkah "draft": baku mutu 2 hari kerja harus sama dengan baku mutu langkah "receive" (10 menit) yang dipakai bersama.',
      },
      { step: 'sign', message: 'Langkah "sign": berbagi baku mutu dengan langkah "rapat" yang tidak dikenal.' },
      { step: 'deliver', message: 'Langkah "deliver" tidak dapat berbagi baku mutu dengan dirinya sendiri.' },
      // The draft is also the reopen step: a reopened complaint enters it without a new run of the receipt.
      {
        step: 'draft',
        message:
          'Langkah "draft" berbagi baku mutu dengan langkah "receive", tetapi dapat dicapai tanpa melalui langkah ' +
          '"receive": langkah itu harus selalu mendahuluinya.',
      },
    ]);
  });

  it('refuses a shared baku mutu with a step that does not precede it on every path (start or reopen)', () => {
    // The draft is reached from the start without passing the sign step.
    expectProblem(
      withStep(validSop(), 'draft', { sharesBakuMutuWith: 'sign' }),
      /^Langkah "draft" berbagi baku mutu dengan langkah "sign", tetapi dapat dicapai tanpa melalui langkah "sign"/,
    );
    // A reopened complaint enters at the sign step, without a new run of the draft.
    const reopenedAtSign = withStep(validSop(), 'deliver', { sharesBakuMutuWith: 'draft' });
    reopenedAtSign.policies = { reopenStep: 'sign' };
    expect(problemsOf(reopenedAtSign)).toContainEqual(
      expect.stringMatching(/^Langkah "deliver" berbagi baku mutu dengan langkah "draft", tetapi dapat dicapai tanpa/),
    );
  });

  it('refuses a wrong time zone and an invalid office code', () => {
    const base = validSop();
    const problems = problemsOf({
      ...base,
      office: { ...base.office, code: 'kantor contoh', timeZone: 'Asia/Singapore' as never },
    });
    expect(problems).toContainEqual(expect.stringMatching(/^office\.code: kode kantor/));
    expect(problems).toContainEqual(expect.stringMatching(/^office\.timeZone: /));
  });

  it('collects every problem at once', () => {
    const input = withStep(validSop(), 'draft', { transitions: [{ to: 'nowhere' }] });
    input.startStep = 'mulai';
    input.policies = { reopenStep: 'ulang' };
    const problems = problemsOf(input);
    expect(problems).toHaveLength(3);
  });

  it('reports an unhandled outcome together with an unreachable step', () => {
    const input = withStep(validSop(), 'sign', { transitions: [{ when: 'approved', to: 'deliver' }] });
    input.steps.push(step('orphan'));
    const problems = problemsOf(input);
    expect(problems).toEqual([
      expect.stringMatching(/Langkah "sign" \(sign\) tidak menangani hasil "revise"/),
      expect.stringMatching(/Langkah "orphan" tidak dapat dicapai/),
    ]);
  });

  it('reports through validateSop without throwing', () => {
    const result = validateSop({ ...validSop(), startStep: 'mulai' });
    expect(result).toEqual({
      ok: false,
      problems: ['Langkah awal "mulai" tidak ada dalam daftar langkah.'],
      issues: [{ message: 'Langkah awal "mulai" tidak ada dalam daftar langkah.' }],
    });
  });

  it('names the step of each problem, for shape and meaning alike', () => {
    const input = withStep(validSop(), 'sign', { transitions: [{ when: 'approved', to: 'deliver' }] });
    input.steps.push(step('orphan'));
    const result = validateSop(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.step)).toEqual(['sign', 'orphan']);
    const shape = validateSop(withStep(validSop(), 'draft', { bakuMutu: { amount: -1, unit: 'minutes' } }));
    expect(shape.ok ? [] : shape.issues.map((issue) => issue.step)).toEqual(['draft']);
  });

  it('refuses breaks outside the office hours or overlapping each other', () => {
    const input = validSop();
    input.office.officeHours = [
      {
        weekday: 1,
        start: '07:30',
        end: '16:00',
        breaks: [
          { start: '12:00', end: '13:00' },
          { start: '12:30', end: '12:45' },
          { start: '15:30', end: '16:30' },
        ],
      },
    ];
    expect(problemsOf(input)).toEqual([
      'Istirahat hari Senin 12:30–12:45 bertumpang tindih dengan istirahat lain.',
      'Istirahat hari Senin 15:30–16:30 harus berada di dalam jam kantor 07:30–16:00.',
    ]);
  });

  it('refuses input that is not an object', () => {
    expectProblem(null, /.+/);
    expectProblem('sop', /.+/);
  });
});
