import * as fs from 'node:fs';
import * as path from 'node:path';
import Holidays from 'date-holidays';
import { z } from 'zod';
import { seedsDirectory } from '../../domain/src/catalog/seed-files';
import { parseDocumentText } from '../../domain/src/sop-document';

/**
 * The national days off of Indonesian government offices, as local ISO dates (`YYYY-MM-DD`):
 * hari libur nasional and cuti bersama.
 *
 * Source, per year: the SKB of the Menteri Agama, Menteri Ketenagakerjaan and Menteri PANRB as
 * data, `seeds/calendar/<year>.yaml` (`holidays`, `cutiBersama`). A year without an SKB file, or a
 * file without `holidays`, falls back to the computed public holidays of `date-holidays` (whose
 * Islamic dates can be a day off the SKB's). Either way the file's overrides apply last: `add`
 * (a day off the list lacks, e.g. a cuti bersama announced later) and `remove` (a computed date the
 * SKB does not have). An office's own closures are its `closures`.
 *
 * A day off is the whole calendar day wherever the office is (the library lets Islamic holidays
 * start at 18:00 the evening before; only the date counts). Loaded once per year per process;
 * deadlines already computed are in the workflow histories, so a data change never alters them.
 */

export type DayOffKind = 'libur_nasional' | 'cuti_bersama';

export interface DayOff {
  date: string;
  name: string;
  kind: DayOffKind;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'tanggal harus berformat YYYY-MM-DD');
const namedDay = z.object({ date: isoDate, name: z.string().min(1) });
const yearFileSchema = z.object({
  year: z.number().int(),
  source: z.string().min(1),
  holidays: z.array(namedDay).optional(),
  cutiBersama: z.array(namedDay).default([]),
  add: z
    .array(namedDay.extend({ kind: z.enum(['libur_nasional', 'cuti_bersama']).default('cuti_bersama') }))
    .default([]),
  remove: z.array(isoDate).default([]),
});
export type HolidayYearFile = z.infer<typeof yearFileSchema>;

const COUNTRY = 'ID';
let computedSource: Holidays | undefined;
const byYear = new Map<number, ReadonlyMap<string, DayOff>>();

/** The SKB data file of a year, if there is one (validated: a wrong file fails loudly). */
export function readHolidayYear(
  year: number,
  dir = path.join(seedsDirectory(), 'calendar'),
): HolidayYearFile | undefined {
  const file = path.join(dir, `${year}.yaml`);
  if (!fs.existsSync(file)) return undefined;
  const parsed = yearFileSchema.safeParse(parseDocumentText(fs.readFileSync(file, 'utf8'), path.basename(file)));
  if (!parsed.success || parsed.data.year !== year) {
    const problems = parsed.success
      ? [`year ${parsed.data.year} ≠ ${year}`]
      : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  for (const day of [...(parsed.data.holidays ?? []), ...parsed.data.cutiBersama, ...parsed.data.add]) {
    if (!day.date.startsWith(`${year}-`)) throw new Error(`${file}: ${day.date} is not in ${year}`);
  }
  return parsed.data;
}

function computedHolidays(year: number): DayOff[] {
  computedSource ??= new Holidays(COUNTRY);
  return computedSource
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name, kind: 'libur_nasional' as const }));
}

/** Combines a year's data: the SKB list (or the computed one), cuti bersama, then add and remove. */
export function daysOffOf(year: number, file: HolidayYearFile | undefined): ReadonlyMap<string, DayOff> {
  const days = new Map<string, DayOff>();
  const holidays = file?.holidays
    ? file.holidays.map((day) => ({ ...day, kind: 'libur_nasional' as const }))
    : computedHolidays(year);
  for (const day of holidays) days.set(day.date, day);
  for (const day of file?.cutiBersama ?? []) days.set(day.date, { ...day, kind: 'cuti_bersama' });
  for (const day of file?.add ?? []) days.set(day.date, day);
  for (const date of file?.remove ?? []) days.delete(date);
  return days;
}

/** The national days off of one year (libur nasional and cuti bersama), by date. */
export function nationalDaysOff(year: number): ReadonlyMap<string, DayOff> {
  let days = byYear.get(year);
  if (!days) {
    days = daysOffOf(year, readHolidayYear(year));
    byYear.set(year, days);
  }
  return days;
}

/** The dates of a year's national days off; the same set object on every call. */
const dateSets = new Map<number, ReadonlySet<string>>();
export function nationalHolidays(year: number): ReadonlySet<string> {
  let dates = dateSets.get(year);
  if (!dates) {
    dates = new Set(nationalDaysOff(year).keys());
    dateSets.set(year, dates);
  }
  return dates;
}

/** Whether a local ISO date (`YYYY-MM-DD`) is a national day off (libur nasional or cuti bersama). */
export function isNationalHoliday(isoDate: string): boolean {
  return nationalHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}
