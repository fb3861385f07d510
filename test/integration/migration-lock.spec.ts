/**
 * Replicas starting at once: migrations run under a PostgreSQL advisory lock, so concurrent
 * `runMigrations` calls apply each migration exactly once and none fails.
 */
import { READ_MODEL_MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { createScratchDatabase } from '../support/database';

describe('migrations under an advisory lock', () => {
  it('applies every migration once when three replicas migrate the same database at the same time', async () => {
    const scratch = await createScratchDatabase('miglock');
    try {
      const results = await Promise.all([
        runMigrations(scratch.url),
        runMigrations(scratch.url),
        runMigrations(scratch.url),
      ]);
      const names = READ_MODEL_MIGRATIONS.map((migration) => new migration().name);
      expect(results.flat().sort()).toEqual([...names].sort());
      expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
      expect(await runMigrations(scratch.url)).toEqual([]);
    } finally {
      await scratch.drop();
    }
  });
});
