import { BusinessCalendar, toEpochMillis } from '../../libs/calendar/src/business-calendar';
import { daysOffOf, nationalDaysOff, nationalHolidays, readHolidayYear } from '../../libs/calendar/src/holidays';
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

describe('national days off from the SKB data (seeds/calendar)', () => {
  it('has the 17 holidays and 8 cuti bersama of SKB 1497/2025 for 2026', () => {
    const days = [...nationalDaysOff(2026).values()];
    expect(days.filter((day) => day.kind === 'libur_nasional')).toHaveLength(17);
    expect(days.filter((day) => day.kind === 'cuti_bersama').map((day) => day.date)).toEqual([
      '2026-02-16',
      '2026-03-18',
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-05-15',
      '2026-05-28',
      '2026-12-24',
    ]);
    // Idul Fitri 1447 H is 21–22 March in the SKB.
    expect(nationalDaysOff(2026).get('2026-03-21')).toEqual({
      date: '2026-03-21',
      name: 'Idulfitri 1447 Hijriah',
      kind: 'libur_nasional',
    });
  });

  it('includes the cuti bersama of 18 Agustus 2025 added by the amending SKB', () => {
    expect(nationalDaysOff(2025).get('2025-08-18')?.kind).toBe('cuti_bersama');
    expect(readHolidayYear(2025)?.source).toContain('933/2025');
  });

  it('falls back to the computed holidays for a year without SKB data, corrected by add and remove', () => {
    expect(readHolidayYear(2031)).toBeUndefined();
    const computed = daysOffOf(2031, undefined);
    expect(computed.has('2031-08-17')).toBe(true);
    const [firstComputed] = [...computed.keys()].filter((date) => date !== '2031-01-01');
    const corrected = daysOffOf(2031, {
      year: 2031,
      source: 'koreksi',
      cutiBersama: [],
      add: [{ date: '2031-12-24', name: 'Cuti bersama Natal', kind: 'cuti_bersama' }],
      remove: [firstComputed!],
    });
    expect(corrected.has(firstComputed!)).toBe(false);
    expect(corrected.get('2031-12-24')?.kind).toBe('cuti_bersama');
  });

  it('lets a deadline run through a removed holiday and stop on a cuti bersama', () => {
    // Data where Nyepi 2026 (Thu 19 Mar) was removed: only the cuti bersama days stay off.
    const corrected = daysOffOf(2026, {
      ...readHolidayYear(2026)!,
      remove: ['2026-03-19'],
    });
    const calendar = new BusinessCalendar({
      timeZone: 'Asia/Jakarta',
      officeHours: KECAMATAN_HOURS,
      nationalDaysOff: () => new Set(corrected.keys()),
    });
    expect(calendar.isWorkingDay('2026-03-19')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-18')).toBe(false); // cuti bersama
    // Tuesday 17 Mar 10:00 WIB + 1 hari: Wed 18 is cuti bersama → lands Thursday 19 10:00, due 16:00.
    expect(iso(calendar.addWorkingDays('2026-03-17T03:00:00Z', 1))).toBe('2026-03-19T09:00:00.000Z');
  });
});

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
      // day 1 = Tuesday 18, day 2 lands Wednesday 19 10:00 → due at Wednesday's close, 16:00 WIB.
      const deadline = karanganyar.deadline('2026-08-14T03:00:00Z', { amount: 2, unit: 'working_days' }, 0.8);
      expect(iso(deadline.dueAt)).toBe('2026-08-19T09:00:00.000Z');
      // Friday 10:00–16:30 = 390, Tuesday 07:30–16:00 = 510, Wednesday 07:30–16:00 = 510.
      expect(deadline.workingMinutes).toBe(1410);
      // 80 % of 1410 = 1128 = 390 Friday + 510 Tuesday + 228 → Wednesday 11:18 WIB.
      expect(iso(deadline.reminderAt)).toBe('2026-08-19T04:18:00.000Z');
    });

    it('skips the SKB cuti bersama around Idul Fitri 2026 with no office closure', () => {
      // Tuesday 17 Mar 2026 10:00 WIB, 1 hari. Wed 18 (cuti bersama Nyepi), Thu 19 (Nyepi), Fri 20
      // (cuti bersama), Sat 21 and Sun 22 (Idul Fitri), Mon 23 and Tue 24 (cuti bersama) are off
      // → lands Wednesday 25 Mar 10:00, due at its close, 16:00 WIB.
      const deadline = karanganyar.deadline('2026-03-17T03:00:00Z', { amount: 1, unit: 'working_days' });
      expect(iso(deadline.dueAt)).toBe('2026-03-25T09:00:00.000Z');
      // Tuesday 10:00–16:00 = 360, Wednesday 25 07:30–16:00 = 510.
      expect(deadline.workingMinutes).toBe(870);
      for (const date of CUTI_BERSAMA_2026) expect(karanganyar.isWorkingDay(date)).toBe(false);
    });

    it('counts from the opening when submitted before opening', () => {
      // Wednesday 18 Nov 06:00 WIB → starts 07:30; 1 hari is Wednesday itself → its close, 16:00
      // WIB (not Thursday's opening: the same working time, but a hari ends at close of day).
      const deadline = karanganyar.deadline('2026-11-17T23:00:00Z', { amount: 1, unit: 'working_days' });
      expect(iso(deadline.startAt)).toBe('2026-11-18T00:30:00.000Z');
      expect(iso(deadline.dueAt)).toBe('2026-11-18T09:00:00.000Z');
      expect(deadline.workingMinutes).toBe(510);
    });

    it("counts from the next working day's opening when submitted after closing", () => {
      // Wednesday 18 Nov 17:00 WIB → starts Thursday 07:30; 1 hari → Thursday's close, 16:00 WIB.
      const deadline = karanganyar.deadline('2026-11-18T10:00:00Z', { amount: 1, unit: 'working_days' });
      expect(iso(deadline.startAt)).toBe('2026-11-19T00:30:00.000Z');
      expect(iso(deadline.dueAt)).toBe('2026-11-19T09:00:00.000Z');
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

    it('counts a half working day in working minutes of the day it starts on, ending at close of day', () => {
      // Monday 23 Nov 07:30 WIB + 0.5 hari = 255 of Monday's 510 min → lands 11:45, due Monday 16:00.
      expect(iso(karanganyar.addWorkingDays('2026-11-23T00:30:00Z', 0.5))).toBe('2026-11-23T09:00:00.000Z');
      // Monday 13:00 + 0.5 hari: 180 min Monday, 75 Tuesday → lands Tuesday 08:45, due Tuesday 16:00.
      expect(iso(karanganyar.addWorkingDays('2026-11-23T06:00:00Z', 0.5))).toBe('2026-11-24T09:00:00.000Z');
    });

    it("ends a hari landing exactly at an opening at the previous working day's close", () => {
      // Friday 20 Nov 07:30 WIB, 1 hari lands Monday 07:30 → due Friday 16:30 WIB.
      expect(iso(karanganyar.addWorkingDays('2026-11-20T00:30:00Z', 1))).toBe('2026-11-20T09:30:00.000Z');
    });
  });

  describe('breaks (istirahat)', () => {
    /** ASN hours, 37.5 a week: Mon–Thu 07:30–16:00 less 12:00–13:00, Fri 07:30–16:30 less 11:30–13:00. */
    const asn = new BusinessCalendar({
      timeZone: 'Asia/Jakarta',
      officeHours: [
        ...[1, 2, 3, 4].map((weekday) => ({
          weekday,
          start: '07:30',
          end: '16:00',
          breaks: [{ start: '12:00', end: '13:00' }],
        })),
        { weekday: 5, start: '07:30', end: '16:30', breaks: [{ start: '11:30', end: '13:00' }] },
      ],
    });

    it('counts 37.5 working hours in a week', () => {
      // Monday 23 Nov 00:00 WIB → Saturday 28 Nov 00:00 WIB.
      expect(asn.workingMinutesBetween('2026-11-22T17:00:00Z', '2026-11-27T17:00:00Z')).toBe(37.5 * 60);
    });

    it('stops the clock across the lunch break', () => {
      // Monday 23 Nov 11:30 WIB + 60 menit: 30 before the break, 30 after → 13:30 WIB.
      const deadline = asn.deadline('2026-11-23T04:30:00Z', { amount: 60, unit: 'minutes' }, 0.8);
      expect(iso(deadline.dueAt)).toBe('2026-11-23T06:30:00.000Z');
      // 80 % = 48 min: 30 before the break + 18 → 13:18 WIB.
      expect(iso(deadline.reminderAt)).toBe('2026-11-23T06:18:00.000Z');
      // A start during the break counts from 13:00; the office is closed at 12:15.
      expect(asn.isOpen('2026-11-23T05:15:00Z')).toBe(false);
      expect(iso(asn.nextOpening('2026-11-23T05:15:00Z'))).toBe('2026-11-23T06:00:00.000Z');
    });

    it('gives Friday its own longer break', () => {
      // Friday 27 Nov 11:00 WIB + 1 jam: 30 min to 11:30, then from 13:00 → 13:30 WIB.
      expect(iso(asn.addWorkingMinutes('2026-11-27T04:00:00Z', 60))).toBe('2026-11-27T06:30:00.000Z');
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

    it('reads an instant the same in every ISO form, and refuses a day its month does not have', () => {
      // The stored form (toISOString) takes a faster path than the others; Date alone would roll Feb 31 over.
      const stored = '2026-11-23T03:04:05.678Z';
      for (const same of ['2026-11-23T10:04:05.678+07:00', '2026-11-23T03:04:05.678000Z', '2026-11-23t03:04:05.678z']) {
        expect(toEpochMillis(same)).toBe(toEpochMillis(stored));
      }
      expect(toEpochMillis(stored)).toBe(Date.UTC(2026, 10, 23, 3, 4, 5, 678));
      expect(toEpochMillis('2026-01-01T24:00:00.000Z')).toBe(Date.UTC(2026, 0, 2));
      expect(() => toEpochMillis('2026-02-31T00:00:00.000Z')).toThrow(/tidak valid/);
      expect(() => toEpochMillis('2026-02-29T00:00:00.000Z')).toThrow(/tidak valid/);
      expect(toEpochMillis('2028-02-29T00:00:00.000Z')).toBe(Date.UTC(2028, 1, 29));
    });
  });
});

describe('what a working-time countdown needs', () => {
  /** Palaran (WITA): Mon–Thu 07:30–16:00 with a 12:00–13:00 break, Fri 07:30–11:30. */
  const palaran = new BusinessCalendar({
    timeZone: 'Asia/Makassar',
    officeHours: [
      ...[1, 2, 3, 4].map((weekday) => ({
        weekday,
        start: '07:30',
        end: '16:00',
        breaks: [{ start: '12:00', end: '13:00' }],
      })),
      { weekday: 5, start: '07:30', end: '11:30' },
    ],
    closures: ['2026-11-26'],
  });

  it('says whether the office is open and when that changes: the break, the closing, the next opening', () => {
    // Mon 23 Nov 10:00 WITA: open until the break at 12:00.
    expect(palaran.openingState('2026-11-23T10:00:00+08:00')).toEqual({
      open: true,
      changesAt: new Date('2026-11-23T12:00:00+08:00'),
    });
    // In the break: closed until 13:00.
    expect(palaran.openingState('2026-11-23T12:15:00+08:00')).toEqual({
      open: false,
      changesAt: new Date('2026-11-23T13:00:00+08:00'),
    });
    // At the closing minute it is closed (half-open hours) until Tuesday 07:30.
    expect(palaran.openingState('2026-11-23T16:00:00+08:00')).toEqual({
      open: false,
      changesAt: new Date('2026-11-24T07:30:00+08:00'),
    });
    // Wed 25 Nov after closing: Thursday is an office closure, so Friday 07:30.
    expect(palaran.openingState('2026-11-25T18:00:00+08:00')).toEqual({
      open: false,
      changesAt: new Date('2026-11-27T07:30:00+08:00'),
    });
  });

  it('counts the working minutes until a deadline, and since it (negative) once passed', () => {
    // Mon 11:00 → Tue 08:30 WITA: 60 (to the break) + 180 (13–16) + 60 (Tue 07:30–08:30).
    expect(palaran.workingMinutesUntil('2026-11-23T11:00:00+08:00', '2026-11-24T08:30:00+08:00')).toBe(300);
    expect(palaran.workingMinutesUntil('2026-11-24T08:30:00+08:00', '2026-11-23T11:00:00+08:00')).toBe(-300);
    // Over the closure: Wed 15:00 → Fri 08:00 is 60 + 30 working minutes.
    expect(palaran.workingMinutesUntil('2026-11-25T15:00:00+08:00', '2026-11-27T08:00:00+08:00')).toBe(90);
    // A night does not count: Mon 20:00 → Tue 07:30 is none.
    expect(palaran.workingMinutesUntil('2026-11-23T20:00:00+08:00', '2026-11-24T07:30:00+08:00')).toBe(0);
  });

  it('counts the working minutes to many deadlines in one walk, each as it counts one alone', () => {
    const from = '2026-11-25T15:00:00+08:00';
    const targets = [
      '2026-11-27T08:00:00+08:00', // over the closure
      '2026-11-23T11:00:00+08:00', // passed
      '2026-11-25T12:30:00+08:00', // passed, in the break
      from,
      '2026-11-25T20:00:00+08:00', // after closing
      '2026-12-08T10:15:30.250+08:00', // two weeks ahead, to the millisecond
    ];
    expect(palaran.workingMinutesUntilEach(from, targets)).toEqual(
      targets.map((target) => palaran.workingMinutesUntil(from, target)),
    );
    expect(palaran.workingMinutesUntilEach(from, [])).toEqual([]);
    // Every quarter hour of a fortnight, against a start during the break.
    const quarterHours = Array.from({ length: 14 * 96 }, (_, index) =>
      new Date(Date.parse('2026-11-20T00:00:00+08:00') + index * 900_000).toISOString(),
    );
    const start = '2026-11-26T12:10:00+08:00';
    expect(palaran.workingMinutesUntilEach(start, quarterHours)).toEqual(
      quarterHours.map((target) => palaran.workingMinutesUntil(start, target)),
    );
  });
});
