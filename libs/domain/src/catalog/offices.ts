import type { OfficeHours, SopDefinitionInput } from '../sop';

type OfficeInput = SopDefinitionInput['office'];

/**
 * Working hours of Indonesian local government offices on the five-day week (the pattern of Keppres
 * 68/1995 kept by most pemda): Monday–Thursday 07:30–16:00, Friday 07:30–16:30. Saturdays, Sundays
 * and national holidays are not working days. One table for every office in the catalog; an office
 * with other hours gives its own table.
 */
export const FIVE_DAY_WEEK: OfficeHours[] = [
  { weekday: 1, start: '07:30', end: '16:00' },
  { weekday: 2, start: '07:30', end: '16:00' },
  { weekday: 3, start: '07:30', end: '16:00' },
  { weekday: 4, start: '07:30', end: '16:00' },
  { weekday: 5, start: '07:30', end: '16:30' },
];

// Closures (cuti bersama) are left empty: they are announced yearly and added by each office.

export const KEBAKKRAMAT: OfficeInput = {
  code: 'KEBAKKRAMAT',
  name: 'Kantor Kecamatan Kebakkramat, Kabupaten Karanganyar',
  kind: 'kecamatan',
  timeZone: 'Asia/Jakarta',
  officeHours: FIVE_DAY_WEEK,
};

export const PPID_KARANGANYAR: OfficeInput = {
  code: 'PPID-KRA',
  name: 'PPID Kabupaten Karanganyar',
  kind: 'ppid',
  timeZone: 'Asia/Jakarta',
  officeHours: FIVE_DAY_WEEK,
};

export const DISKOMINFO_KARANGANYAR: OfficeInput = {
  code: 'DISKOMINFO-KRA',
  name: 'Dinas Komunikasi dan Informatika Kabupaten Karanganyar',
  kind: 'dinas',
  timeZone: 'Asia/Jakarta',
  officeHours: FIVE_DAY_WEEK,
};

export const SELEMADEG_TIMUR: OfficeInput = {
  code: 'SELEMADEG-TIMUR',
  name: 'Kantor Camat Selemadeg Timur, Kabupaten Tabanan',
  kind: 'kecamatan',
  timeZone: 'Asia/Makassar',
  officeHours: FIVE_DAY_WEEK,
};

export const PALARAN: OfficeInput = {
  code: 'PALARAN',
  name: 'Kantor Kecamatan Palaran, Kota Samarinda',
  kind: 'kecamatan',
  timeZone: 'Asia/Makassar',
  officeHours: FIVE_DAY_WEEK,
};

/** Who reads every complaint of a kecamatan (they never act through this list). */
export const KECAMATAN_SUPERVISORS: SopDefinitionInput['supervisorRoles'] = [
  'camat',
  'sekcam',
  'supervisor',
  'auditor',
];
