import type { SopDefinitionInput } from '../sop';
import { SELEMADEG_TIMUR_COMMON } from './selemadeg-timur.common';

/**
 * Variant B. The seed's table lost its actor marks for step 5 ("Memberikan jawaban sesuai dengan
 * solusi dan upaya pemecahan dari Camat"); it is given to the Sekcam, the complaint manager
 * ("pejabat pengelola pengaduan") of step 2, who receives the Camat's disposition.
 */
export const SELEMADEG_TIMUR_B: SopDefinitionInput = {
  ...SELEMADEG_TIMUR_COMMON,
  id: 'selemadeg-timur-b',
  startStep: 'receive',
  steps: [
    {
      key: 'receive',
      title: 'Menerima dokumen pengaduan yang masuk di e-mail, website, SMS, telepon dan pengaduan langsung',
      actorRoles: ['staf_umum'],
      action: 'verify',
      bakuMutu: { amount: 15, unit: 'minutes' },
      output: 'Dokumen pengaduan',
      transitions: [{ when: 'accepted', to: 'kasubbag_forward' }],
      escalationRoles: ['kasubbag_umum', 'sekcam'],
    },
    {
      key: 'kasubbag_forward',
      title: 'Membaca dokumen pengaduan untuk diteruskan kepada Sekcam selaku pejabat pengelola pengaduan',
      actorRoles: ['kasubbag_umum'],
      action: 'forward',
      bakuMutu: { amount: 10, unit: 'minutes' },
      output: 'Dokumen pengaduan dengan lembar disposisi',
      transitions: [{ to: 'sekcam_review' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'sekcam_review',
      title: 'Membaca dokumen pengaduan untuk memberi informasi dan masukan kepada Camat',
      actorRoles: ['sekcam'],
      action: 'review',
      bakuMutu: { amount: 30, unit: 'minutes' },
      output: 'Dokumen pengaduan dengan lembar disposisi',
      transitions: [{ to: 'camat_disposition' }],
      escalationRoles: ['camat'],
    },
    {
      key: 'camat_disposition',
      title: 'Menerima dokumen pengaduan dengan mempertimbangkan masukan dan informasi dari Sekcam dan mendisposisikan',
      actorRoles: ['camat'],
      action: 'dispose',
      bakuMutu: { amount: 30, unit: 'minutes' },
      output: 'Dokumen pengaduan yang telah didisposisi',
      transitions: [{ to: 'answer' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'answer',
      title: 'Memberikan jawaban sesuai dengan solusi dan upaya pemecahan dari Camat',
      actorRoles: ['sekcam'],
      action: 'deliver',
      bakuMutu: { amount: 1, unit: 'working_days' },
      output: 'Dokumen pengaduan yang telah ditindaklanjuti',
      transitions: [{ to: 'archive' }],
      escalationRoles: ['camat'],
    },
    {
      key: 'archive',
      title: 'Menerima kembali dokumen pengaduan yang telah ditindaklanjuti untuk diarsipkan',
      actorRoles: ['staf_umum'],
      action: 'archive',
      bakuMutu: { amount: 5, unit: 'minutes' },
      output: 'Arsip pengaduan',
      transitions: [{ to: 'END' }],
      escalationRoles: ['kasubbag_umum'],
    },
  ],
  policies: { reopenStep: 'answer' },
};
