import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';

/**
 * The one structured logger of every process: JSON lines in production (one object per line, for
 * a log collector), short readable lines locally. It implements the Temporal SDK's `Logger`, so the
 * same instance is installed as the Runtime logger and receives worker, workflow (replay-aware) and
 * activity logs.
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

const SEVERITY: Record<AppLogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50 };
const COLORS: Record<AppLogLevel, string> = {
  trace: '\x1b[90m',
  debug: '\x1b[36m',
  info: '\x1b[32m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
};

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

function jsonReplacer(_key: string, value: unknown): unknown {
  return serializable(value);
}

class StructuredLogger implements AppLogger {
  constructor(
    private readonly minimum: number,
    private readonly format: 'json' | 'pretty',
    private readonly baseMeta: LogMetadata,
    private readonly write: (line: string) => void,
  ) {}

  log(level: LogLevel | AppLogLevel, message: string, meta?: LogMetadata): void {
    const normalized = normalizeLevel(level);
    if (SEVERITY[normalized] < this.minimum) return;
    const time = new Date().toISOString();
    const fields: LogMetadata = { ...this.baseMeta, ...meta };
    if (this.format === 'json') {
      this.write(JSON.stringify({ time, level: normalized, msg: message, ...fields }, jsonReplacer));
      return;
    }
    const extras = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        const shown = serializable(value);
        return `${key}=${typeof shown === 'string' ? shown : JSON.stringify(shown, jsonReplacer)}`;
      })
      .join(' ');
    const color = COLORS[normalized];
    this.write(
      `${time.slice(11, 23)} ${color}${normalized.toUpperCase().padEnd(5)}\x1b[0m ${message}${extras ? ` \x1b[90m${extras}\x1b[0m` : ''}`,
    );
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
    return new StructuredLogger(this.minimum, this.format, { ...this.baseMeta, ...meta }, this.write);
  }
}

export function createLogger(options: LoggerOptions = {}): AppLogger {
  const level = options.level ?? 'info';
  const format = options.format ?? (process.env.NODE_ENV === 'production' ? 'json' : 'pretty');
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  return new StructuredLogger(SEVERITY[level], format, options.meta ?? {}, write);
}

/** The logger for a process, from the loaded configuration (LOG_LEVEL, NODE_ENV). */
export function createAppLogger(config: { env: string; logLevel: AppLogLevel }, meta: LogMetadata = {}): AppLogger {
  return createLogger({ level: config.logLevel, format: config.env === 'production' ? 'json' : 'pretty', meta });
}
