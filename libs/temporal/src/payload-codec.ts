/**
 * Encryption of every payload that leaves the client or the worker (DESIGN decision 12): AES-256-GCM,
 * the key id in the payload's metadata, keys from configuration. The first key encrypts; every
 * configured key decrypts, so a rotated-out key still reads old histories. Payloads that are not
 * encrypted (histories recorded before) pass through. Search attributes are not payloads the codec
 * sees: they must never carry personal data.
 *
 * The payload is deflated before it is encrypted when that makes it smaller (the JSON halves, and
 * the history is what Temporal stores and replays). Compression lets the ciphertext's length hint
 * at the content; that is acceptable here: only Temporal operators see ciphertext lengths, and a
 * payload mixes citizen text with personal data, so no attacker controls one part while guessing
 * the other. The mark is plaintext metadata that the cipher also authenticates (additional data),
 * so it cannot be added or removed unnoticed; payloads without it decode as before.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Client } from '@temporalio/client';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { AppConfig } from '../../config/src/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** Metadata naming how the plaintext was compressed before encryption; absent: not compressed. */
export const COMPRESSION_METADATA = 'compression';
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

export class PayloadKeyError extends Error {}

/** An encrypted payload whose compression is unknown or inflates beyond `MAX_INFLATED_BYTES`. */
export class PayloadFormatError extends Error {}

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
    if (separator <= 0 || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
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

export function isEncrypted(payload: Payload | null | undefined): boolean {
  return text(payload?.metadata?.encoding) === ENCRYPTED_ENCODING;
}

/**
 * Encrypts one payload (its whole protobuf form) with the active key, deflated first when that makes
 * it smaller.
 */
export function encryptPayload(payload: Payload, keyring: PayloadKeyring): Payload {
  const key = keyring.keys.get(keyring.activeKeyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const encoded = temporal.api.common.v1.Payload.encode(payload).finish();
  const deflated = deflateRawSync(encoded);
  const compressed = deflated.length < encoded.length;
  if (compressed) cipher.setAAD(Buffer.from(DEFLATE_RAW));
  const encrypted = Buffer.concat([cipher.update(compressed ? deflated : encoded), cipher.final()]);
  return {
    metadata: {
      encoding: Buffer.from(ENCRYPTED_ENCODING),
      [KEY_ID_METADATA]: Buffer.from(keyring.activeKeyId),
      ...(compressed ? { [COMPRESSION_METADATA]: Buffer.from(DEFLATE_RAW) } : {}),
    },
    data: Buffer.concat([iv, encrypted, cipher.getAuthTag()]),
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

/**
 * Decrypts one payload with the key named in its metadata, inflating it when it is marked
 * compressed; a payload not encrypted is returned as is.
 */
export function decryptPayload(payload: Payload, keyring: PayloadKeyring): Payload {
  if (!isEncrypted(payload)) return payload;
  const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
  const key = keyring.keys.get(keyId);
  if (!key) throw new PayloadKeyError(`payload encrypted with unknown key "${keyId}"`);
  const compression = text(payload.metadata?.[COMPRESSION_METADATA]);
  if (compression !== undefined && compression !== DEFLATE_RAW) {
    throw new PayloadFormatError(`payload compressed with unknown method "${compression}"`);
  }
  const data = Buffer.from(payload.data ?? new Uint8Array());
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  if (compression) decipher.setAAD(Buffer.from(compression));
  const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  return temporal.api.common.v1.Payload.decode(compression ? inflated(plain) : plain) as Payload;
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
