/**
 * History ⇄ standard Temporal JSON (proto3 JSON, as `temporal workflow show --output json` writes).
 *
 * Same conversion as `historyToJSON`/`historyFromJSON` of `@temporalio/common/lib/proto-utils`,
 * which fail in this install ("type must be a Type"): npm placed two copies of protobufjs 8 (one
 * under @temporalio/common, one under @temporalio/proto), and the protojson extension of one does
 * not recognize the reflection types of the other. Here the extension is loaded from the copy that
 * @temporalio/proto itself uses.
 */
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { History } from './history-events';

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

let cached: { protojson: ProtoJson; historyType: unknown } | undefined;

function load(): { protojson: ProtoJson; historyType: unknown } {
  if (cached) return cached;
  const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { patchProtobufRoot } = require('@temporalio/proto/lib/patch-protobuf-root') as {
    patchProtobufRoot: (root: unknown) => { lookupType(name: string): unknown };
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const historyType = patchProtobufRoot(require('@temporalio/proto')).lookupType('temporal.api.history.v1.History');
  cached = { protojson, historyType };
  return cached;
}

/** A history as a plain JSON object (int64 as strings, bytes base64, enums by name, times RFC 3339). */
export function historyToJsonObject(history: History): Record<string, unknown> {
  const { protojson, historyType } = load();
  const message = temporal.api.history.v1.History.fromObject(history as Record<string, unknown>);
  return protojson.toJson(historyType, message) as Record<string, unknown>;
}

/** A history from its JSON form (also the PascalCase enum names older tools write). */
export function historyFromJsonObject(json: unknown): History {
  const { protojson, historyType } = load();
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { events?: unknown }).events)) {
    throw new TypeError('Riwayat tidak valid: harus objek dengan larik events.');
  }
  const events = (json as { events: Record<string, unknown>[] }).events.map(fixEnums);
  const loaded = protojson.fromJson(historyType, { events }, { ignoreUnknownFields: true });
  if (loaded === null || loaded === undefined) throw new TypeError('Riwayat tidak valid.');
  return loaded as History;
}

function constantCase(value: string): string {
  return value.replace(/[^\b][A-Z]/g, (match) => `${match[0]}_${match[1]}`).toUpperCase();
}

function fixEnum(value: unknown, prefix: string): unknown {
  if (typeof value !== 'string' || value.startsWith(prefix)) return value;
  return `${prefix}_${constantCase(value)}`;
}

function fixEnums(event: Record<string, unknown>): Record<string, unknown> {
  const attributesKey = Object.keys(event).find((key) => key.endsWith('EventAttributes'));
  if (!attributesKey) throw new TypeError(`Kejadian riwayat tanpa atribut: ${JSON.stringify(event).slice(0, 200)}`);
  const attributes = { ...(event[attributesKey] as Record<string, unknown>) };
  const taskQueue = attributes.taskQueue as Record<string, unknown> | undefined;
  if (taskQueue) attributes.taskQueue = { ...taskQueue, kind: fixEnum(taskQueue.kind, 'TASK_QUEUE_KIND') };
  for (const [key, prefix] of [
    ['parentClosePolicy', 'PARENT_CLOSE_POLICY'],
    ['workflowIdReusePolicy', 'WORKFLOW_ID_REUSE_POLICY'],
    ['initiator', 'CONTINUE_AS_NEW_INITIATOR'],
    ['retryState', 'RETRY_STATE'],
  ] as const) {
    if (attributes[key] !== undefined) attributes[key] = fixEnum(attributes[key], prefix);
  }
  return { ...event, eventType: fixEnum(event.eventType, 'EVENT_TYPE'), [attributesKey]: attributes };
}
