/**
 * The catalog CLI (`npm run aduan -- sop validate|publish FILE`, `office import FILE`) against the
 * test database: the same rules as the admin GraphQL API, every change audited.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { SopRegistry } from '../../apps/gateway/src/catalog/sop-registry';
import { officeImport, sopPublish, sopSheet, sopValidate } from '../../apps/cli/src/catalog-commands';
import { listAdminAudit, listSopVersions, localDate } from '../../libs/persistence/src/catalog-store';
import { openTestDataSource, testDatabaseUrl } from '../support/database';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const ACTOR = { userId: 'cli:penguji', name: 'Penguji (CLI)', role: 'regional_admin' };

const OFFICES_YAML = `
offices:
  - code: CLI-SATU
    name: Kantor Kecamatan CLI Satu
    kind: kecamatan
    region: KAB-CLI
    timeZone: Asia/Jayapura
    officeHours:
      - { weekday: 1, start: '08:00', end: '16:00', breaks: [{ start: '12:00', end: '13:00' }] }
  - code: CLI-DUA
    name: Dinas CLI Dua
    kind: dinas
    timeZone: Asia/Jakarta
    officeHours:
      - { weekday: 2, start: '08:00', end: '15:00' }
`;

function sopYaml(effectiveDate: string, title = 'Menerima pengaduan'): string {
  return `
id: cli-satu-pengaduan
title: Pengaduan Masyarakat
sopNumber: 000.8.3.3/9/CLI
effectiveDate: '${effectiveDate}'
office: CLI-SATU
source: uji CLI
startStep: receive
steps:
  - key: receive
    title: ${title}
    actorRoles: [petugas_loket]
    action: verify
    bakuMutu: { amount: 1, unit: working_days }
    output: Aduan tercatat
    transitions: [{ when: accepted, to: deliver }]
    escalationRoles: [camat]
  - key: deliver
    title: Menyampaikan jawaban
    actorRoles: [petugas_loket]
    action: deliver
    bakuMutu: { amount: 30, unit: minutes }
    output: Tanda terima
    transitions: [{ to: END }]
    escalationRoles: [camat]
supervisorRoles: [camat]
policies: { reopenStep: deliver }
`;
}

describe('catalog CLI', () => {
  let dataSource: DataSource;
  let dir: string;
  const lines: string[] = [];
  const deps = () => ({ dataSource, out: (line: string) => void lines.push(line), actor: ACTOR });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const today = () => localDate(new Date(), { timeZone: 'Asia/Jayapura' });

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduan-cli-'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    lines.length = 0;
  });

  it('imports nothing when one office of the file is invalid, then creates and updates offices', async () => {
    const broken = write('broken.yaml', OFFICES_YAML.replace("end: '15:00'", "end: '07:00'"));
    expect(await officeImport(deps(), broken)).toBeUndefined();
    expect(lines).toEqual([
      'Kantor CLI-DUA tidak valid:',
      '  - Jam kantor hari Selasa: jam selesai 07:00 harus setelah jam mulai 08:00.',
    ]);

    const file = write('offices.yaml', OFFICES_YAML);
    expect(await officeImport(deps(), file)).toEqual([
      'DIBUAT: kantor CLI-SATU (Kantor Kecamatan CLI Satu)',
      'DIBUAT: kantor CLI-DUA (Dinas CLI Dua)',
    ]);
    expect(await officeImport(deps(), file)).toEqual([
      'DIPERBARUI: kantor CLI-SATU (Kantor Kecamatan CLI Satu)',
      'DIPERBARUI: kantor CLI-DUA (Dinas CLI Dua)',
    ]);
    const audit = await listAdminAudit(dataSource.manager, { officeCodes: ['CLI-SATU'] });
    expect(audit.map((entry) => [entry.actorUserId, entry.action, entry.entityKey])).toEqual([
      ['cli:penguji', 'update', 'CLI-SATU'],
      ['cli:penguji', 'create', 'CLI-SATU'],
    ]);
  });

  it('validates an SOP file with every problem by step, and publishes versions the registry puts in force', async () => {
    const invalid = write(
      'invalid.yaml',
      sopYaml(today()).replace('to: deliver', 'to: jawab').replace('amount: 30', 'amount: 0'),
    );
    expect(await sopValidate(deps(), invalid)).toBeUndefined();
    expect(lines).toEqual([
      'TIDAK VALID (2 masalah):',
      '  - [deliver] Langkah "deliver" (bakuMutu.amount): baku mutu harus lebih dari nol',
      '  - [receive] Langkah "receive": transisi menuju langkah "jawab" yang tidak dikenal.',
    ]);
    expect(await sopPublish(deps(), invalid)).toBeUndefined();
    expect(await listSopVersions(dataSource.manager, { sopId: 'cli-satu-pengaduan' })).toEqual([]);

    // A date in the past is refused: publication never rewrites which rules governed earlier complaints.
    lines.length = 0;
    expect(await sopPublish(deps(), write('past.yaml', sopYaml('2020-01-01')))).toBeUndefined();
    expect(lines.at(-1)).toMatch(/^DITOLAK: tanggal berlaku 2020-01-01 tidak boleh sebelum hari ini/);

    expect(await sopPublish(deps(), write('v1.yaml', sopYaml(today())))).toEqual({
      sopId: 'cli-satu-pengaduan',
      version: 1,
    });
    expect(await sopPublish(deps(), write('v2.yaml', sopYaml(today(), 'Menerima dan mencatat pengaduan')))).toEqual({
      sopId: 'cli-satu-pengaduan',
      version: 2,
    });
    const versions = await listSopVersions(dataSource.manager, { sopId: 'cli-satu-pengaduan' });
    expect(versions.map((version) => [version.version, version.status, version.effectiveDate])).toEqual([
      [1, 'published', today()],
      [2, 'published', today()],
    ]);
    const registry = SopRegistry.fromCatalog();
    await registry.refresh(dataSource);
    const active = registry.activeForOffice('CLI-SATU');
    expect(active).toMatchObject({ id: 'cli-satu-pengaduan', version: 2 });
    expect(active?.office.officeHours[0]?.breaks).toEqual([{ start: '12:00', end: '13:00' }]);
  });

  it('reaches another gateway replica by its poll: only the changed office and versions are reloaded', async () => {
    const replica = SopRegistry.fromCatalog();
    await replica.refresh(dataSource, true);
    const before = replica.activeForOffice('CLI-SATU');
    expect(before?.version).toBe(2);
    // New office hours (a longer break) and a third version, published through the CLI.
    await officeImport(deps(), write('hours.yaml', OFFICES_YAML.replace("end: '13:00'", "end: '13:30'")));
    await sopPublish(deps(), write('v3.yaml', sopYaml(today(), 'Menerima, mencatat dan memeriksa pengaduan')));
    expect(await replica.refresh(dataSource)).toBe(true);
    const after = replica.activeForOffice('CLI-SATU');
    expect(after?.version).toBe(3);
    expect(after?.office.officeHours[0]?.breaks).toEqual([{ start: '12:00', end: '13:30' }]);
    // Older versions keep running complaints' rules readable, with the office as it is now.
    expect(replica.find('cli-satu-pengaduan', 2)?.office.officeHours[0]?.breaks).toEqual([
      { start: '12:00', end: '13:30' },
    ]);
  });

  it('writes the printable sheet of an SOP file', async () => {
    const out = path.join(dir, 'lembar.html');
    expect(await sopSheet(deps(), path.join(ROOT, 'seeds/sops/003-selemadeg-timur-a.yaml'), out)).toBe(true);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('PEMERINTAH KABUPATEN TABANAN<br>KANTOR CAMAT SELEMADEG TIMUR');
    expect(html).toContain('Pengaduan Masyarakat (Tabel A: 10 langkah');
    expect((html.match(/<tr data-step=/g) ?? []).length).toBe(10);
  });

  it('runs as npm run aduan, with exit code 1 for an invalid SOP', async () => {
    const invalid = write(
      'cli-invalid.yaml',
      sopYaml(today()).replace('actorRoles: [petugas_loket]', 'actorRoles: []'),
    );
    const env = { ...process.env, DATABASE_URL: testDatabaseUrl() };
    const failed = await run(
      'npx',
      ['ts-node', '--transpile-only', 'apps/cli/src/main.ts', 'sop', 'validate', invalid],
      {
        cwd: ROOT,
        env,
      },
    ).catch((error: { code: number; stdout: string }) => error);
    expect('code' in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain('[receive] Langkah "receive" (actorRoles): langkah harus punya pelaksana');
  }, 60_000);
});
