import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { userOf } from '../auth/acting-user';
import type { GatewayContext } from '../auth/auth.types';
import { GqlContext } from '../auth/current-user.decorator';
import {
  DraftSopVersionInput,
  OfficeInput,
  PublishSopVersionInput,
  SopVersionRefInput,
  StaffUserInput,
} from './catalog-admin.input';
import {
  sopSourceOf,
  toAdminAuditEntryObject,
  toSopDiffObject,
  toSopVersionObject,
  toStaffUserObject,
  toValidationObject,
} from './catalog-admin.mapper';
import {
  AdminAuditEntryObject,
  SopDiffObject,
  SopValidationObject,
  SopVersionObject,
  StaffUserObject,
} from './catalog-admin.object';
import { toOfficeObject } from './catalog.mapper';
import { CatalogAdminService, type SopVersionView } from './services/catalog-admin.service';
import { OfficeObject } from './sop.object';

/**
 * Administration of offices, SOP versions and staff (office_admin, regional_admin). Guarded
 * globally (staff token); the service checks the caller's scope and audits every change.
 */
@Resolver()
export class CatalogAdminResolver {
  constructor(private readonly admin: CatalogAdminService) {}

  private version(view: SopVersionView): SopVersionObject {
    return toSopVersionObject(view, this.admin.documentText(view.stored));
  }

  @Mutation(() => OfficeObject, {
    description: 'Membuat kantor baru atau mengubah kantor (jam kantor, istirahat, libur).',
  })
  async saveOffice(@Args('input') input: OfficeInput, @GqlContext() context: GatewayContext): Promise<OfficeObject> {
    return toOfficeObject(await this.admin.saveOffice(userOf(context), input));
  }

  @Query(() => [OfficeObject], { description: 'Kantor dalam wewenang pemanggil, dengan jam kantor dan hari libur.' })
  async managedOffices(@GqlContext() context: GatewayContext): Promise<OfficeObject[]> {
    return (await this.admin.offices(userOf(context))).map(toOfficeObject);
  }

  @Query(() => SopValidationObject, {
    description: 'Memeriksa dokumen SOP (YAML/JSON) tanpa menyimpannya: semua masalah sekaligus, per langkah.',
  })
  async validateSopDocument(
    @Args('input') input: DraftSopVersionInput,
    @GqlContext() context: GatewayContext,
  ): Promise<SopValidationObject> {
    return toValidationObject(await this.admin.validateDocument(userOf(context), sopSourceOf(input), input.officeCode));
  }

  @Mutation(() => SopVersionObject, { description: 'Menyimpan draf versi SOP baru (nomor versi berikutnya).' })
  async draftSopVersion(
    @Args('input') input: DraftSopVersionInput,
    @GqlContext() context: GatewayContext,
  ): Promise<SopVersionObject> {
    return this.version(await this.admin.draft(userOf(context), sopSourceOf(input), input.officeCode));
  }

  @Mutation(() => SopVersionObject, {
    description: 'Menerbitkan draf SOP dengan tanggal berlaku; SOP yang tidak valid ditolak beserta semua masalahnya.',
  })
  async publishSopVersion(
    @Args('input') input: PublishSopVersionInput,
    @GqlContext() context: GatewayContext,
  ): Promise<SopVersionObject> {
    return this.version(await this.admin.publish(userOf(context), input.sopId, input.version, input.effectiveDate));
  }

  @Mutation(() => SopVersionObject, { description: 'Mencabut versi SOP: tidak dipakai lagi untuk aduan baru.' })
  async retireSopVersion(
    @Args('input') input: SopVersionRefInput,
    @GqlContext() context: GatewayContext,
  ): Promise<SopVersionObject> {
    return this.version(await this.admin.retire(userOf(context), input.sopId, input.version));
  }

  @Query(() => [SopVersionObject], { description: 'Versi-versi SOP (draf, terbit, dicabut) per id SOP atau kantor.' })
  async sopVersions(
    @GqlContext() context: GatewayContext,
    @Args('sopId', { nullable: true }) sopId?: string,
    @Args('officeCode', { nullable: true }) officeCode?: string,
  ): Promise<SopVersionObject[]> {
    const views = await this.admin.versions(userOf(context), {
      ...(sopId ? { sopId } : {}),
      ...(officeCode ? { officeCode } : {}),
    });
    return views.map((view) => this.version(view));
  }

  @Query(() => SopDiffObject, { description: 'Perbedaan dua versi SOP, langkah demi langkah.' })
  async sopVersionDiff(
    @Args('sopId') sopId: string,
    @Args('fromVersion', { type: () => Int }) fromVersion: number,
    @Args('toVersion', { type: () => Int }) toVersion: number,
    @GqlContext() context: GatewayContext,
  ): Promise<SopDiffObject> {
    const diff = await this.admin.diff(userOf(context), sopId, fromVersion, toVersion);
    return toSopDiffObject(sopId, fromVersion, toVersion, diff);
  }

  @Query(() => String, {
    description: 'Lembar SOP (format Permenpan RB 35/2012) dalam HTML siap cetak; untuk draf: pratinjau.',
  })
  async sopSheet(
    @Args('sopId') sopId: string,
    @Args('version', { type: () => Int }) version: number,
    @GqlContext() context: GatewayContext,
  ): Promise<string> {
    return this.admin.sheet(userOf(context), sopId, version);
  }

  @Mutation(() => StaffUserObject, { description: 'Menambah atau mengubah petugas (nonaktif dengan active: false).' })
  async saveStaffUser(
    @Args('input') input: StaffUserInput,
    @GqlContext() context: GatewayContext,
  ): Promise<StaffUserObject> {
    return toStaffUserObject(await this.admin.saveStaff(userOf(context), input));
  }

  @Query(() => [StaffUserObject], {
    description: 'Petugas kantor dalam wewenang pemanggil; dengan role dan activeOnly: calon penerima penugasan ulang.',
  })
  async staffUsers(
    @GqlContext() context: GatewayContext,
    @Args('officeCode', { nullable: true }) officeCode?: string,
    @Args('role', { nullable: true }) role?: string,
    @Args('activeOnly', { nullable: true }) activeOnly?: boolean,
  ): Promise<StaffUserObject[]> {
    return (await this.admin.staff(userOf(context), officeCode))
      .filter((user) => (!role || user.roles.includes(role)) && (!activeOnly || user.active))
      .map(toStaffUserObject);
  }

  @Query(() => [AdminAuditEntryObject], { description: 'Jejak perubahan kantor, SOP dan petugas (terbaru dahulu).' })
  async adminAudit(
    @GqlContext() context: GatewayContext,
    @Args('officeCode', { nullable: true }) officeCode?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ): Promise<AdminAuditEntryObject[]> {
    return (await this.admin.audit(userOf(context), officeCode, limit ?? 100)).map(toAdminAuditEntryObject);
  }
}
