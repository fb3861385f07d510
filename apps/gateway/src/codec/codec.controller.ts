import { Body, Controller, Headers, HttpCode, Options, Post, Res } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { CodecService, type CodecBody } from './codec.service';

interface CorsResponse {
  setHeader(name: string, value: string): void;
}

/**
 * The remote codec endpoint for the Temporal Web UI (`--ui-codec-endpoint http://…/codec`). Not a
 * GraphQL operation, so outside the GraphQL guard: the service checks the bearer token and the role.
 */
@Public()
@Controller('codec')
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Options(['encode', 'decode'])
  @HttpCode(204)
  preflight(@Headers('origin') origin: string | undefined, @Res({ passthrough: true }) response: CorsResponse): void {
    this.cors(origin, response);
  }

  @Post('decode')
  @HttpCode(200)
  async decode(
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Headers('origin') origin: string | undefined,
    @Res({ passthrough: true }) response: CorsResponse,
  ): Promise<CodecBody> {
    this.cors(origin, response);
    await this.codec.authorize(authorization);
    return this.codec.transform('decode', body);
  }

  @Post('encode')
  @HttpCode(200)
  async encode(
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Headers('origin') origin: string | undefined,
    @Res({ passthrough: true }) response: CorsResponse,
  ): Promise<CodecBody> {
    this.cors(origin, response);
    await this.codec.authorize(authorization);
    return this.codec.transform('encode', body);
  }

  /** The Web UI calls from its own origin, with the user's token (cross-origin credentials). */
  private cors(origin: string | undefined, response: CorsResponse): void {
    const allowed = this.codec.allowedOrigin(origin);
    if (!allowed) return;
    response.setHeader('Access-Control-Allow-Origin', allowed);
    response.setHeader('Access-Control-Allow-Credentials', 'true');
    response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
    response.setHeader('Vary', 'Origin');
  }
}
