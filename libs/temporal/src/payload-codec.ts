/**
 * Encryption of every payload that leaves the client or the worker (DESIGN decision 12): AES-256-GCM,
 * a key id with every payload, keys from configuration. The first key encrypts; every configured key
 * decrypts, so a rotated-out key still reads old histories. Payloads that are not encrypted
 * (histories recorded before) pass through. Search attributes are not payloads the codec sees: they
 * must never carry personal data.
 *
 * The payload is deflated before it is encrypted when that makes it smaller (the JSON halves, and
 * the history is what Temporal stores and replays). Compression lets the ciphertext's length hint
 * at the content; that is acceptable here: only Temporal operators see ciphertext lengths, and a
 * payload mixes citizen text with personal data, so no attacker controls one part while guessing
 * the other.
 *
 * Two formats, both decoded; new payloads are written compact:
 * - compact (`binary/aduan-e2`): the encoding is the only metadata entry (each entry costs ~35 bytes
 *   of base64 and field name per payload in the JSON history). `data` is a header, then IV (12 bytes),
 *   ciphertext and GCM tag (16 bytes). Header: one byte version (high nibble, 1) and flags (low
 *   nibble: 1 = plaintext deflated), one byte key-id length (1–64), the key id (ASCII). The header is
 *   the cipher's additional data, so a changed flag or key id fails authentication.
 * - metadata (`binary/encrypted`, written until the compact format): key id in `encryption-key-id`,
 *   `compression: deflate-raw` when deflated (that mark is the additional data), `data` = IV,
 *   ciphertext, tag.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Client } from '@temporalio/client';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { AppConfig } from '../../config/src/config';

/** The compact format that new payloads are written in: key id and compression in `data`'s header. */
export const COMPACT_ENCRYPTED_ENCODING = 'binary/aduan-e2';
/** The metadata format that histories recorded before the compact one hold: decoded, no longer written. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** Metadata naming how the plaintext was compressed before encryption; absent: not compressed. */
export const COMPRESSION_METADATA = 'compression';
/** Compact header: version 1 in the high nibble of its first byte. */
export const COMPACT_VERSION = 0x10;
/** Compact header flag: the plaintext was deflated (raw) before encryption. */
export const COMPACT_FLAG_DEFLATED = 0x01;
/** Longest key id (`ADUAN_PAYLOAD_KEYS` allows no more; the compact header has one byte for it). */
export const MAX_KEY_ID_LENGTH = 64;
export const DEFLATE_RAW = 'deflate-raw';
/**
 * Largest plaintext a compressed payload may inflate to: twice Temporal's 2 MiB blob limit, so no
 * legitimate payload reaches it and a hostile one cannot exhaust memory.
 */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface PayloadKeyring {
  /** Encrypts new payloads. */
  activeKeyId: string;
  /** Every key that may have encrypted a stored payload, by id. */
  keys: ReadonlyMap<string, Buffer>;
}

/** A payload encrypted with a key id that is not configured, or an unusable key configuration. */
export class PayloadKeyError extends Error {}

/**
 * An encrypted payload that cannot be read: a truncated or unknown header, a compression that is
 * unknown or inflates beyond `MAX_INFLATED_BYTES`.
 */
export class PayloadFormatError extends Error {}

/**
 * An encrypted payload that does not authenticate: its ciphertext, header or compression mark was
 * changed, or the key configured under its key id is not the one that encrypted it.
 */
export class PayloadAuthenticationError extends Error {}

/**
 * Parses `ADUAN_PAYLOAD_KEYS`: `id:base64key[,id:base64key…]`, each key 32 bytes; the first one is
 * the active key unless `activeKeyId` names another.
 */
export function parsePayloadKeys(text: string, activeKeyId?: string): PayloadKeyring {
  const keys = new Map<string, Buffer>();
  for (const item of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = item.indexOf(':');
    const id = item.slice(0, separator).trim();
    const key = Buffer.from(item.slice(separator + 1).trim(), 'base64');
    if (separator <= 0 || !/^[A-Za-z0-9._-]+$/.test(id) || id.length > MAX_KEY_ID_LENGTH) {
      throw new PayloadKeyError(`ADUAN_PAYLOAD_KEYS: "${id || item}" is not a key id (letters, digits, . _ -)`);
    }
    if (key.length !== KEY_BYTES) {
      throw new PayloadKeyError(`ADUAN_PAYLOAD_KEYS: key "${id}" must be ${KEY_BYTES} bytes in base64`);
    }
    if (keys.has(id)) throw new PayloadKeyError(`ADUAN_PAYLOAD_KEYS: key id "${id}" appears twice`);
    keys.set(id, key);
  }
  const active = activeKeyId || keys.keys().next().value;
  if (!active) throw new PayloadKeyError('ADUAN_PAYLOAD_KEYS holds no key');
  if (!keys.has(active)) throw new PayloadKeyError(`ADUAN_PAYLOAD_ACTIVE_KEY "${active}" is not in ADUAN_PAYLOAD_KEYS`);
  return { activeKeyId: active, keys };
}

function text(bytes: Uint8Array | null | undefined): string | undefined {
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}

/** Whether a payload is encrypted by this codec, in either format. */
export function isEncrypted(payload: Payload | null | undefined): boolean {
  const encoding = text(payload?.metadata?.encoding);
  return encoding === COMPACT_ENCRYPTED_ENCODING || encoding === ENCRYPTED_ENCODING;
}

/** The compact header for a key id: version and flags, key-id length, key id. */
function compactHeader(keyId: string, deflated: boolean): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  return Buffer.concat([Buffer.from([COMPACT_VERSION | (deflated ? COMPACT_FLAG_DEFLATED : 0), id.length]), id]);
}

/**
 * Encrypts one payload (its whole protobuf form) with the active key in the compact format, deflated
 * first when that makes it smaller.
 */
export function encryptPayload(payload: Payload, keyring: PayloadKeyring): Payload {
  const key = keyring.keys.get(keyring.activeKeyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const encoded = temporal.api.common.v1.Payload.encode(payload).finish();
  const deflated = deflateRawSync(encoded);
  const compressed = deflated.length < encoded.length;
  const header = compactHeader(keyring.activeKeyId, compressed);
  cipher.setAAD(header);
  const encrypted = Buffer.concat([cipher.update(compressed ? deflated : encoded), cipher.final()]);
  return {
    metadata: { encoding: Buffer.from(COMPACT_ENCRYPTED_ENCODING) },
    data: Buffer.concat([header, iv, encrypted, cipher.getAuthTag()]),
  };
}

function inflated(deflated: Buffer): Buffer {
  try {
    return inflateRawSync(deflated, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PayloadFormatError(`compressed payload inflates beyond ${MAX_INFLATED_BYTES} bytes`);
    }
    throw new PayloadFormatError(`compressed payload is not valid ${DEFLATE_RAW}: ${(error as Error).message}`);
  }
}

/** What a compact payload's header says, and where its IV starts. */
export interface CompactHeader {
  keyId: string;
  deflated: boolean;
  /** The header's length: its bytes are the additional data, the IV follows. */
  length: number;
}

/** Reads a compact payload's header; a truncated or unknown one is a `PayloadFormatError`. */
export function compactHeaderOf(data: Buffer): CompactHeader {
  if (data.length < 2) throw new PayloadFormatError(`compact payload of ${data.length} bytes has no header`);
  const [versionAndFlags, keyIdLength] = data;
  const version = versionAndFlags & 0xf0;
  const flags = versionAndFlags & 0x0f;
  if (version !== COMPACT_VERSION) {
    throw new PayloadFormatError(`compact payload of unknown version ${version >> 4}`);
  }
  if ((flags & ~COMPACT_FLAG_DEFLATED) !== 0) {
    throw new PayloadFormatError(`compact payload with unknown flags 0x${flags.toString(16)}`);
  }
  if (keyIdLength === 0 || keyIdLength > MAX_KEY_ID_LENGTH) {
    throw new PayloadFormatError(`compact payload key id of ${keyIdLength} bytes (1 to ${MAX_KEY_ID_LENGTH})`);
  }
  const length = 2 + keyIdLength;
  if (data.length < length + IV_BYTES + TAG_BYTES) {
    throw new PayloadFormatError(`compact payload of ${data.length} bytes is truncated`);
  }
  return {
    keyId: data.subarray(2, length).toString('latin1'),
    deflated: (flags & COMPACT_FLAG_DEFLATED) !== 0,
    length,
  };
}

function keyOf(keyId: string, keyring: PayloadKeyring): Buffer {
  const key = keyring.keys.get(keyId);
  if (!key) throw new PayloadKeyError(`payload encrypted with unknown key "${keyId}"`);
  return key;
}

/** How one stored payload was sealed: by which key, with which additional data, deflated or not. */
interface Sealing {
  keyId: string;
  additionalData?: Buffer;
  deflated: boolean;
}

/** Decrypts `data` = IV, ciphertext, tag as `sealing` says; inflates the plaintext when it was deflated. */
function opened(data: Buffer, { keyId, additionalData, deflated }: Sealing, keyring: PayloadKeyring): Payload {
  const key = keyOf(keyId, keyring);
  if (data.length < IV_BYTES + TAG_BYTES) {
    throw new PayloadFormatError(`encrypted payload of ${data.length} bytes is truncated`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  if (additionalData) decipher.setAAD(additionalData);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch (error) {
    throw new PayloadAuthenticationError(
      `payload does not authenticate with key "${keyId}" (changed, or another key): ${(error as Error).message}`,
    );
  }
  return temporal.api.common.v1.Payload.decode(deflated ? inflated(plain) : plain) as Payload;
}

/**
 * Decrypts one payload of either format with the key it names, inflating it when it was deflated;
 * a payload not encrypted is returned as is.
 */
export function decryptPayload(payload: Payload, keyring: PayloadKeyring): Payload {
  if (!isEncrypted(payload)) return payload;
  const data = Buffer.from(payload.data ?? new Uint8Array());
  if (text(payload.metadata?.encoding) === COMPACT_ENCRYPTED_ENCODING) {
    const header = compactHeaderOf(data);
    const { keyId, deflated } = header;
    return opened(
      data.subarray(header.length),
      { keyId, additionalData: data.subarray(0, header.length), deflated },
      keyring,
    );
  }
  const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
  keyOf(keyId, keyring); // an unknown key is named before an unknown compression, as this format always did
  const compression = text(payload.metadata?.[COMPRESSION_METADATA]);
  if (compression !== undefined && compression !== DEFLATE_RAW) {
    throw new PayloadFormatError(`payload compressed with unknown method "${compression}"`);
  }
  const additionalData = compression === undefined ? undefined : Buffer.from(compression);
  return opened(data, { keyId, additionalData, deflated: compression !== undefined }, keyring);
}

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => encryptPayload(payload, this.keyring));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => decryptPayload(payload, this.keyring));
  }
}

const keyrings = new Map<string, PayloadKeyring>();

/** The keyring of a configuration (parsed once per distinct key set). */
export function keyringOf(config: Pick<AppConfig, 'payloadKeys'>): PayloadKeyring {
  const cacheKey = `${config.payloadKeys.activeKeyId ?? ''}|${config.payloadKeys.keys}`;
  let keyring = keyrings.get(cacheKey);
  if (!keyring) {
    keyring = parsePayloadKeys(config.payloadKeys.keys, config.payloadKeys.activeKeyId);
    keyrings.set(cacheKey, keyring);
  }
  return keyring;
}

/** The data converter of the client, the worker and replay: default converters plus the codec. */
export function dataConverterOf(config: Pick<AppConfig, 'payloadKeys'>): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keyringOf(config))] };
}

/**
 * The first argument a workflow was started with, read from its history and decoded through the
 * client's codecs (history payloads are encrypted) and converter; undefined when the history has no input.
 */
export async function workflowStartArgument<T>(client: Client, workflowId: string): Promise<T | undefined> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) return undefined;
  const { payloadConverter, payloadCodecs } = client.options.loadedDataConverter;
  let decoded = [payload];
  for (const codec of [...payloadCodecs].reverse()) decoded = await codec.decode(decoded);
  return payloadConverter.fromPayload<T>(decoded[0] as Payload);
}
