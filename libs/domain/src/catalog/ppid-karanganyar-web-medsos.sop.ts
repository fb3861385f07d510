import type { SopDefinitionInput } from '../sop';
import { PPID_KARANGANYAR } from './offices';

/**
 * Seed 001: PPID Kabupaten Karanganyar — "Penanganan Aduan Masyarakat melalui Website dan Media
 * Sosial". Actors: Pelapor, Admin Website dan Media Sosial, Pengelola Data dan Klarifikasi Informasi,
 * PPID Pelaksana. Records: Register Aduan book, kept as manual or electronic data.
 * The seed carries neither an SOP number nor a date: the number reads "Tanpa nomor" and the date is
 * the day the SOP entered this catalog.
 * Rule of the seed: the answer MUST be in good and correct Indonesian ("bahasa Indonesia yang baik
 * dan benar"). Warning: a wrong follow-up can lead to a public-information dispute (sengketa
 * informasi), so the record must hold up.
 */
export const PPID_KARANGANYAR_WEB_MEDSOS: SopDefinitionInput = {
  id: 'ppid-karanganyar-web-medsos',
  version: 1,
  title: 'Penanganan Aduan Masyarakat melalui Website dan Media Sosial',
  sopNumber: 'Tanpa nomor',
  effectiveDate: '2026-11-23',
  office: PPID_KARANGANYAR,
  source: '001_2d8922d83ed937b8.txt',
  startStep: 'register',
  steps: [
    {
      key: 'register',
      title:
        'Melakukan register layanan pengaduan melalui website dan akun media sosial dan melakukan penginputan aduan',
      actorRoles: ['admin_medsos'],
      action: 'register',
      bakuMutu: { amount: 5, unit: 'minutes' },
      output: 'Formulir aduan yang terisi',
      transitions: [{ to: 'accept' }],
      escalationRoles: ['pengelola_data', 'ppid_pelaksana'],
    },
    {
      key: 'accept',
      title: 'Menerima aduan masyarakat secara online dan pemberian nomor register',
      actorRoles: ['admin_medsos'],
      action: 'verify',
      bakuMutu: { amount: 5, unit: 'minutes' },
      output: 'Arsip data diri pelapor dan aduan',
      transitions: [{ when: 'accepted', to: 'classify' }],
      escalationRoles: ['pengelola_data', 'ppid_pelaksana'],
    },
    {
      key: 'classify',
      title: 'Mengklasifikasi aduan',
      actorRoles: ['pengelola_data'],
      action: 'classify',
      bakuMutu: { amount: 10, unit: 'minutes' },
      output: 'Laporan tanggapan pengaduan',
      transitions: [
        { when: 'ppid', to: 'coordinate_ppid' },
        { when: 'own', to: 'answer' },
      ],
      escalationRoles: ['ppid_pelaksana'],
    },
    {
      key: 'coordinate_ppid',
      title: 'Koordinasi dengan PPID Pelaksana atas aduan di bawah wewenang PPID Pelaksana untuk tindak lanjut',
      actorRoles: ['pengelola_data', 'ppid_pelaksana'],
      action: 'coordinate',
      bakuMutu: { amount: 1, unit: 'working_days' },
      output: 'Tanggapan pengaduan',
      transitions: [{ to: 'answer' }],
      escalationRoles: ['ppid_pelaksana'],
    },
    {
      key: 'answer',
      title: 'Menjawab aduan dengan bahasa Indonesia yang baik dan benar',
      actorRoles: ['ppid_pelaksana', 'admin_medsos'],
      action: 'deliver',
      bakuMutu: { amount: 10, unit: 'minutes' },
      output: 'Laporan tanggapan pengaduan',
      transitions: [{ to: 'END' }],
      escalationRoles: ['ppid_pelaksana', 'pengelola_data'],
    },
  ],
  supervisorRoles: ['ppid_pelaksana', 'supervisor', 'auditor'],
  policies: { reopenStep: 'classify' },
};
