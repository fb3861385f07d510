import type { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../../../libs/calendar/src/business-calendar';
import { OFFICES, SOP_CATALOG } from '../../../../libs/domain/src/catalog';
import type { Office, SopDefinition } from '../../../../libs/domain/src/sop';
import {
  catalogChangesSince,
  catalogRevision,
  findOffice,
  findSopVersion,
  listOffices,
  listSopVersions,
  localDate,
  resolveSopVersion,
  type StoredSopVersion,
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
 * The SOPs the gateway starts complaints with, read from PostgreSQL (`refresh`) and kept in memory,
 * indexed by SOP id and by office, so lookups stay synchronous and cheap at thousands of offices.
 * Every catalog change in this process refreshes it at once; `CatalogSyncService` polls the catalog
 * revision for changes made elsewhere (other replicas, the CLI) and reloads only what changed.
 * Tests add fixture SOPs (never by changing the catalog); they survive refreshes.
 */
export class SopRegistry {
  /** One calendar per office snapshot (a refresh brings new snapshots, so new calendars). */
  private readonly calendars = new WeakMap<Office, BusinessCalendar>();
  private readonly byId = new Map<string, RegistryVersion[]>();
  private readonly idsByOffice = new Map<string, Set<string>>();
  private officeMap = new Map<string, Office>();
  private readonly fixtures: readonly SopDefinition[];
  private revision?: string;

  /** A registry of the given SOPs, all published; `refresh` replaces them with the database's. */
  constructor(
    sops: readonly SopDefinition[],
    extraOffices: readonly Office[] = [],
    fixtures: readonly SopDefinition[] = [],
  ) {
    this.fixtures = fixtures;
    for (const office of extraOffices) this.officeMap.set(office.code, office);
    for (const sop of [...sops, ...fixtures]) {
      if (!this.officeMap.has(sop.office.code)) this.officeMap.set(sop.office.code, sop.office);
      this.put(fromDefinition(sop));
    }
  }

  /** The seed catalog plus fixture SOPs; the gateway refreshes it from PostgreSQL when it starts. */
  static fromCatalog(extra: readonly SopDefinition[] = []): SopRegistry {
    return new SopRegistry(SOP_CATALOG, OFFICES, extra);
  }

  private put(entry: RegistryVersion): void {
    const { sop } = entry;
    const list = (this.byId.get(sop.id) ?? []).filter((other) => other.sop.version !== sop.version);
    list.push(entry);
    this.byId.set(sop.id, list);
    const ids = this.idsByOffice.get(sop.office.code) ?? new Set<string>();
    ids.add(sop.id);
    this.idsByOffice.set(sop.office.code, ids);
  }

  private remove(sopId: string, version: number): void {
    const list = this.byId.get(sopId)?.filter((entry) => entry.sop.version !== version);
    if (list?.length) this.byId.set(sopId, list);
    else this.byId.delete(sopId);
  }

  private entryOf(row: StoredSopVersion, office: Office): RegistryVersion {
    return {
      sop: resolveSopVersion(row, office),
      status: row.status === 'retired' ? 'retired' : 'published',
      inForceFrom: row.effectiveDate ?? '0000-01-01',
    };
  }

  /**
   * The working calendar a complaint's deadlines were computed with: its SOP version's office
   * snapshot (hours, breaks, closures). Undefined when the version is unknown here.
   */
  calendarOf(sopId: string, version: number): BusinessCalendar | undefined {
    const office = this.find(sopId, version)?.office;
    if (!office) return undefined;
    let calendar = this.calendars.get(office);
    if (!calendar) {
      calendar = new BusinessCalendar({
        timeZone: office.timeZone,
        officeHours: office.officeHours,
        closures: office.closures,
      });
      this.calendars.set(office, calendar);
    }
    return calendar;
  }

  /** The office's time zone for display (WIB when the office is unknown, as most offices are). */
  timeZoneOf(officeCode: string): string {
    return this.office(officeCode)?.timeZone ?? 'Asia/Jakarta';
  }

  /**
   * Brings the registry up to date with PostgreSQL: everything on the first call (or `force`),
   * afterwards only the offices and versions changed since the last revision. Returns whether
   * anything changed.
   */
  async refresh(dataSource: DataSource, force = false): Promise<boolean> {
    const runner = dataSource.manager;
    if (force || this.revision === undefined) {
      const revision = await catalogRevision(runner);
      const offices = await listOffices(runner);
      const byCode = new Map(offices.map((office) => [office.code, office]));
      const stored = await listSopVersions(runner, { statuses: ['published', 'retired'] });
      this.byId.clear();
      this.idsByOffice.clear();
      this.officeMap = new Map(byCode);
      for (const row of stored) {
        const office = byCode.get(row.officeCode);
        if (office) this.put(this.entryOf(row, office));
      }
      for (const sop of this.fixtures) {
        if (!this.officeMap.has(sop.office.code)) this.officeMap.set(sop.office.code, sop.office);
        this.put(fromDefinition(sop));
      }
      this.revision = revision;
      return true;
    }
    const changes = await catalogChangesSince(runner, this.revision);
    if (changes.offices.length === 0 && changes.sopVersions.length === 0) {
      this.revision = changes.revision;
      return false;
    }
    for (const code of changes.offices) {
      const office = await findOffice(runner, code);
      if (!office) continue;
      this.officeMap.set(code, office);
      // The office's hours and closures are part of each of its versions' snapshot.
      for (const row of await listSopVersions(runner, { officeCode: code, statuses: ['published', 'retired'] })) {
        this.put(this.entryOf(row, office));
      }
    }
    for (const { sopId, version } of changes.sopVersions) {
      const row = await findSopVersion(runner, sopId, version);
      const office = row ? this.officeMap.get(row.officeCode) : undefined;
      if (row && office && row.status !== 'draft') this.put(this.entryOf(row, office));
      else this.remove(sopId, version);
    }
    this.revision = changes.revision;
    return true;
  }

  /** The SOPs in force now, one per SOP id (what the `sops` query lists). */
  all(at = new Date()): SopDefinition[] {
    return [...this.byId.keys()]
      .map((id) => this.inForce(id, at))
      .filter((sop): sop is SopDefinition => sop !== undefined);
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
    return this.byId.get(id)?.find((entry) => entry.sop.version === version)?.sop;
  }

  /**
   * The version of an SOP in force at an instant: published, effective on or before that day in the
   * office's time zone; the latest effective date wins, then the highest version.
   */
  inForce(id: string, at: Date): SopDefinition | undefined {
    let best: RegistryVersion | undefined;
    for (const entry of this.byId.get(id) ?? []) {
      const { sop, status, inForceFrom } = entry;
      if (status !== 'published' || inForceFrom > localDate(at, sop.office)) continue;
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
    const ids = [...(this.idsByOffice.get(officeCode) ?? [])].filter((id) => !id.endsWith('-test')).sort();
    for (const id of ids) {
      const sop = this.inForce(id, at);
      if (sop?.office.code === officeCode) return sop;
    }
    return undefined;
  }
}
