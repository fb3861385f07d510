/**
 * `npm run aduan -- <command>`: audit and supervision from the command line.
 *
 *   timeline <complaintId|registerNumber|workflowId> [--json] [--all]
 *   replay <complaintId|registerNumber|workflowId>
 *   export <complaintId|registerNumber|workflowId> --out <file.json> [--html]
 *   verify <file.json | complaintId|registerNumber>
 *   verify-register <office> <year> [--head DIGEST]
 *   register-head <office> <year>
 *   archive-sweep [--office CODE]
 *   rebuild-read-model [--office CODE]
 *   check-drift [--office CODE]
 *   sop validate <file.yaml|json>
 *   sop publish <file.yaml|json> [--effective YYYY-MM-DD]
 *   sop sheet <file.yaml|json> --out <sheet.html>
 *   office import <file.yaml|json>
 *
 * Exit code 0 on success, 1 when a check fails (replay, verify, drift, an invalid SOP or office),
 * 2 on a usage error.
 */
import 'reflect-metadata';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../../libs/config/src/config';
// What the CLI prints may carry text from histories and refusals: terminal control characters never pass.
import { replaceUnsafeCharacters as terminalSafe } from '../../../libs/domain/src/complaint';
import { createDataSource } from '../../../libs/persistence/src/data-source';
import { connectClient } from '../../../libs/temporal/src/connection';
import {
  archiveSweepCommand,
  driftCommand,
  exportToFile,
  formatTimelineText,
  rebuildCommand,
  replayCommand,
  registerHeadCommand,
  timelineOf,
  verifyArchivedCommand,
  verifyFile,
  verifyRegisterCommand,
  type CliDeps,
} from './commands';
import { officeImport, sopPublish, sopSheet, sopValidate } from './catalog-commands';

const USAGE = `Penggunaan: npm run aduan -- <perintah>
  timeline <idAduan|nomorRegister> [--json] [--all]   kronologi dari riwayat Temporal
  replay <idAduan|nomorRegister>                       putar ulang riwayat dengan kode saat ini
  export <idAduan|nomorRegister> --out <berkas.json> [--html]
  verify <berkas.json|idAduan|nomorRegister>           periksa digest, replay, dan kronologi (berkas atau arsip)
  verify-register <kantor> <tahun> [--head DIGEST]     periksa setiap dokumen dan rantai register arsip
  register-head <kantor> <tahun>                       kepala rantai register (simpan di luar basis data)
  archive-sweep [--office KODE]                        arsipkan aduan selesai yang belum ada di register
  rebuild-read-model [--office KODE]                   bangun ulang read model dari riwayat
  check-drift [--office KODE]                          bandingkan read model dengan riwayat
  sop validate <berkas.yaml>                           periksa SOP (semua masalah, per langkah)
  sop publish <berkas.yaml> [--effective YYYY-MM-DD]   terbitkan SOP sebagai versi berikutnya
  sop sheet <berkas.yaml> --out <lembar.html>          lembar SOP (Permenpan RB 35/2012) siap cetak
  office import <berkas.yaml>                          buat atau perbarui kantor (satu atau daftar)`;

interface Parsed {
  command?: string;
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const next = argv[index + 1];
      if (inline !== undefined) flags.set(name, inline);
      else if (['out', 'office', 'effective', 'head'].includes(name) && next !== undefined && !next.startsWith('--')) {
        flags.set(name, next);
        index++;
      } else flags.set(name, true);
    } else positional.push(arg);
  }
  return { command: positional.shift(), positional, flags };
}

function stringFlag(parsed: Parsed, name: string): string | undefined {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  const out = (text: string): void => void process.stdout.write(`${terminalSafe(text)}\n`);
  if (!parsed.command || parsed.flags.has('help')) {
    out(USAGE);
    return parsed.command ? 0 : 2;
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const config = loadConfig();

  if (parsed.command === 'verify') {
    const target = parsed.positional[0];
    if (!target) return usage('verify memerlukan nama berkas, id aduan atau nomor register');
    const result = existsSync(target) ? await verifyFile(target) : await withDatabase(config, verifyArchived(target));
    out(result.ok ? `OK: digest ${result.digest.actual}, replay berhasil, kronologi cocok.` : 'GAGAL:');
    for (const problem of result.problems) out(`  - ${problem}`);
    return result.ok ? 0 : 1;
  }
  if (parsed.command === 'verify-register' || parsed.command === 'register-head') {
    const [officeCode, yearText] = parsed.positional;
    const year = Number(yearText);
    if (!officeCode || !Number.isInteger(year)) return usage(`${parsed.command} memerlukan <kantor> <tahun>`);
    if (parsed.command === 'register-head') {
      const head = await withDatabase(config, (dataSource) => registerHeadCommand({ dataSource }, officeCode, year));
      out(JSON.stringify(head, null, 2));
      return 0;
    }
    const result = await withDatabase(config, (dataSource) =>
      verifyRegisterCommand({ dataSource }, officeCode, year, stringFlag(parsed, 'head')),
    );
    out(
      result.ok
        ? `OK: register ${officeCode} ${year}, ${result.head.entries} entri, kepala ${result.head.headDigest ?? '(kosong)'}.`
        : `GAGAL: register ${officeCode} ${year}; entri pertama yang bermasalah: ${result.problems[0].seq}.`,
    );
    for (const problem of result.problems) out(`  - ${problem.message}`);
    return result.ok ? 0 : 1;
  }

  if (parsed.command === 'sop' || parsed.command === 'office') {
    return catalogCommand(parsed, config.database.url, out);
  }

  const { client, connection } = await connectClient(config);
  let dataSource: DataSource | undefined;
  const needsDatabase = ['rebuild-read-model', 'check-drift', 'archive-sweep'].includes(parsed.command);
  try {
    dataSource = createDataSource(config.database.url, { applicationName: 'aduan-cli', poolSize: 2 });
    await dataSource.initialize();
  } catch (error) {
    dataSource = undefined;
    if (needsDatabase) throw error;
    process.stderr.write(
      `Peringatan: read model tidak tersedia, percobaan yang ditolak tidak ditampilkan (${terminalSafe(String(error))}).\n`,
    );
  }
  const deps: CliDeps = { client, dataSource, out };
  try {
    switch (parsed.command) {
      case 'timeline': {
        const reference = parsed.positional[0];
        if (!reference) return usage('timeline memerlukan id aduan atau nomor register');
        const view = await timelineOf(deps, reference);
        out(
          parsed.flags.has('json') ? JSON.stringify(view, null, 2) : formatTimelineText(view, parsed.flags.has('all')),
        );
        return 0;
      }
      case 'replay': {
        const reference = parsed.positional[0];
        if (!reference) return usage('replay memerlukan id aduan atau nomor register');
        const verdict = await replayCommand(deps, reference);
        if (verdict.ok) out('OK: riwayat diputar ulang dengan kode saat ini tanpa perbedaan.');
        else {
          out(`GAGAL (${verdict.errorType ?? 'error'}): ${verdict.firstDivergence?.message ?? verdict.error}`);
          if (verdict.firstDivergence?.eventId)
            out(`  Perbedaan pertama pada kejadian #${verdict.firstDivergence.eventId}`);
        }
        return verdict.ok ? 0 : 1;
      }
      case 'export': {
        const reference = parsed.positional[0];
        const file = stringFlag(parsed, 'out');
        if (!reference || !file) return usage('export memerlukan id aduan dan --out <berkas>');
        const document = await exportToFile(deps, reference, file, { html: parsed.flags.has('html') });
        out(`Diekspor ke ${file} (SHA-256 ${document.digest}).`);
        return 0;
      }
      case 'rebuild-read-model': {
        const report = await rebuildCommand(deps, stringFlag(parsed, 'office'));
        out(`Read model dibangun ulang: ${report.complaints} aduan, ${report.events} kejadian.`);
        if (report.unreadable.length > 0)
          out(`${report.unreadable.length} alur kerja tidak terbaca (barisnya dibiarkan):`);
        for (const entry of report.unreadable) out(`  - ${entry.workflowId}: ${entry.reason}`);
        return report.unreadable.length === 0 ? 0 : 1;
      }
      case 'archive-sweep': {
        const report = await archiveSweepCommand(deps, stringFlag(parsed, 'office'));
        out(`${report.checked} aduan selesai diperiksa; ${report.archived.length} diarsipkan sekarang.`);
        for (const entry of report.archived) {
          out(`  + ${entry.registerNumber ?? entry.complaintId}: ${entry.officeCode} ${entry.year} #${entry.seq}`);
        }
        for (const failure of report.failures) out(`  ! ${failure.workflowId}: ${failure.error}`);
        return report.failures.length === 0 ? 0 : 1;
      }
      case 'check-drift': {
        const report = await driftCommand(deps, stringFlag(parsed, 'office'));
        out(`${report.checked} aduan diperiksa; ${report.differences.length} perbedaan.`);
        for (const difference of report.differences) out(`  - ${difference}`);
        return report.differences.length === 0 ? 0 : 1;
      }
      default:
        return usage(`perintah tidak dikenal: ${parsed.command}`);
    }
  } finally {
    await dataSource?.destroy();
    await connection.close();
  }

  function usage(message: string): number {
    process.stderr.write(`${terminalSafe(message)}\n${USAGE}\n`);
    return 2;
  }
}

/** `sop validate|publish FILE`, `office import FILE`: no Temporal needed; PostgreSQL for changes. */
async function catalogCommand(parsed: Parsed, databaseUrl: string, out: (text: string) => void): Promise<number> {
  const [action, file] = parsed.positional;
  const known = parsed.command === 'sop' ? ['validate', 'publish', 'sheet'] : ['import'];
  if (!action || !known.includes(action) || !file) {
    process.stderr.write(`${parsed.command} ${known.join('|')} memerlukan nama berkas\n${USAGE}\n`);
    return 2;
  }
  let dataSource: DataSource | undefined = createDataSource(databaseUrl, { applicationName: 'aduan-cli', poolSize: 2 });
  try {
    await dataSource.initialize();
  } catch (error) {
    if (action !== 'validate' && action !== 'sheet') throw error;
    dataSource = undefined;
    process.stderr.write(
      `Peringatan: basis data tidak tersedia; diperiksa terhadap kantor dari seeds/ (${String(error)}).\n`,
    );
  }
  try {
    const deps = { dataSource, out };
    if (action === 'validate') return (await sopValidate(deps, file)) ? 0 : 1;
    if (action === 'publish') return (await sopPublish(deps, file, stringFlag(parsed, 'effective'))) ? 0 : 1;
    if (action === 'sheet') {
      const outFile = stringFlag(parsed, 'out');
      if (!outFile) {
        process.stderr.write(`sop sheet memerlukan --out <lembar.html>\n${USAGE}\n`);
        return 2;
      }
      return (await sopSheet(deps, file, outFile)) ? 0 : 1;
    }
    return (await officeImport(deps, file)) ? 0 : 1;
  } finally {
    await dataSource?.destroy();
  }
}

/** Runs `work` with the read model open (required: these commands read the archive register). */
async function withDatabase<T>(config: AppConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = createDataSource(config.database.url, { applicationName: 'aduan-cli', poolSize: 2 });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function verifyArchived(reference: string) {
  return (dataSource: DataSource) => verifyArchivedCommand({ dataSource }, reference);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Gagal: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
      process.exit(1);
    },
  );
}
