import * as fs from 'node:fs';
import * as path from 'node:path';
import { officeSchema, type Office, type SopDefinition } from '../sop';
import { parseDocumentText, withOffice } from '../sop-document';
import { parseSop } from '../sop-validator';
import { DomainError } from '../errors';

/**
 * The seed data: `seeds/offices/*.yaml` (one office each) and `seeds/sops/*.yaml` (one SOP version
 * each, its office by code). The migrate step loads them into PostgreSQL; tests and the bench read
 * them through the catalog module. Never imported by workflow code (it reads files).
 */

/** `ADUAN_SEEDS_DIR`, else the nearest `seeds/` folder above this file (source tree or dist/). */
export function seedsDirectory(): string {
  const configured = process.env.ADUAN_SEEDS_DIR;
  if (configured) return path.resolve(configured);
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'seeds');
    if (fs.existsSync(path.join(candidate, 'sops'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`No seeds/ folder above ${__dirname}; set ADUAN_SEEDS_DIR`);
  }
}

export interface SeedCatalog {
  offices: Office[];
  sops: SopDefinition[];
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Reads and validates every seed; throws `INVALID_SOP` naming the file and all its problems. */
export function readSeedCatalog(dir = seedsDirectory()): SeedCatalog {
  const offices = yamlFiles(path.join(dir, 'offices')).map((file) => {
    const parsed = officeSchema.safeParse(parseDocumentText(fs.readFileSync(file, 'utf8'), path.basename(file)));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new DomainError('INVALID_SOP', `Kantor ${path.basename(file)} tidak valid: ${problems.join('; ')}`);
    }
    return parsed.data;
  });
  const byCode = new Map(offices.map((office) => [office.code, office]));
  const sops = yamlFiles(path.join(dir, 'sops')).map((file) => {
    const document = parseDocumentText(fs.readFileSync(file, 'utf8'), path.basename(file));
    try {
      return parseSop(withOffice(document, byCode));
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(error.code, `${path.basename(file)}: ${error.message}`);
      throw error;
    }
  });
  return { offices, sops };
}
