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
import {
  AesGcmPayloadCodec,
  COMPRESSION_METADATA,
  DEFLATE_RAW,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  keyringOf,
  MAX_INFLATED_BYTES,
  PayloadFormatError,
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

/** Encrypts `plain` as the codec would, marked as deflated (the caller chooses whether it really is). */
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
function inflationBomb(keyring: PayloadKeyring): Payload {
  return encryptedAsCompressed(deflateRawSync(Buffer.alloc(MAX_INFLATED_BYTES + 1)), keyring);
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
    expect(Buffer.from(startPayload.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
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
    expect(Buffer.from(startPayload.metadata![COMPRESSION_METADATA]!).toString()).toBe(DEFLATE_RAW);
    const hostile = await decode(`Bearer ${token(['supervisor'])}`, undefined, inflationBomb(keyringOf(stack.config)));
    expect(hostile.status).toBe(400);
    expect(await hostile.json()).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('4 MiB') });
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
    expect(oldCompressed.metadata![COMPRESSION_METADATA]).toBeDefined();
    const [, fromOldCompressed] = await new AesGcmPayloadCodec(rotated).decode([oldCipher, oldCompressed]);
    expect(Buffer.from(fromOldCompressed.data!).toString()).toBe(JSON.stringify(complaintText));
    const [newCipher] = await new AesGcmPayloadCodec(rotated).encode([plain]);
    expect(Buffer.from(newCipher.metadata!['encryption-key-id']!).toString()).toBe('k2026');
    const [fromOld] = await new AesGcmPayloadCodec(rotated).decode([oldCipher]);
    expect(Buffer.from(fromOld.data!).toString()).toBe('"Siti"');
    await expect(new AesGcmPayloadCodec(old).decode([newCipher])).rejects.toThrow(/unknown key "k2026"/);
    const tampered = { ...newCipher, data: Buffer.from(newCipher.data!).fill(0, 20, 21) };
    await expect(new AesGcmPayloadCodec(rotated).decode([tampered])).rejects.toThrow();
    expect(() => parsePayloadKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe('payload compression before encryption (codec functions)', () => {
  const keyring = parsePayloadKeys(`k2026:${key('c')}`);
  const codec = new AesGcmPayloadCodec(keyring);

  it('deflates a compressible payload, marks it, and decodes it back unchanged', async () => {
    const plain = jsonPayload(complaintText);
    const [encoded] = await codec.encode([plain]);
    expect(Buffer.from(encoded.metadata![COMPRESSION_METADATA]!).toString()).toBe(DEFLATE_RAW);
    // Ciphertext = 12 bytes IV + compressed plaintext + 16 bytes tag: well below the plaintext alone.
    expect(encoded.data!.length).toBeLessThan(plain.data!.length / 2);
    expect(Buffer.from(encoded.data!).toString('latin1')).not.toContain('Lampu');
    const [decoded] = await codec.decode([encoded]);
    expect(Buffer.from(decoded.data!).toString()).toBe(JSON.stringify(complaintText));
    expect(Buffer.from(decoded.metadata!.encoding!).toString()).toBe('json/plain');
  });

  it('leaves an incompressible payload uncompressed and unmarked, and decodes it back unchanged', async () => {
    const random = randomBytes(300);
    const [encoded] = await codec.encode([{ metadata: { encoding: Buffer.from('binary/plain') }, data: random }]);
    expect(encoded.metadata![COMPRESSION_METADATA]).toBeUndefined();
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
    const payload: Payload = {
      metadata: Object.fromEntries(
        Object.entries(stored.metadata).map(([name, value]) => [name, Buffer.from(value, 'base64')]),
      ),
      data: Buffer.from(stored.data, 'base64'),
    };
    const [decoded] = await new AesGcmPayloadCodec(keyringOf(loadConfig())).decode([payload]);
    const input = JSON.parse(Buffer.from(decoded.data!).toString()) as { submission: { content: string } };
    expect(input.submission.content).toBe(sampleSubmission.content);
  });

  it('refuses a tampered ciphertext and a compression mark added or removed after encryption', async () => {
    const [compressed, uncompressed] = await codec.encode([jsonPayload(complaintText), jsonPayload('"Siti"')]);
    expect(uncompressed.metadata![COMPRESSION_METADATA]).toBeUndefined();
    const flipped = Buffer.from(compressed.data!);
    flipped[20] ^= 1;
    await expect(codec.decode([{ ...compressed, data: flipped }])).rejects.toThrow(/authenticate/);
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
    const bomb = inflationBomb(keyring);
    expect(bomb.data!.length).toBeLessThan(10_000);
    await expect(codec.decode([bomb])).rejects.toThrow(
      new PayloadFormatError(`compressed payload inflates beyond ${MAX_INFLATED_BYTES} bytes`),
    );
    const notDeflate = encryptedAsCompressed(Buffer.from('bukan data deflate'), keyring);
    await expect(codec.decode([notDeflate])).rejects.toThrow(PayloadFormatError);
  });
});

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}
