import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { HealthService, type HealthReport } from './health.service';

interface StatusResponse {
  status(code: number): unknown;
}

/** Liveness (the process answers) and readiness (Temporal and PostgreSQL answer) over plain HTTP. */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: StatusResponse): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
