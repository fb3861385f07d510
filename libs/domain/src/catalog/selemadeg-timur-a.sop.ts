import type { SopDefinitionInput } from '../sop';
import { SELEMADEG_TIMUR_COMMON } from './selemadeg-timur.common';

const DISPOSED = 'Dokumen pengaduan yang berisi lembar disposisi';

/**
 * Variant A. Step 5 (the Camat reads, weighing the Sekcam's input) is a review; step 6 is the
 * Camat's disposition to the section concerned. The section's solution (step 7) is drafted as the
 * answer the Camat signs in step 8 (revise returns it to step 7); step 9 carries the solution out to
 * the complainant.
 */
export const SELEMADEG_TIMUR_A: SopDefinitionInput = {
  ...SELEMADEG_TIMUR_COMMON,
  id: 'selemadeg-timur-a',
  startStep: 'receive',
  steps: [
    {
      key: 'receive',
      title: 'Mengambil/menerima dokumen pengaduan yang masuk di e-mail, website, SMS, telepon, dan pengaduan langsung',
      actorRoles: ['staf_umum'],
      action: 'verify',
      bakuMutu: { amount: 30, unit: 'minutes' },
      output: 'Dokumen pengaduan',
      transitions: [{ when: 'accepted', to: 'compile' }],
      escalationRoles: ['kasubbag_umum', 'sekcam'],
    },
    {
      key: 'compile',
      title: 'Menghimpun dan memberi lembar disposisi pada dokumen pengaduan',
      actorRoles: ['kasubbag_umum'],
      action: 'register',
      bakuMutu: { amount: 1, unit: 'hours' },
      output: DISPOSED,
      transitions: [{ to: 'hand_to_sekcam' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'hand_to_sekcam',
      title: 'Membaca dokumen pengaduan yang telah terhimpun dan menyerahkan kepada Sekretaris Camat',
      actorRoles: ['kasubbag_umum'],
      action: 'forward',
      bakuMutu: { amount: 1, unit: 'hours' },
      output: DISPOSED,
      transitions: [{ to: 'sekcam_review' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'sekcam_review',
      title: 'Membaca dokumen pengaduan dan memberikan masukan serta informasi',
      actorRoles: ['sekcam'],
      action: 'review',
      bakuMutu: { amount: 1, unit: 'hours' },
      output: DISPOSED,
      transitions: [{ to: 'camat_review' }],
      escalationRoles: ['camat'],
    },
    {
      key: 'camat_review',
      title: 'Membaca dokumen pengaduan dengan mempertimbangkan masukan dan informasi dari Sekretaris Camat',
      actorRoles: ['camat'],
      action: 'review',
      bakuMutu: { amount: 1, unit: 'hours' },
      output: DISPOSED,
      transitions: [{ to: 'camat_disposition' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'camat_disposition',
      title: 'Mendisposisikan kepada seksi/subbagian terkait bila bersifat kebijakan dan memerlukan koordinasi',
      actorRoles: ['camat'],
      action: 'dispose',
      bakuMutu: { amount: 1, unit: 'hours' },
      output: 'Dokumen pengaduan yang telah didisposisi Camat',
      transitions: [{ to: 'propose_solution' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'propose_solution',
      title: 'Menerima dokumen pengaduan yang telah didisposisi dan memberikan solusi atau pemecahan',
      actorRoles: ['kasi_kasubbag'],
      action: 'draft_answer',
      bakuMutu: { amount: 2, unit: 'working_days' },
      output: 'Dokumen pengaduan yang telah diberikan solusi atau pemecahan oleh seksi/subbagian terkait',
      transitions: [{ to: 'camat_sign' }],
      escalationRoles: ['sekcam', 'camat'],
    },
    {
      key: 'camat_sign',
      title: 'Menandatangani solusi atau pemecahan dari seksi/subbagian terkait',
      actorRoles: ['camat'],
      action: 'sign',
      bakuMutu: { amount: 1, unit: 'hours' },
      output: 'Dokumen pengaduan yang telah diberikan solusi atau pemecahan dan ditandatangani oleh Camat',
      transitions: [
        { when: 'approved', to: 'carry_out' },
        { when: 'revise', to: 'propose_solution' },
      ],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'carry_out',
      title: 'Meneruskan atau melaksanakan solusi atau pemecahan dari Camat',
      actorRoles: ['kasi_kasubbag'],
      action: 'deliver',
      bakuMutu: { amount: 1, unit: 'working_days' },
      output: 'Dokumen pengaduan yang telah ditindaklanjuti',
      transitions: [{ to: 'archive' }],
      escalationRoles: ['sekcam', 'camat'],
    },
    {
      key: 'archive',
      title: 'Menerima kembali dokumen pengaduan yang telah ditindaklanjuti sebagai arsip',
      actorRoles: ['staf_umum'],
      action: 'archive',
      bakuMutu: { amount: 30, unit: 'minutes' },
      output: 'Arsip pengaduan',
      transitions: [{ to: 'END' }],
      escalationRoles: ['kasubbag_umum'],
    },
  ],
  policies: { reopenStep: 'propose_solution' },
};
