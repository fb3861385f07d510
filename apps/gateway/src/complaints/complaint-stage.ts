import { STATUS_LABELS, type ComplaintState } from '../../../../libs/domain/src/complaint';
import { ROLE_LABELS, type Role } from '../../../../libs/domain/src/roles';
import type { ActionKind } from '../../../../libs/domain/src/sop-model';

/** How each kind of step reads to a citizen, before the name of who acts on it. */
const WAITING_FOR: Record<ActionKind, string> = {
  register: 'Sedang dicatat dalam buku register oleh',
  verify: 'Sedang diperiksa kelengkapannya oleh',
  classify: 'Sedang diklasifikasi oleh',
  dispose: 'Menunggu disposisi dari',
  review: 'Sedang ditelaah oleh',
  clarify: 'Sedang ditindaklanjuti (klarifikasi) oleh',
  coordinate: 'Sedang dikoordinasikan oleh',
  forward: 'Sedang diteruskan kepada pihak berwenang oleh',
  decide: 'Menunggu keputusan',
  rapat: 'Sedang dibahas dalam rapat; menunggu hasil rapat dari',
  draft_answer: 'Jawaban sedang disusun oleh',
  sign: 'Jawaban menunggu tanda tangan',
  deliver: 'Jawaban siap disampaikan oleh',
  archive: 'Sedang diarsipkan oleh',
};

function roleNames(roles: readonly string[]): string {
  const names = roles.map((role) => ROLE_LABELS[role as Role] ?? role);
  return names.length <= 1 ? (names[0] ?? 'petugas') : `${names.slice(0, -1).join(', ')} atau ${names.at(-1)}`;
}

/**
 * The complaint's current stage in plain Indonesian, per waiting step (e.g. "Menunggu keputusan
 * Camat"), so a complainant sees where it is rather than one "Sedang diproses" from intake to answer.
 */
export function complaintStage(state: Pick<ComplaintState, 'status' | 'currentSteps'>): string {
  switch (state.status) {
    case 'diterima': {
      if (state.currentSteps.length === 0) return STATUS_LABELS.diterima;
      return state.currentSteps.map((step) => `${WAITING_FOR[step.action]} ${roleNames(step.actorRoles)}`).join('; ');
    }
    case 'tunda':
      return 'Ditunda: menunggu pelapor melengkapi informasi';
    case 'dijawab':
      return 'Jawaban sudah disampaikan; pelapor dapat menilai atau meminta aduan dibuka kembali';
    case 'selesai':
    case 'ditolak':
    case 'dialihkan':
    case 'dicabut':
    case 'tidak_lengkap':
      return STATUS_LABELS[state.status];
  }
}
