import { OFFICES, SOP_CATALOG } from '../../../../libs/domain/src/catalog';
import type { Office, SopDefinition } from '../../../../libs/domain/src/sop';

/**
 * The SOPs the gateway can start complaints with. The default is the catalog; tests build one with
 * the catalog plus their fixture SOPs (never by changing the catalog).
 */
export class SopRegistry {
  private readonly sops: SopDefinition[];

  constructor(sops: readonly SopDefinition[], extraOffices: readonly Office[] = []) {
    this.sops = [...sops];
    const offices = new Map<string, Office>();
    for (const office of [...extraOffices, ...sops.map((sop) => sop.office)]) {
      if (!offices.has(office.code)) offices.set(office.code, office);
    }
    this.officeList = [...offices.values()];
  }

  private readonly officeList: Office[];

  static fromCatalog(extra: readonly SopDefinition[] = []): SopRegistry {
    return new SopRegistry([...SOP_CATALOG, ...extra], OFFICES);
  }

  all(): SopDefinition[] {
    return [...this.sops];
  }

  offices(): Office[] {
    return [...this.officeList];
  }

  office(code: string): Office | undefined {
    return this.officeList.find((office) => office.code === code);
  }

  /** The office's time zone for display (WIB when the office is unknown, as most offices are). */
  timeZoneOf(officeCode: string): string {
    return this.office(officeCode)?.timeZone ?? 'Asia/Jakarta';
  }

  /** By id: the given version or the newest. */
  find(id: string, version?: number): SopDefinition | undefined {
    return this.sops
      .filter((sop) => sop.id === id && (version === undefined || sop.version === version))
      .reduce<SopDefinition | undefined>(
        (newest, sop) => (!newest || sop.version > newest.version ? sop : newest),
        undefined,
      );
  }

  /**
   * The SOP a new complaint of an office runs: the newest version of the office's first catalog SOP.
   * Test SOPs (ids ending in `-test`) are never chosen implicitly.
   */
  activeForOffice(officeCode: string): SopDefinition | undefined {
    const first = this.sops.find((sop) => sop.office.code === officeCode && !sop.id.endsWith('-test'));
    return first ? this.find(first.id) : undefined;
  }
}
