import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook: Unix seconds, and `sha256=<hex>` over `<timestamp>.<body>`. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-aduan-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'x-aduan-signature';
/** Stable per recipient and notification, so a receiver can drop a repeat after a lost acknowledgment. */
export const WEBHOOK_DELIVERY_ID_HEADER = 'x-aduan-delivery-id';

/** A receiver accepts signatures this many seconds old at most (replay protection). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Checks a received webhook as a WhatsApp/SMS gateway should: the timestamp is recent and the
 * signature matches the exact body bytes. Returns why it is refused, or undefined when valid.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string | undefined {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return 'missing or malformed timestamp';
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return 'timestamp outside tolerance';
  if (!headers.signature) return 'missing signature';
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'signature mismatch';
  return undefined;
}
