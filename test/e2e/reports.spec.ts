/**
 * Reports against a seeded read model with hand-computed answers: GraphQL, the CSV and XLSX
 * downloads, and the PPID's annual report. Palaran is WITA (UTC+8), so a complaint at 17:00 UTC on
 * 28 February belongs to March and one at 15:00 UTC to February.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../libs/calendar/src/business-calendar';
import type { AppConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import { mintToken } from '../../scripts/mint-token';
import { errorCodeOf, gql } from '../support/graphql';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';

interface SeedStep {
  key: string;
  title: string;
  startedAt: string;
  dueAt: string;
  completedAt?: string;
  breached?: boolean;
  /** The baku mutu in working minutes, as the step_started event records it. */
  workingMinutes: number;
}

interface SeedComplaint {
  office?: string;
  status: string;
  channel: string;
  type?: string;
  category?: string;
  submittedAt: string;
  closedAt?: string;
  answeredAt?: string;
  closeReason?: string;
  steps: SeedStep[];
}

const RECEIVE = 'Menerima pengaduan';
const CLARIFY = 'Identifikasi dan klarifikasi';
const DECISION = 'Keputusan Camat';

/** The seeded set; the comments give each complaint's part in the expected numbers. */
const SEED: Record<string, SeedComplaint> = {
  // March. receive 20 min (within), clarify 20 min against 10 (breached); answered after 1 day.
  c1: {
    status: 'selesai',
    channel: 'langsung',
    type: 'pengaduan',
    category: 'jalan',
    submittedAt: '2025-03-03T01:00:00Z',
    answeredAt: '2025-03-04T01:00:00Z',
    closedAt: '2025-03-05T01:00:00Z',
    steps: [
      step('receive', RECEIVE, '2025-03-03T01:00:00Z', 30, 20, 30),
      step('clarify', CLARIFY, '2025-03-03T01:20:00Z', 10, 20, 10),
    ],
  },
  // March (Mondays, office hours). receive 10 min, clarify 5 min (both within); answered after 2 days, still dijawab.
  c2: {
    status: 'dijawab',
    channel: 'whatsapp',
    type: 'pengaduan',
    category: 'jalan',
    submittedAt: '2025-03-10T02:00:00Z',
    answeredAt: '2025-03-12T02:00:00Z',
    steps: [
      step('receive', RECEIVE, '2025-03-10T02:00:00Z', 30, 10, 30),
      step('clarify', CLARIFY, '2025-03-10T02:10:00Z', 10, 5, 10),
      // Monday 15:30 WITA to Tuesday 08:30: 17 hours elapsed, 90 working minutes (30 + 60).
      step('camat_decision', DECISION, '2025-03-10T07:30:00Z', 5 * 24 * 60, 17 * 60, 4800),
    ],
  },
  // March. receive exactly at its deadline (within); the Camat's decision overdue on 25 March: open and overdue.
  c3: {
    status: 'diterima',
    channel: 'whatsapp',
    type: 'aspirasi',
    category: 'kebersihan',
    submittedAt: '2025-03-20T03:00:00Z',
    steps: [
      step('receive', RECEIVE, '2025-03-20T03:00:00Z', 30, 30, 30),
      step('camat_decision', DECISION, '2025-03-20T03:30:00Z', 5 * 24 * 60, undefined, 4800),
    ],
  },
  // Saturday 1 March 01:00 WITA (March). receive 60 min against 30 (breached) but 0 working minutes; rejected.
  c4: {
    status: 'ditolak',
    channel: 'website',
    submittedAt: '2025-02-28T17:00:00Z',
    closedAt: '2025-03-01T00:00:00Z',
    closeReason: 'Aduan ganda',
    steps: [step('receive', RECEIVE, '2025-02-28T17:00:00Z', 30, 60, 30)],
  },
  // 28 February 23:00 WITA (February). Never received: open and overdue at the end of February and March.
  c5: {
    status: 'diterima',
    channel: 'sms',
    submittedAt: '2025-02-28T15:00:00Z',
    steps: [step('receive', RECEIVE, '2025-02-28T15:00:00Z', 30, undefined, 30)],
  },
  // 31 March 18:00 WITA: open at the end of March, its deadline (1 April) not yet passed.
  c8: {
    status: 'diterima',
    channel: 'email',
    submittedAt: '2025-03-31T10:00:00Z',
    steps: [step('receive', RECEIVE, '2025-03-31T10:00:00Z', 15 * 60, undefined, 30)],
  },
  // April: forwarded (bukan wewenang).
  c6: {
    status: 'dialihkan',
    channel: 'website',
    submittedAt: '2025-04-02T01:00:00Z',
    closedAt: '2025-04-02T03:00:00Z',
    closeReason: 'Bukan wewenang kecamatan: diteruskan ke DLH',
    steps: [],
  },
  // May: withdrawn by the complainant.
  c9: {
    status: 'dicabut',
    channel: 'langsung',
    submittedAt: '2025-05-06T01:00:00Z',
    closedAt: '2025-05-07T01:00:00Z',
    closeReason: 'Dicabut oleh pelapor',
    steps: [],
  },
  // Another office in March: never in Palaran's numbers.
  other: {
    office: 'KEBAKKRAMAT',
    status: 'selesai',
    channel: 'langsung',
    type: 'pengaduan',
    category: 'jalan',
    submittedAt: '2025-03-04T01:00:00Z',
    answeredAt: '2025-03-04T05:00:00Z',
    closedAt: '2025-03-04T06:00:00Z',
    steps: [step('receive', RECEIVE, '2025-03-04T01:00:00Z', 5, 50, 5)],
  },
};

function step(
  key: string,
  title: string,
  startedAt: string,
  allowedMinutes: number,
  tookMinutes: number | undefined,
  workingMinutes: number,
): SeedStep {
  const start = Date.parse(startedAt);
  const dueAt = new Date(start + allowedMinutes * 60_000).toISOString();
  return {
    key,
    title,
    startedAt,
    dueAt,
    workingMinutes,
    ...(tookMinutes !== undefined
      ? { completedAt: new Date(start + tookMinutes * 60_000).toISOString(), breached: tookMinutes > allowedMinutes }
      : {}),
  };
}

async function seed(dataSource: DataSource, complaint: SeedComplaint, index: number): Promise<void> {
  const id = randomUUID();
  const office = complaint.office ?? 'PALARAN';
  const completed = complaint.steps.filter((s) => s.completedAt);
  const current = complaint.steps.filter((s) => !s.completedAt);
  const state = {
    completedSteps: completed.map((s) => ({
      key: s.key,
      title: s.title,
      startedAt: s.startedAt,
      dueAt: s.dueAt,
      completedAt: s.completedAt,
      breached: s.breached,
    })),
    currentSteps: current.map((s) => ({ key: s.key, title: s.title, startedAt: s.startedAt, dueAt: s.dueAt })),
    ...(complaint.answeredAt ? { answer: { text: 'Jawaban', deliveredAt: complaint.answeredAt } } : {}),
    ...(complaint.closeReason ? { closeReason: complaint.closeReason } : {}),
  };
  await dataSource.query(
    `INSERT INTO complaints (id, workflow_id, register_number, office_code, sop_id, sop_version, channel, status,
       current_step_keys, current_actor_roles, due_at, sla_breached, complaint_type, category, confidential, subject,
       content_excerpt, complainant_name, anonymous, tracking_code_hash, submitted_at, closed_at, updated_at,
       last_event_seq, state)
     VALUES ($1, $2, $3, $4, 'seed', 1, $5, $6, $7, '{}', $8, $9, $10, $11, false, 'Aduan contoh', 'Isi', NULL, true,
       'x', $12, $13, $12, $14, $15)`,
    [
      id,
      `complaint-${id}`,
      `000.8.3.3/${9000 + index}/${office}/2025`,
      office,
      complaint.channel,
      complaint.status,
      current.map((s) => s.key),
      current[0]?.dueAt ?? null,
      complaint.steps.some((s) => s.breached),
      complaint.type ?? null,
      complaint.category ?? null,
      complaint.submittedAt,
      complaint.closedAt ?? null,
      complaint.steps.length,
      JSON.stringify(state),
    ],
  );
  for (const [seq, s] of complaint.steps.entries()) {
    await dataSource.query(
      `INSERT INTO complaint_events (complaint_id, seq, type, at, step_key, data) VALUES ($1, $2, 'step_started', $3, $4, $5)`,
      [id, seq + 1, s.startedAt, s.key, JSON.stringify({ dueAt: s.dueAt, workingMinutes: s.workingMinutes })],
    );
  }
}

const REPORT = `query($input: ReportPeriodInput!) {
  complaintReport(input: $input) {
    period { officeCode officeName year month label timeZone from to }
    total openAtEnd overdueAtEnd
    byStatus { key count } byChannel { key count } byType { key count } byCategory { key count }
    steps { stepKey title completed withinBakuMutu breached compliancePercent medianWorkingMinutes p90WorkingMinutes
            medianMinutes p90Minutes medianAllowedMinutes bakuMutuWorkingMinutes }
  }
}`;

const ANNUAL = `query($input: AnnualReportInput!) {
  annualPublicInformationReport(input: $input) {
    period { label from to }
    totals { received answered rejected forwarded withdrawn incomplete inProgress averageDaysToAnswer }
    medianDaysToAnswer
    months { month monthName received answered rejected forwarded withdrawn incomplete inProgress averageDaysToAnswer }
    refusalReasons { status reason count }
    byChannel { key count }
  }
}`;

describe('reports (end to end, seeded read model)', () => {
  let stack: GatewayStack;
  let baseUrl: string;
  let config: AppConfig;
  const token = (roles: string[], office: string) =>
    mintToken({ sub: `${roles[0]}-${office}`, name: 'Petugas', roles, office }, config.gateway.jwt.secret!);

  beforeAll(async () => {
    stack = await startGatewayStack({ name: 'reports-e2e' });
    ({ baseUrl, config } = stack);
    for (const [index, complaint] of Object.values(SEED).entries()) await seed(stack.dataSource, complaint, index);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("computes Palaran's March report: counts, step compliance, median and p90, open and overdue at the end", async () => {
    const { complaintReport } = await gql<{ complaintReport: Record<string, unknown> }>(
      baseUrl,
      REPORT,
      { input: { year: 2025, month: 3 } },
      { token: token(['camat'], 'PALARAN') },
    );
    expect(complaintReport).toEqual({
      period: {
        officeCode: 'PALARAN',
        officeName: expect.stringContaining('Palaran'),
        year: 2025,
        month: 3,
        label: 'Maret 2025',
        timeZone: 'Asia/Makassar',
        from: '2025-02-28T16:00:00.000Z',
        to: '2025-03-31T16:00:00.000Z',
      },
      total: 5,
      openAtEnd: 3,
      overdueAtEnd: 2,
      byStatus: [
        { key: 'diterima', count: 2 },
        { key: 'dijawab', count: 1 },
        { key: 'ditolak', count: 1 },
        { key: 'selesai', count: 1 },
      ],
      byChannel: [
        { key: 'whatsapp', count: 2 },
        { key: 'email', count: 1 },
        { key: 'langsung', count: 1 },
        { key: 'website', count: 1 },
      ],
      byType: [
        { key: 'belum_diklasifikasi', count: 2 },
        { key: 'pengaduan', count: 2 },
        { key: 'aspirasi', count: 1 },
      ],
      byCategory: [
        { key: 'belum_diklasifikasi', count: 2 },
        { key: 'jalan', count: 2 },
        { key: 'kebersihan', count: 1 },
      ],
      steps: [
        {
          stepKey: 'receive',
          title: RECEIVE,
          completed: 4,
          withinBakuMutu: 3,
          breached: 1,
          compliancePercent: 75,
          // Working minutes 0 (Saturday night), 10, 20, 30: median 15; p90 = 20 + 0.7 × (30 − 20).
          medianWorkingMinutes: 15,
          p90WorkingMinutes: 27,
          // 10, 20, 30, 60 elapsed minutes: median 25; p90 = 30 + 0.7 × (60 − 30).
          medianMinutes: 25,
          p90Minutes: 51,
          medianAllowedMinutes: 30,
          bakuMutuWorkingMinutes: 30,
        },
        {
          stepKey: 'clarify',
          title: CLARIFY,
          completed: 2,
          withinBakuMutu: 1,
          breached: 1,
          compliancePercent: 50,
          // 5 and 20 minutes, all within office hours: median 12.5; p90 = 5 + 0.9 × 15.
          medianWorkingMinutes: 12.5,
          p90WorkingMinutes: 18.5,
          medianMinutes: 12.5,
          p90Minutes: 18.5,
          medianAllowedMinutes: 10,
          bakuMutuWorkingMinutes: 10,
        },
        {
          stepKey: 'camat_decision',
          title: DECISION,
          completed: 1,
          withinBakuMutu: 1,
          breached: 0,
          compliancePercent: 100,
          medianWorkingMinutes: 90,
          p90WorkingMinutes: 90,
          medianMinutes: 1020,
          p90Minutes: 1020,
          medianAllowedMinutes: 7200,
          bakuMutuWorkingMinutes: 4800,
        },
      ],
    });
  });

  it('counts working minutes in SQL exactly as the business calendar does', () => {
    // The hand-computed working minutes above, checked against the calendar the deadlines use.
    const palaran = new BusinessCalendar(findSop('palaran-pengaduan')!.office);
    const minutes = (from: string, to: string) => palaran.workingMinutesBetween(from, to);
    expect(minutes('2025-03-10T07:30:00Z', '2025-03-11T00:30:00Z')).toBe(90);
    expect(minutes('2025-02-28T17:00:00Z', '2025-02-28T18:00:00Z')).toBe(0);
    expect(minutes('2025-03-03T01:00:00Z', '2025-03-03T01:20:00Z')).toBe(20);
  });

  it('puts the complaint of 28 February 23:00 WITA into February', async () => {
    const { complaintReport } = await gql<{
      complaintReport: { total: number; openAtEnd: number; overdueAtEnd: number; steps: unknown[] };
    }>(
      baseUrl,
      REPORT,
      { input: { officeCode: 'PALARAN', year: 2025, month: 2 } },
      { token: token(['supervisor'], '*') },
    );
    expect(complaintReport).toMatchObject({ total: 1, openAtEnd: 1, overdueAtEnd: 1, steps: [] });
  });

  it("computes the PPID-style annual report of Palaran's 2025", async () => {
    const { annualPublicInformationReport: annual } = await gql<{
      annualPublicInformationReport: {
        period: { label: string };
        totals: Record<string, number | null>;
        medianDaysToAnswer: number | null;
        months: Record<string, number | string | null>[];
        refusalReasons: unknown[];
        byChannel: unknown[];
      };
    }>(baseUrl, ANNUAL, { input: { year: 2025 } }, { token: token(['sekcam'], 'PALARAN') });
    expect(annual.period.label).toBe('Tahun 2025');
    expect(annual.totals).toEqual({
      received: 8,
      answered: 2,
      rejected: 1,
      forwarded: 1,
      withdrawn: 1,
      incomplete: 0,
      inProgress: 3,
      averageDaysToAnswer: 1.5,
    });
    expect(annual.medianDaysToAnswer).toBe(1.5);
    expect(annual.months).toHaveLength(12);
    expect(annual.months.map((month) => month.received)).toEqual([0, 1, 5, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(annual.months[2]).toEqual({
      month: 3,
      monthName: 'Maret',
      received: 5,
      answered: 2,
      rejected: 1,
      forwarded: 0,
      withdrawn: 0,
      incomplete: 0,
      inProgress: 2,
      averageDaysToAnswer: 1.5,
    });
    expect(annual.months[1]).toMatchObject({ monthName: 'Februari', inProgress: 1, averageDaysToAnswer: null });
    expect(annual.refusalReasons).toEqual([
      { status: 'dialihkan', reason: 'Bukan wewenang kecamatan: diteruskan ke DLH', count: 1 },
      { status: 'ditolak', reason: 'Aduan ganda', count: 1 },
    ]);
    expect(annual.byChannel).toEqual([
      { key: 'langsung', count: 2 },
      { key: 'website', count: 2 },
      { key: 'whatsapp', count: 2 },
      { key: 'email', count: 1 },
      { key: 'sms', count: 1 },
    ]);
  });

  it('downloads the March report as CSV and XLSX with the same numbers', async () => {
    const headers = { authorization: `Bearer ${token(['camat'], 'PALARAN')}` };
    const csvResponse = await fetch(`${baseUrl}/reports/complaints.csv?year=2025&month=3`, { headers });
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get('content-type')).toContain('text/csv');
    expect(csvResponse.headers.get('content-disposition')).toContain('laporan-aduan-kantor-2025-3.csv');
    const lines = (await csvResponse.text()).split('\r\n');
    expect(lines[0]).toBe('bagian,kunci,ukuran,nilai');
    expect(lines).toEqual(
      expect.arrayContaining([
        'periode,label,,Maret 2025',
        'ringkasan,total,jumlah,5',
        'ringkasan,terbuka_akhir_periode,jumlah,3',
        'ringkasan,lewat_tenggat_akhir_periode,jumlah,2',
        'status,diterima,jumlah,2',
        'kanal,whatsapp,jumlah,2',
        'langkah,receive,kepatuhan_persen,75',
        'langkah,receive,p90_menit,51',
        'langkah,clarify,median_menit,12.5',
        'langkah,receive,median_menit_kerja,15',
        'langkah,camat_decision,p90_menit_kerja,90',
      ]),
    );

    const xlsxResponse = await fetch(`${baseUrl}/reports/complaints.xlsx?officeCode=PALARAN&year=2025&month=3`, {
      headers,
    });
    expect(xlsxResponse.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxResponse.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Ringkasan',
      'Status',
      'Kanal',
      'Jenis',
      'Kategori',
      'Langkah',
    ]);
    const steps = workbook.getWorksheet('Langkah')!;
    expect(steps.getRow(2).values).toEqual([undefined, 'receive', RECEIVE, 4, 3, 1, 75, 15, 27, 25, 51, 30, 30]);
    expect(steps.getRow(4).values).toEqual([
      undefined,
      'camat_decision',
      DECISION,
      1,
      1,
      0,
      100,
      90,
      90,
      1020,
      1020,
      7200,
      4800,
    ]);
    expect(workbook.getWorksheet('Ringkasan')!.getRow(5).values).toEqual([undefined, 'Jumlah aduan masuk', 5]);

    const annual = await fetch(`${baseUrl}/reports/annual-public-information.xlsx?year=2025`, { headers });
    expect(annual.status).toBe(200);
    const annualBook = new ExcelJS.Workbook();
    await annualBook.xlsx.load(await annual.arrayBuffer());
    const months = annualBook.getWorksheet('Per Bulan')!;
    expect(months.getRow(4).values).toEqual([undefined, 'Maret', 5, 2, 1, 0, 0, 0, 2, 1.5]);
    expect(months.getRow(14).values).toEqual([undefined, 'Jumlah', 8, 2, 1, 1, 1, 0, 3, 1.5]);
    const annualCsv = await (
      await fetch(`${baseUrl}/reports/annual-public-information.csv?year=2025`, { headers })
    ).text();
    expect(annualCsv.split('\r\n')).toContain('3,Maret,5,2,1,0,0,0,2,1.5');
  });

  it('refuses other offices, bad periods and missing tokens, in GraphQL and on downloads', async () => {
    const kebakkramat = token(['camat'], 'KEBAKKRAMAT');
    const foreign = await errorCodeOf(
      baseUrl,
      REPORT,
      { input: { officeCode: 'PALARAN', year: 2025, month: 3 } },
      { token: kebakkramat },
    );
    expect(foreign).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Petugas kantor KEBAKKRAMAT tidak berwenang atas laporan kantor PALARAN.',
    });
    const supervisor = await errorCodeOf(
      baseUrl,
      REPORT,
      { input: { year: 2025 } },
      { token: token(['auditor'], '*') },
    );
    expect(supervisor.code).toBe('BAD_USER_INPUT');
    const badMonth = await errorCodeOf(baseUrl, REPORT, { input: { year: 2025, month: 13 } }, { token: kebakkramat });
    expect(badMonth.code).toBe('BAD_USER_INPUT');
    const anonymous = await errorCodeOf(baseUrl, REPORT, { input: { year: 2025 } });
    expect(anonymous.code).toBe('UNAUTHENTICATED');

    const noToken = await fetch(`${baseUrl}/reports/complaints.csv?year=2025`);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const headers = { authorization: `Bearer ${kebakkramat}` };
    const other = await fetch(`${baseUrl}/reports/complaints.xlsx?officeCode=PALARAN&year=2025`, { headers });
    expect(other.status).toBe(403);
    const badYear = await fetch(`${baseUrl}/reports/complaints.csv?year=dua`, { headers });
    expect(badYear.status).toBe(400);
    expect(await badYear.json()).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('Periode') });
    const badFormat = await fetch(`${baseUrl}/reports/complaints.pdf?year=2025`, { headers });
    expect(badFormat.status).toBe(400);
  });
});
