import { mapError } from '../errors/error-mapping';

/** A GeoReport v2 error: answered as `[{ "code": <HTTP status>, "description": "…" }]`. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds a rate-limited client should wait (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const Open311Errors = {
  badApiKey: () => new Open311Error(403, 'api_key tidak ada atau tidak valid.'),
  unknownService: (code: string) => new Open311Error(404, `service_code ${code} tidak dikenal.`),
  serviceRequired: () => new Open311Error(400, 'service_code wajib diisi.'),
  descriptionRequired: () => new Open311Error(400, 'description wajib diisi.'),
  badCoordinates: () => new Open311Error(400, 'lat dan long harus angka koordinat yang valid dan diisi berpasangan.'),
  badDate: (name: string) => new Open311Error(400, `${name} harus tanggal ISO 8601.`),
  badStatus: () => new Open311Error(400, 'status harus open atau closed.'),
  requestNotFound: (id: string) => new Open311Error(404, `Permintaan ${id} tidak ditemukan.`),
  badFormat: () => new Open311Error(400, 'Format yang didukung hanya json.'),
  rateLimited: (retryAfterSeconds: number) =>
    new Open311Error(429, 'Terlalu banyak permintaan. Silakan coba lagi dalam satu menit.', retryAfterSeconds),
};

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  INVALID_TRANSITION: 400,
  CONFLICT: 409,
  UNAVAILABLE: 503,
};

/** Any failure as GeoReport's error list and its HTTP status; unknown errors stay generic. */
export function toGeoReportError(error: unknown): { status: number; body: { code: number; description: string }[] } {
  if (error instanceof Open311Error)
    return { status: error.status, body: [{ code: error.status, description: error.message }] };
  const mapped = mapError(error);
  const status = mapped ? (STATUS_BY_CODE[mapped.code] ?? 500) : 500;
  const description = mapped?.message ?? 'Terjadi kesalahan pada server. Silakan coba lagi.';
  return { status, body: [{ code: status, description }] };
}
