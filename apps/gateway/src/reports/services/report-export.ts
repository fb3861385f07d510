import ExcelJS from 'exceljs';
import type {
  AnnualMonthRow,
  AnnualPublicInformationReport,
  ComplaintReport,
  ReportCount,
  ReportScope,
  StepReport,
} from './complaint-report.service';

/** One CSV field (RFC 4180): quoted when it holds a separator, a quote or a line break. */
function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix it.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csv(rows: (string | number | null | undefined)[][]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const STEP_COLUMNS: [keyof StepReport, string][] = [
  ['completed', 'selesai'],
  ['withinBakuMutu', 'sesuai_baku_mutu'],
  ['breached', 'melewati_baku_mutu'],
  ['compliancePercent', 'kepatuhan_persen'],
  ['medianWorkingMinutes', 'median_menit_kerja'],
  ['p90WorkingMinutes', 'p90_menit_kerja'],
  ['medianMinutes', 'median_menit'],
  ['p90Minutes', 'p90_menit'],
  ['medianAllowedMinutes', 'median_menit_diizinkan'],
  ['bakuMutuWorkingMinutes', 'baku_mutu_menit_kerja'],
];

const MONTH_COLUMNS: [keyof AnnualMonthRow, string][] = [
  ['received', 'diterima'],
  ['answered', 'dijawab'],
  ['rejected', 'ditolak'],
  ['forwarded', 'dialihkan'],
  ['withdrawn', 'dicabut'],
  ['incomplete', 'tidak_lengkap'],
  ['inProgress', 'dalam_proses'],
  ['averageDaysToAnswer', 'rata_rata_hari_menjawab'],
];

function scopeRows(scope: ReportScope): [string, string, string, string][] {
  return [
    ['periode', 'kantor', '', scope.office.code],
    ['periode', 'nama_kantor', '', scope.office.name],
    ['periode', 'label', '', scope.label],
    ['periode', 'dari', '', scope.from],
    ['periode', 'sampai', '', scope.to],
  ];
}

function countRows(section: string, counts: ReportCount[]): (string | number)[][] {
  return counts.map((count) => [section, count.key, 'jumlah', count.count]);
}

function stepRows(steps: StepReport[]): (string | number | null)[][] {
  return steps.flatMap((step) => STEP_COLUMNS.map(([key, measure]) => ['langkah', step.stepKey, measure, step[key]]));
}

/** The report as one long table: section, key, measure, value (easy to pivot in any spreadsheet). */
export function complaintReportCsv(report: ComplaintReport): string {
  return csv([
    ['bagian', 'kunci', 'ukuran', 'nilai'],
    ...scopeRows(report.scope),
    ['ringkasan', 'total', 'jumlah', report.total],
    ['ringkasan', 'terbuka_akhir_periode', 'jumlah', report.openAtEnd],
    ['ringkasan', 'lewat_tenggat_akhir_periode', 'jumlah', report.overdueAtEnd],
    ...countRows('status', report.byStatus),
    ...countRows('kanal', report.byChannel),
    ...countRows('jenis', report.byType),
    ...countRows('kategori', report.byCategory),
    ...stepRows(report.steps),
  ]);
}

export function annualReportCsv(report: AnnualPublicInformationReport): string {
  return csv([
    ['bulan', 'nama_bulan', ...MONTH_COLUMNS.map(([, label]) => label)],
    ...report.months.map((month) => [month.month, month.monthName, ...MONTH_COLUMNS.map(([key]) => month[key])]),
    ['', 'Jumlah', ...MONTH_COLUMNS.map(([key]) => (report.totals as Record<string, number | null>)[key])],
  ]);
}

function countSheet(workbook: ExcelJS.Workbook, name: string, header: string, counts: ReportCount[]): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [
    { header, key: 'key', width: 30 },
    { header: 'Jumlah', key: 'count', width: 12 },
  ];
  sheet.addRows(counts);
  sheet.getRow(1).font = { bold: true };
}

function stepSheet(workbook: ExcelJS.Workbook, steps: StepReport[]): void {
  const sheet = workbook.addWorksheet('Langkah');
  sheet.columns = [
    { header: 'Langkah', key: 'stepKey', width: 20 },
    { header: 'Judul', key: 'title', width: 40 },
    { header: 'Selesai', key: 'completed', width: 10 },
    { header: 'Sesuai baku mutu', key: 'withinBakuMutu', width: 16 },
    { header: 'Melewati baku mutu', key: 'breached', width: 18 },
    { header: 'Kepatuhan (%)', key: 'compliancePercent', width: 14 },
    { header: 'Median (menit kerja)', key: 'medianWorkingMinutes', width: 20 },
    { header: 'P90 (menit kerja)', key: 'p90WorkingMinutes', width: 18 },
    { header: 'Median (menit)', key: 'medianMinutes', width: 14 },
    { header: 'P90 (menit)', key: 'p90Minutes', width: 12 },
    { header: 'Median diizinkan (menit)', key: 'medianAllowedMinutes', width: 22 },
    { header: 'Baku mutu (menit kerja)', key: 'bakuMutuWorkingMinutes', width: 22 },
  ];
  sheet.addRows(steps);
  sheet.getRow(1).font = { bold: true };
}

function summarySheet(workbook: ExcelJS.Workbook, title: string, scope: ReportScope, rows: [string, unknown][]): void {
  const sheet = workbook.addWorksheet('Ringkasan');
  sheet.columns = [{ width: 40 }, { width: 50 }];
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(['Kantor', scope.office.name]);
  sheet.addRow(['Kode kantor', scope.office.code]);
  sheet.addRow(['Periode', scope.label]);
  for (const row of rows) sheet.addRow(row);
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Aduan';
  return workbook;
}

export function complaintReportXlsx(report: ComplaintReport): Promise<Buffer> {
  const workbook = newWorkbook();
  summarySheet(workbook, 'Laporan Pengaduan Masyarakat', report.scope, [
    ['Jumlah aduan masuk', report.total],
    ['Belum dijawab/ditutup pada akhir periode', report.openAtEnd],
    ['Melewati tenggat pada akhir periode', report.overdueAtEnd],
  ]);
  countSheet(workbook, 'Status', 'Status', report.byStatus);
  countSheet(workbook, 'Kanal', 'Kanal', report.byChannel);
  countSheet(workbook, 'Jenis', 'Jenis', report.byType);
  countSheet(workbook, 'Kategori', 'Kategori', report.byCategory);
  stepSheet(workbook, report.steps);
  return toBuffer(workbook);
}

export function annualReportXlsx(report: AnnualPublicInformationReport): Promise<Buffer> {
  const workbook = newWorkbook();
  summarySheet(workbook, 'Laporan Tahunan Layanan Informasi Publik', report.scope, [
    ['Jumlah permohonan/aduan diterima', report.totals.received],
    ['Dijawab (dikabulkan)', report.totals.answered],
    ['Ditolak', report.totals.rejected],
    ['Dialihkan (bukan wewenang)', report.totals.forwarded],
    ['Dicabut pemohon', report.totals.withdrawn],
    ['Ditutup karena tidak lengkap', report.totals.incomplete],
    ['Masih dalam proses', report.totals.inProgress],
    ['Rata-rata waktu menjawab (hari)', report.totals.averageDaysToAnswer],
    ['Median waktu menjawab (hari)', report.medianDaysToAnswer],
  ]);
  const months = workbook.addWorksheet('Per Bulan');
  months.columns = [
    { header: 'Bulan', key: 'monthName', width: 12 },
    { header: 'Diterima', key: 'received', width: 10 },
    { header: 'Dijawab', key: 'answered', width: 10 },
    { header: 'Ditolak', key: 'rejected', width: 10 },
    { header: 'Dialihkan', key: 'forwarded', width: 10 },
    { header: 'Dicabut', key: 'withdrawn', width: 10 },
    { header: 'Tidak lengkap', key: 'incomplete', width: 14 },
    { header: 'Dalam proses', key: 'inProgress', width: 14 },
    { header: 'Rata-rata hari menjawab', key: 'averageDaysToAnswer', width: 22 },
  ];
  months.addRows(report.months);
  months.addRow({ ...report.totals, monthName: 'Jumlah' }).font = { bold: true };
  months.getRow(1).font = { bold: true };
  const reasons = workbook.addWorksheet('Alasan Penolakan');
  reasons.columns = [
    { header: 'Status', key: 'status', width: 16 },
    { header: 'Alasan', key: 'reason', width: 60 },
    { header: 'Jumlah', key: 'count', width: 10 },
  ];
  reasons.addRows(report.refusalReasons);
  reasons.getRow(1).font = { bold: true };
  countSheet(workbook, 'Jenis', 'Jenis', report.byType);
  countSheet(workbook, 'Kanal', 'Kanal', report.byChannel);
  stepSheet(workbook, report.steps);
  return toBuffer(workbook);
}
