import { HttpException } from '@nestjs/common';
import {
  ServiceError,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, isErrorCode, type ErrorCode } from '../../../../libs/domain/src/errors';
import { indonesianRequestError } from './request-error-messages';

/** A failure mapped to a stable code and a message fit for a staff app. */
export interface MappedError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

const UNAVAILABLE_MESSAGE = 'Layanan sedang tidak tersedia. Silakan coba beberapa saat lagi.';
export const RATE_LIMITED_MESSAGE = 'Terlalu banyak permintaan. Silakan coba lagi dalam satu menit.';
const INTERNAL_MESSAGE = 'Terjadi kesalahan pada server. Silakan coba lagi atau hubungi admin.';

/** gRPC status codes that mean "the server is not reachable or overloaded". */
const GRPC_UNAVAILABLE = new Set([1, 4, 8, 14]);

function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

function isConnectionError(error: unknown): boolean {
  if (error instanceof ServiceError) {
    const code = grpcCode(error.cause);
    return code === undefined || GRPC_UNAVAILABLE.has(code);
  }
  const code = grpcCode(error);
  if (code !== undefined && GRPC_UNAVAILABLE.has(code) && (error as Error).message?.includes('UNAVAILABLE'))
    return true;
  const errno = (error as { code?: unknown } | undefined)?.code;
  return typeof errno === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01'].includes(errno);
}

function fromApplicationFailure(failure: ApplicationFailure): MappedError | undefined {
  if (!isErrorCode(failure.type)) return undefined;
  return { code: failure.type, message: failure.message };
}

/** Maps anything a resolver may throw to a code and a safe message; unknown errors become a generic one. */
export function mapError(error: unknown): MappedError | undefined {
  if (error instanceof DomainError) return { code: error.code, message: error.message, details: error.details };
  if (error instanceof ApplicationFailure) return fromApplicationFailure(error);
  if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowFailedError) {
    if (error.cause instanceof ApplicationFailure) {
      const mapped = fromApplicationFailure(error.cause);
      if (mapped) return mapped;
    }
    return { code: 'INVALID_TRANSITION', message: 'Tindakan ditolak oleh alur kerja aduan.' };
  }
  if (error instanceof WorkflowNotFoundError) return { code: 'NOT_FOUND', message: 'Aduan tidak ditemukan.' };
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return { code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE };
  if (error instanceof ServiceError) {
    const code = grpcCode(error.cause);
    if (code === 5) return { code: 'NOT_FOUND', message: 'Aduan tidak ditemukan.' };
    if (code === 6) return { code: 'CONFLICT', message: 'Aduan ini sudah ada.' };
    if (code === 3) return { code: 'BAD_USER_INPUT', message: 'Permintaan tidak valid.' };
    if (isConnectionError(error)) return { code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE };
    return { code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE };
  }
  if (isConnectionError(error)) return { code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 401) return { code: 'UNAUTHENTICATED', message: 'Silakan masuk terlebih dahulu.' };
    if (status === 403) return { code: 'FORBIDDEN', message: 'Anda tidak berwenang melakukan tindakan ini.' };
    if (status === 404) return { code: 'NOT_FOUND', message: 'Data tidak ditemukan.' };
    if (status === 409) return { code: 'CONFLICT', message: 'Data bertentangan dengan keadaan terakhir.' };
    if (status === 429)
      return { code: 'UNAVAILABLE', message: RATE_LIMITED_MESSAGE, details: { reason: 'RATE_LIMITED' } };
    if (status === 503) return { code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE };
    if (status >= 400 && status < 500) return { code: 'BAD_USER_INPUT', message: 'Permintaan tidak valid.' };
  }
  return undefined;
}

/** Codes of errors graphql-js/Apollo raise before any resolver runs (parse, validation, limits). */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo `formatError`: the one place every error gets its stable `extensions.code` and a message
 * fit for a staff app. Stack traces and internal messages never leave the gateway.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal?: (error: unknown) => void,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  const mapped = mapError(original);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (mapped) {
    return { ...base, message: mapped.message, extensions: { code: mapped.code, ...(mapped.details ?? {}) } };
  }
  const existing = formatted.extensions?.code;
  if (original instanceof GraphQLError || !(original instanceof Error) || error === original) {
    // Errors raised by graphql-js itself (syntax, unknown field, armor limits, variable coercion, CSRF):
    // their English wording is replaced, the original code kept as the reason.
    if (typeof existing === 'string' && (REQUEST_ERROR_CODES.has(existing) || isErrorCode(existing))) {
      const code: ErrorCode = isErrorCode(existing) ? existing : 'BAD_USER_INPUT';
      return { ...base, message: indonesianRequestError(formatted.message), extensions: { code, reason: existing } };
    }
    if (error instanceof GraphQLError && !error.originalError) {
      return {
        ...base,
        message: indonesianRequestError(formatted.message),
        extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_REQUEST_INVALID' },
      };
    }
  }
  onInternal?.(original);
  return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
