import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import pino, { type Logger as PinoLogger } from 'pino';

/**
 * The one structured logger of every process, on pino: JSON lines in production (one object per
 * line, for a log collector), short readable lines locally, personal data redacted in both. It
 * implements the Temporal SDK's `Logger`, so the same instance is installed as the Runtime logger
 * and receives worker, workflow (replay-aware) and activity logs.
 */
export type AppLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface AppLogger extends Logger {
  child(meta: LogMetadata): AppLogger;
}

export interface LoggerOptions {
  level?: AppLogLevel;
  format?: 'json' | 'pretty';
  /** Metadata added to every line (e.g. `{ service: 'worker' }`). */
  meta?: LogMetadata;
  /** Where lines go; stderr by default (stdout stays free for the runner's own messages). */
  write?: (line: string) => void;
}

const COLORS: Record<AppLogLevel, string> = {
  trace: '\x1b[90m',
  debug: '\x1b[36m',
  info: '\x1b[32m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
};

/**
 * Personal data never written to a log, whatever metadata a caller passes: the complainant's
 * identity and contact, tracking codes and credentials, at the top level and two levels down.
 */
export const REDACTED_KEYS = ['complainant', 'phone', 'email', 'address', 'trackingCode', 'authorization', 'token'];
export const REDACTED = '[disamarkan]';

function normalizeLevel(level: LogLevel | AppLogLevel): AppLogLevel {
  const lower = level.toLowerCase();
  switch (lower) {
    case 'trace':
    case 'debug':
    case 'info':
    case 'warn':
    case 'error':
      return lower;
    default:
      return 'info';
  }
}

function serializable(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function serializableMeta(meta: LogMetadata | undefined): LogMetadata {
  if (!meta) return {};
  return Object.fromEntries(Object.entries(meta).map(([key, value]) => [key, serializable(value)]));
}

/** The short coloured line of the local format, from one pino JSON line. */
function prettyLine(json: string): string {
  const { time, level, msg, ...fields } = JSON.parse(json) as Record<string, unknown> & {
    time: string;
    level: AppLogLevel;
    msg: string;
  };
  const extras = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const color = COLORS[level] ?? '';
  return `${String(time).slice(11, 23)} ${color}${level.toUpperCase().padEnd(5)}\x1b[0m ${msg}${extras ? ` \x1b[90m${extras}\x1b[0m` : ''}`;
}

/** The AppLogger face (the Temporal SDK's Logger) of a pino logger. */
class PinoAppLogger implements AppLogger {
  constructor(private readonly pinoLogger: PinoLogger) {}

  log(level: LogLevel | AppLogLevel, message: string, meta?: LogMetadata): void {
    this.pinoLogger[normalizeLevel(level)](serializableMeta(meta), message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('trace', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('debug', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('info', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('warn', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('error', message, meta);
  }

  child(meta: LogMetadata): AppLogger {
    return new PinoAppLogger(this.pinoLogger.child(serializableMeta(meta)));
  }
}

export function createLogger(options: LoggerOptions = {}): AppLogger {
  const format = options.format ?? (process.env.NODE_ENV === 'production' ? 'json' : 'pretty');
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const destination = {
    write(chunk: string): void {
      const line = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
      write(format === 'json' ? line : prettyLine(line));
    },
  };
  const pinoLogger = pino(
    {
      level: options.level ?? 'info',
      base: serializableMeta(options.meta),
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
        censor: REDACTED,
      },
    },
    destination,
  );
  return new PinoAppLogger(pinoLogger);
}

/** The logger for a process, from the loaded configuration (LOG_LEVEL, NODE_ENV). */
export function createAppLogger(config: { env: string; logLevel: AppLogLevel }, meta: LogMetadata = {}): AppLogger {
  return createLogger({ level: config.logLevel, format: config.env === 'production' ? 'json' : 'pretty', meta });
}
