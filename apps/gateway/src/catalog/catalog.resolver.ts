import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/public.decorator';
import { SOP_REGISTRY } from '../core/gateway.tokens';
import { toOfficeObject, toSopObject } from './catalog.mapper';
import { OfficeObject, SopObject } from './sop.object';
import type { SopRegistry } from './sop-registry';

@Resolver(() => SopObject)
export class CatalogResolver {
  constructor(@Inject(SOP_REGISTRY) private readonly registry: SopRegistry) {}

  @Query(() => [SopObject], { description: 'Katalog SOP.' })
  sops(@Args('officeCode', { nullable: true }) officeCode?: string): SopObject[] {
    return this.registry
      .all()
      .filter((sop) => !officeCode || sop.office.code === officeCode)
      .map(toSopObject);
  }

  @Query(() => SopObject, { nullable: true, description: 'Satu SOP (versi tertentu atau terbaru).' })
  sop(
    @Args('id') id: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ): SopObject | null {
    const sop = this.registry.find(id, version);
    return sop ? toSopObject(sop) : null;
  }

  @Public()
  @Query(() => [OfficeObject], { description: 'Kantor yang menerima aduan (publik).' })
  offices(): OfficeObject[] {
    return this.registry.offices().map(toOfficeObject);
  }
}
