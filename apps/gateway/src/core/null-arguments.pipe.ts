import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/**
 * GraphQL lets a client send `null` for an optional argument or input field, and many clients do
 * (a form's empty field, a generated client). Here null means what leaving it out means: not
 * given. This pipe turns those nulls into absent fields before a resolver sees its arguments, so
 * the gateway has one shape for "not given" (undefined) and no resolver treats a null as a value
 * (the tracking page's `registerNumber: null` once reached `.trim()`; an action's `note: null` was
 * refused as "not text"). Items of lists are left as they are; objects in them are cleaned alike.
 *
 * Nest hands a pipe a GraphQL argument as a `body` parameter, as it does a REST controller's JSON
 * body (the codec, Open311, development sign-in), where a null field means "not given" just the same.
 */
@Injectable()
export class NullArgumentsAsAbsentPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'body' ? withoutNulls(value) : value;
  }
}

function withoutNulls(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map((item: unknown) => (isPlainObject(item) ? withoutNulls(item) : item));
  if (!isPlainObject(value)) return value;
  const cleaned: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null && field !== undefined) cleaned[key] = withoutNulls(field);
  }
  return cleaned;
}

/** graphql-js builds input objects without a prototype; class instances (Date, Buffer) are values. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}
