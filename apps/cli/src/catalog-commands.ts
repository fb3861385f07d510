import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { readSeedCatalog } from '../../../libs/domain/src/catalog/seed-files';
import { DomainError } from '../../../libs/domain/src/errors';
import { officeSchema, type Office, type SopDefinition } from '../../../libs/domain/src/sop';
import { documentOfficeCode, parseDocumentText, withOffice } from '../../../libs/domain/src/sop-document';
import { renderSopSheetHtml } from '../../../libs/domain/src/sop-sheet';
import { officeProblems, validateSop, type SopProblem } from '../../../libs/domain/src/sop-validator';
import {
  findOffice,
  listOffices,
  localDate,
  publishNextVersion,
  saveOffice,
  type ChangeActor,
} from '../../../libs/persistence/src/catalog-store';
import { inTransaction } from '../../../libs/persistence/src/transaction';

/**
 * `sop validate FILE`, `sop publish FILE`, `office import FILE`: the same rules as the admin
 * GraphQL API, for operators with database access. Changes are audited with the operating-system
 * user as the actor.
 */

export interface CatalogCliDeps {
  /** Absent: `sop validate` checks against the seed offices (no database needed). */
  dataSource?: DataSource;
  out: (line: string) => void;
  /** Who is recorded in the audit (default: the operating-system user). */
  actor?: ChangeActor;
}

function cliActor(): ChangeActor {
  const user = os.userInfo().username;
  return { userId: `cli:${user}`, name: `${user} (CLI)`, role: 'regional_admin' };
}

function readDocument(file: string): unknown {
  return parseDocumentText(fs.readFileSync(file, 'utf8'), path.basename(file));
}

async function officesFor(deps: CatalogCliDeps): Promise<Map<string, Office>> {
  const offices = deps.dataSource ? await listOffices(deps.dataSource.manager) : readSeedCatalog().offices;
  return new Map(offices.map((office) => [office.code, office]));
}

function printProblems(out: (line: string) => void, problems: readonly SopProblem[]): void {
  for (const problem of problems) out(`  - ${problem.step ? `[${problem.step}] ` : ''}${problem.message}`);
}

/** Validates an SOP file against its office; prints every problem. Returns whether it is valid. */
export async function sopValidate(deps: CatalogCliDeps, file: string): Promise<SopDefinition | undefined> {
  const document = readDocument(file);
  const offices = await officesFor(deps);
  const code = documentOfficeCode(document);
  if (typeof code === 'string' && typeof (document as { office?: unknown }).office === 'string' && !offices.has(code)) {
    deps.out(`TIDAK VALID: kantor ${code} belum terdaftar (npm run aduan -- office import BERKAS).`);
    return undefined;
  }
  // The version number is the catalog's to give (the next one at publication).
  const result = validateSop(withOffice({ version: 1, ...(document as object) }, offices));
  if (result.ok) {
    deps.out(`VALID: SOP ${result.sop.id} (${result.sop.steps.length} langkah, kantor ${result.sop.office.code}).`);
    return result.sop;
  }
  deps.out(`TIDAK VALID (${result.issues.length} masalah):`);
  printProblems(deps.out, result.issues);
  return undefined;
}

/** Writes the printable SOP sheet (HTML) of a valid SOP file. */
export async function sopSheet(deps: CatalogCliDeps, file: string, outFile: string): Promise<boolean> {
  const sop = await sopValidate(deps, file);
  if (!sop) return false;
  fs.writeFileSync(outFile, renderSopSheetHtml(sop));
  deps.out(`Lembar SOP ditulis ke ${outFile}.`);
  return true;
}

/** Publishes an SOP file as the next version of its id, effective on its date (or `effectiveDate`). */
export async function sopPublish(
  deps: CatalogCliDeps,
  file: string,
  effectiveDate?: string,
): Promise<{ sopId: string; version: number } | undefined> {
  if (!deps.dataSource) throw new DomainError('UNAVAILABLE', 'sop publish memerlukan basis data (DATABASE_URL).');
  const dataSource = deps.dataSource;
  const sop = await sopValidate(deps, file);
  if (!sop) return undefined;
  const effective = effectiveDate ?? sop.effectiveDate ?? localDate(new Date(), sop.office);
  const today = localDate(new Date(), sop.office);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effective) || effective < today) {
    deps.out(`DITOLAK: tanggal berlaku ${effective} tidak boleh sebelum hari ini (${today}); gunakan --effective.`);
    return undefined;
  }
  const version = await inTransaction(dataSource, (runner) =>
    publishNextVersion(runner, sop, effective, deps.actor ?? cliActor()),
  );
  deps.out(`DITERBITKAN: SOP ${sop.id} versi ${version}, berlaku mulai ${effective}.`);
  return { sopId: sop.id, version };
}

/** Imports one office, or a list (`offices: [...]` or a YAML sequence); creates or updates each. */
export async function officeImport(deps: CatalogCliDeps, file: string): Promise<string[] | undefined> {
  if (!deps.dataSource) throw new DomainError('UNAVAILABLE', 'office import memerlukan basis data (DATABASE_URL).');
  const dataSource = deps.dataSource;
  const document = readDocument(file);
  const entries: unknown[] = Array.isArray(document)
    ? document
    : Array.isArray((document as { offices?: unknown })?.offices)
      ? (document as { offices: unknown[] }).offices
      : [document];
  const offices: Office[] = [];
  let invalid = false;
  for (const [index, entry] of entries.entries()) {
    const parsed = officeSchema.safeParse(entry);
    const label = (entry as { code?: unknown })?.code ?? `#${index + 1}`;
    const problems = parsed.success
      ? officeProblems(parsed.data)
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    if (problems.length > 0) {
      invalid = true;
      deps.out(`Kantor ${String(label)} tidak valid:`);
      for (const problem of problems) deps.out(`  - ${problem}`);
    } else if (parsed.success) offices.push(parsed.data);
  }
  if (invalid) return undefined;
  const actor = deps.actor ?? cliActor();
  const results = await inTransaction(dataSource, async (runner) => {
    const lines: string[] = [];
    for (const office of offices) {
      const existed = await findOffice(runner, office.code);
      await saveOffice(runner, office, actor);
      lines.push(`${existed ? 'DIPERBARUI' : 'DIBUAT'}: kantor ${office.code} (${office.name})`);
    }
    return lines;
  });
  for (const line of results) deps.out(line);
  return results;
}
