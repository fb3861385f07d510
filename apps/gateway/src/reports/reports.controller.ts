import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { unauthenticated } from '../errors/gateway.errors';
import { mapError } from '../errors/error-mapping';
import { Public } from '../auth/public.decorator';
import { bearerToken, TokenVerifier } from '../auth/token-verifier.service';
import type { AuthUser } from '../auth/auth.types';
import { ReportErrors } from './reports.errors';
import { ComplaintReportService } from './services/complaint-report.service';
import { annualReportCsv, annualReportXlsx, complaintReportCsv, complaintReportXlsx } from './services/report-export';

interface DownloadResponse {
  status(code: number): DownloadResponse;
  setHeader(name: string, value: string): void;
  send(body: string | Buffer): void;
  json(body: unknown): void;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const HTTP_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  UNAVAILABLE: 503,
};

function integer(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return /^\d{1,4}$/.test(value) ? Number(value) : NaN;
}

/**
 * Report downloads for spreadsheets: `GET /reports/complaints.{csv,xlsx}?year=&month=&officeCode=`
 * and `GET /reports/annual-public-information.{csv,xlsx}?year=&officeCode=`, with the same staff
 * token (Authorization: Bearer) and scope as the GraphQL queries. Errors: JSON `{ code, message }`.
 */
@Public()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ComplaintReportService,
    private readonly verifier: TokenVerifier,
  ) {}

  private async user(authorization: string | undefined): Promise<AuthUser> {
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated();
    return this.verifier.verify(token);
  }

  private async download(
    response: DownloadResponse,
    format: string,
    filename: string,
    produce: (format: 'csv' | 'xlsx') => Promise<string | Buffer>,
  ): Promise<void> {
    try {
      if (format !== 'csv' && format !== 'xlsx') throw ReportErrors.badFormat();
      const body = await produce(format);
      response.setHeader('content-type', CONTENT_TYPES[format]);
      response.setHeader('content-disposition', `attachment; filename="${filename}.${format}"`);
      response.status(200).send(body);
    } catch (error) {
      const mapped = mapError(error);
      if (!mapped) throw error;
      response.status(HTTP_STATUS[mapped.code] ?? 500).json({ code: mapped.code, message: mapped.message });
    }
  }

  @Get('complaints.:format')
  async complaints(
    @Param('format') format: string,
    @Query('officeCode') officeCode: string | undefined,
    @Query('year') year: string | undefined,
    @Query('month') month: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res() response: DownloadResponse,
  ): Promise<void> {
    await this.download(
      response,
      format,
      `laporan-aduan-${officeCode ?? 'kantor'}-${year}${month ? `-${month}` : ''}`,
      async (kind) => {
        const report = await this.reports.complaintReport(await this.user(authorization), {
          ...(officeCode ? { officeCode } : {}),
          year: integer(year) ?? NaN,
          ...(month ? { month: integer(month) } : {}),
        });
        return kind === 'csv' ? complaintReportCsv(report) : complaintReportXlsx(report);
      },
    );
  }

  @Get('annual-public-information.:format')
  async annual(
    @Param('format') format: string,
    @Query('officeCode') officeCode: string | undefined,
    @Query('year') year: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res() response: DownloadResponse,
  ): Promise<void> {
    await this.download(
      response,
      format,
      `laporan-tahunan-informasi-publik-${officeCode ?? 'kantor'}-${year}`,
      async (kind) => {
        const report = await this.reports.annualPublicInformationReport(await this.user(authorization), {
          ...(officeCode ? { officeCode } : {}),
          year: integer(year) ?? NaN,
        });
        return kind === 'csv' ? annualReportCsv(report) : annualReportXlsx(report);
      },
    );
  }
}
