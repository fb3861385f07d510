import { DateTime, IANAZone } from 'luxon';
import { DomainError } from '../../domain/src/errors';
import type { BakuMutu, OfficeHours } from '../../domain/src/sop';
import { nationalHolidays } from './holidays';

/**
 * The working calendar of one office: its time zone, office hours per ISO weekday, its closures
 * (cuti bersama and the like) and the Indonesian national public holidays.
 *
 * How a baku mutu becomes a deadline (what an Indonesian office expects):
 * - Working time is the office hours of working days, in the office's own time zone (WIB, WITA,
 *   WIT), less their breaks (istirahat): ASN hours are 37.5 a week, e.g. 07:30–16:00 with a
 *   12:00–13:00 break. A day is a working day when its weekday has office hours and it is neither a
 *   national day off (libur nasional or cuti bersama, holidays.ts) nor an office closure. Office
 *   hours are half-open: at the closing minute (or a break's first minute) the office is closed.
 * - `menit` / `jam`: only working minutes count. A start outside office hours starts counting at
 *   the next opening. 60 menit submitted Friday 15:50 with Friday closing at 16:30 is due after
 *   40 minutes on Friday and 20 on the next working day (Monday 07:50 when Monday opens at 07:30).
 *   Time used up exactly at closing is due at closing, not at the next opening.
 * - `hari` (hari kerja) ends at the close of the working day it lands on. Counting starts at the
 *   effective start (the start itself within office hours, else the next opening). N working days
 *   land at the same local clock time on the N-th following working day, clamped into that day's
 *   office hours; a fraction of a day adds that fraction of the working minutes of the day on which
 *   it starts counting. The deadline is then the close of the working day on which the last
 *   counted minute falls: 1 hari from Monday 10:00 is due Tuesday at closing, and 1 hari from
 *   Monday's opening (e.g. a complaint received on Sunday) is due Monday at closing, not at
 *   Tuesday's opening. An office decides by the end of a working day, so a `hari` never expires
 *   in the middle of one, nor overnight.
 * - The reminder goes out when `reminderFraction` of the working minutes between the effective
 *   start and the due instant has elapsed (0 = no reminder).
 *
 * Instants are `Date`s or ISO 8601 strings with an offset (`Z`, `+07:00`); local dates are
 * `YYYY-MM-DD` in the office's time zone.
 */

export interface BusinessCalendarOptions {
  /** IANA zone, e.g. Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT). */
  timeZone: string;
  /** Office hours per weekday, with their breaks. */
  officeHours: readonly OfficeHours[];
  /** Local ISO dates on which the office is closed beyond the national holidays. */
  closures?: readonly string[];
  /** The national days off of a year; the SKB data (holidays.ts) unless given. */
  nationalDaysOff?: (year: number) => ReadonlySet<string>;
}

export type Instant = Date | string;

/** Whether an office is open at an instant, and when that changes. */
export interface OpeningState {
  open: boolean;
  /** When open: the closing or the start of a break; when closed: the next opening. */
  changesAt: Date;
}

export interface Deadline {
  /** Where counting starts: the start itself within office hours, else the next opening. */
  startAt: Date;
  dueAt: Date;
  /** Absent when the reminder fraction is 0. */
  reminderAt?: Date;
  /** Working minutes between `startAt` and `dueAt`. */
  workingMinutes: number;
}

/** Minutes of the local day, [start, end). */
interface DayInterval {
  start: number;
  end: number;
}

const MS_PER_MINUTE = 60_000;
/** A search for the next working time gives up after this many days (misconfigured office). */
const MAX_SEARCH_DAYS = 3_660;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

function badInput(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('BAD_USER_INPUT', message, details);
}

function parseTimeOfDay(value: string): number {
  const match = TIME_OF_DAY.exec(value);
  if (!match) throw badInput(`Jam kantor "${value}" harus berformat HH:MM.`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Epoch milliseconds of an instant; strings must be ISO 8601 with an offset. */
export function toEpochMillis(instant: Instant): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw badInput('Waktu tidak valid.');
    return ms;
  }
  // The form every stored instant has (`toISOString`): parsed by Date when it reads back unchanged,
  // which also refuses what Date would roll over (Feb 31); luxon's parse costs more than ten times that.
  if (typeof instant === 'string' && instant.length === 24 && instant.endsWith('Z')) {
    const ms = Date.parse(instant);
    if (!Number.isNaN(ms) && new Date(ms).toISOString() === instant) return ms;
  }
  if (typeof instant !== 'string' || !ISO_INSTANT_WITH_OFFSET.test(instant)) {
    throw badInput(
      `Waktu "${String(instant)}" harus berformat ISO 8601 dengan zona waktu, mis. 2026-03-20T10:00:00+07:00.`,
    );
  }
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!parsed.isValid) throw badInput(`Waktu "${instant}" tidak valid.`);
  return parsed.toMillis();
}

/** A local day of the office, once computed: its start, its office hours (none on a day off), the day after. */
interface LocalDay {
  start: number;
  dateTime: DateTime;
  hours: DayInterval[];
  next?: LocalDay;
}

/** Bound on the days a calendar remembers (a long-lived calendar instance must not grow forever). */
const MAX_REMEMBERED_DAYS = 4096;
/** Days `localDayAt` finds without zone arithmetic. */
const RECENT_DAYS = 4;

export class BusinessCalendar {
  readonly timeZone: string;
  /** Merged, sorted office hours per ISO weekday (index 1..7). */
  private readonly hours: DayInterval[][];
  private readonly closures: ReadonlySet<string>;
  private readonly nationalDaysOff: (year: number) => ReadonlySet<string>;
  /**
   * Local days already looked at, by their start (epoch ms): a deadline walks the same few days
   * several times (opening, due, reminder), and zoned calendar arithmetic is the expensive part.
   */
  private readonly days = new Map<number, LocalDay>();
  /**
   * The last days looked up by instant, each with its following day: a countdown asks for the same
   * few (today, the earliest deadline) on every read, and a zoned start of day costs microseconds.
   */
  private readonly recentDays: LocalDay[] = [];

  constructor(options: BusinessCalendarOptions) {
    if (typeof options.timeZone !== 'string' || !IANAZone.isValidZone(options.timeZone)) {
      throw badInput(`Zona waktu "${String(options.timeZone)}" tidak dikenal.`);
    }
    this.timeZone = options.timeZone;

    const perDay: DayInterval[][] = Array.from({ length: 8 }, () => []);
    for (const entry of options.officeHours ?? []) {
      if (!Number.isInteger(entry.weekday) || entry.weekday < 1 || entry.weekday > 7) {
        throw badInput(`Hari kerja ${String(entry.weekday)} harus 1 (Senin) sampai 7 (Minggu).`);
      }
      const start = parseTimeOfDay(entry.start);
      const end = parseTimeOfDay(entry.end);
      if (end <= start) throw badInput(`Jam kantor ${entry.start}–${entry.end} harus berakhir setelah dimulai.`);
      perDay[entry.weekday].push(...withoutBreaks({ start, end }, entry.breaks ?? []));
    }
    this.hours = perDay.map(mergeIntervals);
    if (this.hours.every((day) => day.length === 0)) throw badInput('Kantor harus punya jam kerja.');

    for (const date of options.closures ?? []) {
      if (!ISO_DATE.test(date) || !DateTime.fromISO(date).isValid) {
        throw badInput(`Tanggal libur kantor "${date}" harus berformat YYYY-MM-DD.`);
      }
    }
    this.closures = new Set(options.closures ?? []);
    this.nationalDaysOff = options.nationalDaysOff ?? nationalHolidays;
  }

  /**
   * Whether a day is a working day: a local ISO date (`YYYY-MM-DD`), or the local day of an
   * instant in the office's time zone.
   */
  isWorkingDay(date: Instant): boolean {
    return this.hoursOn(this.localDay(date)).length > 0;
  }

  /** Whether the office is open at an instant. */
  isOpen(instant: Instant): boolean {
    const at = toEpochMillis(instant);
    return this.nextOpeningMillis(at) === at;
  }

  /** Whether the office is open at an instant and when that changes (what a working-time countdown needs). */
  openingState(instant: Instant): OpeningState {
    const at = toEpochMillis(instant);
    for (const [start, end] of this.intervalsFrom(at)) {
      return start <= at ? { open: true, changesAt: new Date(end) } : { open: false, changesAt: new Date(start) };
    }
    throw this.noWorkingTime();
  }

  /** The instant itself when the office is open then, else the next opening. */
  nextOpening(instant: Instant): Date {
    return new Date(this.nextOpeningMillis(toEpochMillis(instant)));
  }

  /**
   * The instant at which `minutes` working minutes after `instant` have elapsed (0 returns the
   * instant unchanged). Fractions of a minute count to the millisecond.
   */
  addWorkingMinutes(instant: Instant, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) throw badInput('Jumlah menit kerja harus nol atau lebih.');
    const at = toEpochMillis(instant);
    return new Date(this.addWorkingMillis(at, Math.round(minutes * MS_PER_MINUTE)));
  }

  /**
   * The due instant of `days` working days from `instant` (see the rules above): the same local
   * clock time on the N-th following working day after the effective start, clamped into that
   * day's office hours; a fraction of a day adds that fraction of the working minutes of the day
   * on which it starts counting.
   */
  addWorkingDays(instant: Instant, days: number): Date {
    if (!Number.isFinite(days) || days < 0) throw badInput('Jumlah hari kerja harus nol atau lebih.');
    const start = this.nextOpeningMillis(toEpochMillis(instant));
    const whole = Math.floor(days);
    const fraction = days - whole;

    let due = start;
    if (whole > 0) {
      const startLocal = DateTime.fromMillis(start, { zone: this.timeZone });
      const clock = startLocal.diff(startLocal.startOf('day')).as('milliseconds');
      let day = startLocal.startOf('day');
      let remaining = whole;
      let idleDays = 0;
      while (remaining > 0) {
        day = day.plus({ days: 1 });
        if (this.hoursOn(day).length > 0) {
          remaining -= 1;
          idleDays = 0;
        } else if (++idleDays > MAX_SEARCH_DAYS) {
          throw this.noWorkingTime();
        }
      }
      const hours = this.hoursOn(day);
      const opening = hours[0].start * MS_PER_MINUTE;
      const closing = hours[hours.length - 1].end * MS_PER_MINUTE;
      due = day.plus({ milliseconds: Math.min(Math.max(clock, opening), closing) }).toMillis();
    }
    if (fraction > 0) {
      const from = this.nextOpeningMillis(due);
      const dayLength = this.hoursOn(DateTime.fromMillis(from, { zone: this.timeZone }).startOf('day')).reduce(
        (sum, interval) => sum + (interval.end - interval.start),
        0,
      );
      due = this.addWorkingMillis(due, Math.round(fraction * dayLength * MS_PER_MINUTE));
    }
    return new Date(this.closeOfLandingDay(due));
  }

  /**
   * The closing instant of the working day on which the working time up to `at` ends: `at`'s own
   * day when `at` is after that day's opening, else the previous working day.
   */
  private closeOfLandingDay(at: number): number {
    let day = DateTime.fromMillis(at, { zone: this.timeZone }).startOf('day');
    let hours = this.hoursOn(day);
    if (hours.length === 0 || at <= day.plus({ minutes: hours[0].start }).toMillis()) {
      let idleDays = 0;
      do {
        day = day.minus({ days: 1 });
        hours = this.hoursOn(day);
        if (++idleDays > MAX_SEARCH_DAYS) throw this.noWorkingTime();
      } while (hours.length === 0);
    }
    return day.plus({ minutes: hours[hours.length - 1].end }).toMillis();
  }

  /** Working minutes between two instants (0 when `to` is not after `from`); fractional to the millisecond. */
  workingMinutesBetween(from: Instant, to: Instant): number {
    const a = toEpochMillis(from);
    const b = toEpochMillis(to);
    if (b <= a) return 0;
    let total = 0;
    for (const [start, end] of this.intervalsFrom(a)) {
      if (start >= b) break;
      total += Math.min(end, b) - Math.max(start, a);
    }
    return total / MS_PER_MINUTE;
  }

  /** Working minutes from `from` until `to`; negative (the working minutes since) when `to` has passed. */
  workingMinutesUntil(from: Instant, to: Instant): number {
    return this.workingMinutesBetween(from, to) - this.workingMinutesBetween(to, from);
  }

  /**
   * `workingMinutesUntil(from, to)` for each of `targets`, walking the office hours once over the
   * span they cover (an inbox of 50 deadlines would otherwise walk the same days 50 times).
   */
  workingMinutesUntilEach(from: Instant, targets: readonly Instant[]): number[] {
    const origin = toEpochMillis(from);
    const points = targets.map(toEpochMillis);
    const low = Math.min(origin, ...points);
    const high = Math.max(origin, ...points);
    // Working intervals clipped to [low, high], with the working time elapsed before each.
    const intervals: { start: number; end: number; before: number }[] = [];
    let elapsed = 0;
    if (high > low) {
      for (const [start, end] of this.intervalsFrom(low)) {
        if (start >= high) break;
        const clipped = { start: Math.max(start, low), end: Math.min(end, high), before: elapsed };
        intervals.push(clipped);
        elapsed += clipped.end - clipped.start;
      }
    }
    const workedSinceLow = (at: number): number => {
      let lo = 0;
      let hi = intervals.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (intervals[mid]!.end <= at) lo = mid + 1;
        else hi = mid;
      }
      if (lo === intervals.length) return elapsed;
      const interval = intervals[lo]!;
      return interval.before + Math.max(0, at - interval.start);
    };
    const atOrigin = workedSinceLow(origin);
    return points.map((point) => (workedSinceLow(point) - atOrigin) / MS_PER_MINUTE);
  }

  /** The deadline of a baku mutu started at `startAt`, with its reminder (see the rules above). */
  deadline(startAt: Instant, bakuMutu: BakuMutu, reminderFraction = 0): Deadline {
    if (!Number.isFinite(bakuMutu.amount) || bakuMutu.amount <= 0) {
      throw badInput('Baku mutu harus lebih dari nol.');
    }
    if (!Number.isFinite(reminderFraction) || reminderFraction < 0 || reminderFraction >= 1) {
      throw badInput('Fraksi pengingat harus antara 0 dan kurang dari 1.');
    }
    const start = this.nextOpening(startAt);
    let dueAt: Date;
    let workingMinutes: number;
    switch (bakuMutu.unit) {
      case 'minutes':
      case 'hours':
        workingMinutes = bakuMutu.unit === 'hours' ? bakuMutu.amount * 60 : bakuMutu.amount;
        dueAt = this.addWorkingMinutes(start, workingMinutes);
        break;
      case 'working_days':
        dueAt = this.addWorkingDays(start, bakuMutu.amount);
        workingMinutes = this.workingMinutesBetween(start, dueAt);
        break;
      default: {
        const unit: never = bakuMutu.unit;
        throw badInput(`Satuan baku mutu "${String(unit)}" tidak dikenal.`);
      }
    }
    const reminderAt =
      reminderFraction > 0 ? this.addWorkingMinutes(start, workingMinutes * reminderFraction) : undefined;
    return { startAt: start, dueAt, reminderAt, workingMinutes };
  }

  // --- internals ------------------------------------------------------------------------------

  private localDay(date: Instant): DateTime {
    if (typeof date === 'string' && ISO_DATE.test(date)) {
      const day = DateTime.fromISO(date, { zone: this.timeZone });
      if (!day.isValid) throw badInput(`Tanggal "${date}" tidak valid.`);
      return day.startOf('day');
    }
    return DateTime.fromMillis(toEpochMillis(date), { zone: this.timeZone }).startOf('day');
  }

  /** Office hours of a local day (start of day in the office zone); empty on a day off. */
  private hoursOn(day: DateTime): DayInterval[] {
    const iso = day.toISODate() as string;
    if (this.closures.has(iso) || this.nationalDaysOff(day.year).has(iso)) return [];
    return this.hours[day.weekday];
  }

  /** The local day (in the office zone) that holds an instant. */
  private localDayAt(at: number): LocalDay {
    for (const day of this.recentDays) {
      if (at >= day.start && at < day.next!.start) return day;
    }
    const day = this.remembered(DateTime.fromMillis(at, { zone: this.timeZone }).startOf('day'));
    // With its end known, the next lookups of an instant on this day need no zone arithmetic.
    this.followingDay(day);
    this.recentDays.unshift(day);
    if (this.recentDays.length > RECENT_DAYS) this.recentDays.pop();
    return day;
  }

  private remembered(day: DateTime): LocalDay {
    const start = day.toMillis();
    let known = this.days.get(start);
    if (!known) {
      if (this.days.size >= MAX_REMEMBERED_DAYS) this.days.clear();
      known = { start, dateTime: day, hours: this.hoursOn(day) };
      this.days.set(start, known);
    }
    return known;
  }

  private followingDay(day: LocalDay): LocalDay {
    day.next ??= this.remembered(day.dateTime.plus({ days: 1 }));
    return day.next;
  }

  /** Working intervals [start, end) in epoch ms, in order, from the local day of `at` onwards. */
  private *intervalsFrom(at: number): Generator<[number, number]> {
    let day = this.localDayAt(at);
    let idleDays = 0;
    for (;;) {
      for (const interval of day.hours) {
        // Minutes after the start of the day are elapsed time (as luxon's `plus({ minutes })`), not wall clock.
        const end = day.start + interval.end * MS_PER_MINUTE;
        if (end > at) yield [day.start + interval.start * MS_PER_MINUTE, end];
      }
      idleDays = day.hours.length > 0 ? 0 : idleDays + 1;
      if (idleDays > MAX_SEARCH_DAYS) throw this.noWorkingTime();
      day = this.followingDay(day);
    }
  }

  private nextOpeningMillis(at: number): number {
    for (const [start] of this.intervalsFrom(at)) return Math.max(start, at);
    throw this.noWorkingTime();
  }

  private addWorkingMillis(at: number, millis: number): number {
    if (millis <= 0) return at;
    let remaining = millis;
    for (const [start, end] of this.intervalsFrom(at)) {
      const from = Math.max(start, at);
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
    }
    throw this.noWorkingTime();
  }

  private noWorkingTime(): DomainError {
    return badInput(`Tidak ada hari kerja dalam ${MAX_SEARCH_DAYS} hari: periksa jam kantor dan tanggal libur kantor.`);
  }
}

/** Office hours less their breaks (a break outside the hours is ignored; the validator refuses it). */
function withoutBreaks(hours: DayInterval, breaks: readonly { start: string; end: string }[]): DayInterval[] {
  let parts: DayInterval[] = [hours];
  for (const pause of breaks) {
    const start = parseTimeOfDay(pause.start);
    const end = parseTimeOfDay(pause.end);
    if (end <= start) throw badInput(`Istirahat ${pause.start}–${pause.end} harus berakhir setelah dimulai.`);
    parts = parts.flatMap((part) =>
      end <= part.start || start >= part.end
        ? [part]
        : [
            ...(start > part.start ? [{ start: part.start, end: start }] : []),
            ...(end < part.end ? [{ start: end, end: part.end }] : []),
          ],
    );
  }
  return parts;
}

function mergeIntervals(intervals: DayInterval[]): DayInterval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: DayInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}
