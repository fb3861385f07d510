import { replaceUnsafeCharacters } from '../../../../libs/domain/src/complaint';
import { DomainError, type ErrorCode } from '../../../../libs/domain/src/errors';

/** The most of a client's own input a message repeats: a short excerpt, safe to show. */
export function inputExcerpt(value: string, max = 40): string {
  return replaceUnsafeCharacters(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** Gateway-side refusals, with the Indonesian messages staff apps show. */
export function gatewayError(code: ErrorCode, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, details);
}

export const unauthenticated = (message = 'Silakan masuk terlebih dahulu: token tidak ada atau tidak valid.') =>
  gatewayError('UNAUTHENTICATED', message);

export const forbidden = (message = 'Anda tidak berwenang melakukan tindakan ini.') =>
  gatewayError('FORBIDDEN', message);

export const notFound = (message = 'Aduan tidak ditemukan.') => gatewayError('NOT_FOUND', message);

export const badInput = (message: string, details?: Record<string, unknown>) =>
  gatewayError('BAD_USER_INPUT', message, details);

export const unavailable = (message = 'Layanan sedang tidak tersedia. Silakan coba beberapa saat lagi.') =>
  gatewayError('UNAVAILABLE', message);

export const rateLimited = () =>
  gatewayError('UNAVAILABLE', 'Terlalu banyak permintaan. Silakan coba lagi dalam satu menit.', {
    reason: 'RATE_LIMITED',
  });
