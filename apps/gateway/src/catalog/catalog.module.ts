import { Module } from '@nestjs/common';
import { CatalogAdminResolver } from './catalog-admin.resolver';
import { CatalogResolver } from './catalog.resolver';
import { CatalogAdminService } from './services/catalog-admin.service';
import { CatalogSyncService } from './services/catalog-sync.service';
import { SopSheetController } from './sop-sheet.controller';

/** The SOP catalog (read from PostgreSQL) and its administration. */
@Module({
  controllers: [SopSheetController],
  providers: [CatalogResolver, CatalogAdminService, CatalogAdminResolver, CatalogSyncService],
})
export class CatalogModule {}
