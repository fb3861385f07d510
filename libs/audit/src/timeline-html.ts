/**
 * HTML rendering of a complaint's timeline for the archive (arsip): one self-contained page with
 * Indonesian labels, times in the office's time zone.
 */
import { officeTimeLabel } from '../../calendar/src/office-time';
import {
  ACTION_LABELS,
  CHANNEL_LABELS,
  NOTIFICATION_KIND_LABELS,
  OUTCOME_LABELS,
  ROLE_LABELS,
} from '../../domain/src/labels';
import type { Role } from '../../domain/src/roles';
import { bakuMutuLabel } from '../../domain/src/sop-model';
import type { ComplaintExportDocument } from './export-document';
import type { ComplaintTimeline, TimelineEntry, TimelineEntryKind } from './timeline';

export const ENTRY_LABELS: Record<TimelineEntryKind, string> = {
  submitted: 'Aduan diajukan',
  registered: 'Nomor register diberikan',
  step_started: 'Langkah dimulai',
  action: 'Tindakan',
  note: 'Catatan internal',
  reassigned: 'Langkah dialihkan',
  supplement: 'Pelapor melengkapi informasi',
  withdrawn: 'Aduan dicabut pelapor',
  rated: 'Pelapor memberi penilaian',
  reopened: 'Aduan dibuka kembali',
  reminder: 'Pengingat baku mutu',
  breach: 'Melewati baku mutu (eskalasi)',
  tunda: 'Aduan ditunda',
  resumed: 'Penanganan dilanjutkan',
  answer_delivered: 'Jawaban disampaikan',
  archived: 'Diarsipkan',
  step_timed_out: 'Langkah berakhir: baku mutu terlewati',
  notification: 'Pemberitahuan',
  timer_fired: 'Pewaktu berakhir',
  search_attributes: 'Atribut pencarian diperbarui',
  completed: 'Alur kerja selesai',
  ended: 'Alur kerja berakhir',
  refused: 'Percobaan ditolak',
};

function escape(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** An audit time in the office's zone (WIB/WITA/WIT), to the second; empty when there is none. */
export function auditTime(iso: string | undefined, zone: string): string {
  return iso ? officeTimeLabel(iso, zone, { seconds: true }) : '';
}

/** Input fields an action's summary names, with their Indonesian names. */
const ACTION_FIELD_LABELS: [string, string][] = [
  ['category', 'kategori'],
  ['toUnit', 'kepada'],
  ['instructions', 'arahan'],
  ['decision', 'keputusan'],
  ['minutes', 'notulen'],
  ['answer', 'jawaban'],
  ['receipt', 'tanda terima'],
  ['reason', 'alasan'],
];

function rolesLabel(roles: unknown): string {
  return ((roles as string[] | undefined) ?? []).map((role) => ROLE_LABELS[role as Role] ?? role).join(', ');
}

/** A one-line Indonesian summary of what an entry says. */
export function describeEntry(entry: TimelineEntry, zone: string): string {
  const d = entry.details;
  const input = (d.input ?? {}) as Record<string, unknown>;
  switch (entry.kind) {
    case 'submitted':
      return `Perihal: ${String(d.subject)} (kanal ${CHANNEL_LABELS[String(d.channel)] ?? String(d.channel)})`;
    case 'registered':
      return `Nomor register ${String(d.registerNumber)}`;
    case 'step_started':
      return `Tenggat ${auditTime(entry.dueAt, zone)}; pelaksana ${rolesLabel(d.actorRoles)}`;
    case 'action': {
      const kind = String(d.kind);
      const outcome = String(d.outcome);
      const parts = [`${ACTION_LABELS[kind] ?? kind}: ${OUTCOME_LABELS[outcome] ?? outcome}`];
      for (const [key, label] of ACTION_FIELD_LABELS) {
        if (input[key] !== undefined) parts.push(`${label}: ${String(input[key])}`);
      }
      return parts.join('; ');
    }
    case 'note':
      return String(d.text ?? '');
    case 'reassigned':
      return `Kepada ${String(d.assigneeName)}: ${String(d.reason)}`;
    case 'tunda':
      return `Alasan: ${String(d.reason ?? '')}; batas ${auditTime(d.limitAt as string | undefined, zone)}`;
    case 'breach':
      return `Eskalasi ke ${rolesLabel(d.escalatedTo)}`;
    case 'answer_delivered':
      return `Kanal ${CHANNEL_LABELS[String(d.channel)] ?? String(d.channel)}; tanda terima ${String(d.receipt)}`;
    case 'archived':
      return `Arsip ${String(d.archiveRef)}`;
    case 'step_timed_out':
      return `Tenggat ${auditTime(entry.dueAt, zone)}; dilanjutkan ke langkah ${String(d.toTitle ?? d.to ?? '-')}`;
    case 'refused':
      return `${String(d.operation)}: ${String(d.reason ?? d.code ?? '')}`;
    case 'completed':
      return `Status akhir ${String(d.status)}`;
    case 'notification':
      if (d.message ?? d.signal) return String(d.message ?? d.signal);
      return `${NOTIFICATION_KIND_LABELS[String(d.kind)] ?? String(d.kind)} kepada ${rolesLabel(d.recipientRoles)}`;
    case 'supplement':
      return String(d.content ?? '');
    case 'withdrawn':
    case 'reopened':
      return String(d.reason ?? '');
    case 'rated':
      return `Nilai ${String(d.score)}${d.comment ? `: ${String(d.comment)}` : ''}`;
    case 'reminder':
      return `Pengingat kepada ${rolesLabel(d.recipientRoles)}`;
    case 'resumed':
      return 'Setelah pelapor melengkapi informasi';
    case 'ended':
      return `${String(d.how)}${d.reason ? `: ${String(d.reason)}` : ''}`;
    case 'search_attributes':
    case 'timer_fired':
      return '';
  }
}

/** Bookkeeping entries that say nothing to an auditor; shown only on request. */
export const HIDDEN_ENTRY_KINDS: readonly TimelineEntryKind[] = ['search_attributes', 'timer_fired'];

export function renderTimelineHtml(
  timeline: ComplaintTimeline,
  entries: TimelineEntry[] = timeline.entries,
  document?: Pick<ComplaintExportDocument, 'digest' | 'exportedAt'>,
): string {
  const zone = timeline.sop.timeZone;
  const rows = entries
    .filter((entry) => !HIDDEN_ENTRY_KINDS.includes(entry.kind))
    .map(
      (entry) => `<tr class="${entry.refused ? 'refused' : entry.breached ? 'breached' : ''}">
  <td>${escape(auditTime(entry.at, zone))}</td>
  <td>${escape(ENTRY_LABELS[entry.kind])}${entry.refused ? ' <strong>(DITOLAK)</strong>' : ''}</td>
  <td>${escape(entry.stepTitle ?? entry.stepKey ?? '')}</td>
  <td>${entry.actor ? `${escape(entry.actor.name)} (${escape(entry.actor.role)})` : ''}</td>
  <td>${entry.bakuMutu ? escape(bakuMutuLabel(entry.bakuMutu)) : ''}</td>
  <td>${escape(auditTime(entry.dueAt, zone))}</td>
  <td>${escape(describeEntry(entry, zone))}</td>
</tr>`,
    )
    .join('\n');
  const stepRows = timeline.steps
    .map(
      (step) => `<tr class="${step.breached ? 'breached' : ''}">
  <td>${step.run}</td><td>${escape(step.title)}</td><td>${escape(bakuMutuLabel(step.bakuMutu))} (${step.bakuMutuWorkingMinutes} menit kerja)</td>
  <td>${escape(auditTime(step.startedAt, zone))}</td><td>${escape(auditTime(step.endedAt, zone))}</td>
  <td>${step.workingMinutesTaken}</td><td>${step.breached ? `Ya (+${step.minutesOverBakuMutu} menit)` : 'Tidak'}</td>
  <td>${step.actor ? `${escape(step.actor.name)} (${escape(step.actor.role)})` : ''}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>Riwayat Aduan ${escape(timeline.registerNumber ?? timeline.complaintId)}</title>
<style>
body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:2em}
td,th{border:1px solid #999;padding:4px 6px;font-size:13px;vertical-align:top}th{background:#eee}
tr.breached td{background:#fde2e2}tr.refused td{background:#eee;color:#555;font-style:italic}
</style></head>
<body>
<h1>Riwayat Penanganan Aduan</h1>
<p>Nomor register: <strong>${escape(timeline.registerNumber ?? '-')}</strong><br>
ID aduan: ${escape(timeline.complaintId)}<br>
SOP: ${escape(timeline.sop.title)} (${escape(timeline.sop.sopNumber)}, versi ${timeline.sop.version})<br>
Kantor: ${escape(timeline.sop.officeCode)} (${escape(zone)})<br>
Status akhir: ${escape(timeline.status ?? 'masih berjalan')}<br>
Alur kerja: ${escape(timeline.workflowId)} / ${escape(timeline.runId)}${
    document
      ? `<br>Diekspor: ${escape(auditTime(document.exportedAt, zone))}<br>Digest SHA-256: <code>${escape(document.digest)}</code>`
      : ''
  }</p>
<h2>Ringkasan langkah</h2>
<table><tr><th>#</th><th>Langkah</th><th>Baku mutu</th><th>Mulai</th><th>Selesai</th><th>Waktu kerja (menit)</th><th>Melewati baku mutu</th><th>Pelaksana</th></tr>
${stepRows}
</table>
<h2>Kronologi</h2>
<table><tr><th>Waktu</th><th>Kejadian</th><th>Langkah</th><th>Oleh</th><th>Baku mutu</th><th>Tenggat</th><th>Keterangan</th></tr>
${rows}
</table>
</body></html>
`;
}
