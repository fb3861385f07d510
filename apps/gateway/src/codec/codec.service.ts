import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import type { AppConfig } from '../../../../libs/config/src/config';
import type { Role } from '../../../../libs/domain/src/roles';
import {
  AesGcmPayloadCodec,
  keyringOf,
  MAX_INFLATED_BYTES,
  PayloadFormatError,
} from '../../../../libs/temporal/src/payload-codec';
import { bearerToken, TokenVerifier } from '../auth/token-verifier.service';
import { APP_CONFIG } from '../core/gateway.tokens';

/** Who may read decrypted histories (the Web UI through this endpoint): supervisors and auditors only. */
const CODEC_READERS: readonly Role[] = ['supervisor', 'auditor'];

/** A payload in the remote codec protocol's JSON: metadata values and data in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

export interface CodecBody {
  payloads: JsonPayload[];
}

/** Cookie holding a supervisor's token for the Web UI's codec calls (HttpOnly, only sent to /codec). */
export const CODEC_SESSION_COOKIE = 'aduan_codec';

function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CODEC_SESSION_COOKIE && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function codecError(status: number, code: string, message: string): HttpException {
  return new HttpException({ statusCode: status, code, message }, status);
}

function fromJson(payload: JsonPayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) metadata[key] = Buffer.from(value, 'base64');
  return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
}

function toJson(payload: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    metadata[key] = Buffer.from(value).toString('base64');
  }
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}

/**
 * Temporal's remote codec endpoint (`POST /codec/encode`, `POST /codec/decode`) with the same keys as
 * the client and the worker, so the Web UI shows decrypted histories to an authorised supervisor.
 */
@Injectable()
export class CodecService {
  private readonly codec: AesGcmPayloadCodec;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly verifier: TokenVerifier,
  ) {
    this.codec = new AesGcmPayloadCodec(keyringOf(config));
  }

  /** The allowed origin for this request's `Origin`, if it is one of the configured Web UI origins. */
  allowedOrigin(origin: string | undefined): string | undefined {
    return origin && this.config.gateway.codecCorsOrigins.includes(origin) ? origin : undefined;
  }

  /**
   * Checks the caller: a bearer token (a Web UI with login passes the user's access token), or the
   * codec session cookie set by `POST /codec/session` (the local Web UI has no login of its own).
   */
  async authorize(authorization: string | undefined, cookieHeader?: string): Promise<string> {
    const token = bearerToken(authorization) ?? sessionTokenOf(cookieHeader);
    if (!token) throw codecError(401, 'UNAUTHENTICATED', 'Silakan masuk terlebih dahulu: token tidak ada.');
    let roles: Role[];
    try {
      roles = (await this.verifier.verify(token)).roles;
    } catch {
      throw codecError(401, 'UNAUTHENTICATED', 'Token tidak valid atau sudah kedaluwarsa.');
    }
    if (!roles.some((role) => CODEC_READERS.includes(role))) {
      throw codecError(403, 'FORBIDDEN', 'Hanya supervisor dan auditor yang boleh membaca isi riwayat alur kerja.');
    }
    return token;
  }

  async transform(direction: 'encode' | 'decode', body: unknown): Promise<CodecBody> {
    const payloads = (body as Partial<CodecBody> | undefined)?.payloads;
    if (!Array.isArray(payloads) || payloads.some((payload) => payload === null || typeof payload !== 'object')) {
      throw codecError(400, 'BAD_USER_INPUT', 'Isi permintaan harus berbentuk { payloads: [...] }.');
    }
    try {
      const input = payloads.map(fromJson);
      const output = direction === 'encode' ? await this.codec.encode(input) : await this.codec.decode(input);
      return { payloads: output.map(toJson) };
    } catch (error) {
      if (error instanceof PayloadFormatError) {
        throw codecError(
          400,
          'BAD_USER_INPUT',
          `Format payload terenkripsi tidak valid (terpotong atau tidak dikenal) atau melebihi ${MAX_INFLATED_BYTES / 1024 / 1024} MiB setelah dibuka.`,
        );
      }
      throw codecError(400, 'BAD_USER_INPUT', 'Payload tidak dapat diproses dengan kunci yang dikonfigurasi.');
    }
  }
}
