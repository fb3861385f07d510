import { Args, Query, Resolver } from '@nestjs/graphql';
import { userOf } from '../auth/acting-user';
import type { GatewayContext } from '../auth/auth.types';
import { GqlContext } from '../auth/current-user.decorator';
import { AnnualReportInput, ReportPeriodInput } from './reports.input';
import { toAnnualReportObject, toComplaintReportObject } from './reports.mapper';
import { AnnualPublicInformationReportObject, ComplaintReportObject } from './reports.object';
import { ComplaintReportService } from './services/complaint-report.service';

/** Reports over the read model. Guarded globally (staff token); CSV/XLSX under /reports. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly reports: ComplaintReportService) {}

  @Query(() => ComplaintReportObject, {
    description: 'Laporan aduan kantor per bulan atau tahun: status, kanal, jenis, kategori, baku mutu per langkah.',
  })
  async complaintReport(
    @Args('input') input: ReportPeriodInput,
    @GqlContext() context: GatewayContext,
  ): Promise<ComplaintReportObject> {
    return toComplaintReportObject(await this.reports.complaintReport(userOf(context), input));
  }

  @Query(() => AnnualPublicInformationReportObject, {
    description: 'Rincian pelayanan untuk Laporan Tahunan Layanan Informasi Publik (SOP 001).',
  })
  async annualPublicInformationReport(
    @Args('input') input: AnnualReportInput,
    @GqlContext() context: GatewayContext,
  ): Promise<AnnualPublicInformationReportObject> {
    return toAnnualReportObject(await this.reports.annualPublicInformationReport(userOf(context), input));
  }
}
