import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { TASK_QUEUES } from '../../temporal/src/task-queues';

/**
 * All configuration comes from environment variables, read here and nowhere else. Every value has
 * a safe local default, so `npm start` works on a fresh machine.
 */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  rootDir: string;
  /** Data folder (git-ignored): dev-server SQLite state, embedded PostgreSQL, logs. */
  dataDir: string;
  temporal: {
    /** Set: use that cluster. Unset: the local runner starts its own dev server. */
    address?: string;
    localPort: number;
    uiPort: number;
    namespace: string;
    /** Days the local dev server's namespace keeps closed histories (the archive register keeps them for good). */
    retentionDays: number;
    taskQueue: string;
    cliPath: string;
    testServerPath: string;
  };
  database: {
    /** Set explicitly (DATABASE_URL) or the local default. */
    url: string;
    explicit: boolean;
    /** Port of the embedded PostgreSQL (PGlite) used when no PostgreSQL is reachable. */
    embeddedPort: number;
  };
  gateway: {
    port: number;
    host: string;
    jwt: {
      /** HS256 shared secret (local). */
      secret?: string;
      /** RS256 via JWKS (production). */
      jwksUri?: string;
      issuer?: string;
      audience?: string;
    };
    publicRateLimitPerMinute: number;
    /** Origins of the Temporal Web UI allowed to call the codec endpoint (`/codec`) with credentials. */
    codecCorsOrigins: string[];
  };
  /** Keys of the payload codec (libs/temporal/src/payload-codec.ts): `id:base64[,id:base64…]`, first encrypts. */
  payloadKeys: { keys: string; activeKeyId?: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

const ROOT_DIR = path.resolve(__dirname, '..', '..', '..');
export const LOCAL_JWT_SECRET = 'aduan-local-development-secret-change-me';
/** The local payload key: fixed and public, so it is refused in production. */
export const LOCAL_PAYLOAD_KEYS = `dev-local:${createHash('sha256').update('aduan local development payload key').digest('base64')}`;

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = environment.NODE_ENV;
  const env = nodeEnv === 'production' ? 'production' : nodeEnv === 'test' ? 'test' : 'development';
  const dataDir = path.resolve(ROOT_DIR, environment.ADUAN_DATA_DIR ?? '.data');
  const jwtSecret = environment.JWT_SECRET ?? (env === 'production' ? undefined : LOCAL_JWT_SECRET);
  if (env === 'production' && !jwtSecret && !environment.JWT_JWKS_URI) {
    throw new Error('production needs JWT_SECRET or JWT_JWKS_URI');
  }
  const uiPort = intFrom(environment.TEMPORAL_UI_PORT, 8233, 'TEMPORAL_UI_PORT');
  const payloadKeys = environment.ADUAN_PAYLOAD_KEYS || (env === 'production' ? undefined : LOCAL_PAYLOAD_KEYS);
  if (!payloadKeys) throw new Error('production needs ADUAN_PAYLOAD_KEYS (the payload encryption keys)');
  return {
    env,
    rootDir: ROOT_DIR,
    dataDir,
    temporal: {
      address: environment.TEMPORAL_ADDRESS || undefined,
      localPort: intFrom(environment.TEMPORAL_LOCAL_PORT, 7233, 'TEMPORAL_LOCAL_PORT'),
      uiPort,
      namespace: environment.TEMPORAL_NAMESPACE ?? 'default',
      retentionDays: intFrom(environment.TEMPORAL_RETENTION_DAYS, 30, 'TEMPORAL_RETENTION_DAYS'),
      taskQueue: environment.TEMPORAL_TASK_QUEUE ?? TASK_QUEUES.complaints,
      cliPath: environment.TEMPORAL_CLI_PATH ?? path.join(ROOT_DIR, '.temporal', 'bin', 'temporal'),
      testServerPath:
        environment.TEMPORAL_TEST_SERVER_PATH ?? path.join(ROOT_DIR, '.temporal', 'bin', 'temporal-test-server'),
    },
    database: {
      url: environment.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aduan',
      explicit: Boolean(environment.DATABASE_URL),
      embeddedPort: intFrom(environment.ADUAN_EMBEDDED_PG_PORT, 55432, 'ADUAN_EMBEDDED_PG_PORT'),
    },
    gateway: {
      port: intFrom(environment.PORT ?? environment.GATEWAY_PORT, 4000, 'GATEWAY_PORT'),
      host: environment.GATEWAY_HOST ?? '127.0.0.1',
      jwt: {
        secret: jwtSecret,
        jwksUri: environment.JWT_JWKS_URI || undefined,
        issuer: environment.JWT_ISSUER || undefined,
        audience: environment.JWT_AUDIENCE || undefined,
      },
      publicRateLimitPerMinute: intFrom(environment.PUBLIC_RATE_LIMIT_PER_MINUTE, 30, 'PUBLIC_RATE_LIMIT_PER_MINUTE'),
      codecCorsOrigins: (environment.CODEC_CORS_ORIGINS ?? `http://127.0.0.1:${uiPort},http://localhost:${uiPort}`)
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    },
    payloadKeys: { keys: payloadKeys, activeKeyId: environment.ADUAN_PAYLOAD_ACTIVE_KEY || undefined },
    logLevel: (environment.LOG_LEVEL as AppConfig['logLevel']) ?? 'info',
  };
}
