import Holidays from 'date-holidays';

/**
 * Indonesian national public holidays (hari libur nasional) from the maintained `date-holidays`
 * data, as local ISO dates (`YYYY-MM-DD`). Only holidays of type `public` count.
 *
 * A holiday is the whole calendar day wherever the office is: the library lets Islamic holidays
 * start the evening before (18:00), but offices close on the day itself, so only the date part is
 * used. Islamic holiday dates are computed by the library and may differ by a day from the
 * government's SKB; offices record such differences, and cuti bersama, as closures.
 */

const COUNTRY = 'ID';

let source: Holidays | undefined;
const byYear = new Map<number, ReadonlySet<string>>();

function holidaySource(): Holidays {
  source ??= new Holidays(COUNTRY);
  return source;
}

/** The public holidays of one year; computed once per year and cached for the process. */
export function nationalHolidays(year: number): ReadonlySet<string> {
  let dates = byYear.get(year);
  if (!dates) {
    dates = new Set(
      holidaySource()
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byYear.set(year, dates);
  }
  return dates;
}

/** Whether a local ISO date (`YYYY-MM-DD`) is an Indonesian national public holiday. */
export function isNationalHoliday(isoDate: string): boolean {
  return nationalHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}
