/** Autovacuum's analyze rule as the worker applies it, for the servers and tables a test database cannot be. */
import { needsAnalyze, type AnalyzeSettings, type TableActivity } from '../../apps/worker/src/read-model-statistics';

const AUTOVACUUM_RUNNING: AnalyzeSettings = { autovacuumRunning: true, analyzeThreshold: 50, analyzeScaleFactor: 0.1 };
const NO_AUTOVACUUM: AnalyzeSettings = { ...AUTOVACUUM_RUNNING, autovacuumRunning: false };

function table(modifiedSinceAnalyze: number, estimatedRows: number, options: string[] = []): TableActivity {
  return { table: 'complaints', modifiedSinceAnalyze, estimatedRows, options };
}

describe('needsAnalyze', () => {
  it('leaves every table autovacuum serves to autovacuum, however much changed', () => {
    expect(needsAnalyze(table(1_000_000, 10), AUTOVACUUM_RUNNING)).toBe(false);
    expect(needsAnalyze(table(1_000_000, 10, ['autovacuum_enabled=true']), AUTOVACUUM_RUNNING)).toBe(false);
  });

  it('analyzes past threshold + scale factor × rows where autovacuum does not run', () => {
    // 50 + 0.1 × 3,000 = 350.
    expect(needsAnalyze(table(350, 3_000), NO_AUTOVACUUM)).toBe(false);
    expect(needsAnalyze(table(351, 3_000), NO_AUTOVACUUM)).toBe(true);
  });

  it('counts a never analyzed table (reltuples −1) as empty: 51 changes are enough', () => {
    expect(needsAnalyze(table(50, -1), NO_AUTOVACUUM)).toBe(false);
    expect(needsAnalyze(table(51, -1), NO_AUTOVACUUM)).toBe(true);
  });

  it('analyzes a table whose reloptions turn autovacuum off, in any of PostgreSQL spellings', () => {
    for (const spelling of ['false', 'off', 'no', '0', 'FALSE']) {
      expect(needsAnalyze(table(51, -1, [`autovacuum_enabled=${spelling}`]), AUTOVACUUM_RUNNING)).toBe(true);
    }
  });

  it("takes the table's own threshold and scale factor before the server's", () => {
    const options = ['autovacuum_analyze_threshold=1000', 'autovacuum_analyze_scale_factor=0'];
    expect(needsAnalyze(table(1_000, 100_000, options), NO_AUTOVACUUM)).toBe(false);
    expect(needsAnalyze(table(1_001, 100_000, options), NO_AUTOVACUUM)).toBe(true);
  });
});
