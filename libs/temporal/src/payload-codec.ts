/**
 * Encryption of every payload that leaves the client or the worker (DESIGN decision 12): AES-256-GCM,
 * the key id in the payload's metadata, keys from configuration. The first key encrypts; every
 * configured key decrypts, so a rotated-out key still reads old histories. Payloads that are not
 * encrypted (histories recorded before) pass through. Search attributes are not payloads the codec
 * sees: they must never carry personal data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { AppConfig } from '../../config/src/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
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

/** Encrypts one payload (its whole protobuf form) with the active key. */
export function encryptPayload(payload: Payload, keyring: PayloadKeyring): Payload {
  const key = keyring.keys.get(keyring.activeKeyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = temporal.api.common.v1.Payload.encode(payload).finish();
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    metadata: {
      encoding: Buffer.from(ENCRYPTED_ENCODING),
      [KEY_ID_METADATA]: Buffer.from(keyring.activeKeyId),
    },
    data: Buffer.concat([iv, encrypted, cipher.getAuthTag()]),
  };
}

/** Decrypts one payload with the key named in its metadata; a payload not encrypted is returned as is. */
export function decryptPayload(payload: Payload, keyring: PayloadKeyring): Payload {
  if (!isEncrypted(payload)) return payload;
  const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
  const key = keyring.keys.get(keyId);
  if (!key) throw new PayloadKeyError(`payload encrypted with unknown key "${keyId}"`);
  const data = Buffer.from(payload.data ?? new Uint8Array());
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  return temporal.api.common.v1.Payload.decode(plain) as Payload;
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
