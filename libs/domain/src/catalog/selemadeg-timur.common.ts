import type { SopDefinitionInput } from '../sop';
import { KECAMATAN_SUPERVISORS, SELEMADEG_TIMUR } from './offices';

/**
 * Seed 003: Kecamatan Selemadeg Timur, Kabupaten Tabanan — "Pengaduan Masyarakat", No. 065/2262/Org.
 * (made 28 March 2019, revised 8 October 2019; the effective date is the revision). Signed by Camat
 * Selemadeg Timur. Channels: e-mail, website, SMS, telephone, in person. Warning of the seed:
 * complaints are to be followed up per procedure. The document holds two tables, both kept as
 * variants A (10 steps) and B (6 steps).
 */
export const SELEMADEG_TIMUR_COMMON = {
  version: 1,
  title: 'Pengaduan Masyarakat',
  sopNumber: '065/2262/Org.',
  effectiveDate: '2019-10-08',
  office: SELEMADEG_TIMUR,
  source: '003_de5a4513024f93eb.txt',
  supervisorRoles: KECAMATAN_SUPERVISORS,
} satisfies Partial<SopDefinitionInput>;
