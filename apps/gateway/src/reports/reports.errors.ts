import { badInput, forbidden, notFound } from '../errors/gateway.errors';

/** The reports feature's refusals (Indonesian, for staff apps). */
export const ReportErrors = {
  officeRequired: () => badInput('Kode kantor wajib diisi untuk pengawas lintas kantor.'),
  foreignOffice: (office: string, reportOffice: string) =>
    forbidden(`Petugas kantor ${office} tidak berwenang atas laporan kantor ${reportOffice}.`),
  badPeriod: () => badInput('Periode laporan tidak valid: tahun 2000–2100, bulan 1–12 (kosong untuk setahun).'),
  unknownOffice: (officeCode: string) => notFound(`Kantor ${officeCode} tidak dikenal.`),
  badFormat: () => badInput('Format unduhan harus csv atau xlsx.'),
};
