import { badInput, forbidden, inputExcerpt, notFound } from '../errors/gateway.errors';

/** The monthly recap feature's refusals (Indonesian, for staff apps). */
export const RecapErrors = {
  notFound: (officeCode: string, label: string) =>
    notFound(`Rekap bulanan ${label} kantor ${inputExcerpt(officeCode)} tidak ditemukan.`),
  noRecap: (officeCode: string) =>
    badInput(`Kantor ${inputExcerpt(officeCode)} tidak memiliki rekap bulanan dalam SOP-nya.`),
  foreignOffice: (office: string, recapOffice: string) =>
    forbidden(`Petugas kantor ${office} tidak berwenang atas rekap kantor ${inputExcerpt(recapOffice)}.`),
  officeRequired: () => badInput('Kode kantor wajib diisi untuk pengawas lintas kantor.'),
  badMonth: () => badInput('Bulan harus 1–12 dan tahun 2000–2100.'),
  notStartable: () => forbidden('Hanya petugas yang melaksanakan langkah rekap yang dapat memulai rekap bulanan.'),
};
