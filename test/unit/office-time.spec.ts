import { complaintStage } from '../../apps/gateway/src/complaints/complaint-stage';
import { DateTimeScalar, officeTime } from '../../apps/gateway/src/core/graphql-types';
import type { ActiveStep } from '../../libs/domain/src/complaint';
import { DateTime } from 'luxon';
import { officeTimeLabel } from '../../libs/calendar/src/office-time';

function waiting(action: ActiveStep['action'], actorRoles: string[]): ActiveStep {
  return {
    key: action,
    title: action,
    action,
    actorRoles,
    bakuMutu: { amount: 10, unit: 'minutes' },
    startedAt: '2026-11-23T01:00:00.000Z',
    breached: false,
  };
}

describe('office time for display', () => {
  it('reads one instant in WIB for Karanganyar and in WITA for Palaran', () => {
    expect(officeTimeLabel('2026-11-23T07:05:00.000Z', 'Asia/Jakarta')).toBe('Senin, 23 Nov 2026 14.05 WIB');
    expect(officeTimeLabel('2026-11-23T07:05:00.000Z', 'Asia/Makassar')).toBe('Senin, 23 Nov 2026 15.05 WITA');
    expect(officeTime('2026-11-23T07:05:00.000Z', 'Asia/Jayapura')).toEqual({
      at: '2026-11-23T07:05:00.000Z',
      local: 'Senin, 23 Nov 2026 16.05 WIT',
      zone: 'WIT',
      timeZone: 'Asia/Jayapura',
    });
    expect(officeTime(undefined, 'Asia/Jakarta')).toBeUndefined();
  });

  it("writes every instant as luxon's Indonesian format does, in the offices' zones and with seconds", () => {
    const luxonLabel = (iso: string, zone: string, pattern: string) =>
      DateTime.fromISO(iso, { zone }).setLocale('id').toFormat(pattern);
    for (const zone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Europe/Berlin']) {
      const suffix = officeTimeLabel('2026-01-01T00:00:00Z', zone).split(' ').at(-1);
      // Every month, weekday and hour of a year (and Berlin's daylight-saving changes).
      for (
        let at = Date.parse('2026-01-01T00:00:00Z');
        at < Date.parse('2027-01-01T00:00:00Z');
        at += 37 * 3_600_000 + 60_001
      ) {
        const iso = new Date(at).toISOString();
        expect(officeTimeLabel(iso, zone)).toBe(`${luxonLabel(iso, zone, 'cccc, d LLL yyyy HH.mm')} ${suffix}`);
        expect(officeTimeLabel(iso, zone, { seconds: true })).toBe(
          `${luxonLabel(iso, zone, 'cccc, d LLL yyyy HH.mm.ss')} ${suffix}`,
        );
      }
    }
    // An offset instead of Z, and a date without a zone (read in the office's zone).
    expect(officeTimeLabel('2026-11-23T09:00:00+08:00', 'Asia/Jakarta')).toBe('Senin, 23 Nov 2026 08.00 WIB');
    expect(officeTimeLabel('2026-11-23', 'Asia/Makassar')).toBe('Senin, 23 Nov 2026 00.00 WITA');
  });

  it('accepts ISO 8601 with a zone as DateTime and refuses anything else in Indonesian', () => {
    expect(DateTimeScalar.parseValue('2026-11-23T09:00:00+08:00')).toBe('2026-11-23T09:00:00+08:00');
    expect(() => DateTimeScalar.parseValue('2026-11-23 09:00')).toThrow(/ISO 8601 dengan zona waktu/);
    expect(() => DateTimeScalar.parseValue('kemarin')).toThrow(/ISO 8601/);
  });
});

describe('the stage a citizen reads', () => {
  it('names what each waiting step waits for and who acts on it', () => {
    expect(complaintStage({ status: 'diterima', currentSteps: [waiting('decide', ['camat'])] })).toBe(
      'Menunggu keputusan Camat',
    );
    expect(complaintStage({ status: 'diterima', currentSteps: [waiting('dispose', ['camat', 'sekcam'])] })).toBe(
      'Menunggu disposisi dari Camat atau Sekretaris Camat',
    );
    expect(complaintStage({ status: 'diterima', currentSteps: [waiting('draft_answer', ['sekcam'])] })).toBe(
      'Jawaban sedang disusun oleh Sekretaris Camat',
    );
  });

  it('says tunda, answered and closed in words, not one "Sedang diproses" throughout', () => {
    expect(complaintStage({ status: 'tunda', currentSteps: [] })).toBe(
      'Ditunda: menunggu pelapor melengkapi informasi',
    );
    expect(complaintStage({ status: 'dijawab', currentSteps: [] })).toMatch(/^Jawaban sudah disampaikan/);
    expect(complaintStage({ status: 'dialihkan', currentSteps: [] })).toBe('Dialihkan ke instansi berwenang');
  });
});
