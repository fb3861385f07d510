import { ApplicationFailure } from '@temporalio/common';
import { computeDeadline, createDeadlineActivities } from '../../activities/deadline.activity';
import type { ComputeDeadlineInput } from '../../activities/contracts';

/*
 * Expected instants worked out by hand; WIB = UTC+7, WITA = UTC+8. 2026-11-20 is a Friday,
 * 2026-08-14 a Friday and 2026-08-17 (Kemerdekaan) a Monday.
 */

/** Kecamatan office: Mon–Thu 07:30–16:00, Fri 07:30–16:30. */
const office: ComputeDeadlineInput['office'] = {
  timeZone: 'Asia/Jakarta',
  officeHours: [
    { weekday: 1, start: '07:30', end: '16:00' },
    { weekday: 2, start: '07:30', end: '16:00' },
    { weekday: 3, start: '07:30', end: '16:00' },
    { weekday: 4, start: '07:30', end: '16:00' },
    { weekday: 5, start: '07:30', end: '16:30' },
  ],
  closures: [],
};

async function failureOf(input: ComputeDeadlineInput): Promise<ApplicationFailure> {
  try {
    await computeDeadline(input);
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('computeDeadline did not fail');
}

describe('computeDeadline activity', () => {
  it('returns ISO instants and working minutes for a baku mutu in minutes', async () => {
    // Friday 20 Nov 15:50 WIB, 60 menit: 40 min Friday, 20 min Monday → Monday 07:50 WIB;
    // reminder at 48 min → Monday 07:38 WIB.
    const result = await computeDeadline({
      startAt: '2026-11-20T08:50:00.000Z',
      bakuMutu: { amount: 60, unit: 'minutes' },
      office,
      reminderFraction: 0.8,
    });
    expect(result).toEqual({
      dueAt: '2026-11-23T00:50:00.000Z',
      reminderAt: '2026-11-23T00:38:00.000Z',
      workingMinutes: 60,
      // Echoed for the audit: history keeps only a local activity's result.
      startAt: '2026-11-20T08:50:00.000Z',
      bakuMutu: { amount: 60, unit: 'minutes' },
    });
  });

  it('counts hari kerja past 17 Agustus and leaves out the reminder when the fraction is 0', async () => {
    // Friday 14 Aug 2026 10:00 WIB, 2 hari → lands Wednesday 19 Aug 10:00 WIB (Mon 17 is
    // Kemerdekaan), due at Wednesday's close 16:00 WIB; 390 + 510 + 510 working minutes.
    const result = await computeDeadline({
      startAt: '2026-08-14T10:00:00+07:00',
      bakuMutu: { amount: 2, unit: 'working_days' },
      office,
      reminderFraction: 0,
    });
    expect(result).toMatchObject({ dueAt: '2026-08-19T09:00:00.000Z', workingMinutes: 1410 });
    expect('reminderAt' in result).toBe(false);
  });

  it('uses the office time zone (WITA) for the same instant', async () => {
    // Thursday 19 Nov 08:30Z = 16:30 WITA, after closing → Friday 07:30 + 60 min = 08:30 WITA.
    const result = await computeDeadline({
      startAt: '2026-11-19T08:30:00Z',
      bakuMutu: { amount: 1, unit: 'hours' },
      office: { ...office, timeZone: 'Asia/Makassar' },
      reminderFraction: 0,
    });
    expect(result.dueAt).toBe('2026-11-20T00:30:00.000Z');
  });

  it('clamps to a short Friday and reports working minutes to two decimals', async () => {
    // WITA office, Fri 08:00–11:30. Thursday 19 Nov 14:00:00.123 WITA, 1 hari → Friday 14:00:00.123
    // is past closing → Friday 11:30 WITA = 03:30Z. Working minutes: 119.99795 Thursday + 210 Friday
    // = 329.99795 → 330.
    const result = await computeDeadline({
      startAt: '2026-11-19T06:00:00.123Z',
      bakuMutu: { amount: 1, unit: 'working_days' },
      office: {
        timeZone: 'Asia/Makassar',
        officeHours: [
          { weekday: 4, start: '08:00', end: '16:00' },
          { weekday: 5, start: '08:00', end: '11:30' },
        ],
        closures: [],
      },
      reminderFraction: 0,
    });
    expect(result).toMatchObject({ dueAt: '2026-11-20T03:30:00.000Z', workingMinutes: 330 });
  });

  it('fails non-retryably with BAD_USER_INPUT on a bad date', async () => {
    const failure = await failureOf({
      startAt: '20-11-2026 10:00',
      bakuMutu: { amount: 60, unit: 'minutes' },
      office,
      reminderFraction: 0.8,
    });
    expect(failure.type).toBe('BAD_USER_INPUT');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/ISO 8601/);
  });

  it('fails non-retryably with BAD_USER_INPUT on an unknown time zone', async () => {
    const failure = await failureOf({
      startAt: '2026-11-20T08:50:00Z',
      bakuMutu: { amount: 60, unit: 'minutes' },
      office: { ...office, timeZone: 'Asia/Atlantis' as ComputeDeadlineInput['office']['timeZone'] },
      reminderFraction: 0.8,
    });
    expect(failure.type).toBe('BAD_USER_INPUT');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/Zona waktu "Asia\/Atlantis" tidak dikenal/);
  });

  it('fails non-retryably on a non-positive baku mutu or an out-of-range reminder fraction', async () => {
    const zero = await failureOf({
      startAt: '2026-11-20T08:50:00Z',
      bakuMutu: { amount: 0, unit: 'minutes' },
      office,
      reminderFraction: 0.8,
    });
    expect(zero.type).toBe('BAD_USER_INPUT');
    const fraction = await failureOf({
      startAt: '2026-11-20T08:50:00Z',
      bakuMutu: { amount: 5, unit: 'minutes' },
      office,
      reminderFraction: 1.5,
    });
    expect(fraction.type).toBe('BAD_USER_INPUT');
    expect(fraction.nonRetryable).toBe(true);
  });

  it('is exposed by the activity factory', () => {
    expect(createDeadlineActivities().computeDeadline).toBe(computeDeadline);
  });
});
