import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { PubSub } from 'graphql-subscriptions';
import type { AppConfig } from '../../../libs/config/src/config';
import type { AppLogger } from '../../../libs/logging/src/logger';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DevSignInController } from './auth/dev-sign-in.controller';
import { TokenVerifier } from './auth/token-verifier.service';
import { CatalogModule } from './catalog/catalog.module';
import type { SopRegistry } from './catalog/sop-registry';
import { ComplaintsModule } from './complaints/complaints.module';
import { NotificationsModule } from './notifications/notifications.module';
import { Open311Module } from './open311/open311.module';
import { RecapModule } from './recap/recap.module';
import { ReportsModule } from './reports/reports.module';
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
import { OperationDrain } from './core/operation-drain';
import { NullArgumentsAsAbsentPipe } from './core/null-arguments.pipe';
import { errorResponsePlugin } from './errors/error-response.plugin';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter';
import { CodecModule } from './codec/codec.module';
import { HealthModule } from './health/health.module';

/** GraphQL limits (graphql-armor): deep or expensive queries are refused before execution. */
export const GRAPHQL_LIMITS = { maxDepth: 8, maxCost: 5000, maxAliases: 15, maxTokens: 2000, maxDirectives: 20 };

/**
 * Every GraphQL answer is the caller's own: `Cache-Control: no-store`, as Apollo's cache-control
 * plugin answered with no cache hints in the schema. That plugin is disabled: it hooks the
 * resolution of every field of every response (an inbox page resolves hundreds) to collect hints
 * that no type gives.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

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
    // The token limit is the queryTokenLimit middleware's: armor's answers HTTP 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const graphqlLogger = logger.child({ component: 'graphql' });
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
    formatGraphQLError(formatted, error, (internal) =>
      graphqlLogger.error('unexpected error', {
        error:
          internal instanceof Error
            ? { name: internal.name, message: internal.message, stack: internal.stack }
            : String(internal),
      }),
    );

  // graphql-ws bypasses Apollo's formatError: its hooks give subscription errors the same codes and messages.
  // A connection without a valid token is accepted, and each of its operations refused by the auth guard
  // (UNAUTHENTICATED, in Indonesian) instead of a bare close code.
  const graphqlWs: GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'onError'> = {
    path: '/graphql',
    onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors
        ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) }
        : undefined,
  };

  const operationDrain = new OperationDrain();
  const providers: Provider[] = [
    { provide: OperationDrain, useValue: operationDrain },
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
      ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.gateway.publicRateLimitPerMinute }]),
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        introspection: !production,
        // The explorer is our own offline page (pages/pages.ts): Nest's GraphiQL loads from a CDN.
        graphiql: false,
        playground: false,
        plugins: [
          ...armor.plugins,
          errorResponsePlugin(graphqlLogger),
          operationDrain.plugin(),
          ApolloServerPluginCacheControlDisabled(),
          noStorePlugin(),
        ],
        validationRules: armor.validationRules,
        allowBatchedHttpRequests: false,
        // errorResponsePlugin sets the status of failed operations; Nest's plugin would reset it to 200.
        preserveHttpStatusForExecutionErrors: false,
        includeStacktraceInErrorResponses: false,
        context: contextFactory(verifier),
        formatError,
        subscriptions: {
          'graphql-ws': graphqlWs,
        },
      }),
      HealthModule,
      CatalogModule,
      ComplaintsModule,
      AuditModule,
      RecapModule,
      NotificationsModule,
      ReportsModule,
      Open311Module,
      CodecModule,
    ],
    // Development sign-in exists only outside production: in production the class is not even registered.
    controllers: production ? [] : [DevSignInController],
    providers: [
      { provide: APP_FILTER, useClass: GatewayExceptionFilter },
      { provide: APP_PIPE, useClass: NullArgumentsAsAbsentPipe },
    ],
  })
  class AppModule {}

  return { module: AppModule, global: false };
}
