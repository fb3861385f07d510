import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../../libs/config/src/config';
import type { AppLogger } from '../../../../../libs/logging/src/logger';
import {
  ADMIN_ROLES,
  isAdminRole,
  isReadOnlyRole,
  READ_ONLY_ROLES,
  STAFF_ROLES,
  type AdminRole,
} from '../../../../../libs/domain/src/roles';
import { officeSchema, type Office, type SopDefinition } from '../../../../../libs/domain/src/sop';
import { diffSops, type SopDiff } from '../../../../../libs/domain/src/sop-diff';
import { renderSopSheetHtml } from '../../../../../libs/domain/src/sop-sheet';
import {
  documentOfficeCode,
  parseDocumentText,
  toDocumentText,
  withOffice,
} from '../../../../../libs/domain/src/sop-document';
import { officeProblems, validateSop, type SopProblem } from '../../../../../libs/domain/src/sop-validator';
import {
  findOffice,
  findSopVersion,
  findStaffUser,
  insertSopVersion,
  listAdminAudit,
  listOffices,
  listSopVersions,
  listStaffUsers,
  localDate,
  nextSopVersionNumber,
  saveOffice,
  saveStaffUser,
  setSopVersionStatus,
  type AdminAuditEntry,
  type ChangeActor,
  type StaffUser,
  type StoredSopVersion,
} from '../../../../../libs/persistence/src/catalog-store';
import { inTransaction } from '../../../../../libs/persistence/src/transaction';
import { ensureRecapSchedule, pauseRecapSchedule } from '../../../../../libs/temporal/src/schedules';
import type { AuthUser } from '../../auth/auth.types';
import { APP_CONFIG, DATA_SOURCE, GATEWAY_LOGGER, SOP_REGISTRY, TEMPORAL_CLIENT } from '../../core/gateway.tokens';
import { CatalogErrors } from '../catalog.errors';
import type { OfficeInput, StaffUserInput } from '../catalog-admin.input';
import type { SopRegistry } from '../sop-registry';

export interface SopVersionView {
  stored: StoredSopVersion;
  problems: SopProblem[];
  sop?: SopDefinition;
  inForce: boolean;
}

/** An SOP as YAML/JSON text, or as the structured GraphQL input mapped to a document. */
export type SopSource = string | Record<string, unknown>;

const SOP_ID = /^[a-z0-9-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 -]{6,19}$/;
const DIRECTORY_ROLES: readonly string[] = [...STAFF_ROLES, ...READ_ONLY_ROLES, ...ADMIN_ROLES];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Offices, SOP versions and the staff directory, managed by administrators: an `office_admin` for
 * its own office, a `regional_admin` for the offices of its region (or all, with office `*`).
 * Every change is written with its audit entry in one transaction, then the registry reloads.
 */
@Injectable()
export class CatalogAdminService {
  private readonly logger: AppLogger;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GATEWAY_LOGGER) logger: AppLogger,
  ) {
    this.logger = logger.child({ component: 'catalog-admin' });
  }

  /** The admin role the caller manages this office with; FORBIDDEN otherwise. */
  private manager(user: AuthUser, office: Pick<Office, 'code' | 'region'>): AdminRole {
    if (!user.roles.some((role) => isAdminRole(role))) throw CatalogErrors.notAdmin();
    if (user.roles.includes('office_admin') && user.office === office.code) return 'office_admin';
    if (user.roles.includes('regional_admin') && (user.office === '*' || user.office === office.region)) {
      return 'regional_admin';
    }
    throw CatalogErrors.outOfScope(office.code);
  }

  private actor(user: AuthUser, role: AdminRole): ChangeActor {
    return { userId: user.sub, name: user.name, role };
  }

  /** Whether the caller may read this office's catalog (its own office, its region, or `*`). */
  private reads(user: AuthUser, office: Pick<Office, 'code' | 'region'>): boolean {
    return user.office === '*' || user.office === office.code || (!!office.region && user.office === office.region);
  }

  private async office(code: string): Promise<Office> {
    const office = await findOffice(this.dataSource.manager, code);
    if (!office) throw CatalogErrors.unknownOffice(code);
    return office;
  }

  private async changed(): Promise<void> {
    await this.registry.refresh(this.dataSource);
  }

  async saveOffice(user: AuthUser, input: OfficeInput): Promise<Office> {
    const parsed = officeSchema.safeParse({
      code: input.code,
      name: input.name,
      kind: input.kind,
      ...(input.region ? { region: input.region } : {}),
      timeZone: input.timeZone,
      officeHours: input.officeHours.map((hours) => ({
        weekday: hours.weekday,
        start: hours.start,
        end: hours.end,
        ...(hours.breaks?.length
          ? { breaks: hours.breaks.map((pause) => ({ start: pause.start, end: pause.end })) }
          : {}),
      })),
      closures: input.closures ?? [],
      ...(input.registerNumberFormat ? { registerNumberFormat: input.registerNumberFormat } : {}),
    });
    if (!parsed.success) {
      throw CatalogErrors.invalidOffice(
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      );
    }
    const office = parsed.data;
    const problems = officeProblems(office);
    if (problems.length > 0) throw CatalogErrors.invalidOffice(problems);
    const existing = await findOffice(this.dataSource.manager, office.code);
    if (
      !existing &&
      !(user.roles.includes('regional_admin') && (user.office === '*' || user.office === office.region))
    ) {
      throw user.roles.some((role) => isAdminRole(role))
        ? CatalogErrors.newOfficeNeedsRegionalAdmin()
        : CatalogErrors.notAdmin();
    }
    if (existing) this.manager(user, existing);
    const role = this.manager(user, office);
    await inTransaction(this.dataSource, (runner) => saveOffice(runner, office, this.actor(user, role)));
    await this.changed();
    return office;
  }

  async offices(user: AuthUser): Promise<Office[]> {
    return (await listOffices(this.dataSource.manager)).filter((office) => this.reads(user, office));
  }

  /** Shape and meaning of an SOP document against its (managed) office; nothing is stored. */
  async validateDocument(
    user: AuthUser,
    source: SopSource,
    officeCode?: string,
  ): Promise<{ problems: SopProblem[]; sop?: SopDefinition }> {
    const { document, office } = await this.documentAndOffice(source, officeCode);
    this.manager(user, office);
    const result = validateSop(withOffice(document, new Map([[office.code, office]])));
    return result.ok ? { problems: [], sop: result.sop } : { problems: result.issues };
  }

  private async documentAndOffice(
    source: SopSource,
    officeCode?: string,
  ): Promise<{ document: Record<string, unknown>; office: Office }> {
    const document = typeof source === 'string' ? parseDocumentText(source, 'Dokumen SOP') : source;
    if (!isRecord(document)) throw CatalogErrors.documentNotObject();
    const code = officeCode ?? documentOfficeCode(document);
    if (!code) throw CatalogErrors.missingOffice();
    const office = await this.office(code);
    // The version number and, until publication, the effective date are the catalog's to give.
    return {
      document: {
        ...document,
        office: code,
        version: 1,
        effectiveDate:
          typeof document.effectiveDate === 'string' ? document.effectiveDate : localDate(new Date(), office),
      },
      office,
    };
  }

  /** Stores a new draft version (the next number of its SOP id); problems are reported, not refused. */
  async draft(user: AuthUser, source: SopSource, officeCode?: string): Promise<SopVersionView> {
    const { document, office } = await this.documentAndOffice(source, officeCode);
    const role = this.manager(user, office);
    const sopId = document.id;
    if (typeof sopId !== 'string' || !SOP_ID.test(sopId)) throw CatalogErrors.badSopId();
    const stored = await inTransaction(this.dataSource, async (runner) => {
      // One drafter per SOP id at a time, so version numbers never collide.
      await runner.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sop:${sopId}`]);
      const other = (await listSopVersions(runner, { sopId })).find((row) => row.officeCode !== office.code);
      if (other) throw CatalogErrors.sopOfOtherOffice(sopId, other.officeCode);
      const version = await nextSopVersionNumber(runner, sopId);
      const row = {
        sopId,
        version,
        officeCode: office.code,
        status: 'draft' as const,
        title: typeof document.title === 'string' ? document.title : sopId,
        effectiveDate: null,
        document: { ...document, version },
      };
      await insertSopVersion(runner, row, this.actor(user, role));
      return findSopVersion(runner, sopId, version);
    });
    return this.view(stored as StoredSopVersion, office);
  }

  async publish(user: AuthUser, sopId: string, version: number, effectiveDate: string): Promise<SopVersionView> {
    const stored = await this.version(sopId, version);
    const office = await this.office(stored.officeCode);
    const role = this.manager(user, office);
    const today = localDate(new Date(), office);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate) || effectiveDate < today) {
      throw CatalogErrors.badEffectiveDate(effectiveDate, today);
    }
    if (stored.status !== 'draft') throw CatalogErrors.notDraft(sopId, version, stored.status);
    const document = { ...stored.document, effectiveDate };
    const result = validateSop(withOffice({ ...document, id: sopId, version }, new Map([[office.code, office]])));
    if (!result.ok) throw CatalogErrors.invalidSop(sopId, version, result.issues);
    await inTransaction(this.dataSource, async (runner) => {
      const locked = await findSopVersion(runner, sopId, version, true);
      if (locked?.status !== 'draft') throw CatalogErrors.notDraft(sopId, version, locked?.status ?? 'hilang');
      await setSopVersionStatus(
        runner,
        stored,
        { status: 'published', effectiveDate, document },
        this.actor(user, role),
      );
    });
    await this.changed();
    await this.syncRecapSchedule(office.code, result.sop);
    return this.view(await this.version(sopId, version), office);
  }

  /**
   * Keeps the office's monthly recap schedule with its SOP, for offices onboarded after start-up: a
   * published version with a recap creates or updates (and resumes) it, from its publication on; after
   * a retirement the version in force decides, and with no recap left the schedule is paused. The
   * catalog change is already committed, so a Temporal failure is logged, not returned; publishing
   * again (or a restart, for seed offices) repairs it.
   */
  private async syncRecapSchedule(officeCode: string, published?: SopDefinition): Promise<void> {
    if (published && !published.monthlyRecap) return; // a version without a recap leaves the schedule be
    const target = published ?? this.registry.activeForOffice(officeCode);
    try {
      if (target?.monthlyRecap) {
        await ensureRecapSchedule(this.client, target, { taskQueue: this.config.temporal.taskQueue, resume: true });
      } else {
        await pauseRecapSchedule(this.client, officeCode, 'Tidak ada lagi SOP berlaku dengan rekap bulanan');
      }
    } catch (error) {
      this.logger.error('Could not bring the monthly recap schedule in line with the catalog', { officeCode, error });
    }
  }

  async retire(user: AuthUser, sopId: string, version: number): Promise<SopVersionView> {
    const stored = await this.version(sopId, version);
    const office = await this.office(stored.officeCode);
    const role = this.manager(user, office);
    await inTransaction(this.dataSource, async (runner) => {
      const locked = await findSopVersion(runner, sopId, version, true);
      if (locked?.status !== 'published') throw CatalogErrors.notPublished(sopId, version, locked?.status ?? 'hilang');
      await setSopVersionStatus(runner, locked, { status: 'retired' }, this.actor(user, role));
    });
    await this.changed();
    if (stored.document.monthlyRecap) await this.syncRecapSchedule(office.code);
    return this.view(await this.version(sopId, version), office);
  }

  private async version(sopId: string, version: number): Promise<StoredSopVersion> {
    const stored = await findSopVersion(this.dataSource.manager, sopId, version);
    if (!stored) throw CatalogErrors.unknownVersion(sopId, version);
    return stored;
  }

  /** Versions of an SOP id, or of every SOP of an office, within the caller's reading scope. */
  async versions(user: AuthUser, filter: { sopId?: string; officeCode?: string }): Promise<SopVersionView[]> {
    const rows = await listSopVersions(this.dataSource.manager, filter);
    const offices = new Map((await listOffices(this.dataSource.manager)).map((office) => [office.code, office]));
    return rows
      .filter((row) => {
        const office = offices.get(row.officeCode);
        return office !== undefined && this.reads(user, office);
      })
      .map((row) => this.view(row, offices.get(row.officeCode) as Office));
  }

  async diff(user: AuthUser, sopId: string, fromVersion: number, toVersion: number): Promise<SopDiff> {
    const [from, to] = await Promise.all([this.version(sopId, fromVersion), this.version(sopId, toVersion)]);
    const office = await this.office(to.officeCode);
    if (!this.reads(user, office)) throw CatalogErrors.outOfScope(office.code);
    const a = this.view(from, office);
    const b = this.view(to, office);
    if (!a.sop) throw CatalogErrors.invalidSop(sopId, fromVersion, a.problems);
    if (!b.sop) throw CatalogErrors.invalidSop(sopId, toVersion, b.problems);
    return diffSops(a.sop, b.sop);
  }

  /**
   * The printable SOP sheet of a version. Staff in scope see any version (a draft's preview);
   * without a caller only published or retired versions are shown: they are public documents.
   */
  async sheet(user: AuthUser | undefined, sopId: string, version: number): Promise<string> {
    const stored = await this.version(sopId, version);
    if (!user && stored.status === 'draft') throw CatalogErrors.unknownVersion(sopId, version);
    const office = await this.office(stored.officeCode);
    if (user && !this.reads(user, office)) throw CatalogErrors.outOfScope(office.code);
    const view = this.view(stored, office);
    if (!view.sop) throw CatalogErrors.invalidSop(sopId, version, view.problems);
    return renderSopSheetHtml(view.sop);
  }

  private view(stored: StoredSopVersion, office: Office): SopVersionView {
    const result = validateSop(
      withOffice(
        {
          ...stored.document,
          id: stored.sopId,
          version: stored.version,
          ...(stored.effectiveDate ? { effectiveDate: stored.effectiveDate } : {}),
        },
        new Map([[office.code, office]]),
      ),
    );
    const inForce =
      stored.status === 'published' && this.registry.inForce(stored.sopId, new Date())?.version === stored.version;
    return result.ok
      ? { stored, problems: [], sop: result.sop, inForce }
      : { stored, problems: result.issues, inForce };
  }

  documentText(stored: StoredSopVersion): string {
    return toDocumentText(stored.document as Parameters<typeof toDocumentText>[0]);
  }

  async saveStaff(user: AuthUser, input: StaffUserInput): Promise<StaffUser> {
    const problems: string[] = [];
    if (!/^\S{1,100}$/.test(input.id)) problems.push('id petugas wajib diisi, tanpa spasi, paling banyak 100 karakter');
    if (input.name.trim().length < 3) problems.push('nama petugas paling sedikit 3 karakter');
    if (input.roles.length === 0) problems.push('petugas harus memiliki paling sedikit satu peran');
    for (const role of input.roles) if (!DIRECTORY_ROLES.includes(role)) problems.push(`peran "${role}" tidak dikenal`);
    if (input.email && !EMAIL.test(input.email)) problems.push(`alamat e-mail "${input.email}" tidak valid`);
    if (input.phone && !PHONE.test(input.phone)) problems.push(`nomor telepon "${input.phone}" tidak valid`);
    if (problems.length > 0) throw CatalogErrors.invalidStaff(problems);
    const office = await this.office(input.officeCode);
    const role = this.manager(user, office);
    const existing = await findStaffUser(this.dataSource.manager, input.id);
    if (existing && existing.officeCode !== office.code) this.manager(user, await this.office(existing.officeCode));
    return inTransaction(this.dataSource, (runner) =>
      saveStaffUser(
        runner,
        {
          id: input.id,
          officeCode: office.code,
          name: input.name.trim(),
          roles: [...new Set(input.roles)],
          email: input.email ?? null,
          phone: input.phone ?? null,
          active: input.active ?? true,
        },
        this.actor(user, role),
      ),
    );
  }

  async staff(user: AuthUser, officeCode?: string): Promise<StaffUser[]> {
    const offices = (await listOffices(this.dataSource.manager)).filter(
      (office) => this.reads(user, office) && (!officeCode || office.code === officeCode),
    );
    if (officeCode && offices.length === 0) throw CatalogErrors.outOfScope(officeCode);
    return listStaffUsers(
      this.dataSource.manager,
      offices.map((office) => office.code),
    );
  }

  async audit(user: AuthUser, officeCode?: string, limit = 100): Promise<AdminAuditEntry[]> {
    // The audit carries staff contact details: administrators, supervisors and auditors only.
    if (!user.roles.some((role) => isAdminRole(role) || isReadOnlyRole(role))) throw CatalogErrors.auditNotAllowed();
    const offices = (await listOffices(this.dataSource.manager)).filter(
      (office) => this.reads(user, office) && (!officeCode || office.code === officeCode),
    );
    if (officeCode && offices.length === 0) throw CatalogErrors.outOfScope(officeCode);
    return listAdminAudit(this.dataSource.manager, {
      officeCodes: offices.map((office) => office.code),
      limit: Math.min(Math.max(limit, 1), 500),
    });
  }
}
