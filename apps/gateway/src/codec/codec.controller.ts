import { Body, Controller, Get, Header, Headers, HttpCode, Options, Post, Res } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { CODEC_SESSION_COOKIE, CodecService, type CodecBody } from './codec.service';

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

  /** A page where a supervisor hands the gateway their token once, for the local Web UI (it has no login). */
  @Get('login')
  @Header('Content-Type', 'text/html; charset=utf-8')
  loginPage(): string {
    return LOGIN_PAGE;
  }

  /** Stores a supervisor's or auditor's token in an HttpOnly cookie that only `/codec` receives. */
  @Post('session')
  @HttpCode(204)
  async session(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: CorsResponse,
  ): Promise<void> {
    const token = await this.codec.authorize(authorization);
    response.setHeader(
      'Set-Cookie',
      `${CODEC_SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/codec; HttpOnly; SameSite=Lax; Max-Age=28800`,
    );
  }

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
    @Headers('cookie') cookie: string | undefined,
    @Res({ passthrough: true }) response: CorsResponse,
  ): Promise<CodecBody> {
    this.cors(origin, response);
    await this.codec.authorize(authorization, cookie);
    return this.codec.transform('decode', body);
  }

  @Post('encode')
  @HttpCode(200)
  async encode(
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Headers('origin') origin: string | undefined,
    @Headers('cookie') cookie: string | undefined,
    @Res({ passthrough: true }) response: CorsResponse,
  ): Promise<CodecBody> {
    this.cors(origin, response);
    await this.codec.authorize(authorization, cookie);
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

const LOGIN_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Aduan: akses codec Temporal Web UI</title></head>
<body>
<h1>Akses riwayat terenkripsi di Temporal Web UI</h1>
<p>Tempel token staf Anda (peran supervisor atau auditor). Token disimpan sebagai cookie HttpOnly yang hanya
dikirim ke <code>/codec</code>; setelah itu Web UI dapat membaca riwayat aduan.</p>
<textarea id="token" rows="6" cols="80"></textarea><br>
<button id="simpan">Simpan</button> <span id="hasil"></span>
<script>
document.getElementById('simpan').addEventListener('click', async () => {
  const token = document.getElementById('token').value.trim();
  const response = await fetch('session', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
  const body = response.status === 204 ? null : await response.json();
  document.getElementById('hasil').textContent = response.status === 204 ? 'Tersimpan.' : body.message;
});
</script>
</body></html>
`;
