import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsResolver } from './reports.resolver';
import { ComplaintReportService } from './services/complaint-report.service';

/** Office reports from the read model: GraphQL, CSV and XLSX, and the PPID's annual report. */
@Module({ providers: [ComplaintReportService, ReportsResolver], controllers: [ReportsController] })
export class ReportsModule {}
