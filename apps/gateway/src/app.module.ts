import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { PubSub } from 'graphql-subscriptions';
import type { AppConfig } from '../../../libs/config/src/config';
import type { AppLogger } from '../../../libs/logging/src/logger';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { bearerToken, TokenVerifier } from './auth/token-verifier.service';
import { CatalogModule } from './catalog/catalog.module';
import type { SopRegistry } from './catalog/sop-registry';
import { ComplaintsModule } from './complaints/complaints.module';
import { RecapModule } from './recap/recap.module';
import type { GatewayDeps, GatewaySecrets } from './core/gateway-options';
import {
  APP_CONFIG,
  CHANGE_POLL_INTERVAL,
  DATA_SOURCE,
  GATEWAY_LOGGER,
  GATEWAY_SECRETS,
  PUB_SUB,
  SOP_REGISTRY,
  TEMPORAL_CLIENT,
} from './core/gateway.tokens';
import { contextFactory } from './core/request-context';
import { formatGraphQLError } from './errors/error-mapping';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter';
import { CodecModule } from './codec/codec.module';
import { HealthModule } from './health/health.module';

/** GraphQL limits (graphql-armor): deep or expensive queries are refused before execution. */
export const GRAPHQL_LIMITS = { maxDepth: 8, maxCost: 5000, maxAliases: 15, maxTokens: 2000, maxDirectives: 20 };

export interface AppModuleOptions {
  config: AppConfig;
  deps: GatewayDeps;
  logger: AppLogger;
  registry: SopRegistry;
  secrets: GatewaySecrets;
}

/** The gateway's root module, built around the given Temporal client, DataSource and config. */
export function createAppModule(options: AppModuleOptions): DynamicModule {
  const { config, deps, logger, registry, secrets } = options;
  const verifier = new TokenVerifier(config);
  const production = config.env === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const graphqlLogger = logger.child({ component: 'graphql' });

  const providers: Provider[] = [
    { provide: APP_CONFIG, useValue: config },
    { provide: TEMPORAL_CLIENT, useValue: deps.client },
    { provide: DATA_SOURCE, useValue: deps.dataSource },
    { provide: GATEWAY_LOGGER, useValue: logger },
    { provide: SOP_REGISTRY, useValue: registry },
    { provide: GATEWAY_SECRETS, useValue: secrets },
    { provide: PUB_SUB, useValue: new PubSub() },
    { provide: CHANGE_POLL_INTERVAL, useValue: deps.changePollIntervalMs ?? 1_000 },
  ];

  @Global()
  @Module({ providers, exports: providers.map((provider) => (provider as { provide: symbol }).provide) })
  class GatewayCoreModule {}

  @Module({
    imports: [
      GatewayCoreModule,
      AuthModule,
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        introspection: !production,
        // GraphiQL outside production; Nest disables the landing page when both are off.
        graphiql: !production,
        playground: false,
        plugins: armor.plugins,
        validationRules: armor.validationRules,
        allowBatchedHttpRequests: false,
        includeStacktraceInErrorResponses: false,
        context: contextFactory(verifier),
        formatError: (formatted, error) =>
          formatGraphQLError(formatted, error, (internal) =>
            graphqlLogger.error('unexpected error', {
              error:
                internal instanceof Error
                  ? { name: internal.name, message: internal.message, stack: internal.stack }
                  : String(internal),
            }),
          ),
        subscriptions: {
          'graphql-ws': {
            path: '/graphql',
            onConnect: async (ctx) => {
              const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
              const token = bearerToken(params.authorization ?? params.Authorization);
              if (!token) return false;
              try {
                await verifier.verify(token);
                return true;
              } catch {
                return false;
              }
            },
          },
        },
      }),
      HealthModule,
      CatalogModule,
      ComplaintsModule,
      AuditModule,
      RecapModule,
      CodecModule,
    ],
    providers: [{ provide: APP_FILTER, useClass: GatewayExceptionFilter }],
  })
  class AppModule {}

  return { module: AppModule, global: false };
}
