/**
 * Indonesian names of the domain's fixed vocabularies (channels, action kinds, outcomes), shared by
 * the pages, the CLI's text timeline and the HTML export, so staff read the same words everywhere.
 */
export { ROLE_LABELS } from './roles';

export const CHANNEL_LABELS: Record<string, string> = {
  langsung: 'Datang langsung',
  surat: 'Surat',
  telepon: 'Telepon',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  email: 'Surel (e-mail)',
  website: 'Situs web',
  facebook: 'Facebook',
  twitter: 'Twitter/X',
  instagram: 'Instagram',
};

/** What a notification was about (a v4 history records the kind and recipients, not the text). */
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  acknowledgment: 'Tanda terima aduan',
  reminder: 'Pengingat tenggat',
  escalation: 'Eskalasi',
  tunda: 'Pemberitahuan tunda',
  answer: 'Jawaban disampaikan',
  closed: 'Aduan ditutup',
};

export const ACTION_LABELS: Record<string, string> = {
  register: 'Pencatatan register',
  verify: 'Verifikasi',
  classify: 'Klasifikasi',
  dispose: 'Disposisi',
  review: 'Telaah dan saran',
  clarify: 'Klarifikasi / tindak lanjut',
  coordinate: 'Koordinasi',
  forward: 'Penerusan',
  decide: 'Keputusan',
  rapat: 'Hasil rapat',
  draft_answer: 'Rancangan jawaban',
  sign: 'Tanda tangan jawaban',
  deliver: 'Penyampaian jawaban',
  archive: 'Pengarsipan',
};

export const OUTCOME_LABELS: Record<string, string> = {
  done: 'selesai',
  accepted: 'diterima',
  tunda: 'ditunda',
  bukan_wewenang: 'bukan wewenang',
  rejected: 'ditolak',
  own: 'kewenangan sendiri',
  ppid: 'kewenangan PPID',
  decided: 'diputuskan',
  rapat: 'perlu rapat',
  koordinasi: 'perlu koordinasi',
  approved: 'disetujui',
  revise: 'dikembalikan untuk perbaikan',
  timeout: 'melewati baku mutu (otomatis)',
};

/** The months in Indonesian, January first (recaps, reports and SOP sheets name periods with them). */
export const MONTH_NAMES = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;
