import { BadRequestException, Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/errors';
import { Public } from '../auth/public.decorator';
import { CatalogAdminService } from './services/catalog-admin.service';

/**
 * `GET /sops/:sopId/:version/sheet`: the published SOP sheet as a printable HTML page (print to
 * PDF from the browser). Public like the paper sheet on the office wall; drafts are not shown.
 */
@Public()
@Controller('sops')
export class SopSheetController {
  constructor(private readonly admin: CatalogAdminService) {}

  @Get(':sopId/:version/sheet')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
  async sheet(@Param('sopId') sopId: string, @Param('version') version: string): Promise<string> {
    if (!/^[a-z0-9-]{1,100}$/.test(sopId) || !/^[1-9]\d{0,5}$/.test(version)) {
      throw new NotFoundException('Lembar SOP tidak ditemukan.');
    }
    try {
      return await this.admin.sheet(undefined, sopId, Number(version));
    } catch (error) {
      // HTTP routes answer with a status: an unknown version is 404, an invalid one cannot be printed.
      if (error instanceof DomainError && error.code === 'NOT_FOUND') throw new NotFoundException(error.message);
      if (error instanceof DomainError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
