/**
 * Reading a Temporal event history: event ids and times as plain numbers/ISO strings, and payloads
 * decrypted by the payload codec and decoded with the SDK's default payload converter, as the worker does.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { loadConfig } from '../../config/src/config';
import { decryptPayload, keyringOf } from '../../temporal/src/payload-codec';

export type History = temporal.api.history.v1.IHistory;
export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;
type Payload = temporal.api.common.v1.IPayload | null | undefined;

/** A Long, number or numeric string (protobufjs gives Longs for int64) as a number. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  return Number(String(value));
}

export function eventId(event: HistoryEvent): number {
  return toNumber(event.eventId);
}

/** The event's time as ISO 8601 (UTC, milliseconds). */
export function eventTime(event: HistoryEvent): string {
  const time = event.eventTime;
  if (!time) return new Date(0).toISOString();
  const millis = toNumber(time.seconds) * 1000 + Math.floor(toNumber(time.nanos) / 1_000_000);
  return new Date(millis).toISOString();
}

/** A protobuf Duration in milliseconds. */
export function durationMillis(duration: { seconds?: unknown; nanos?: unknown } | null | undefined): number {
  if (!duration) return 0;
  return toNumber(duration.seconds) * 1000 + Math.floor(toNumber(duration.nanos) / 1_000_000);
}

export function decodePayload<T = unknown>(payload: Payload): T | undefined {
  if (!payload) return undefined;
  // Histories are stored encrypted (payload codec); decrypted here with the configured keys.
  const decrypted = decryptPayload(payload as Payload & object, keyringOf(loadConfig()));
  return defaultPayloadConverter.fromPayload<T>(decrypted as temporal.api.common.v1.IPayload);
}

/** The first payload of a Payloads list (every activity, update and signal here takes one argument). */
export function decodeFirst<T = unknown>(payloads: Payloads): T | undefined {
  return decodePayload<T>(payloads?.payloads?.[0]);
}

export function decodeAll(payloads: Payloads): unknown[] {
  return (payloads?.payloads ?? []).map((payload) => decodePayload(payload));
}

/** The indexed search attributes of an upsert event, decoded. */
export function decodeSearchAttributes(
  fields: { [key: string]: temporal.api.common.v1.IPayload } | null | undefined,
): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const [key, payload] of Object.entries(fields ?? {})) {
    const value = decodePayload<unknown>(payload);
    decoded[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return decoded;
}

/** The local-activity marker's name in history (Temporal's SDK core). */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** A local activity recorded in history: its type and result (its input is not recorded). */
export interface LocalActivityRecord {
  type: string;
  result: unknown;
}

/** The local activity an event records, if it is a completed local-activity marker. */
export function localActivityOf(event: HistoryEvent): LocalActivityRecord | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== LOCAL_ACTIVITY_MARKER || marker.failure) return undefined;
  const data = decodeFirst<{ activity_type?: string }>(marker.details?.data);
  if (!data?.activity_type) return undefined;
  return { type: data.activity_type, result: decodeFirst(marker.details?.result) };
}
