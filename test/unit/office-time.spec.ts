import { complaintStage } from '../../apps/gateway/src/complaints/complaint-stage';
import { DateTimeScalar, officeTime } from '../../apps/gateway/src/core/graphql-types';
import type { ActiveStep } from '../../libs/domain/src/complaint';
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
