import type { Office, SopDefinition, SopDefinitionInput } from '../sop';
import { DomainError } from '../errors';
import { parseSop } from '../sop-validator';
import { DISKOMINFO_KARANGANYAR_ADUAN_WARGA } from './diskominfo-karanganyar-aduan-warga.sop';
import { KEBAKKRAMAT_ADUAN } from './kebakkramat-aduan.sop';
import { PALARAN_PENGADUAN } from './palaran-pengaduan.sop';
import { PPID_KARANGANYAR_WEB_MEDSOS } from './ppid-karanganyar-web-medsos.sop';
import { SELEMADEG_TIMUR_A } from './selemadeg-timur-a.sop';
import { SELEMADEG_TIMUR_B } from './selemadeg-timur-b.sop';

/**
 * The seed SOPs as data. Each definition is parsed (shape and meaning) when this module loads, so an
 * invalid catalog fails at start-up instead of in a running complaint. Imported by the gateway and
 * tests; workflows receive their SOP as a snapshot in their input instead.
 */
export { DISKOMINFO_MONTHLY_RECAP, type RecapStepDefinition } from './diskominfo-karanganyar-aduan-warga.sop';

export const SOP_CATALOG_INPUTS: readonly SopDefinitionInput[] = [
  KEBAKKRAMAT_ADUAN,
  PPID_KARANGANYAR_WEB_MEDSOS,
  DISKOMINFO_KARANGANYAR_ADUAN_WARGA,
  SELEMADEG_TIMUR_A,
  SELEMADEG_TIMUR_B,
  PALARAN_PENGADUAN,
];

export const SOP_CATALOG: SopDefinition[] = SOP_CATALOG_INPUTS.map((input) => parseSop(input));

const seen = new Set<string>();
for (const sop of SOP_CATALOG) {
  const key = `${sop.id}@${sop.version}`;
  if (seen.has(key)) throw new DomainError('INVALID_SOP', `SOP "${sop.id}" versi ${sop.version} tercantum dua kali.`);
  seen.add(key);
}

/** An SOP by id: the given version, or the newest one. */
export function findSop(id: string, version?: number): SopDefinition | undefined {
  const matches = SOP_CATALOG.filter((sop) => sop.id === id && (version === undefined || sop.version === version));
  return matches.reduce<SopDefinition | undefined>(
    (newest, sop) => (newest === undefined || sop.version > newest.version ? sop : newest),
    undefined,
  );
}

/** The offices of the catalog, once each (by code). */
export const OFFICES: Office[] = [...new Map(SOP_CATALOG.map((sop) => [sop.office.code, sop.office])).values()];
