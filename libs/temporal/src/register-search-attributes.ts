import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from './search-attributes';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

function indexedValueTypeOf(type: SearchAttributeType): temporal.api.enums.v1.IndexedValueType {
  switch (type) {
    case SearchAttributeType.KEYWORD:
      return IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    case SearchAttributeType.BOOL:
      return IndexedValueType.INDEXED_VALUE_TYPE_BOOL;
    case SearchAttributeType.DATETIME:
      return IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
    case SearchAttributeType.TEXT:
      return IndexedValueType.INDEXED_VALUE_TYPE_TEXT;
    case SearchAttributeType.INT:
      return IndexedValueType.INDEXED_VALUE_TYPE_INT;
    case SearchAttributeType.DOUBLE:
      return IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE;
    case SearchAttributeType.KEYWORD_LIST:
      return IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
  }
}

/**
 * Registers the project's custom search attributes through the operator service; idempotent (only
 * missing ones are added). Works on an external cluster, the dev server and the time-skipping server.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const known = new Set(await listCustomSearchAttributes(connection, namespace));
  const missing = Object.values(SEARCH_ATTRIBUTES).filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueTypeOf(key.type)])),
  });
  return missing.map((key) => key.name);
}

const GRPC_UNIMPLEMENTED = 12;

/** The time-skipping test server cannot list search attributes; it then accepts adding them all. */
async function listCustomSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    return Object.keys(existing.customAttributes ?? {});
  } catch (error) {
    if ((error as { code?: number }).code === GRPC_UNIMPLEMENTED) return [];
    throw error;
  }
}
