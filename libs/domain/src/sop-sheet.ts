import { ROLE_LABELS } from './roles';
import type { BakuMutu, SopDefinition } from './sop';
import { END } from './sop-model';
import { MONTH_NAMES } from './labels';

/**
 * The SOP as the sheet offices publish (Permenpan RB 35/2012): the identity table (number, dates,
 * approval, legal basis, qualifications, related SOPs, equipment, warning, records) and the
 * flowchart table with one column per pelaksana, the activity symbols (start/end, process,
 * decision), kelengkapan, waktu and output. One printable HTML page (A4 landscape), from the SOP
 * data alone: no network, no scripts.
 */

const WAKTU_UNITS: Record<BakuMutu['unit'], string> = { minutes: 'menit', hours: 'jam', working_days: 'hari' };

/** The Waktu column as SOP sheets write it ("30 menit", "2 hari"). */
function waktuOf(bakuMutu: BakuMutu): string {
  return `${bakuMutu.amount} ${WAKTU_UNITS[bakuMutu.unit]}`;
}

function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `2025-01-06` → `6 Januari 2025`; empty for no date. */
export function tanggal(isoDate: string | undefined): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

export type SheetSymbol = 'terminator' | 'process' | 'decision';

/** One activity row of the flowchart table. */
export interface SheetRow {
  number: number;
  key: string;
  activity: string;
  /** Index into `columns`. */
  column: number;
  symbol: SheetSymbol;
  requirements: string[];
  waktu: string;
  output: string;
  /** Where the flow goes when it does not simply continue with the next row (by row number). */
  branches: string[];
  note?: string;
}

export interface SheetLayout {
  /** Pelaksana columns, in order of first appearance (a step with several roles is one column). */
  columns: string[];
  rows: SheetRow[];
}

/** The flowchart table of an SOP: columns, rows, symbols and branches (tested apart from the HTML). */
export function sheetLayout(sop: SopDefinition): SheetLayout {
  const columns: string[] = [];
  const columnOf = (roles: readonly string[]) => {
    const label = roles.map((role) => ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role).join(' / ');
    if (!columns.includes(label)) columns.push(label);
    return columns.indexOf(label);
  };
  const numberOf = new Map(sop.steps.map((step, index) => [step.key, index + 1]));
  const recapSteps = sop.monthlyRecap?.steps ?? [];
  const rows: SheetRow[] = sop.steps.map((step, index) => {
    const targets = new Set(step.transitions.map((transition) => transition.to));
    const next = sop.steps[index + 1]?.key;
    const conditional = step.transitions.some((transition) => transition.when !== undefined) && targets.size > 1;
    const isStart = step.key === sop.startStep;
    const isEnd = [...targets].every((target) => target === END);
    const branches = step.transitions
      .filter((transition) => transition.to !== next || conditional)
      .map((transition) => {
        const where = transition.to === END ? 'selesai' : `langkah ${numberOf.get(transition.to)}`;
        return transition.when ? `${transition.when} → ${where}` : `→ ${where}`;
      });
    if (step.onTimeout.kind === 'transition') {
      const to = step.onTimeout.to;
      branches.push(`lewat baku mutu → ${to === END ? 'selesai' : `langkah ${numberOf.get(to)}`}`);
    }
    return {
      number: index + 1,
      key: step.key,
      activity: step.title,
      column: columnOf(step.actorRoles),
      symbol: conditional ? 'decision' : isStart || (isEnd && recapSteps.length === 0) ? 'terminator' : 'process',
      requirements: step.requirements ?? [],
      waktu: step.sharesBakuMutuWith
        ? `${waktuOf(step.bakuMutu)} bersama langkah ${numberOf.get(step.sharesBakuMutuWith)}`
        : waktuOf(step.bakuMutu),
      output: step.output,
      branches: isEnd && branches.length === 1 && branches[0] === '→ selesai' ? [] : branches,
      ...(step.note ? { note: step.note } : {}),
    };
  });
  recapSteps.forEach((step, index) => {
    rows.push({
      number: rows.length + 1,
      key: step.key,
      activity: step.title,
      column: columnOf(step.actorRoles),
      symbol: index === recapSteps.length - 1 ? 'terminator' : 'process',
      requirements: step.requirements ?? [],
      waktu: waktuOf(step.bakuMutu),
      output: step.output,
      branches: [],
      note: index === 0 ? 'Bulanan, atas semua aduan bulan itu' : undefined,
    });
  });
  return { columns, rows };
}

function symbolSvg(symbol: SheetSymbol): string {
  const shapes: Record<SheetSymbol, string> = {
    terminator: '<rect x="4" y="6" width="72" height="24" rx="12" ry="12"/>',
    process: '<rect x="6" y="5" width="68" height="26"/>',
    decision: '<polygon points="40,2 76,18 40,34 4,18"/>',
  };
  const titles: Record<SheetSymbol, string> = {
    terminator: 'Mulai/Berakhir',
    process: 'Proses',
    decision: 'Pengambilan keputusan',
  };
  return `<svg class="symbol" viewBox="0 0 80 36" width="80" height="36" role="img" aria-label="${titles[symbol]}"><title>${titles[symbol]}</title>${shapes[symbol]}</svg>`;
}

function list(items: readonly string[]): string {
  if (items.length === 0) return '<span class="empty">–</span>';
  return `<ol>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ol>`;
}

/** The printable SOP sheet of one SOP version, as one HTML document. */
export function renderSopSheetHtml(sop: SopDefinition): string {
  const sheet = sop.sheet;
  const { columns, rows } = sheetLayout(sop);
  const organization = sheet?.organization.length ? sheet.organization : [sop.office.name];
  const identity: [string, string][] = [
    ['Nomor SOP', sop.sopNumber],
    ['Tanggal Pembuatan', tanggal(sheet?.madeDate)],
    ['Tanggal Revisi', tanggal(sheet?.revisedDate)],
    ['Tanggal Efektif', tanggal(sop.effectiveDate)],
    ['Disahkan Oleh', sheet?.approvedBy ?? ''],
    ['Nama SOP', sop.title],
  ];
  const flowRows = rows
    .map((row, index) => {
      const cells = columns
        .map((_, column) => {
          if (column !== row.column) return '<td class="lane"></td>';
          const arrow = index < rows.length - 1 ? '<div class="arrow" aria-hidden="true">↓</div>' : '';
          return `<td class="lane active">${symbolSvg(row.symbol)}${arrow}</td>`;
        })
        .join('');
      const note = [...row.branches, ...(row.note ? [row.note] : [])].map(escapeHtml).join('<br>');
      return `<tr data-step="${escapeHtml(row.key)}"><td class="num">${row.number}</td><td>${escapeHtml(row.activity)}</td>${cells}<td>${list(row.requirements)}</td><td class="waktu">${escapeHtml(row.waktu)}</td><td>${escapeHtml(row.output)}</td><td>${note}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>SOP ${escapeHtml(sop.title)} — ${escapeHtml(sop.office.name)} (versi ${sop.version})</title>
<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #000; margin: 0; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border: 1px solid #000; padding: 4px 6px; vertical-align: top; }
  th { background: #e6e6e6; text-align: center; }
  .identity .org { text-align: center; font-weight: bold; text-transform: uppercase; width: 45%; }
  .identity .label { font-weight: bold; width: 18%; }
  .sections td { width: 50%; }
  .sections h3 { font-size: 10pt; margin: 0 0 4px; text-transform: uppercase; }
  ol { margin: 0; padding-left: 18px; }
  .empty { color: #555; }
  .flow { page-break-before: always; margin-top: 8mm; }
  .flow caption { font-weight: bold; font-size: 12pt; padding-bottom: 4px; text-transform: uppercase; }
  .lane { text-align: center; vertical-align: middle; min-width: 84px; }
  .symbol rect, .symbol polygon { fill: #fff; stroke: #000; stroke-width: 1.5; }
  .arrow { line-height: 1; font-size: 14pt; }
  .num, .waktu { text-align: center; white-space: nowrap; }
  .legend { margin-top: 6px; font-size: 9pt; }
  .legend svg { vertical-align: middle; }
</style>
</head>
<body>
<table class="identity">
  <tr><td class="org" rowspan="${identity.length}">${organization.map(escapeHtml).join('<br>')}${
    sheet?.unit ? `<br><span>${escapeHtml(sheet.unit)}</span>` : ''
  }</td><td class="label">${identity[0][0]}</td><td>${escapeHtml(identity[0][1])}</td></tr>
${identity
  .slice(1)
  .map(([label, value]) => `  <tr><td class="label">${label}</td><td>${escapeHtml(value)}</td></tr>`)
  .join('\n')}
</table>
<table class="sections">
  <tr><td><h3>Dasar Hukum</h3>${list(sheet?.legalBasis ?? [])}</td><td><h3>Kualifikasi Pelaksana</h3>${list(sheet?.qualifications ?? [])}</td></tr>
  <tr><td><h3>Keterkaitan</h3>${list(sheet?.relatedSops ?? [])}</td><td><h3>Peralatan / Perlengkapan</h3>${list(sheet?.equipment ?? [])}</td></tr>
  <tr><td><h3>Peringatan</h3>${sheet?.warning ? escapeHtml(sheet.warning) : '<span class="empty">–</span>'}</td><td><h3>Pencatatan dan Pendataan</h3>${list(sheet?.records ?? [])}</td></tr>
</table>
<table class="flow">
  <caption>SOP ${escapeHtml(sop.title)}</caption>
  <thead>
    <tr><th rowspan="2">No</th><th rowspan="2">Kegiatan</th><th colspan="${columns.length}">Pelaksana</th><th colspan="3">Mutu Baku</th><th rowspan="2">Keterangan</th></tr>
    <tr>${columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('')}<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>
  </thead>
  <tbody>
${flowRows}
  </tbody>
</table>
<p class="legend">${symbolSvg('terminator')} Mulai/Berakhir ${symbolSvg('process')} Proses ${symbolSvg('decision')} Pengambilan keputusan — ${escapeHtml(sop.office.name)}, SOP ${escapeHtml(sop.id)} versi ${sop.version}.</p>
</body>
</html>
`;
}
