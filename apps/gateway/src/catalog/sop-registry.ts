import type { DataSource } from 'typeorm';
import { OFFICES, SOP_CATALOG } from '../../../../libs/domain/src/catalog';
import type { Office, SopDefinition } from '../../../../libs/domain/src/sop';
import {
  catalogRevision,
  listOffices,
  listSopVersions,
  localDate,
  resolveSopVersion,
} from '../../../../libs/persistence/src/catalog-store';

/** A version the registry can start or explain complaints with: published, or retired (no new complaints). */
export interface RegistryVersion {
  sop: SopDefinition;
  status: 'published' | 'retired';
  /** The day (office time zone) from which it governs new complaints: its publication's effective date. */
  inForceFrom: string;
}

/** Fixtures and seeds read from files carry their own date; one without a date is in force at once. */
function fromDefinition(sop: SopDefinition): RegistryVersion {
  return { sop, status: 'published', inForceFrom: sop.effectiveDate ?? '0000-01-01' };
}

/**
 * The SOPs the gateway starts complaints with, read from PostgreSQL (`refresh`) and kept in memory
 * so lookups stay synchronous; every catalog change in this process refreshes it at once, and
 * `CatalogSyncService` polls the catalog revision for changes made elsewhere (other replicas, the
 * CLI). Tests add fixture SOPs (never by changing the catalog); they survive refreshes.
 */
export class SopRegistry {
  private versions: RegistryVersion[];
  private officeMap: Map<string, Office>;
  private readonly fixtures: readonly SopDefinition[];
  private revision?: string;

  /** A registry of the given SOPs, all published; `refresh` replaces them with the database's. */
  constructor(
    sops: readonly SopDefinition[],
    extraOffices: readonly Office[] = [],
    fixtures: readonly SopDefinition[] = [],
  ) {
    this.fixtures = fixtures;
    this.versions = [...sops, ...fixtures].map(fromDefinition);
    this.officeMap = SopRegistry.officesOf(extraOffices, [...sops, ...fixtures]);
  }

  /** The seed catalog plus fixture SOPs; the gateway refreshes it from PostgreSQL when it starts. */
  static fromCatalog(extra: readonly SopDefinition[] = []): SopRegistry {
    return new SopRegistry(SOP_CATALOG, OFFICES, extra);
  }

  private static officesOf(offices: readonly Office[], sops: readonly SopDefinition[]): Map<string, Office> {
    const map = new Map<string, Office>();
    for (const office of [...offices, ...sops.map((sop) => sop.office)])
      if (!map.has(office.code)) map.set(office.code, office);
    return map;
  }

  /** Reloads offices and published/retired versions from PostgreSQL when the catalog changed. */
  async refresh(dataSource: DataSource, force = false): Promise<boolean> {
    const revision = await catalogRevision(dataSource.manager);
    if (!force && revision === this.revision) return false;
    const offices = await listOffices(dataSource.manager);
    const byCode = new Map(offices.map((office) => [office.code, office]));
    const stored = await listSopVersions(dataSource.manager, { statuses: ['published', 'retired'] });
    const versions: RegistryVersion[] = [];
    for (const row of stored) {
      const office = byCode.get(row.officeCode);
      if (!office) continue;
      versions.push({
        sop: resolveSopVersion(row, office),
        status: row.status === 'retired' ? 'retired' : 'published',
        inForceFrom: row.effectiveDate ?? '0000-01-01',
      });
    }
    this.versions = [...versions, ...this.fixtures.map(fromDefinition)];
    this.officeMap = SopRegistry.officesOf(offices, this.fixtures);
    this.revision = revision;
    return true;
  }

  /** The SOPs in force now, one per SOP id (what the `sops` query lists). */
  all(at = new Date()): SopDefinition[] {
    const ids = [...new Set(this.versions.map((entry) => entry.sop.id))];
    return ids.map((id) => this.inForce(id, at)).filter((sop): sop is SopDefinition => sop !== undefined);
  }

  offices(): Office[] {
    return [...this.officeMap.values()];
  }

  office(code: string): Office | undefined {
    return this.officeMap.get(code);
  }

  /**
   * By id: the given version (published or retired: a running complaint's rules stay readable), or
   * without a version the one in force now.
   */
  find(id: string, version?: number): SopDefinition | undefined {
    if (version === undefined) return this.inForce(id, new Date());
    return this.versions.find((entry) => entry.sop.id === id && entry.sop.version === version)?.sop;
  }

  /**
   * The version of an SOP in force at an instant: published, effective on or before that day in the
   * office's time zone; the latest effective date wins, then the highest version.
   */
  inForce(id: string, at: Date): SopDefinition | undefined {
    let best: RegistryVersion | undefined;
    for (const entry of this.versions) {
      const { sop, status, inForceFrom } = entry;
      if (sop.id !== id || status !== 'published' || inForceFrom > localDate(at, sop.office)) continue;
      if (
        !best ||
        inForceFrom > best.inForceFrom ||
        (inForceFrom === best.inForceFrom && sop.version > best.sop.version)
      ) {
        best = entry;
      }
    }
    return best?.sop;
  }

  /**
   * The SOP a new complaint of an office runs: of the office's SOPs in force at `at`, the first by id
   * (an office with variants, like Selemadeg Timur A and B, names the other one explicitly).
   * Test SOPs (ids ending in `-test`) are never chosen implicitly.
   */
  activeForOffice(officeCode: string, at = new Date()): SopDefinition | undefined {
    const ids = [
      ...new Set(
        this.versions
          .filter((entry) => entry.sop.office.code === officeCode && !entry.sop.id.endsWith('-test'))
          .map((entry) => entry.sop.id),
      ),
    ].sort();
    for (const id of ids) {
      const sop = this.inForce(id, at);
      if (sop) return sop;
    }
    return undefined;
  }
}
