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
    /** Workflows a worker keeps in memory (sticky cache); bounds the worker's memory (README "Benchmark"). */
    maxCachedWorkflows: number;
    /** Threads that run workflow code (each its own V8 isolate and share of the cache); the SDK's default is 1. */
    workflowThreads: number;
    /** Whether workflow code captures stack traces (off by default: they cost much of a step's CPU). */
    workflowStackTraces: boolean;
    cliPath: string;
    testServerPath: string;
  };
  database: {
    /** Set explicitly (DATABASE_URL) or the local default. */
    url: string;
    explicit: boolean;
    /** Port of the embedded PostgreSQL (PGlite) used when no PostgreSQL is reachable. */
    embeddedPort: number;
    /**
     * How often the worker analyzes the read model's tables that autovacuum does not (autovacuum off,
     * or PGlite): apps/worker/src/read-model-statistics.ts.
     */
    statisticsIntervalMs: number;
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
    /**
     * Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client address the
     * rate limit counts by. `false` (direct clients), `true`, a hop count, or addresses/subnets.
     */
    trustProxy: boolean | number | string;
    /** Origins of the Temporal Web UI allowed to call the codec endpoint (`/codec`) with credentials. */
    codecCorsOrigins: string[];
  };
  /** Keys of the payload codec (libs/temporal/src/payload-codec.ts): `id:base64[,id:base64…]`, first encrypts. */
  payloadKeys: { keys: string; activeKeyId?: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  notifications: NotificationConfig;
  open311: {
    /** Keys a GeoReport v2 client must send (`api_key`) to post a request; none configured: posting is refused. */
    apiKeys: string[];
  };
}

/** One staff member reachable by notifications, until the staff directory lives in PostgreSQL. */
export interface StaffContactConfig {
  officeCode: string;
  role: string;
  name: string;
  email?: string;
  /** For the WhatsApp/SMS gateway (webhook channel). */
  phone?: string;
}

export interface NotificationConfig {
  /** Off by default locally: the outbox is still written, nothing is sent. */
  deliveryEnabled: boolean;
  /** Public tracking page; the register number is appended as `?nomor=`. */
  trackingUrl: string;
  /** How often the dispatcher looks for due notifications when idle. */
  pollIntervalMs: number;
  /** Delivery attempts per recipient and channel before a notification is marked failed. */
  maxAttempts: number;
  /** Backoff between attempts: base × 2^(attempt−1), capped. */
  retryBaseMs: number;
  retryMaxMs: number;
  email?: { smtpUrl: string; from: string };
  /** WhatsApp/SMS gateway: JSON POST signed with HMAC-SHA256 over `<timestamp>.<body>`. */
  webhook?: { url: string; secret: string };
  staffDirectory: StaffContactConfig[];
}

const ROOT_DIR = path.resolve(__dirname, '..', '..', '..');
export const LOCAL_JWT_SECRET = 'aduan-local-development-secret-change-me';
/** The local payload key: fixed and public, so it is refused in production. */
export const LOCAL_PAYLOAD_KEYS = `dev-local:${createHash('sha256').update('aduan local development payload key').digest('base64')}`;

function staffDirectoryFrom(value: string | undefined): StaffContactConfig[] {
  if (value === undefined || value.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error('NOTIFY_STAFF_DIRECTORY must be a JSON array of {officeCode, role, name, email?, phone?}');
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.every(
      (entry: Record<string, unknown>) =>
        typeof entry === 'object' &&
        entry !== null &&
        ['officeCode', 'role', 'name'].every((key) => typeof entry[key] === 'string' && entry[key] !== '') &&
        ['email', 'phone'].every((key) => entry[key] === undefined || typeof entry[key] === 'string'),
    );
  if (!valid)
    throw new Error('NOTIFY_STAFF_DIRECTORY must be a JSON array of {officeCode, role, name, email?, phone?}');
  return parsed as StaffContactConfig[];
}

function notificationConfigFrom(environment: NodeJS.ProcessEnv, gatewayUrl: string): NotificationConfig {
  const smtpUrl = environment.NOTIFY_SMTP_URL || undefined;
  const webhookUrl = environment.NOTIFY_WEBHOOK_URL || undefined;
  const webhookSecret = environment.NOTIFY_WEBHOOK_SECRET || undefined;
  if (webhookUrl && !webhookSecret) throw new Error('NOTIFY_WEBHOOK_URL needs NOTIFY_WEBHOOK_SECRET (HMAC key)');
  for (const [name, url] of [
    ['NOTIFY_SMTP_URL', smtpUrl],
    ['NOTIFY_WEBHOOK_URL', webhookUrl],
  ] as const) {
    if (url !== undefined && !URL.canParse(url)) throw new Error(`${name} must be a URL, got "${url}"`);
  }
  return {
    deliveryEnabled: flagFrom(environment.NOTIFY_DELIVERY),
    trackingUrl: environment.NOTIFY_TRACKING_URL || `${gatewayUrl}/`,
    pollIntervalMs: intFrom(environment.NOTIFY_POLL_INTERVAL_MS, 5_000, 'NOTIFY_POLL_INTERVAL_MS'),
    maxAttempts: intFrom(environment.NOTIFY_MAX_ATTEMPTS, 5, 'NOTIFY_MAX_ATTEMPTS'),
    retryBaseMs: intFrom(environment.NOTIFY_RETRY_BASE_MS, 30_000, 'NOTIFY_RETRY_BASE_MS'),
    retryMaxMs: intFrom(environment.NOTIFY_RETRY_MAX_MS, 3_600_000, 'NOTIFY_RETRY_MAX_MS'),
    ...(smtpUrl ? { email: { smtpUrl, from: environment.NOTIFY_EMAIL_FROM || 'Aduan <aduan@localhost>' } } : {}),
    ...(webhookUrl && webhookSecret ? { webhook: { url: webhookUrl, secret: webhookSecret } } : {}),
    staffDirectory: staffDirectoryFrom(environment.NOTIFY_STAFF_DIRECTORY),
  };
}

/** An on/off switch: `1`, `true` or `on` (any case) is on; anything else, or unset, is off. */
function flagFrom(value: string | undefined): boolean {
  return ['1', 'true', 'on'].includes((value ?? '').toLowerCase());
}

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
  const gatewayPort = intFrom(environment.PORT ?? environment.GATEWAY_PORT, 4000, 'GATEWAY_PORT');
  const gatewayHost = environment.GATEWAY_HOST ?? '127.0.0.1';
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
      maxCachedWorkflows: intFrom(environment.TEMPORAL_MAX_CACHED_WORKFLOWS, 200, 'TEMPORAL_MAX_CACHED_WORKFLOWS'),
      workflowThreads: intFrom(environment.TEMPORAL_WORKFLOW_THREADS, 1, 'TEMPORAL_WORKFLOW_THREADS'),
      workflowStackTraces: flagFrom(environment.TEMPORAL_WORKFLOW_STACK_TRACES),
      cliPath: environment.TEMPORAL_CLI_PATH ?? path.join(ROOT_DIR, '.temporal', 'bin', 'temporal'),
      testServerPath:
        environment.TEMPORAL_TEST_SERVER_PATH ?? path.join(ROOT_DIR, '.temporal', 'bin', 'temporal-test-server'),
    },
    database: {
      url: environment.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aduan',
      explicit: Boolean(environment.DATABASE_URL),
      embeddedPort: intFrom(environment.ADUAN_EMBEDDED_PG_PORT, 55432, 'ADUAN_EMBEDDED_PG_PORT'),
      statisticsIntervalMs: intFrom(environment.ADUAN_STATISTICS_INTERVAL_MS, 30_000, 'ADUAN_STATISTICS_INTERVAL_MS'),
    },
    gateway: {
      port: gatewayPort,
      host: gatewayHost,
      jwt: {
        secret: jwtSecret,
        jwksUri: environment.JWT_JWKS_URI || undefined,
        issuer: environment.JWT_ISSUER || undefined,
        audience: environment.JWT_AUDIENCE || undefined,
      },
      publicRateLimitPerMinute: intFrom(environment.PUBLIC_RATE_LIMIT_PER_MINUTE, 30, 'PUBLIC_RATE_LIMIT_PER_MINUTE'),
      trustProxy: trustProxyFrom(environment.TRUST_PROXY),
      codecCorsOrigins: (environment.CODEC_CORS_ORIGINS ?? `http://127.0.0.1:${uiPort},http://localhost:${uiPort}`)
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    },
    payloadKeys: { keys: payloadKeys, activeKeyId: environment.ADUAN_PAYLOAD_ACTIVE_KEY || undefined },
    logLevel: (environment.LOG_LEVEL as AppConfig['logLevel']) ?? 'info',
    notifications: notificationConfigFrom(environment, `http://${gatewayHost}:${gatewayPort}`),
    open311: {
      apiKeys: (environment.OPEN311_API_KEYS ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter((key) => key !== ''),
    },
  };
}

/** TRUST_PROXY: unset/`false` → false, `true` → true, a number → that many hops, else a list of addresses. */
function trustProxyFrom(value: string | undefined): boolean | number | string {
  const trimmed = value?.trim();
  if (!trimmed || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}
