/**
 * Roles of the people who act on or read complaints. The SOPs name the same job in different words
 * (Kasi/Kasubbag terkait, seksi/subbagian terkait); each such job is one role here.
 */
export const STAFF_ROLES = [
  'petugas_loket', // Petugas Loket Pelayanan (front office)
  'staf_umum', // Staf Subbag Umum / Staf (JFU)
  'kasubbag_umum', // Kasubbag Umum & Kepegawaian
  'sekcam', // Sekretaris Camat
  'camat',
  'kasi_kasubbag', // Kasi / Kasubbag / seksi terkait: the section that handles the matter
  'admin_medsos', // Admin Website & Media Sosial (PPID)
  'pengelola_data', // Pengelola Data & Klarifikasi Informasi (PPID)
  'ppid_pelaksana',
  'admin_diskominfo',
  'admin_opd',
  'kepala_diskominfo',
] as const;

/** Roles that read across their scope and never act on a complaint. */
export const READ_ONLY_ROLES = ['supervisor', 'auditor'] as const;

/**
 * Roles that manage offices, SOP versions and the staff directory, never complaints. An
 * `office_admin` manages its own office (the token's office); a `regional_admin` manages every
 * office of its kabupaten/kota (the token's office claim is the region code, e.g. `KAB-TABANAN`) or,
 * with `*`, every office (national).
 */
export const ADMIN_ROLES = ['office_admin', 'regional_admin'] as const;

/** The complainant, acting on their own complaint through the public channel. */
export const COMPLAINANT_ROLE = 'pemohon' as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type ReadOnlyRole = (typeof READ_ONLY_ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type Role = StaffRole | ReadOnlyRole | AdminRole | typeof COMPLAINANT_ROLE;

export const ROLE_LABELS: Record<Role, string> = {
  petugas_loket: 'Petugas Loket Pelayanan',
  staf_umum: 'Staf Umum / JFU',
  kasubbag_umum: 'Kasubbag Umum dan Kepegawaian',
  sekcam: 'Sekretaris Camat',
  camat: 'Camat',
  kasi_kasubbag: 'Kasi / Kasubbag Terkait',
  admin_medsos: 'Admin Website dan Media Sosial',
  pengelola_data: 'Pengelola Data dan Klarifikasi Informasi',
  ppid_pelaksana: 'PPID Pelaksana',
  admin_diskominfo: 'Admin Diskominfo',
  admin_opd: 'Admin OPD',
  kepala_diskominfo: 'Kepala Diskominfo',
  supervisor: 'Pengawas',
  auditor: 'Auditor',
  office_admin: 'Administrator Kantor',
  regional_admin: 'Administrator Wilayah',
  pemohon: 'Pemohon / Pelapor',
};

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function isReadOnlyRole(role: string): role is ReadOnlyRole {
  return (READ_ONLY_ROLES as readonly string[]).includes(role);
}

export function isAdminRole(role: string): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}
