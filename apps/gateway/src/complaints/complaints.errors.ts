import { badInput, forbidden, gatewayError, inputExcerpt, notFound } from '../errors/gateway.errors';

/** The complaint feature's refusals (Indonesian, for staff apps and citizens). */
export const ComplaintErrors = {
  notFound: () => notFound('Aduan tidak ditemukan.'),
  /** Same answer for an unknown register number and a wrong code: nothing to enumerate. */
  trackingRefused: () => notFound('Nomor register atau kode pelacakan tidak cocok.'),
  /** Names only the caller's own office: a refusal never tells which office owns a complaint. */
  foreignOffice: (office: string) =>
    forbidden(`Petugas kantor ${inputExcerpt(office)} tidak berwenang atas aduan ini.`),
  closed: () => gatewayError('INVALID_TRANSITION', 'Aduan sudah ditutup; tidak ada tindakan yang dapat dilakukan.'),
  requestIdReused: () =>
    gatewayError(
      'CONFLICT',
      'requestId ini sudah dipakai untuk permintaan lain (tindakan, petugas atau isi berbeda); gunakan requestId baru.',
    ),
  roleNotAllowed: (stepTitle: string) => forbidden(`Peran Anda tidak diizinkan melakukan langkah "${stepTitle}".`),
  noStepForAction: (kind: string) =>
    gatewayError('INVALID_TRANSITION', `Tidak ada langkah "${kind}" yang sedang menunggu tindakan pada aduan ini.`),
  ambiguousStep: (keys: string[]) =>
    badInput(`Ada beberapa langkah yang sedang berjalan (${keys.join(', ')}); sebutkan stepKey.`),
  unknownOffice: (office: string) =>
    badInput(`Kantor ${inputExcerpt(office)} tidak dikenal atau tidak memiliki SOP aktif.`),
  unknownSop: (sopId: string) => badInput(`SOP ${inputExcerpt(sopId)} tidak dikenal untuk kantor ini.`),
  invalid: (message: string, path?: string) =>
    badInput(path ? `Data tidak valid (${path}): ${message}` : `Data tidak valid: ${message}`),
};
