/**
 * `npx ts-node --transpile-only bench/catalog-scale.ts --offices 7000`: the catalog at the size of
 * Indonesia's kecamatan. Loads N offices with one published SOP version each into a scratch
 * database (the seed SOP 000 under a new code), then measures what the gateway does with them: a
 * full registry load (time, heap), the revision check it polls every 5 s, an office's SOP in
 * force, and publishing one new version. Prints numbers; asserts nothing.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { SopRegistry } from '../apps/gateway/src/catalog/sop-registry';
import { findSop } from '../libs/domain/src/catalog';
import { publishNextVersion, SEED_ACTOR } from '../libs/persistence/src/catalog-store';
import { createDataSource } from '../libs/persistence/src/data-source';
import { dropDatabase, prepareDatabase, withDatabase } from '../libs/persistence/src/database';
import { inTransaction } from '../libs/persistence/src/transaction';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const ms = (start: number) => `${(performance.now() - start).toFixed(1)} ms`;

async function main(): Promise<void> {
  const offices = arg('offices', 7000);
  const url = withDatabase(
    process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    `aduan_bench_catalog_${Date.now()}`,
  );
  await prepareDatabase(url);
  const dataSource = createDataSource(url, { poolSize: 2, applicationName: 'aduan-bench-catalog' });
  await dataSource.initialize();
  try {
    const template = findSop('kebakkramat-aduan')!;
    const { office: templateOffice, ...document } = template;
    let started = performance.now();
    // Bulk load through SQL: the bench measures reading, not the seed loader.
    for (let first = 0; first < offices; first += 1000) {
      const codes = Array.from({ length: Math.min(1000, offices - first) }, (_, i) => `KEC-${first + i + 1}`);
      await dataSource.query(
        `INSERT INTO offices (code, name, kind, region, time_zone, office_hours, closures, register_number_format)
         SELECT code, 'Kecamatan ' || code, 'kecamatan', 'KAB-' || (row_number() OVER () % 500), $2, $3, '[]', $4
         FROM unnest($1::text[]) AS code`,
        [
          codes,
          templateOffice.timeZone,
          JSON.stringify(templateOffice.officeHours),
          templateOffice.registerNumberFormat,
        ],
      );
      await dataSource.query(
        `INSERT INTO sop_versions (sop_id, version, office_code, status, title, effective_date, document, created_by, published_by, published_at)
         SELECT lower(code) || '-aduan', 1, code, 'published', $2, $3, jsonb_set($4::jsonb, '{office}', to_jsonb(code)), 'bench', 'bench', now()
         FROM unnest($1::text[]) AS code`,
        [codes, template.title, template.effectiveDate, JSON.stringify(document)],
      );
    }
    await dataSource.query(
      `INSERT INTO admin_audit (actor_user_id, actor_name, actor_role, office_code, entity, entity_key, action, change)
       VALUES ('bench', 'bench', 'system', 'KEC-1', 'office', 'KEC-1', 'create', '{}')`,
    );
    console.log(`loaded ${offices} offices and ${offices} SOP versions in ${ms(started)}`);

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const registry = SopRegistry.fromCatalog();
    started = performance.now();
    await registry.refresh(dataSource, true);
    console.log(`registry full load: ${ms(started)}, ${registry.all().length} SOPs in force`);
    global.gc?.();
    console.log(`registry heap: ${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(1)} MB`);

    const checks = 20;
    started = performance.now();
    for (let i = 0; i < checks; i++) await registry.refresh(dataSource);
    console.log(
      `poll refresh (every 5 s; re-reads the last 2 minutes' changes): ${((performance.now() - started) / checks).toFixed(2)} ms`,
    );

    const lookups = 1000;
    started = performance.now();
    for (let i = 0; i < lookups; i++) registry.activeForOffice(`KEC-${((i * 7919) % offices) + 1}`);
    console.log(`activeForOffice (submission): ${((performance.now() - started) / lookups).toFixed(3)} ms per lookup`);

    started = performance.now();
    await inTransaction(dataSource, (runner) =>
      publishNextVersion(
        runner,
        { ...template, id: 'kec-1-aduan', office: { ...templateOffice, code: 'KEC-1' } },
        new Date().toISOString().slice(0, 10),
        SEED_ACTOR,
      ),
    );
    console.log(`publish one version: ${ms(started)}`);
    started = performance.now();
    await registry.refresh(dataSource);
    console.log(`registry refresh after a change (incremental): ${ms(started)}`);
    started = performance.now();
    await registry.refresh(dataSource, true);
    console.log(`registry full reload: ${ms(started)}`);
  } finally {
    await dataSource.destroy();
    await dropDatabase(url);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
