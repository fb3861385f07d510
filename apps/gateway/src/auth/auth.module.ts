import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GatewayAuthGuard } from './gateway-auth.guard';
import { TokenVerifier } from './token-verifier.service';

@Global()
@Module({
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: GatewayAuthGuard }],
  exports: [TokenVerifier],
})
export class AuthModule {}
