import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import { findSop } from '../../libs/domain/src/catalog';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { diffSops } from '../../libs/domain/src/sop-diff';
import { parseSop } from '../../libs/domain/src/sop-validator';

const palaran = findSop('palaran-pengaduan') as SopDefinition;
const version = (number: number, effectiveDate: string | undefined, changes: Partial<SopDefinition> = {}) =>
  parseSop({ ...palaran, ...changes, version: number, effectiveDate });

describe('SOP registry: the version in force', () => {
  // 2026-01-10 00:30 WITA is still 2026-01-09 in UTC: the office's own day decides.
  const at = (iso: string) => new Date(iso);

  it('takes the latest effective date on or before the office day, then the highest version', () => {
    const registry = new SopRegistry([version(1, '2025-01-06'), version(2, '2026-01-10'), version(3, '2026-01-10')]);
    expect(registry.inForce('palaran-pengaduan', at('2026-01-09T15:00:00Z'))?.version).toBe(1); // 23:00 WITA on the 9th
    expect(registry.inForce('palaran-pengaduan', at('2026-01-09T16:30:00Z'))?.version).toBe(3); // 00:30 WITA on the 10th
    expect(registry.inForce('palaran-pengaduan', at('2024-12-31T00:00:00Z'))).toBeUndefined();
    // A version by number is found whatever its date, for running complaints and audits.
    expect(registry.find('palaran-pengaduan', 1)?.version).toBe(1);
    expect(registry.activeForOffice('PALARAN', at('2026-01-09T16:30:00Z'))?.version).toBe(3);
  });

  it('puts a seed file without a date of its own in force at once, and never picks a test SOP implicitly', () => {
    // In PostgreSQL such a seed is in force from the day it was loaded; read from files, from always.
    const testSop = parseSop({ ...palaran, id: 'palaran-pengaduan-test' });
    const registry = new SopRegistry([version(4, undefined)], [], [testSop]);
    expect(registry.inForce('palaran-pengaduan', at('2000-01-01T00:00:00Z'))?.version).toBe(4);
    expect(registry.activeForOffice('PALARAN')?.id).toBe('palaran-pengaduan');
    expect(registry.find('palaran-pengaduan-test')?.id).toBe('palaran-pengaduan-test');
  });
});

describe('SOP diff', () => {
  it('names the steps added, removed and changed, by field', () => {
    const before = palaran;
    const after = parseSop({
      ...palaran,
      title: 'Penanganan Pengaduan',
      steps: palaran.steps
        .filter((step) => step.key !== 'rapat')
        .map((step) => {
          if (step.key === 'camat_decision') {
            return { ...step, transitions: [{ to: 'draft_answer' }], bakuMutu: { amount: 5, unit: 'working_days' } };
          }
          if (step.key === 'deliver') return { ...step, transitions: [{ to: 'archive' }] };
          return step;
        })
        .concat({
          key: 'archive',
          title: 'Mengarsipkan pengaduan',
          actorRoles: ['staf_umum'],
          action: 'archive',
          bakuMutu: { amount: 10, unit: 'minutes' },
          output: 'Arsip',
          transitions: [{ to: 'END' }],
          onTimeout: { kind: 'keep_waiting' },
          escalationRoles: ['sekcam'],
        }),
    });
    expect(diffSops(before, after)).toEqual({
      changedFields: ['title'],
      addedSteps: ['archive'],
      removedSteps: ['rapat'],
      changedSteps: [
        { key: 'camat_decision', fields: ['bakuMutu', 'transitions'] },
        { key: 'deliver', fields: ['transitions'] },
      ],
      reordered: false,
    });
    expect(diffSops(before, before)).toEqual({
      changedFields: [],
      addedSteps: [],
      removedSteps: [],
      changedSteps: [],
      reordered: false,
    });
  });

  it('shows the Palaran rapat coming to share the decision’s baku mutu (version 2 → 3)', () => {
    const ownBakuMutu = parseSop({
      ...palaran,
      steps: palaran.steps.map(({ sharesBakuMutuWith: _shared, ...step }) => step),
    });
    expect(diffSops(ownBakuMutu, palaran).changedSteps).toEqual([{ key: 'rapat', fields: ['sharesBakuMutuWith'] }]);
  });
});
