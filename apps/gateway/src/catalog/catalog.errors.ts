import type { SopProblem } from '../../../../libs/domain/src/sop-validator';
import { badInput, forbidden, gatewayError, notFound } from '../errors/gateway.errors';

/** Refusals of the catalog administration (Indonesian, for admin apps). */
export const CatalogErrors = {
  notAdmin: () =>
    forbidden('Hanya administrator kantor atau administrator wilayah yang dapat mengubah kantor, SOP dan petugas.'),
  auditNotAllowed: () => forbidden('Jejak perubahan hanya dapat dibaca administrator, pengawas dan auditor.'),
  outOfScope: (officeCode: string) => forbidden(`Anda tidak berwenang mengelola kantor ${officeCode}.`),
  newOfficeNeedsRegionalAdmin: () =>
    forbidden('Kantor baru hanya dapat dibuat oleh administrator wilayah (kabupaten/kota) atau nasional.'),
  unknownOffice: (officeCode: string) => notFound(`Kantor ${officeCode} tidak ditemukan.`),
  unknownVersion: (sopId: string, version: number) => notFound(`SOP ${sopId} versi ${version} tidak ditemukan.`),
  invalidOffice: (problems: string[]) =>
    badInput(`Data kantor tidak valid: ${problems.join('; ')}`, { problems: problems.map((message) => ({ message })) }),
  invalidStaff: (problems: string[]) => badInput(`Data petugas tidak valid: ${problems.join('; ')}`, { problems }),
  oneSource: () => badInput('Isi salah satu: document (YAML/JSON) atau definition (terstruktur), tidak keduanya.'),
  documentNotObject: () => badInput('Dokumen SOP harus berupa objek YAML/JSON (id, title, steps, …).'),
  missingOffice: () => badInput('Kantor SOP wajib diisi: office: KODE di dokumen, atau officeCode.'),
  badSopId: () => badInput('id SOP wajib diisi: huruf kecil, angka, tanda hubung (mis. palaran-pengaduan).'),
  sopOfOtherOffice: (sopId: string, officeCode: string) =>
    gatewayError('CONFLICT', `SOP ${sopId} milik kantor ${officeCode}; gunakan id SOP lain.`),
  notDraft: (sopId: string, version: number, status: string) =>
    gatewayError('CONFLICT', `SOP ${sopId} versi ${version} berstatus ${status}, bukan draf.`),
  notPublished: (sopId: string, version: number, status: string) =>
    gatewayError(
      'CONFLICT',
      `SOP ${sopId} versi ${version} berstatus ${status}; hanya versi terbit yang dapat dicabut.`,
    ),
  invalidSop: (sopId: string, version: number | undefined, problems: SopProblem[]) =>
    gatewayError(
      'INVALID_SOP',
      `SOP ${sopId}${version ? ` versi ${version}` : ''} tidak valid (${problems.length} masalah): ${problems
        .map((problem) => problem.message)
        .join('; ')}`,
      { problems },
    ),
  badEffectiveDate: (date: string, today: string) =>
    badInput(`Tanggal berlaku ${date} harus berformat YYYY-MM-DD dan tidak sebelum hari ini (${today}).`),
};
