/**
 * Personal data is encrypted in Temporal (a real dev server, worker and gateway): a complaint's
 * history holds no plain complainant name or phone, and the gateway's remote codec endpoint decodes
 * it for supervisors and auditors only.
 */
import { randomUUID } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { historyToJsonObject } from '../../libs/audit/src/history-json';
import { findSop } from '../../libs/domain/src/catalog';
import { submissionSchema } from '../../libs/domain/src/complaint';
import type { SopDefinition } from '../../libs/domain/src/sop';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
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

  async function decode(authorization?: string, cookie?: string): Promise<Response> {
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
              Object.entries(startPayload.metadata ?? {}).map(([name, value]) => [
                name,
                Buffer.from(value).toString('base64'),
              ]),
            ),
            data: Buffer.from(startPayload.data!).toString('base64'),
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
    const [oldCipher] = await new AesGcmPayloadCodec(old).encode([plain]);
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
