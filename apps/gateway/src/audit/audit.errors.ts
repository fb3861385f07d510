import { forbidden, notFound } from '../errors/gateway.errors';

/** The audit feature's refusals. */
export const AuditErrors = {
  notFound: () => notFound('Aduan tidak ditemukan.'),
  notAllowed: () =>
    forbidden(
      'Riwayat dan audit aduan hanya untuk pengawas, auditor, serta camat/sekcam/kepala kantor yang bersangkutan.',
    ),
  foreignOffice: (office: string) => forbidden(`Pengguna kantor ${office} tidak berwenang atas aduan ini.`),
};
