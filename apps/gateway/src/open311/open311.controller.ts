import { createHash, timingSafeEqual } from 'node:crypto';
import { Body, Controller, Get, Headers, Inject, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../../../../libs/config/src/config';
import { Public } from '../auth/public.decorator';
import { APP_CONFIG } from '../core/gateway.tokens';
import { requestIdFrom } from '../core/request-context';
import { Open311Error, Open311Errors, toGeoReportError } from './open311.errors';
import { Open311Service, type GeoReportPostFields } from './services/open311.service';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
  setHeader(name: string, value: string): void;
}

/** `name.json` → name; any other format is refused (GeoReport's XML is not offered). */
function jsonResource(file: string): string {
  const dot = file.lastIndexOf('.');
  if (dot <= 0 || file.slice(dot + 1).toLowerCase() !== 'json') throw Open311Errors.badFormat();
  return file.slice(0, dot);
}

function sameKey(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Open311 GeoReport v2 (JSON) at `/open311/v2`: service list and definitions, POST a request (an
 * API key from OPEN311_API_KEYS), GET requests and one request. Public, rate-limited per client
 * address like the public GraphQL operations; errors in GeoReport's `[{ code, description }]`.
 */
@Public()
@Controller('open311/v2')
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectThrottlerStorage() private readonly throttlerStorage: ThrottlerStorage,
  ) {}

  /** Counts one request against the client address's Open311 budget (the public limit per minute). */
  private async consumeBudget(ip: string): Promise<void> {
    const limit = this.config.gateway.publicRateLimitPerMinute;
    const record = await this.throttlerStorage.increment(`open311-${ip}`, 60_000, limit, 0, 'open311');
    if (record.totalHits > limit) throw Open311Errors.rateLimited(Math.max(1, Math.ceil(record.timeToExpire)));
  }

  private async answer(
    response: JsonResponse,
    ip: string,
    work: () => Promise<unknown>,
    status = 200,
    format = 'json',
  ): Promise<void> {
    try {
      if (format.toLowerCase() !== 'json') throw Open311Errors.badFormat();
      await this.consumeBudget(ip);
      response.status(status).json(await work());
    } catch (error) {
      const { status: errorStatus, body } = toGeoReportError(error);
      if (error instanceof Open311Error && error.retryAfterSeconds !== undefined)
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
      response.status(errorStatus).json(body);
    }
  }

  @Get('services.:format')
  async services(@Param('format') format: string, @Ip() ip: string, @Res() response: JsonResponse): Promise<void> {
    await this.answer(response, ip, () => this.open311.services(), 200, format);
  }

  @Get('services/:file')
  async definition(@Param('file') file: string, @Ip() ip: string, @Res() response: JsonResponse): Promise<void> {
    await this.answer(response, ip, () => this.open311.definition(jsonResource(file)));
  }

  @Post('requests.:format')
  async post(
    @Param('format') format: string,
    @Body() body: GeoReportPostFields | undefined,
    @Headers('x-request-id') requestId: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Ip() ip: string,
    @Res() response: JsonResponse,
  ): Promise<void> {
    const fields = body ?? {};
    await this.answer(
      response,
      ip,
      async () => {
        const apiKey = typeof fields.api_key === 'string' ? fields.api_key : '';
        if (!this.config.open311.apiKeys.some((key) => sameKey(apiKey, key))) throw Open311Errors.badApiKey();
        const result = await this.open311.submit(
          fields,
          { requestId: requestIdFrom(requestId), ip },
          idempotencyKey?.trim() || undefined,
        );
        return [result];
      },
      201,
      format,
    );
  }

  @Get('requests.:format')
  async requests(
    @Param('format') format: string,
    @Query() query: Record<string, string | undefined>,
    @Ip() ip: string,
    @Res() response: JsonResponse,
  ): Promise<void> {
    await this.answer(response, ip, () => this.open311.requests(query), 200, format);
  }

  @Get('requests/:file')
  async request(@Param('file') file: string, @Ip() ip: string, @Res() response: JsonResponse): Promise<void> {
    await this.answer(response, ip, async () => [await this.open311.request(jsonResource(file))]);
  }
}
