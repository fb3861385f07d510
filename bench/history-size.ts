/**
 * `npm run bench:history [-- scenario]`: the size of a complaint's history per workflow shape, from
 * the recorded replay corpus (test/fixtures/histories/<shape>/<scenario>.json, default the SOP 000
 * happy path): events, compact-JSON kilobytes (1 KB = 1,000 bytes), protobuf kilobytes (what Temporal
 * itself counts as the history's size), events per type and the bytes of each local activity's
 * markers. Prints numbers; asserts nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import { historyFromJsonObject, historyToJsonObject } from '../libs/audit/src/history-json';
import { localActivityOf, type History } from '../libs/audit/src/history-events';

const HISTORIES_DIR = path.resolve(__dirname, '..', 'test', 'fixtures', 'histories');

function sizeOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

function report(shape: string, history: History): void {
  const byType = new Map<string, number>();
  const markerBytes = new Map<string, number>();
  const json = historyToJsonObject(history) as { events: unknown[] };
  (history.events ?? []).forEach((event, index) => {
    const type = String(json.events[index] && (json.events[index] as { eventType: string }).eventType).replace(
      'EVENT_TYPE_',
      '',
    );
    byType.set(type, (byType.get(type) ?? 0) + 1);
    const local = localActivityOf(event);
    if (local) markerBytes.set(local.type, (markerBytes.get(local.type) ?? 0) + sizeOf(json.events[index]));
  });
  const kb = (bytes: number): string => (bytes / 1000).toFixed(1);
  const protoBytes = temporal.api.history.v1.History.encode(history).finish().length;
  process.stdout.write(
    `${shape}: ${json.events.length} events, ${kb(sizeOf(json))} KB JSON, ${kb(protoBytes)} KB protobuf (${protoBytes} B)\n`,
  );
  for (const [type, count] of [...byType].sort()) process.stdout.write(`  ${type.padEnd(40)} ${count}\n`);
  for (const [type, bytes] of [...markerBytes].sort()) {
    process.stdout.write(`  local activity ${type.padEnd(25)} ${kb(bytes)} KB\n`);
  }
}

function main(): void {
  const scenario = process.argv[2] ?? 'kebakkramat-aduan-happy-path';
  const shapes = fs
    .readdirSync(HISTORIES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const shape of shapes) {
    const file = path.join(HISTORIES_DIR, shape, `${scenario}.json`);
    if (!fs.existsSync(file)) continue;
    report(shape, historyFromJsonObject(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }
}

main();
