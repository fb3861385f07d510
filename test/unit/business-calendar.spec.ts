import { BusinessCalendar } from '../../libs/calendar/src/business-calendar';
import { nationalHolidays } from '../../libs/calendar/src/holidays';
import { DomainError } from '../../libs/domain/src/errors';
import type { OfficeHours } from '../../libs/domain/src/sop';

/*
 * Every expected instant below was worked out by hand from the office hours and a wall calendar,
 * with the local time in the comment. WIB = UTC+7, WITA = UTC+8, WIT = UTC+9 (no daylight saving).
 * Calendar facts used: 2026-11-20, 2026-05-29 and 2026-08-14 are Fridays; 2026-06-01 (Hari Lahir
 * Pancasila) and 2026-08-17 (Kemerdekaan) are Mondays; 2026-03-17 is a Tuesday, Nyepi 2026-03-19
 * a Thursday, Idul Fitri 2026-03-20 a Friday.
 */

function weekdays(days: number[], start: string, end: string): OfficeHours[] {
  return days.map((weekday) => ({ weekday, start, end }));
}

/** A kecamatan in Karanganyar: Mon–Thu 07:30–16:00, Fri 07:30–16:30 (WIB). */
const KECAMATAN_HOURS: OfficeHours[] = [
  ...weekdays([1, 2, 3, 4], '07:30', '16:00'),
  { weekday: 5, start: '07:30', end: '16:30' },
];
const karanganyar = new BusinessCalendar({ timeZone: 'Asia/Jakarta', officeHours: KECAMATAN_HOURS, closures: [] });

/** Cuti bersama around Idul Fitri 1447 H (2026) as office closures. */
const CUTI_BERSAMA_2026 = ['2026-03-18', '2026-03-23', '2026-03-24'];

const iso = (date: Date | undefined) => date?.toISOString();

describe('national holidays (date-holidays, ID)', () => {
  it('knows the Indonesian public holidays of 2025–2027', () => {
    const y2026 = nationalHolidays(2026);
    for (const date of [
      '2026-01-01', // Tahun Baru
      '2026-03-19', // Nyepi
      '2026-03-20', // Idul Fitri 1447 H
      '2026-05-27', // Idul Adha
      '2026-05-31', // Waisak
      '2026-06-01', // Hari Lahir Pancasila
      '2026-08-17', // Kemerdekaan
      '2026-12-25', // Natal
    ]) {
      expect(y2026.has(date)).toBe(true);
    }
    expect(nationalHolidays(2025).has('2025-03-31')).toBe(true); // Idul Fitri 1446 H
    expect(nationalHolidays(2025).has('2025-06-06')).toBe(true); // Idul Adha
    expect(nationalHolidays(2027).has('2027-03-09')).toBe(true); // Idul Fitri 1448 H
    expect(nationalHolidays(2027).has('2027-08-17')).toBe(true);
    expect(y2026.has('2026-08-18')).toBe(false);
  });

  it('caches the holiday set of a year', () => {
    expect(nationalHolidays(2026)).toBe(nationalHolidays(2026));
  });
});

describe('BusinessCalendar', () => {
  describe('isWorkingDay', () => {
    it('excludes weekends, national holidays and closures', () => {
      const calendar = new BusinessCalendar({
        timeZone: 'Asia/Jakarta',
        officeHours: KECAMATAN_HOURS,
        closures: CUTI_BERSAMA_2026,
      });
      expect(calendar.isWorkingDay('2026-08-17')).toBe(false); // Monday, Kemerdekaan
      expect(calendar.isWorkingDay('2026-08-18')).toBe(true); // Tuesday
      expect(calendar.isWorkingDay('2026-11-21')).toBe(false); // Saturday
      expect(calendar.isWorkingDay('2026-03-18')).toBe(false); // Wednesday, cuti bersama
      expect(calendar.isWorkingDay('2026-03-25')).toBe(true); // Wednesday after Lebaran
    });

    it('takes the day of an instant in the office time zone', () => {
      // 2026-08-17T17:30Z is Monday 17 Aug in UTC but Tuesday 18 Aug 00:30 WIB.
      expect(karanganyar.isWorkingDay('2026-08-17T17:30:00Z')).toBe(true);
      // 2026-08-16T17:30Z is Monday 17 Aug 00:30 WIB: Kemerdekaan.
      expect(karanganyar.isWorkingDay(new Date('2026-08-16T17:30:00Z'))).toBe(false);
    });
  });

  describe('nextOpening', () => {
    it('returns the instant itself within office hours and the next opening outside them', () => {
      // Wednesday 10:00 WIB: open.
      expect(iso(karanganyar.nextOpening('2026-11-18T03:00:00Z'))).toBe('2026-11-18T03:00:00.000Z');
      // Wednesday 06:00 WIB → Wednesday 07:30 WIB.
      expect(iso(karanganyar.nextOpening('2026-11-17T23:00:00Z'))).toBe('2026-11-18T00:30:00.000Z');
      // Friday 16:30 WIB, the closing minute → Monday 07:30 WIB.
      expect(iso(karanganyar.nextOpening('2026-11-20T09:30:00Z'))).toBe('2026-11-23T00:30:00.000Z');
      expect(karanganyar.isOpen('2026-11-20T09:29:59Z')).toBe(true);
      expect(karanganyar.isOpen('2026-11-20T09:30:00Z')).toBe(false);
    });
  });

  describe('minutes and hours', () => {
    it('counts 60 menit across Friday closing into Monday morning', () => {
      // Friday 20 Nov 15:50 WIB: 40 min until 16:30, 20 min from Monday 07:30 → Monday 07:50 WIB.
      const deadline = karanganyar.deadline('2026-11-20T15:50:00+07:00', { amount: 60, unit: 'minutes' }, 0.8);
      expect(iso(deadline.dueAt)).toBe('2026-11-23T00:50:00.000Z');
      expect(deadline.workingMinutes).toBe(60);
      // 80 % = 48 min: 40 on Friday, 8 on Monday → Monday 07:38 WIB.
      expect(iso(deadline.reminderAt)).toBe('2026-11-23T00:38:00.000Z');
    });

    it('skips a national holiday on the Monday after the weekend', () => {
      // Friday 29 May 2026 15:50 WIB: 40 min Friday; Sunday 31 May Waisak, Monday 1 June Pancasila;
      // 20 min from Tuesday 2 June 07:30 → 07:50 WIB.
      const due = karanganyar.addWorkingMinutes('2026-05-29T08:50:00Z', 60);
      expect(iso(due)).toBe('2026-06-02T00:50:00.000Z');
    });

    it('counts 3 jam across a weekend', () => {
      // Friday 20 Nov 14:30 WIB: 120 min until 16:30, 60 min from Monday 07:30 → Monday 08:30 WIB.
      const deadline = karanganyar.deadline('2026-11-20T07:30:00Z', { amount: 3, unit: 'hours' }, 0);
      expect(iso(deadline.dueAt)).toBe('2026-11-23T01:30:00.000Z');
      expect(deadline.workingMinutes).toBe(180);
      expect(deadline.reminderAt).toBeUndefined();
    });

    it('is due at closing when the time is used up exactly at closing', () => {
      // Thursday 19 Nov 15:30 WIB + 30 min = 16:00 WIB closing, not Friday's opening.
      expect(iso(karanganyar.addWorkingMinutes('2026-11-19T08:30:00Z', 30))).toBe('2026-11-19T09:00:00.000Z');
    });

    it('starts counting at the next opening when submitted on a Saturday', () => {
      // Saturday 21 Nov 09:00 WIB → Monday 07:30 + 30 min = 08:00 WIB.
      const deadline = karanganyar.deadline('2026-11-21T02:00:00Z', { amount: 30, unit: 'minutes' }, 0.5);
      expect(iso(deadline.startAt)).toBe('2026-11-23T00:30:00.000Z');
      expect(iso(deadline.dueAt)).toBe('2026-11-23T01:00:00.000Z');
      // 50 % = 15 min after Monday 07:30 → 07:45 WIB.
      expect(iso(deadline.reminderAt)).toBe('2026-11-23T00:45:00.000Z');
    });

    it('pauses over the Friday prayer break of split office hours', () => {
      const calendar = new BusinessCalendar({
        timeZone: 'Asia/Jakarta',
        officeHours: [
          ...weekdays([1, 2, 3, 4], '07:30', '16:00'),
          { weekday: 5, start: '07:30', end: '11:00' },
          { weekday: 5, start: '13:00', end: '16:30' },
        ],
      });
      // Friday 20 Nov 10:30 WIB: 30 min until 11:00, 30 min from 13:00 → 13:30 WIB.
      expect(iso(calendar.addWorkingMinutes('2026-11-20T03:30:00Z', 60))).toBe('2026-11-20T06:30:00.000Z');
      // Friday 12:00 WIB (in the break) → 13:00 WIB.
      expect(iso(calendar.nextOpening('2026-11-20T05:00:00Z'))).toBe('2026-11-20T06:00:00.000Z');
    });

    it('gives different deadlines for the same UTC instant in WIB, WITA and WIT', () => {
      const start = '2026-11-19T08:30:00Z'; // Thursday: 15:30 WIB, 16:30 WITA, 17:30 WIT
      const bakuMutu = { amount: 60, unit: 'minutes' } as const;
      const at = (timeZone: string) =>
        iso(new BusinessCalendar({ timeZone, officeHours: KECAMATAN_HOURS }).deadline(start, bakuMutu).dueAt);
      // WIB: 30 min Thursday until 16:00, 30 min from Friday 07:30 → Friday 08:00 WIB = 01:00Z.
      expect(at('Asia/Jakarta')).toBe('2026-11-20T01:00:00.000Z');
      // WITA: after closing; Friday 07:30 + 60 → 08:30 WITA = 00:30Z.
      expect(at('Asia/Makassar')).toBe('2026-11-20T00:30:00.000Z');
      // WIT: after closing; Friday 07:30 + 60 → 08:30 WIT = Thursday 23:30Z.
      expect(at('Asia/Jayapura')).toBe('2026-11-19T23:30:00.000Z');
    });
  });

  describe('working days (hari kerja)', () => {
    it('counts 2 hari across a weekend and 17 Agustus', () => {
      // Friday 14 Aug 2026 10:00 WIB; Sat, Sun, Mon 17 Aug (Kemerdekaan) are off;
      // day 1 = Tuesday 18, day 2 = Wednesday 19 → Wednesday 10:00 WIB.
      const deadline = karanganyar.deadline('2026-08-14T03:00:00Z', { amount: 2, unit: 'working_days' }, 0.8);
      expect(iso(deadline.dueAt)).toBe('2026-08-19T03:00:00.000Z');
      // Friday 10:00–16:30 = 390, Tuesday 07:30–16:00 = 510, Wednesday 07:30–10:00 = 150.
      expect(deadline.workingMinutes).toBe(1050);
      // 80 % of 1050 = 840 = 390 Friday + 450 Tuesday → Tuesday 07:30 + 7.5 h = 15:00 WIB.
      expect(iso(deadline.reminderAt)).toBe('2026-08-18T08:00:00.000Z');
    });

    it('skips cuti bersama closures around Idul Fitri 2026', () => {
      // Tuesday 17 Mar 2026 10:00 WIB, 1 hari. Without closures: Wed 18 is a working day.
      const start = '2026-03-17T03:00:00Z';
      expect(iso(karanganyar.addWorkingDays(start, 1))).toBe('2026-03-18T03:00:00.000Z');
      // With cuti bersama: Wed 18 (cuti), Thu 19 (Nyepi), Fri 20 (Idul Fitri), Sat 21, Sun 22,
      // Mon 23 and Tue 24 (cuti) are off → Wednesday 25 Mar 10:00 WIB.
      const calendar = new BusinessCalendar({
        timeZone: 'Asia/Jakarta',
        officeHours: KECAMATAN_HOURS,
        closures: CUTI_BERSAMA_2026,
      });
      const deadline = calendar.deadline(start, { amount: 1, unit: 'working_days' });
      expect(iso(deadline.dueAt)).toBe('2026-03-25T03:00:00.000Z');
      // Tuesday 10:00–16:00 = 360, Wednesday 25 07:30–10:00 = 150.
      expect(deadline.workingMinutes).toBe(510);
    });

    it('counts from the opening when submitted before opening', () => {
      // Wednesday 18 Nov 06:00 WIB → starts 07:30; 1 hari → Thursday 07:30 WIB.
      const deadline = karanganyar.deadline('2026-11-17T23:00:00Z', { amount: 1, unit: 'working_days' });
      expect(iso(deadline.startAt)).toBe('2026-11-18T00:30:00.000Z');
      expect(iso(deadline.dueAt)).toBe('2026-11-19T00:30:00.000Z');
      expect(deadline.workingMinutes).toBe(510);
    });

    it("counts from the next working day's opening when submitted after closing", () => {
      // Wednesday 18 Nov 17:00 WIB → starts Thursday 07:30; 1 hari → Friday 07:30 WIB.
      const deadline = karanganyar.deadline('2026-11-18T10:00:00Z', { amount: 1, unit: 'working_days' });
      expect(iso(deadline.startAt)).toBe('2026-11-19T00:30:00.000Z');
      expect(iso(deadline.dueAt)).toBe('2026-11-20T00:30:00.000Z');
      expect(deadline.workingMinutes).toBe(510);
    });

    it("clamps to a short Friday's closing", () => {
      // Palaran-like WITA office: Mon–Thu 08:00–16:00, Fri 08:00–11:30.
      const calendar = new BusinessCalendar({
        timeZone: 'Asia/Makassar',
        officeHours: [...weekdays([1, 2, 3, 4], '08:00', '16:00'), { weekday: 5, start: '08:00', end: '11:30' }],
      });
      // Thursday 19 Nov 14:00 WITA, 1 hari → Friday 14:00 is past 11:30 → Friday 11:30 WITA = 03:30Z.
      const deadline = calendar.deadline('2026-11-19T06:00:00Z', { amount: 1, unit: 'working_days' }, 0.8);
      expect(iso(deadline.dueAt)).toBe('2026-11-20T03:30:00.000Z');
      // Thursday 14:00–16:00 = 120, Friday 08:00–11:30 = 210.
      expect(deadline.workingMinutes).toBe(330);
      // 80 % of 330 = 264 = 120 Thursday + 144 Friday → Friday 10:24 WITA = 02:24Z.
      expect(iso(deadline.reminderAt)).toBe('2026-11-20T02:24:00.000Z');
    });

    it('counts a half working day in working minutes of the day it starts on', () => {
      // Monday 23 Nov 07:30 WIB + 0.5 hari = 255 of Monday's 510 min → 11:45 WIB.
      expect(iso(karanganyar.addWorkingDays('2026-11-23T00:30:00Z', 0.5))).toBe('2026-11-23T04:45:00.000Z');
    });
  });

  describe('workingMinutesBetween', () => {
    it('counts only office hours between two instants', () => {
      // Friday 20 Nov 15:00 WIB → Monday 23 Nov 09:00 WIB: 90 min Friday + 90 min Monday.
      expect(karanganyar.workingMinutesBetween('2026-11-20T08:00:00Z', '2026-11-23T02:00:00Z')).toBe(180);
      // Saturday to Sunday: nothing.
      expect(karanganyar.workingMinutesBetween('2026-11-21T02:00:00Z', '2026-11-22T09:00:00Z')).toBe(0);
      // Reversed: nothing.
      expect(karanganyar.workingMinutesBetween('2026-11-23T02:00:00Z', '2026-11-20T08:00:00Z')).toBe(0);
      // 90 seconds on Monday morning.
      expect(karanganyar.workingMinutesBetween('2026-11-23T01:00:00Z', '2026-11-23T01:01:30Z')).toBe(1.5);
    });
  });

  describe('invalid input', () => {
    it('refuses an unknown time zone, bad office hours, bad closures and instants without an offset', () => {
      expect(() => new BusinessCalendar({ timeZone: 'Asia/Atlantis', officeHours: KECAMATAN_HOURS })).toThrow(
        DomainError,
      );
      expect(
        () =>
          new BusinessCalendar({
            timeZone: 'Asia/Jakarta',
            officeHours: [{ weekday: 1, start: '16:00', end: '08:00' }],
          }),
      ).toThrow(/harus berakhir setelah dimulai/);
      expect(
        () =>
          new BusinessCalendar({ timeZone: 'Asia/Jakarta', officeHours: KECAMATAN_HOURS, closures: ['18-03-2026'] }),
      ).toThrow(/YYYY-MM-DD/);
      expect(() => karanganyar.nextOpening('2026-11-20T10:00:00')).toThrow(/zona waktu/);
      expect(() => karanganyar.nextOpening('kemarin')).toThrow(DomainError);
    });
  });
});
