import yaml from 'js-yaml';
import { DomainError } from './errors';
import type { Office, SopDefinitionInput } from './sop';

/**
 * An SOP as offices write it: a YAML or JSON document (JSON is YAML), the SOP definition with its
 * office given by code (`office: PALARAN`). The office's hours and closures are managed with the
 * office, so a change of hours needs no new SOP version; the office is joined in when the SOP is
 * resolved. Pure (no file access): the gateway, the CLI and the seed loader share it.
 */
export type SopDocument = Omit<SopDefinitionInput, 'office'> & { office: string | SopDefinitionInput['office'] };

/**
 * Parses YAML or JSON text. YAML's core schema: `2025-01-06` stays a string, never a Date. Aliases
 * of lists or maps are refused: an SOP needs none, and nested aliases (one shared node reached
 * many times) can expand a small text into a huge document once stored.
 */
export function parseDocumentText(text: string, name = 'dokumen'): unknown {
  let document: unknown;
  try {
    document = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: name });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException ? ` (baris ${(error.mark?.line ?? 0) + 1})` : '';
    throw new DomainError('BAD_USER_INPUT', `${name} bukan YAML/JSON yang sah${line}: ${reason}`);
  }
  if (reachesANodeTwice(document)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${name} memakai alias YAML (*nama) untuk daftar/objek; tulis isinya langsung.`,
    );
  }
  return document;
}

function reachesANodeTwice(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (seen.has(node)) return true;
    seen.add(node);
    stack.push(...(Array.isArray(node) ? node : Object.values(node)));
  }
  return false;
}

/** The office code a document names, if any (a code, or an office object with a code). */
export function documentOfficeCode(document: unknown): string | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const office = (document as { office?: unknown }).office;
  if (typeof office === 'string') return office;
  if (typeof office === 'object' && office !== null && typeof (office as { code?: unknown }).code === 'string') {
    return (office as { code: string }).code;
  }
  return undefined;
}

/**
 * The document with its office joined in (by code, from `offices`). An unknown office is left as
 * the code so the validator reports it with the rest; an office object is replaced by the managed
 * office of the same code when there is one.
 */
export function withOffice(document: unknown, offices: ReadonlyMap<string, Office | SopDefinitionInput['office']>) {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return document;
  const code = documentOfficeCode(document);
  const office = code === undefined ? undefined : offices.get(code);
  return office ? { ...(document as Record<string, unknown>), office } : document;
}

/** Renders a definition as the YAML an office edits (office by code). */
export function toDocumentText(definition: SopDefinitionInput | SopDocument): string {
  const office = typeof definition.office === 'string' ? definition.office : definition.office.code;
  return yaml.dump({ ...definition, office }, { lineWidth: 120, noRefs: true, schema: yaml.CORE_SCHEMA });
}
