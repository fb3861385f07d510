/**
 * Onboarding an office with no deploy: a regional administrator creates the office over GraphQL,
 * the office administrator adds its staff and drafts, validates and publishes its SOP, and a
 * complaint runs through it end to end on the real worker. An invalid SOP is refused with all its
 * problems; a new version governs new complaints only; every change is in the admin audit.
 */
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../libs/config/src/config';
import type { RecapWorkflowInput } from '../../workflows/recap/recap.messages';
import { localDate } from '../../libs/persistence/src/catalog-store';
import { mintToken } from '../../scripts/mint-token';
import { errorCodeOf, eventually, gql, graphqlRequest } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';

const OFFICE = `UJI-${String(process.pid).slice(-4)}${Math.floor(Math.random() * 1000)}`;
const REGION = 'KAB-UJI-COBA';
const SOP_ID = `${OFFICE.toLowerCase()}-pengaduan`;

/**
 * A half-hour break twelve hours from now (office time), so no deadline of this run lands in it;
 * otherwise open round the clock: the steps are acted at once.
 */
const BREAK_HOUR = (new Date().getUTCHours() + 8 + 12) % 24 || 12;
const BREAK = { start: `${String(BREAK_HOUR).padStart(2, '0')}:00`, end: `${String(BREAK_HOUR).padStart(2, '0')}:30` };

const OFFICE_INPUT = {
  code: OFFICE,
  name: 'Kantor Kecamatan Uji Coba',
  kind: 'kecamatan',
  region: REGION,
  timeZone: 'Asia/Makassar',
  officeHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    start: '00:00',
    end: '23:59',
    breaks: [BREAK],
  })),
  closures: ['2026-12-24'],
};

/** The SOP as the office writes it (YAML); `extraStep` adds a review between receipt and answer. */
function sopYaml(options: { extraStep?: boolean; answerTitle?: string } = {}): string {
  const review = options.extraStep
    ? `
  - key: sekcam_review
    title: Sekretaris Camat menelaah aduan
    actorRoles: [sekcam]
    action: review
    bakuMutu: { amount: 30, unit: minutes }
    output: Aduan yang sudah ditelaah
    transitions: [{ to: clarify_answer }]
    escalationRoles: [camat]`
    : '';
  return `
id: ${SOP_ID}
title: Penanganan Pengaduan Masyarakat
sopNumber: 000.8.3.3/001/UJI/2026
effectiveDate: '2026-01-02'
office: ${OFFICE}
source: SOP kantor uji coba
startStep: receive
steps:
  - key: receive
    title: Menerima dan mencatat pengaduan
    actorRoles: [petugas_loket]
    action: verify
    bakuMutu: { amount: 15, unit: minutes }
    output: Aduan tercatat
    transitions: [{ when: accepted, to: ${options.extraStep ? 'sekcam_review' : 'clarify_answer'} }]
    escalationRoles: [sekcam]${review}
  - key: clarify_answer
    title: ${options.answerTitle ?? 'Menyusun jawaban atas pengaduan'}
    actorRoles: [kasi_kasubbag]
    action: draft_answer
    bakuMutu: { amount: 2, unit: hours }
    output: Surat jawaban
    transitions: [{ to: deliver }]
    escalationRoles: [sekcam]
  - key: deliver
    title: Menyampaikan jawaban kepada pengadu
    actorRoles: [petugas_loket]
    action: deliver
    bakuMutu: { amount: 10, unit: minutes }
    output: Tanda terima
    transitions: [{ to: END }]
    escalationRoles: [sekcam]
supervisorRoles: [camat, sekcam, supervisor, auditor]
policies:
  reopenStep: clarify_answer
  reopenWindow: { amount: 0.05, unit: minutes }
`;
}

/** Three mistakes at once: an unknown target, a step with no actor, a negative baku mutu. */
const INVALID_SOP_YAML = `
id: ${SOP_ID}
title: SOP yang salah
sopNumber: 000.8.3.3/002/UJI/2026
effectiveDate: '2026-01-02'
office: ${OFFICE}
source: SOP kantor uji coba
startStep: receive
steps:
  - key: receive
    title: Menerima pengaduan
    actorRoles: [petugas_loket]
    action: verify
    bakuMutu: { amount: 15, unit: minutes }
    output: Aduan tercatat
    transitions: [{ when: accepted, to: jawab }]
    escalationRoles: [sekcam]
  - key: deliver
    title: Menyampaikan jawaban
    actorRoles: []
    action: deliver
    bakuMutu: { amount: -10, unit: minutes }
    output: Tanda terima
    transitions: [{ to: END }]
    escalationRoles: [sekcam]
supervisorRoles: [camat]
policies: { reopenStep: receive }
`;

const VERSION_FIELDS = `sopId version officeCode status effectiveDate inForce createdBy document
  validation { valid problems { step message } preview { id version steps { key } } }`;
const DRAFT = `mutation($input: DraftSopVersionInput!) { draftSopVersion(input: $input) { ${VERSION_FIELDS} } }`;
const PUBLISH = `mutation($input: PublishSopVersionInput!) { publishSopVersion(input: $input) { ${VERSION_FIELDS} } }`;
const RETIRE = `mutation($input: SopVersionRefInput!) { retireSopVersion(input: $input) { ${VERSION_FIELDS} } }`;
const SAVE_OFFICE = `mutation($input: OfficeInput!) {
  saveOffice(input: $input) { code name region timeZone officeHours { weekday start end breaks { start end } } closures }
}`;
const SAVE_STAFF = `mutation($input: StaffUserInput!) { saveStaffUser(input: $input) { id officeCode name roles email phone active } }`;
const SUBMIT = `mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { complaintId registerNumber } }`;
const COMPLAINT_FIELDS = 'id status sopId sopVersion currentSteps { key } completedSteps { key }';
const COMPLAINT = `query($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }`;

interface VersionView {
  sopId: string;
  version: number;
  status: string;
  effectiveDate: string | null;
  inForce: boolean;
  createdBy: string;
  document: string;
  validation: { valid: boolean; problems: { step: string | null; message: string }[]; preview: unknown };
}
interface ComplaintView {
  id: string;
  status: string;
  sopId: string;
  sopVersion: number;
  currentSteps: { key: string }[];
  completedSteps: { key: string }[];
}

describe('onboarding an office through GraphQL (end to end)', () => {
  let stack: GatewayStack;
  let baseUrl: string;
  let config: AppConfig;
  const token = (roles: string[], office: string, sub: string) =>
    mintToken({ sub, name: `Pengguna ${sub}`, roles, office }, config.gateway.jwt.secret!);
  let regionalAdmin: string;
  let officeAdmin: string;
  let loket: string;
  let kasi: string;
  let sekcam: string;
  const today = () => localDate(new Date(), { timeZone: 'Asia/Makassar' });

  const act = async (name: string, inputType: string, input: Record<string, unknown>, bearer: string) =>
    (
      await gql<Record<string, ComplaintView>>(
        baseUrl,
        `mutation($input: ${inputType}!) { ${name}(input: $input) { ${COMPLAINT_FIELDS} } }`,
        { input },
        { token: bearer },
      )
    )[name]!;
  const submit = async () =>
    (
      await gql<{ submitComplaint: { complaintId: string; registerNumber: string } }>(
        baseUrl,
        SUBMIT,
        {
          input: {
            clientRequestId: randomUUID(),
            channel: 'langsung',
            complainant: { anonymous: false, name: 'Made Sutarja' },
            subject: 'Jalan desa berlubang',
            content: 'Jalan menuju balai desa berlubang dan tergenang air setiap hujan.',
          },
        },
        { token: loket },
      )
    ).submitComplaint;
  const complaint = async (id: string) =>
    (await gql<{ complaint: ComplaintView }>(baseUrl, COMPLAINT, { id }, { token: loket })).complaint;

  beforeAll(async () => {
    stack = await startGatewayStack({ name: 'onboarding-e2e' });
    ({ baseUrl, config } = stack);
    regionalAdmin = token(['regional_admin'], REGION, 'admin-kabupaten');
    officeAdmin = token(['office_admin'], OFFICE, 'admin-kantor');
    loket = token(['petugas_loket'], OFFICE, 'loket-1');
    kasi = token(['kasi_kasubbag'], OFFICE, 'kasi-1');
    sekcam = token(['sekcam'], OFFICE, 'sekcam-1');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('onboards the office, its staff and its SOP, and runs a complaint through it to the end', async () => {
    // Only a regional (or national) administrator creates an office; an office admin elsewhere may not.
    const foreign = token(['office_admin'], 'PALARAN', 'admin-palaran');
    expect((await errorCodeOf(baseUrl, SAVE_OFFICE, { input: OFFICE_INPUT }, { token: foreign })).code).toBe(
      'FORBIDDEN',
    );
    const office = await gql<{
      saveOffice: { code: string; officeHours: { breaks: unknown[] }[]; closures: string[] };
    }>(baseUrl, SAVE_OFFICE, { input: OFFICE_INPUT }, { token: regionalAdmin });
    expect(office.saveOffice.code).toBe(OFFICE);
    expect(office.saveOffice.officeHours[0]!.breaks).toEqual([BREAK]);
    expect(office.saveOffice.closures).toEqual(['2026-12-24']);
    const publicOffices = await gql<{ offices: { code: string }[] }>(baseUrl, '{ offices { code } }');
    expect(publicOffices.offices.map((entry) => entry.code)).toContain(OFFICE);

    // The office administrator manages its staff; a bad e-mail is refused with an Indonesian message.
    const badStaff = await errorCodeOf(
      baseUrl,
      SAVE_STAFF,
      {
        input: {
          id: 'loket-1',
          officeCode: OFFICE,
          name: 'Ni Luh Ayu',
          roles: ['petugas_loket'],
          email: 'bukan-email',
        },
      },
      { token: officeAdmin },
    );
    expect(badStaff.code).toBe('BAD_USER_INPUT');
    expect(badStaff.message).toContain('alamat e-mail "bukan-email" tidak valid');
    for (const [id, name, role] of [
      ['loket-1', 'Ni Luh Ayu', 'petugas_loket'],
      ['kasi-1', 'I Gede Wirawan', 'kasi_kasubbag'],
    ] as const) {
      const saved = await gql<{ saveStaffUser: { id: string; roles: string[]; active: boolean } }>(
        baseUrl,
        SAVE_STAFF,
        { input: { id, officeCode: OFFICE, name, roles: [role], email: `${id}@uji.go.id`, phone: '+62 361 123456' } },
        { token: officeAdmin },
      );
      expect(saved.saveStaffUser).toMatchObject({ id, roles: [role], active: true });
    }
    const staff = await gql<{ staffUsers: { id: string }[] }>(
      baseUrl,
      `query($o: String) { staffUsers(officeCode: $o) { id } }`,
      { o: OFFICE },
      { token: officeAdmin },
    );
    expect(staff.staffUsers.map((user) => user.id).sort()).toEqual(['kasi-1', 'loket-1']);
    const kasis = await gql<{ staffUsers: { id: string }[] }>(
      baseUrl,
      `query($o: String) { staffUsers(officeCode: $o, role: "kasi_kasubbag", activeOnly: true) { id } }`,
      { o: OFFICE },
      { token: officeAdmin },
    );
    expect(kasis.staffUsers).toEqual([{ id: 'kasi-1' }]);

    // An invalid SOP: validated with every problem, per step, and refused at publication.
    const checked = await gql<{ validateSopDocument: VersionView['validation'] }>(
      baseUrl,
      `query($input: DraftSopVersionInput!) { validateSopDocument(input: $input) { valid problems { step message } } }`,
      { input: { document: INVALID_SOP_YAML } },
      { token: officeAdmin },
    );
    expect(checked.validateSopDocument.valid).toBe(false);
    expect(checked.validateSopDocument.problems.map((problem) => problem.step).sort()).toEqual([
      'deliver',
      'deliver',
      'receive',
    ]);
    const invalidDraft = (
      await gql<{ draftSopVersion: VersionView }>(
        baseUrl,
        DRAFT,
        { input: { document: INVALID_SOP_YAML } },
        { token: officeAdmin },
      )
    ).draftSopVersion;
    expect(invalidDraft).toMatchObject({ sopId: SOP_ID, version: 1, status: 'draft' });
    const refused = await graphqlRequest(
      baseUrl,
      PUBLISH,
      { input: { sopId: SOP_ID, version: 1, effectiveDate: today() } },
      { token: officeAdmin },
    );
    const error = refused.errors?.[0];
    expect(error?.extensions?.code).toBe('INVALID_SOP');
    expect(error?.message).toContain('3 masalah');
    expect(error?.extensions?.problems).toEqual(
      expect.arrayContaining([
        { step: 'deliver', message: expect.stringContaining('actorRoles') },
        { step: 'deliver', message: expect.stringContaining('bakuMutu.amount') },
        { step: 'receive', message: expect.stringContaining('"jawab" yang tidak dikenal') },
      ]),
    );
    expect((error?.extensions?.problems as unknown[]).length).toBe(3);

    // The same checks on a structured definition (no YAML): every problem, by step.
    const structured = {
      id: `${SOP_ID}-ringkas`,
      title: 'Pengaduan ringkas',
      sopNumber: '000.8.3.3/003/UJI/2026',
      source: 'uji',
      startStep: 'receive',
      steps: [
        {
          key: 'receive',
          title: 'Menerima pengaduan',
          actorRoles: ['petugas_loket'],
          action: 'verify',
          bakuMutu: { amount: 10, unit: 'minutes' },
          output: 'Aduan tercatat',
          transitions: [{ when: 'accepted', to: 'deliver' }],
          escalationRoles: ['sekcam'],
        },
        {
          key: 'deliver',
          title: 'Menyampaikan jawaban',
          actorRoles: ['lurah'],
          action: 'deliver',
          bakuMutu: { amount: 1, unit: 'working_days' },
          output: 'Tanda terima',
          transitions: [{ to: 'END' }],
          escalationRoles: ['sekcam'],
        },
      ],
      supervisorRoles: ['camat'],
      policies: { reopenStep: 'deliver' },
    };
    const VALIDATE = `query($input: DraftSopVersionInput!) {
      validateSopDocument(input: $input) { valid problems { step message } preview { steps { key } } } }`;
    const badStructured = await gql<{ validateSopDocument: VersionView['validation'] }>(
      baseUrl,
      VALIDATE,
      { input: { officeCode: OFFICE, definition: structured } },
      { token: officeAdmin },
    );
    expect(badStructured.validateSopDocument).toMatchObject({ valid: false, problems: [{ step: 'deliver' }] });
    const fixed = {
      ...structured,
      steps: [structured.steps[0], { ...structured.steps[1], actorRoles: ['petugas_loket'] }],
    };
    const goodStructured = await gql<{ validateSopDocument: VersionView['validation'] }>(
      baseUrl,
      VALIDATE,
      { input: { officeCode: OFFICE, definition: fixed } },
      { token: officeAdmin },
    );
    expect(goodStructured.validateSopDocument).toEqual({
      valid: true,
      problems: [],
      preview: { steps: [{ key: 'receive' }, { key: 'deliver' }] },
    });
    expect(
      (
        await errorCodeOf(
          baseUrl,
          VALIDATE,
          { input: { officeCode: OFFICE, definition: fixed, document: sopYaml() } },
          { token: officeAdmin },
        )
      ).code,
    ).toBe('BAD_USER_INPUT');

    // A valid SOP: drafted from YAML, previewed, published for today.
    const draft = (
      await gql<{ draftSopVersion: VersionView }>(
        baseUrl,
        DRAFT,
        { input: { document: sopYaml() } },
        { token: officeAdmin },
      )
    ).draftSopVersion;
    expect(draft).toMatchObject({ version: 2, status: 'draft', inForce: false, createdBy: 'admin-kantor' });
    expect(draft.validation).toMatchObject({ valid: true, problems: [] });
    expect(draft.validation.preview).toEqual({
      id: SOP_ID,
      version: 2,
      steps: [{ key: 'receive' }, { key: 'clarify_answer' }, { key: 'deliver' }],
    });
    expect(
      (
        await errorCodeOf(
          baseUrl,
          PUBLISH,
          { input: { sopId: SOP_ID, version: 2, effectiveDate: '2020-01-01' } },
          { token: officeAdmin },
        )
      ).code,
    ).toBe('BAD_USER_INPUT');
    const published = (
      await gql<{ publishSopVersion: VersionView }>(
        baseUrl,
        PUBLISH,
        { input: { sopId: SOP_ID, version: 2, effectiveDate: today() } },
        { token: officeAdmin },
      )
    ).publishSopVersion;
    expect(published).toMatchObject({ status: 'published', effectiveDate: today(), inForce: true });

    // The published sheet is a public, printable page; a draft is not, but its preview is in GraphQL.
    const sheet = await fetch(`${baseUrl}/sops/${SOP_ID}/2/sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toContain('text/html');
    const html = await sheet.text();
    expect(html).toContain('<td class="label">Nomor SOP</td><td>000.8.3.3/001/UJI/2026</td>');
    expect(html).toContain('<th>Petugas Loket Pelayanan</th><th>Kasi / Kasubbag Terkait</th>');
    expect((await fetch(`${baseUrl}/sops/${SOP_ID}/1/sheet`)).status).toBe(404);
    const preview = await graphqlRequest(
      baseUrl,
      `query { sopSheet(sopId: "${SOP_ID}", version: 1) }`,
      {},
      { token: officeAdmin },
    );
    expect(preview.errors?.[0]?.extensions?.code).toBe('INVALID_SOP');

    // A complaint of the office runs the version in force, and shows it.
    const first = await submit();
    expect(first.registerNumber).toMatch(new RegExp(`^000\\.8\\.3\\.3/\\d+/${OFFICE}/\\d{4}$`));
    let view = await complaint(first.complaintId);
    expect(view).toMatchObject({ sopId: SOP_ID, sopVersion: 2, currentSteps: [{ key: 'receive' }] });
    view = await act(
      'verifyComplaint',
      'VerifyComplaintInput',
      { complaintId: first.complaintId, outcome: 'accepted' },
      loket,
    );
    expect(view.currentSteps).toEqual([{ key: 'clarify_answer' }]);

    // Version 3 adds a Sekcam review and renames the answer step; the running complaint keeps version 2.
    const third = (
      await gql<{ draftSopVersion: VersionView }>(
        baseUrl,
        DRAFT,
        { input: { document: sopYaml({ extraStep: true, answerTitle: 'Menyusun dan memaraf jawaban' }) } },
        { token: officeAdmin },
      )
    ).draftSopVersion;
    expect(third.version).toBe(3);
    await gql(
      baseUrl,
      PUBLISH,
      { input: { sopId: SOP_ID, version: 3, effectiveDate: today() } },
      { token: officeAdmin },
    );
    const diff = await gql<{ sopVersionDiff: Record<string, unknown> }>(
      baseUrl,
      `query { sopVersionDiff(sopId: "${SOP_ID}", fromVersion: 2, toVersion: 3) {
        addedSteps removedSteps changedSteps { key fields } changedFields reordered } }`,
      {},
      { token: officeAdmin },
    );
    expect(diff.sopVersionDiff).toEqual({
      addedSteps: ['sekcam_review'],
      removedSteps: [],
      changedSteps: [
        { key: 'receive', fields: ['transitions'] },
        { key: 'clarify_answer', fields: ['title'] },
      ],
      changedFields: [],
      reordered: false,
    });

    view = await act(
      'draftComplaintAnswer',
      'DraftComplaintAnswerInput',
      { complaintId: first.complaintId, answer: 'Jalan akan ditambal minggu depan.' },
      kasi,
    );
    expect(view.currentSteps).toEqual([{ key: 'deliver' }]);
    view = await act(
      'deliverComplaintAnswer',
      'DeliverComplaintAnswerInput',
      { complaintId: first.complaintId, channel: 'langsung', receipt: 'Diterima langsung' },
      loket,
    );
    expect(view).toMatchObject({ status: 'dijawab', sopVersion: 2 });
    expect(view.completedSteps.map((step) => step.key)).toEqual(['receive', 'clarify_answer', 'deliver']);
    // The reopen window (3 seconds in this SOP) passes and the complaint closes.
    // (Up to 80 s: the office is closed in the minute 23:59–00:00.)
    const closed = await eventually(
      async () => {
        const current = await complaint(first.complaintId);
        return current.status === 'selesai' ? current : undefined;
      },
      { attempts: 400, intervalMs: 200 },
    );
    expect(closed.sopVersion).toBe(2);

    // A new complaint runs version 3, with the review step.
    const second = await submit();
    view = await act(
      'verifyComplaint',
      'VerifyComplaintInput',
      { complaintId: second.complaintId, outcome: 'accepted' },
      loket,
    );
    expect(view).toMatchObject({ sopVersion: 3, currentSteps: [{ key: 'sekcam_review' }] });
    view = await act(
      'reviewComplaint',
      'ReviewComplaintInput',
      { complaintId: second.complaintId, advice: 'Koordinasikan dengan kepala desa.' },
      sekcam,
    );
    expect(view.currentSteps).toEqual([{ key: 'clarify_answer' }]);

    // Retiring version 3 puts version 2 back in force for new complaints.
    const retired = (
      await gql<{ retireSopVersion: VersionView }>(
        baseUrl,
        RETIRE,
        { input: { sopId: SOP_ID, version: 3 } },
        { token: officeAdmin },
      )
    ).retireSopVersion;
    expect(retired).toMatchObject({ status: 'retired', inForce: false });
    expect((await complaint((await submit()).complaintId)).sopVersion).toBe(2);

    // Every change is audited: who, what, on which record.
    const audit = await gql<{
      adminAudit: { actorUserId: string; entity: string; entityKey: string; action: string }[];
    }>(
      baseUrl,
      `query($o: String) { adminAudit(officeCode: $o) { actorUserId entity entityKey action } }`,
      { o: OFFICE },
      { token: regionalAdmin },
    );
    expect(
      audit.adminAudit
        .map((entry) => `${entry.actorUserId} ${entry.action} ${entry.entity} ${entry.entityKey}`)
        .reverse(),
    ).toEqual([
      `admin-kabupaten create office ${OFFICE}`,
      'admin-kantor create staff_user loket-1',
      'admin-kantor create staff_user kasi-1',
      `admin-kantor draft sop_version ${SOP_ID}@1`,
      `admin-kantor draft sop_version ${SOP_ID}@2`,
      `admin-kantor publish sop_version ${SOP_ID}@2`,
      `admin-kantor draft sop_version ${SOP_ID}@3`,
      `admin-kantor publish sop_version ${SOP_ID}@3`,
      `admin-kantor retire sop_version ${SOP_ID}@3`,
    ]);
    // Staff who are not administrators, supervisors or auditors do not read the audit (it holds contact details).
    expect(
      (await errorCodeOf(baseUrl, `query { adminAudit(officeCode: "${OFFICE}") { id } }`, {}, { token: loket })).code,
    ).toBe('FORBIDDEN');
    // The office admin's scope is its own office.
    expect(
      (await errorCodeOf(baseUrl, `query { adminAudit(officeCode: "PALARAN") { id } }`, {}, { token: officeAdmin }))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('gives an office onboarded through GraphQL its monthly recap schedule on publish, updated, paused on retire', async () => {
    const recapOffice = `${OFFICE}-R`;
    const recapSopId = `${SOP_ID}-rekap`;
    const admin = token(['office_admin'], recapOffice, 'admin-rekap');
    await gql(baseUrl, SAVE_OFFICE, { input: { ...OFFICE_INPUT, code: recapOffice } }, { token: regionalAdmin });
    const schedule = stack.env.client.schedule.getHandle(`recap-${recapOffice}`);
    const scheduled = async () => {
      const description = await schedule.describe();
      const [input] = (description.action as { args: RecapWorkflowInput[] }).args;
      return { paused: description.state.paused, note: description.state.note, input, description };
    };
    /** Drafts and publishes the office's SOP with a recap whose compile step takes `minutes`. */
    const publish = async (minutes: number) => {
      const document = sopYaml()
        .replace(`id: ${SOP_ID}`, `id: ${recapSopId}`)
        .replace(`office: ${OFFICE}`, `office: ${recapOffice}`)
        .concat(
          `monthlyRecap:
  steps:
    - key: recap
      title: Merekap aduan bulan lalu
      actorRoles: [sekcam]
      action: compile
      bakuMutu: { amount: ${minutes}, unit: minutes }
      output: Rekap aduan bulanan
      escalationRoles: [camat]
`,
        );
      const draft = (
        await gql<{ draftSopVersion: VersionView }>(baseUrl, DRAFT, { input: { document } }, { token: admin })
      ).draftSopVersion;
      await gql(
        baseUrl,
        PUBLISH,
        { input: { sopId: recapSopId, version: draft.version, effectiveDate: today() } },
        { token: admin },
      );
      return draft.version;
    };
    const retire = (version: number) =>
      gql(baseUrl, RETIRE, { input: { sopId: recapSopId, version } }, { token: admin });

    // No schedule before its SOP is published.
    await expect(schedule.describe()).rejects.toThrow();
    expect(await publish(30)).toBe(1);
    const created = await scheduled();
    expect(created.description.spec.timezone).toBe('Asia/Makassar');
    expect(created.description.spec.calendars).toEqual([
      expect.objectContaining({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 8, end: 8, step: 1 }] }),
    ]);
    expect(created.description.action).toMatchObject({
      workflowType: 'recapWorkflow',
      taskQueue: config.temporal.taskQueue,
    });
    expect(created).toMatchObject({
      paused: false,
      input: { officeCode: recapOffice, sopId: recapSopId, sopVersion: 1 },
    });
    expect(created.input.steps.map((step) => step.bakuMutu)).toEqual([{ amount: 30, unit: 'minutes' }]);

    // A new version updates the same schedule (idempotent: no second schedule, no error).
    expect(await publish(45)).toBe(2);
    const updated = await scheduled();
    expect(updated).toMatchObject({ paused: false, input: { sopVersion: 2 } });
    expect(updated.input.steps.map((step) => step.bakuMutu)).toEqual([{ amount: 45, unit: 'minutes' }]);

    // Retiring version 2 puts version 1 back in force; retiring that too leaves no recap: paused.
    await retire(2);
    expect(await scheduled()).toMatchObject({ paused: false, input: { sopVersion: 1 } });
    await retire(1);
    expect(await scheduled()).toMatchObject({
      paused: true,
      note: 'Tidak ada lagi SOP berlaku dengan rekap bulanan',
      input: { sopVersion: 1 },
    });

    // Publishing again resumes it with the new version.
    expect(await publish(20)).toBe(3);
    expect(await scheduled()).toMatchObject({ paused: false, input: { sopVersion: 3 } });
    await schedule.delete();
  });
});
