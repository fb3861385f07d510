/**
 * Personal data is encrypted in Temporal (a real dev server, worker and gateway): a complaint's
 * history holds no plain complainant name or phone, and the gateway's remote codec endpoint decodes
 * it for supervisors and auditors only.
 */
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Payload } from '@temporalio/common';
import { historyToJsonObject } from '../../libs/audit/src/history-json';
import { loadConfig } from '../../libs/config/src/config';
import { findSop } from '../../libs/domain/src/catalog';
import { submissionSchema } from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { temporal } from '@temporalio/proto';
import {
  AesGcmPayloadCodec,
  COMPACT_ENCRYPTED_ENCODING,
  COMPACT_FLAG_DEFLATED,
  COMPACT_VERSION,
  compactHeaderOf,
  COMPRESSION_METADATA,
  DEFLATE_RAW,
  ENCRYPTED_ENCODING,
  isEncrypted,
  KEY_ID_METADATA,
  keyringOf,
  MAX_INFLATED_BYTES,
  PayloadAuthenticationError,
  PayloadFormatError,
  PayloadKeyError,
  parsePayloadKeys,
  type PayloadKeyring,
} from '../../libs/temporal/src/payload-codec';
import { complaintWorkflowId, getStateQuery } from '../../workflows/complaint/complaint.messages';
import { mintToken } from '../../scripts/mint-token';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';
import { eventually } from '../support/graphql';
import { sampleSubmission } from '../support/workflow-harness';

const SOP = findSop('kebakkramat-aduan') as SopDefinition;
const NAME = sampleSubmission.complainant.name!;
const PHONE = sampleSubmission.complainant.phone!;

function key(seed: string): string {
  return Buffer.alloc(32, seed).toString('base64');
}

/** Citizen text as it reaches the codec: JSON that repeats itself, so deflate halves it. */
const complaintText = {
  subject: sampleSubmission.subject,
  content: Array.from({ length: 20 }, (_, line) => `${line + 1}. ${sampleSubmission.content}`).join('\n'),
};

function jsonPayload(value: unknown): Payload {
  return { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) };
}

/**
 * A payload in the metadata format (`binary/encrypted`), as the codec wrote it before the compact
 * format: the key id and the compression mark in metadata, the mark as additional data.
 */
function inMetadataFormat(payload: Payload, keyring: PayloadKeyring): Payload {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.keys.get(keyring.activeKeyId)!, iv);
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

/**
 * `plain` sealed in the compact format by hand (header byte, key-id length, key id, IV, ciphertext,
 * tag; the header authenticated), with the header's first byte as given.
 */
function inCompactFormat(plain: Buffer, keyring: PayloadKeyring, versionAndFlags: number): Payload {
  const keyId = Buffer.from(keyring.activeKeyId);
  const header = Buffer.concat([Buffer.from([versionAndFlags, keyId.length]), keyId]);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.keys.get(keyring.activeKeyId)!, iv);
  cipher.setAAD(header);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    metadata: { encoding: Buffer.from(COMPACT_ENCRYPTED_ENCODING) },
    data: Buffer.concat([header, iv, encrypted, cipher.getAuthTag()]),
  };
}

/** `payload` with its data changed by `change` (on a copy). */
function withData(payload: Payload, change: (data: Buffer) => Buffer | void): Payload {
  const data = Buffer.from(payload.data!);
  return { ...payload, data: change(data) ?? data };
}

/** The encrypted payloads of a recorded history (JSON: metadata values and data in base64). */
function storedPayloadsOf(file: string): Payload[] {
  const found: Payload[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const candidate = value as Partial<JsonPayload>;
    if (candidate.metadata && typeof candidate.data === 'string') {
      const payload = fromJsonPayload(candidate as JsonPayload);
      if (isEncrypted(payload)) found.push(payload);
      return;
    }
    Object.values(value).forEach(visit);
  };
  visit(JSON.parse(fs.readFileSync(file, 'utf8')));
  return found;
}

function fromJsonPayload(stored: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(stored.metadata).map(([name, value]) => [name, Buffer.from(value, 'base64')]),
    ),
    data: Buffer.from(stored.data, 'base64'),
  };
}

const HISTORIES = path.resolve(__dirname, '..', 'fixtures', 'histories');

/** Encrypts `plain` in the metadata format, marked as deflated (the caller chooses whether it really is). */
function encryptedAsCompressed(plain: Buffer, keyring: PayloadKeyring): Payload {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.keys.get(keyring.activeKeyId)!, iv);
  cipher.setAAD(Buffer.from(DEFLATE_RAW));
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    metadata: {
      encoding: Buffer.from(ENCRYPTED_ENCODING),
      [KEY_ID_METADATA]: Buffer.from(keyring.activeKeyId),
      [COMPRESSION_METADATA]: Buffer.from(DEFLATE_RAW),
    },
    data: Buffer.concat([iv, encrypted, cipher.getAuthTag()]),
  };
}

/** A validly encrypted payload of a few kilobytes that inflates to more than the bound allows. */
function inflationBomb(keyring: PayloadKeyring, format: 'metadata' | 'compact' = 'metadata'): Payload {
  const bomb = deflateRawSync(Buffer.alloc(MAX_INFLATED_BYTES + 1));
  return format === 'metadata'
    ? encryptedAsCompressed(bomb, keyring)
    : inCompactFormat(bomb, keyring, COMPACT_VERSION | COMPACT_FLAG_DEFLATED);
}

describe('payload codec (dev server, worker, gateway)', () => {
  let stack: GatewayStack;
  let startPayload: Payload;
  let historyText: string;

  beforeAll(async () => {
    stack = await startGatewayStack({ name: 'codec' });
    const complaintId = randomUUID();
    const handle = await stack.env.client.workflow.start('complaintWorkflow', {
      taskQueue: stack.config.temporal.taskQueue,
      workflowId: complaintWorkflowId(complaintId),
      args: [
        {
          complaintId,
          sop: SOP,
          submission: submissionSchema.parse(sampleSubmission),
          trackingCodeHash: 'e'.repeat(64),
        },
      ],
    });
    // Registered and projected: the activities got (and the history holds) the complainant's data.
    await eventually(async () => ((await handle.query(getStateQuery)).currentSteps[0]?.dueAt ? true : undefined));
    const history = await handle.fetchHistory();
    startPayload = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0] as Payload;
    historyText = JSON.stringify(historyToJsonObject(history));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  function token(roles: string[], office = '*'): string {
    return mintToken({ sub: 'u-1', name: 'Pengguna Uji', roles, office }, stack.config.gateway.jwt.secret!);
  }

  async function decode(authorization?: string, cookie?: string, payload = startPayload): Promise<Response> {
    return fetch(`${stack.baseUrl}/codec/decode`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-namespace': 'default',
        origin: 'http://127.0.0.1:8233',
        ...(authorization ? { authorization } : {}),
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify({
        payloads: [
          {
            metadata: Object.fromEntries(
              Object.entries(payload.metadata ?? {}).map(([name, value]) => [
                name,
                Buffer.from(value).toString('base64'),
              ]),
            ),
            data: Buffer.from(payload.data!).toString('base64'),
          },
        ],
      }),
    });
  }

  it('keeps no plain complainant name, phone or complaint text in the history', () => {
    expect(Object.keys(startPayload.metadata!)).toEqual(['encoding']);
    expect(Buffer.from(startPayload.metadata!.encoding!).toString()).toBe(COMPACT_ENCRYPTED_ENCODING);
    for (const secret of [NAME, PHONE, sampleSubmission.content]) {
      expect(historyText).not.toContain(secret);
      expect(historyText).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });

  it('decodes the history for a supervisor through the codec endpoint, with CORS for the Web UI', async () => {
    const response = await decode(`Bearer ${token(['supervisor'])}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    const body = (await response.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    const decoded = Buffer.from(body.payloads[0].data, 'base64').toString('utf8');
    expect(decoded).toContain(NAME);
    expect(decoded).toContain(PHONE);
    expect(Buffer.from(body.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect((await decode(`Bearer ${token(['auditor'])}`)).status).toBe(200);
  });

  it('stores the start input deflated, and refuses through the endpoint a payload that would inflate past the bound', async () => {
    expect(compactHeaderOf(Buffer.from(startPayload.data!))).toMatchObject({ keyId: 'dev-local', deflated: true });
    const supervisor = `Bearer ${token(['supervisor'])}`;
    for (const format of ['metadata', 'compact'] as const) {
      const hostile = await decode(supervisor, undefined, inflationBomb(keyringOf(stack.config), format));
      expect(hostile.status).toBe(400);
      expect(await hostile.json()).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('4 MiB') });
    }
    const truncated = await decode(
      supervisor,
      undefined,
      withData(startPayload, (data) => data.subarray(0, 20)),
    );
    expect(truncated.status).toBe(400);
    expect(await truncated.json()).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('terpotong'),
    });
  });

  it('refuses staff without the supervisor or auditor role, and callers without a valid token', async () => {
    const staff = await decode(`Bearer ${token(['camat', 'petugas_loket'], SOP.office.code)}`);
    expect(staff.status).toBe(403);
    expect(await staff.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('supervisor') });
    const anonymous = await decode();
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await decode('Bearer bukan-token')).status).toBe(401);
  });

  it('lets a supervisor open a codec session for the local Web UI (no login of its own), never staff', async () => {
    const session = (authorization: string) =>
      fetch(`${stack.baseUrl}/codec/session`, { method: 'POST', headers: { authorization } });
    expect((await fetch(`${stack.baseUrl}/codec/login`)).headers.get('content-type')).toContain('text/html');
    const refused = await session(`Bearer ${token(['petugas_loket'], SOP.office.code)}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const opened = await session(`Bearer ${token(['supervisor'])}`);
    expect(opened.status).toBe(204);
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^aduan_codec=.+; Path=\/codec; HttpOnly; SameSite=Lax/);
    const withCookie = await decode(undefined, cookie.split(';')[0]);
    expect(withCookie.status).toBe(200);
    expect((await decode(undefined, 'aduan_codec=bukan-token')).status).toBe(401);
  });

  it('rotates keys: the new key encrypts, the old key still decrypts, an unknown key is refused', async () => {
    const old: PayloadKeyring = parsePayloadKeys(`k2025:${key('a')}`);
    const rotated: PayloadKeyring = parsePayloadKeys(`k2026:${key('b')},k2025:${key('a')}`);
    const plain: Payload = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"Siti"') };
    const [oldCipher, oldCompressed] = await new AesGcmPayloadCodec(old).encode([plain, jsonPayload(complaintText)]);
    expect(compactHeaderOf(Buffer.from(oldCompressed.data!))).toMatchObject({ keyId: 'k2025', deflated: true });
    const oldMetadataFormat = inMetadataFormat(plain, old);
    const [, fromOldCompressed, fromOldMetadata] = await new AesGcmPayloadCodec(rotated).decode([
      oldCipher,
      oldCompressed,
      oldMetadataFormat,
    ]);
    expect(Buffer.from(fromOldCompressed.data!).toString()).toBe(JSON.stringify(complaintText));
    expect(Buffer.from(fromOldMetadata.data!).toString()).toBe('"Siti"');
    const [newCipher] = await new AesGcmPayloadCodec(rotated).encode([plain]);
    expect(compactHeaderOf(Buffer.from(newCipher.data!)).keyId).toBe('k2026');
    const [fromOld] = await new AesGcmPayloadCodec(rotated).decode([oldCipher]);
    expect(Buffer.from(fromOld.data!).toString()).toBe('"Siti"');
    await expect(new AesGcmPayloadCodec(old).decode([newCipher])).rejects.toThrow(
      new PayloadKeyError('payload encrypted with unknown key "k2026"'),
    );
    const tampered = withData(newCipher, (data) => data.fill(0, 20, 21));
    await expect(new AesGcmPayloadCodec(rotated).decode([tampered])).rejects.toThrow(PayloadAuthenticationError);
    expect(() => parsePayloadKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe('payload compression before encryption (codec functions)', () => {
  const keyring = parsePayloadKeys(`k2026:${key('c')}`);
  const codec = new AesGcmPayloadCodec(keyring);

  it('deflates a compressible payload, marks it in the compact header, and decodes it back unchanged', async () => {
    const plain = jsonPayload(complaintText);
    const [encoded] = await codec.encode([plain]);
    expect(encoded.metadata).toEqual({ encoding: Buffer.from(COMPACT_ENCRYPTED_ENCODING) });
    // Header: version 1 + deflated, key-id length, key id.
    expect(Buffer.from(encoded.data!).subarray(0, 7)).toEqual(Buffer.from([0x11, 5, ...Buffer.from('k2026')]));
    expect(compactHeaderOf(Buffer.from(encoded.data!))).toEqual({ keyId: 'k2026', deflated: true, length: 7 });
    // Header (7) + IV (12) + compressed plaintext + tag (16): well below the plaintext alone.
    expect(encoded.data!.length).toBeLessThan(plain.data!.length / 2);
    expect(Buffer.from(encoded.data!).toString('latin1')).not.toContain('Lampu');
    const [decoded] = await codec.decode([encoded]);
    expect(Buffer.from(decoded.data!).toString()).toBe(JSON.stringify(complaintText));
    expect(Buffer.from(decoded.metadata!.encoding!).toString()).toBe('json/plain');
  });

  it('leaves an incompressible payload uncompressed and unmarked, and decodes it back unchanged', async () => {
    const random = randomBytes(300);
    const [encoded] = await codec.encode([{ metadata: { encoding: Buffer.from('binary/plain') }, data: random }]);
    expect(Buffer.from(encoded.data!)[0]).toBe(COMPACT_VERSION);
    expect(compactHeaderOf(Buffer.from(encoded.data!)).deflated).toBe(false);
    const [decoded] = await codec.decode([encoded]);
    expect(Buffer.from(decoded.data!).equals(random)).toBe(true);
  });

  it('still decodes a payload encrypted before compression existed (the v3 replay corpus)', async () => {
    const file = path.resolve(__dirname, '..', 'fixtures', 'histories', 'v3', 'kebakkramat-aduan-happy-path.json');
    const history = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      events: { workflowExecutionStartedEventAttributes?: { input: { payloads: JsonPayload[] } } }[];
    };
    const stored = history.events[0].workflowExecutionStartedEventAttributes!.input.payloads[0];
    expect(stored.metadata[COMPRESSION_METADATA]).toBeUndefined();
    const [decoded] = await new AesGcmPayloadCodec(keyringOf(loadConfig())).decode([fromJsonPayload(stored)]);
    const input = JSON.parse(Buffer.from(decoded.data!).toString()) as { submission: { content: string } };
    expect(input.submission.content).toBe(sampleSubmission.content);
  });

  it('decodes every payload of the metadata format, deflated or not (the v5 replay corpus, and written here)', async () => {
    const stored = storedPayloadsOf(path.join(HISTORIES, 'v5', 'kebakkramat-aduan-happy-path.json'));
    expect(stored.length).toBeGreaterThan(20);
    expect(stored.every((payload) => Buffer.from(payload.metadata!.encoding!).toString() === ENCRYPTED_ENCODING)).toBe(
      true,
    );
    expect(stored.some((payload) => payload.metadata![COMPRESSION_METADATA])).toBe(true);
    const decoded = await new AesGcmPayloadCodec(keyringOf(loadConfig())).decode(stored);
    expect(decoded.every((payload) => !isEncrypted(payload) && payload.metadata?.encoding)).toBe(true);
    expect(decoded.map((payload) => Buffer.from(payload.data ?? []).toString()).join('\n')).toContain(
      sampleSubmission.content,
    );
    const [compressed, uncompressed] = [jsonPayload(complaintText), jsonPayload('Siti')].map((payload) =>
      inMetadataFormat(payload, keyring),
    );
    expect(compressed.metadata![COMPRESSION_METADATA]).toBeDefined();
    expect(uncompressed.metadata![COMPRESSION_METADATA]).toBeUndefined();
    const [fromCompressed, fromUncompressed] = await codec.decode([compressed, uncompressed]);
    expect(Buffer.from(fromCompressed.data!).toString()).toBe(JSON.stringify(complaintText));
    expect(Buffer.from(fromUncompressed.data!).toString()).toBe('"Siti"');
  });

  it('passes payloads that are not encrypted through unchanged', async () => {
    const plain = jsonPayload('"Siti"');
    expect(isEncrypted(plain)).toBe(false);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('refuses a compact payload whose header, key id or ciphertext was changed, with a typed error', async () => {
    const twoKeys = parsePayloadKeys(`k2026:${key('c')},k2025:${key('d')}`);
    const twoKeysCodec = new AesGcmPayloadCodec(twoKeys);
    const [compressed, uncompressed] = await codec.encode([jsonPayload(complaintText), jsonPayload('"Siti"')]);
    const refusal = (payload: Payload) => twoKeysCodec.decode([payload]);
    // The deflated flag removed or added: the header is the additional data.
    const flag = (payload: Payload) => withData(payload, (data) => void (data[0] ^= COMPACT_FLAG_DEFLATED));
    await expect(refusal(flag(compressed))).rejects.toThrow(PayloadAuthenticationError);
    await expect(refusal(flag(uncompressed))).rejects.toThrow(PayloadAuthenticationError);
    // Another configured key id of the same length, then one not configured.
    const keyId = (payload: Payload, id: string) => withData(payload, (data) => void data.write(id, 2, 'latin1'));
    await expect(refusal(keyId(compressed, 'k2025'))).rejects.toThrow(
      /payload does not authenticate with key "k2025".*authenticate/,
    );
    await expect(refusal(keyId(compressed, 'k2024'))).rejects.toThrow(
      new PayloadKeyError('payload encrypted with unknown key "k2024"'),
    );
    // Ciphertext and tag.
    await expect(refusal(withData(compressed, (data) => void (data[20] ^= 1)))).rejects.toThrow(
      PayloadAuthenticationError,
    );
    await expect(refusal(withData(compressed, (data) => void (data[data.length - 1] ^= 1)))).rejects.toThrow(
      PayloadAuthenticationError,
    );
    // Header values this version does not know.
    await expect(refusal(withData(compressed, (data) => void (data[0] |= 0x04)))).rejects.toThrow(
      new PayloadFormatError('compact payload with unknown flags 0x5'),
    );
    await expect(refusal(withData(compressed, (data) => void (data[0] = 0x21)))).rejects.toThrow(
      new PayloadFormatError('compact payload of unknown version 2'),
    );
    for (const length of [0, 65, 255]) {
      await expect(refusal(withData(compressed, (data) => void (data[1] = length)))).rejects.toThrow(
        new PayloadFormatError(`compact payload key id of ${length} bytes (1 to 64)`),
      );
    }
    // Truncated: no header, a header cut in the key id, no room for IV and tag.
    for (const kept of [0, 1]) {
      await expect(refusal(withData(compressed, (data) => data.subarray(0, kept)))).rejects.toThrow(
        new PayloadFormatError(`compact payload of ${kept} bytes has no header`),
      );
    }
    for (const kept of [4, 7, 7 + 12 + 15]) {
      await expect(refusal(withData(compressed, (data) => data.subarray(0, kept)))).rejects.toThrow(
        new PayloadFormatError(`compact payload of ${kept} bytes is truncated`),
      );
    }
    await expect(refusal({ metadata: compressed.metadata })).rejects.toThrow(PayloadFormatError);
    // Unchanged, both still decode with either ring.
    expect(await twoKeysCodec.decode([compressed, uncompressed])).toEqual(
      await codec.decode([compressed, uncompressed]),
    );
  });

  it('refuses a metadata-format payload with a tampered ciphertext or a compression mark added or removed', async () => {
    const [compressed, uncompressed] = [jsonPayload(complaintText), jsonPayload('"Siti"')].map((payload) =>
      inMetadataFormat(payload, keyring),
    );
    expect(uncompressed.metadata![COMPRESSION_METADATA]).toBeUndefined();
    const flipped = Buffer.from(compressed.data!);
    flipped[20] ^= 1;
    await expect(codec.decode([{ ...compressed, data: flipped }])).rejects.toThrow(PayloadAuthenticationError);
    const { [COMPRESSION_METADATA]: _mark, ...unmarked } = compressed.metadata!;
    await expect(codec.decode([{ ...compressed, metadata: unmarked }])).rejects.toThrow(/authenticate/);
    const marked = { ...uncompressed.metadata!, [COMPRESSION_METADATA]: Buffer.from(DEFLATE_RAW) };
    await expect(codec.decode([{ ...uncompressed, metadata: marked }])).rejects.toThrow(/authenticate/);
    const unknownMethod = { ...compressed.metadata!, [COMPRESSION_METADATA]: Buffer.from('zstd') };
    await expect(codec.decode([{ ...compressed, metadata: unknownMethod }])).rejects.toThrow(
      new PayloadFormatError('payload compressed with unknown method "zstd"'),
    );
  });

  it('refuses a payload that would inflate beyond the bound, and one that is not deflate data', async () => {
    for (const format of ['metadata', 'compact'] as const) {
      const bomb = inflationBomb(keyring, format);
      expect(bomb.data!.length).toBeLessThan(10_000);
      await expect(codec.decode([bomb])).rejects.toThrow(
        new PayloadFormatError(`compressed payload inflates beyond ${MAX_INFLATED_BYTES} bytes`),
      );
    }
    const notDeflate = Buffer.from('bukan data deflate');
    await expect(codec.decode([encryptedAsCompressed(notDeflate, keyring)])).rejects.toThrow(PayloadFormatError);
    const compactNotDeflate = inCompactFormat(notDeflate, keyring, COMPACT_VERSION | COMPACT_FLAG_DEFLATED);
    await expect(codec.decode([compactNotDeflate])).rejects.toThrow(PayloadFormatError);
  });
});

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}
