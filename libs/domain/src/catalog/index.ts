import type { Office, RecapStep, SopDefinition } from '../sop';
import { DomainError } from '../errors';
import { readSeedCatalog } from './seed-files';

/**
 * The seed SOPs and offices, read from the data files under `seeds/` (see seed-files.ts) and parsed
 * (shape and meaning) when this module loads, so an invalid seed fails at start-up. The running
 * product reads SOPs from PostgreSQL, where the migrate step loads these seeds; this module serves
 * the migrate step, tests and the bench. Workflows receive their SOP as a snapshot in their input.
 */
const SEEDS = readSeedCatalog();

export const SOP_CATALOG: SopDefinition[] = SEEDS.sops;

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

/** The seed offices, in seed order. */
export const OFFICES: Office[] = SEEDS.offices;

/** A step of the monthly recap (seed 002 steps 5–7), for the recap workflow. */
export type RecapStepDefinition = RecapStep;

/** The Diskominfo monthly recap of the seed (steps 5–7). */
export const DISKOMINFO_MONTHLY_RECAP: readonly RecapStepDefinition[] =
  findSop('diskominfo-karanganyar-aduan-warga')?.monthlyRecap?.steps ?? [];
