import { officeLocalToIso, workingCountdown, type WorkingTimeCountdown } from '../../web/src/shared/time';

/** The console's countdown between two readings of the gateway: it moves only while the office is open. */
describe('working-time countdown in the console', () => {
  const loadedAt = Date.parse('2026-11-23T02:00:00Z'); // the browser's clock when the reading arrived
  const minutes = (count: number) => count * 60_000;

  const open: WorkingTimeCountdown = {
    at: '2026-11-23T02:00:00.000Z', // Mon 10.00 WITA
    workingMinutesLeft: 90,
    officeOpen: true,
    changesAt: '2026-11-23T04:00:00.000Z', // istirahat at 12.00 WITA
    changesAtOffice: { at: '2026-11-23T04:00:00.000Z', local: 'Senin, 23 Nov 2026 12.00 WITA', zone: 'WITA' },
  };

  it('counts down with the clock while the office is open, into terlambat', () => {
    expect(workingCountdown(open, loadedAt, loadedAt)).toEqual({
      text: 'sisa 1 jam 30 menit kerja',
      overdue: false,
      closedNote: undefined,
      stale: false,
    });
    expect(workingCountdown(open, loadedAt, loadedAt + minutes(85)).text).toBe('sisa 5 menit kerja');
    expect(workingCountdown(open, loadedAt, loadedAt + minutes(102))).toMatchObject({
      text: 'terlambat 12 menit kerja',
      overdue: true,
    });
  });

  it('stops at the announced closing and asks for a new reading', () => {
    const late = workingCountdown(open, loadedAt, loadedAt + minutes(150));
    expect(late).toMatchObject({ text: 'terlambat 30 menit kerja', stale: true });
    // Beyond the break the count would go on if it trusted the calendar clock: it does not.
    expect(workingCountdown(open, loadedAt, loadedAt + minutes(200)).text).toBe('terlambat 30 menit kerja');
  });

  it('stands still outside office hours and says so', () => {
    const closed: WorkingTimeCountdown = {
      ...open,
      officeOpen: false,
      workingMinutesLeft: 45,
      changesAt: '2026-11-23T23:30:00.000Z', // Tue 07.30 WITA
      changesAtOffice: { at: '2026-11-23T23:30:00.000Z', local: 'Selasa, 24 Nov 2026 07.30 WITA', zone: 'WITA' },
    };
    expect(workingCountdown(closed, loadedAt, loadedAt + minutes(60))).toEqual({
      text: 'sisa 45 menit kerja',
      overdue: false,
      closedNote: 'di luar jam kerja; kantor buka lagi Selasa, 24 Nov 2026 07.30 WITA',
      stale: false,
    });
  });

  it('reads a typed office time with the office zone offset', () => {
    expect(officeLocalToIso('2026-11-23T10:00', 'Asia/Makassar')).toBe('2026-11-23T10:00:00+08:00');
    expect(officeLocalToIso('2026-11-23T10:00', 'Asia/Jakarta')).toBe('2026-11-23T10:00:00+07:00');
    expect(officeLocalToIso('2026-11-23T10:00', 'Asia/Jayapura')).toBe('2026-11-23T10:00:00+09:00');
  });
});
