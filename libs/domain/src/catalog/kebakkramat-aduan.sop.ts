import type { SopDefinitionInput } from '../sop';
import { KEBAKKRAMAT, KECAMATAN_SUPERVISORS } from './offices';

/**
 * Seed 000: Kecamatan Kebakkramat, Kabupaten Karanganyar — "Penanganan Aduan Masyarakat".
 * Seksi Pelayanan Umum; related SOPs: Surat Masuk, Surat Keluar, Pelayanan. The seed leaves the SOP
 * number blank; its creation date is 26 December 2024. Total baku mutu 95 minutes, of which the
 * complainant's own 10 minutes (step 1, "Pemohon menyampaikan aduan", output Dokumen Aduan) are the
 * submission itself: it starts the workflow and is not a staff step here.
 * Warning of the seed: if not followed, complaints are not handled well.
 */
export const KEBAKKRAMAT_ADUAN: SopDefinitionInput = {
  id: 'kebakkramat-aduan',
  version: 1,
  title: 'Penanganan Aduan Masyarakat',
  sopNumber: 'Tanpa nomor',
  effectiveDate: '2024-12-26',
  office: KEBAKKRAMAT,
  source: '000_cde601e5a185d1de.txt',
  startStep: 'receive',
  steps: [
    {
      key: 'receive',
      title:
        'Menerima pengaduan secara langsung, tertulis, atau online dan mencatat dalam buku register atau sistem pengaduan',
      actorRoles: ['petugas_loket'],
      action: 'verify',
      bakuMutu: { amount: 5, unit: 'minutes' },
      output: 'Surat aduan',
      transitions: [{ when: 'accepted', to: 'dispose' }],
      escalationRoles: ['sekcam'],
    },
    {
      key: 'dispose',
      title: 'Menentukan bidang/seksi terkait yang akan menangani pengaduan',
      actorRoles: ['camat', 'sekcam'],
      action: 'dispose',
      bakuMutu: { amount: 15, unit: 'minutes' },
      output: 'Surat aduan dilengkapi lembar disposisi',
      transitions: [{ to: 'clarify_answer' }],
      escalationRoles: ['camat'],
    },
    {
      key: 'clarify_answer',
      title: 'Melakukan klarifikasi, investigasi, atau tindakan perbaikan dan menyusun surat jawaban',
      actorRoles: ['kasi_kasubbag'],
      action: 'draft_answer',
      bakuMutu: { amount: 60, unit: 'minutes' },
      output: 'Surat jawaban',
      transitions: [{ to: 'deliver' }],
      escalationRoles: ['sekcam', 'camat'],
    },
    {
      key: 'deliver',
      title:
        'Menyampaikan hasil tindak lanjut kepada pemohon secara langsung atau melalui media komunikasi yang digunakan',
      actorRoles: ['petugas_loket'],
      action: 'deliver',
      bakuMutu: { amount: 5, unit: 'minutes' },
      output: 'Tanda terima',
      transitions: [{ to: 'END' }],
      escalationRoles: ['sekcam'],
    },
  ],
  supervisorRoles: KECAMATAN_SUPERVISORS,
  policies: { reopenStep: 'clarify_answer' },
};
