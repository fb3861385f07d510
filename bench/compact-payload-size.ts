/**
 * `npx ts-node --transpile-only bench/compact-payload-size.ts [shape] [scenario]`: what the compact
 * encrypted payload format saves on a recorded history (default v5, the SOP 000 happy path). Every
 * payload of the metadata format is decrypted with the configured keys and encrypted again as the
 * codec now writes it; prints the history's JSON and protobuf kilobytes (1 KB = 1,000 bytes) before
 * and after, as `bench:history` counts them. Prints numbers; asserts nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { historyFromJsonObject, historyToJsonObject } from '../libs/audit/src/history-json';
import { loadConfig } from '../libs/config/src/config';
import { decryptPayload, encryptPayload, ENCRYPTED_ENCODING, keyringOf } from '../libs/temporal/src/payload-codec';

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

const keyring = keyringOf(loadConfig());

/** Re-encrypts, in place, every metadata-format payload under `value`; returns how many. */
function recompact(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((count: number, item) => count + recompact(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  const stored = value as Partial<JsonPayload>;
  if (stored.metadata && typeof stored.data === 'string') {
    if (Buffer.from(stored.metadata.encoding ?? '', 'base64').toString() !== ENCRYPTED_ENCODING) return 0;
    const payload: Payload = {
      metadata: Object.fromEntries(
        Object.entries(stored.metadata).map(([name, text]) => [name, Buffer.from(text, 'base64')]),
      ),
      data: Buffer.from(stored.data, 'base64'),
    };
    const compact = encryptPayload(decryptPayload(payload, keyring), keyring);
    stored.metadata = Object.fromEntries(
      Object.entries(compact.metadata ?? {}).map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')]),
    );
    stored.data = Buffer.from(compact.data ?? []).toString('base64');
    return 1;
  }
  return Object.values(value).reduce((count: number, item) => count + recompact(item), 0);
}

function sizes(json: unknown): { json: number; proto: number } {
  const history = historyFromJsonObject(json);
  return {
    json: Buffer.byteLength(JSON.stringify(historyToJsonObject(history))),
    proto: temporal.api.history.v1.History.encode(history).finish().length,
  };
}

function main(): void {
  const [shape = 'v5', scenario = 'kebakkramat-aduan-happy-path'] = process.argv.slice(2);
  const file = path.resolve(__dirname, '..', 'test', 'fixtures', 'histories', shape, `${scenario}.json`);
  const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const before = sizes(json);
  const payloads = recompact(json);
  const after = sizes(json);
  const kb = (bytes: number): string => (bytes / 1000).toFixed(1);
  process.stdout.write(
    `${shape}/${scenario}: ${payloads} payloads re-encrypted compact\n` +
      `  JSON      ${kb(before.json)} KB -> ${kb(after.json)} KB (-${before.json - after.json} B, ` +
      `${((before.json - after.json) / payloads) | 0} B per payload)\n` +
      `  protobuf  ${kb(before.proto)} KB -> ${kb(after.proto)} KB (-${before.proto - after.proto} B)\n`,
  );
}

main();
