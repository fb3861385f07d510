import type { SopDefinitionInput } from '../sop';
import { KECAMATAN_SUPERVISORS, PALARAN } from './offices';

/**
 * Seed 004: Kecamatan Palaran, Kota Samarinda — "Penanganan Pengaduan Pelayanan Publik",
 * No. 000.8.3.3/0957/400.02, made and effective 6 January 2025, signed by Camat Palaran.
 * Actors: Camat, Sekretaris (the Sekcam), Kasubbag/Kasi, Staf (JFU).
 * Step 3 lets the Camat hold a rapat if needed (per SOP Rapat Dinas) before deciding; the seed gives
 * "maksimal 10 hari" for the whole step, so the decision and the rapat each wait at most 10 working
 * days. The seed has no signing step.
 */
export const PALARAN_PENGADUAN: SopDefinitionInput = {
  id: 'palaran-pengaduan',
  version: 1,
  title: 'Penanganan Pengaduan Pelayanan Publik',
  sopNumber: '000.8.3.3/0957/400.02',
  effectiveDate: '2025-01-06',
  office: PALARAN,
  source: '004_d024faeca2e05c55.txt',
  startStep: 'receive',
  steps: [
    {
      key: 'receive',
      title:
        'Menerima pengaduan langsung maupun tidak langsung, mencatat pada buku pengaduan dan melaporkan kepada Sekretaris',
      actorRoles: ['staf_umum'],
      action: 'verify',
      bakuMutu: { amount: 30, unit: 'minutes' },
      output: 'Pengaduan yang tercatat pada buku pengaduan',
      transitions: [{ when: 'accepted', to: 'clarify' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'clarify',
      title:
        'Mengidentifikasi, mengklarifikasi dan berkoordinasi dengan Kasubbag/Kasi terkait serta melaporkan hasilnya kepada Camat',
      actorRoles: ['sekcam'],
      action: 'clarify',
      bakuMutu: { amount: 10, unit: 'minutes' },
      output: 'Pengaduan yang sudah terklarifikasi',
      transitions: [{ to: 'camat_decision' }],
      escalationRoles: ['camat'],
    },
    {
      key: 'camat_decision',
      title: 'Menganalisa, merumuskan dan mengambil keputusan tindak lanjut pengaduan, dengan rapat bila diperlukan',
      actorRoles: ['camat'],
      action: 'decide',
      bakuMutu: { amount: 10, unit: 'working_days' },
      output: 'Keputusan tindak lanjut pengaduan',
      transitions: [
        { when: 'decided', to: 'draft_answer' },
        { when: 'rapat', to: 'rapat' },
      ],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'rapat',
      title: 'Mengadakan rapat (SOP Rapat Dinas) dan mengambil keputusan tindak lanjut pengaduan',
      actorRoles: ['camat'],
      action: 'rapat',
      bakuMutu: { amount: 10, unit: 'working_days' },
      output: 'Keputusan tindak lanjut pengaduan (hasil rapat)',
      transitions: [{ to: 'draft_answer' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'draft_answer',
      title: 'Membuat jawaban berdasarkan keputusan Camat dan memerintahkan JFU menyampaikan jawaban',
      actorRoles: ['sekcam'],
      action: 'draft_answer',
      bakuMutu: { amount: 1, unit: 'hours' },
      output: 'Jawaban atas pengaduan',
      transitions: [{ to: 'deliver' }],
      escalationRoles: ['camat'],
    },
    {
      key: 'deliver',
      title: 'Menyampaikan jawaban kepada pengadu dan mendokumentasikan hasilnya',
      actorRoles: ['staf_umum'],
      action: 'deliver',
      bakuMutu: { amount: 30, unit: 'minutes' },
      output: 'Penyampaian jawaban pengaduan dan dokumentasinya',
      transitions: [{ to: 'END' }],
      escalationRoles: ['sekcam'],
    },
  ],
  supervisorRoles: KECAMATAN_SUPERVISORS,
  policies: { reopenStep: 'clarify' },
};
