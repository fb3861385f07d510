import { badInput, forbidden, notFound } from '../errors/gateway.errors';

/** The audit feature's refusals. */
export const AuditErrors = {
  notFound: () => notFound('Aduan tidak ditemukan.'),
  notAllowed: () =>
    forbidden(
      'Riwayat dan audit aduan hanya untuk pengawas, auditor, serta camat/sekcam/kepala kantor yang bersangkutan.',
    ),
  badReference: () => badInput('Rujukan aduan tidak valid: gunakan ID aduan, ID alur kerja atau nomor register.'),
  unknownOffice: () => badInput('Kantor tidak dikenal.'),
  foreignOffice: (office: string) => forbidden(`Pengguna kantor ${office} tidak berwenang atas aduan ini.`),
};
