import { Body, Controller, Get, HttpCode, HttpException, Inject, Post } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/src/config';
import { mintToken } from '../../../../scripts/mint-token';
import type { SopRegistry } from '../catalog/sop-registry';
import { APP_CONFIG, SOP_REGISTRY } from '../core/gateway.tokens';
import { devUsers, type DevUser } from './dev-users';
import { Public } from './public.decorator';

/**
 * Development sign-in for the staff console: choose one of the made-up users and get a token signed
 * with the local secret. Registered only outside production (see `createAppModule`); production
 * staff bring a token from the configured issuer.
 */
@Public()
@Controller('auth/dev')
export class DevSignInController {
  private readonly users: DevUser[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SOP_REGISTRY) registry: SopRegistry,
  ) {
    if (config.env === 'production') throw new Error('development sign-in must never run in production');
    this.users = devUsers(registry);
  }

  @Get('users')
  list(): DevUser[] {
    return this.users;
  }

  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() body: { userId?: unknown }): { token: string; user: DevUser } {
    const user = this.users.find((candidate) => candidate.userId === body?.userId);
    if (!user) {
      throw new HttpException({ code: 'BAD_USER_INPUT', message: 'Pengguna tidak dikenal.' }, 400);
    }
    const secret = this.config.gateway.jwt.secret;
    if (!secret) throw new HttpException({ code: 'UNAVAILABLE', message: 'Kunci token lokal tidak tersedia.' }, 503);
    const token = mintToken({ sub: user.userId, name: user.name, roles: user.roles, office: user.office }, secret);
    return { token, user };
  }
}
