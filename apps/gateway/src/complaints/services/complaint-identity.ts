import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Submission } from '../../../../../libs/domain/src/complaint';
import { canonicalJson, sha256Hex } from '../../../../../libs/integrity/src/digest';

/** Namespace of the complaint ids derived from client request ids (a fixed random UUID). */
const COMPLAINT_ID_NAMESPACE = '6f1c2f5e-8a0b-4c55-9d0e-2b7f3c9a1d44';

/**
 * The complaint id of a submission: a name-based UUID (version 5 layout, SHA-256 instead of SHA-1)
 * of the office and the client's request id, so a retried submission gets the same id and, through
 * the workflow id, the same complaint.
 */
export function complaintIdFor(officeCode: string, clientRequestId: string): string {
  const digest = createHash('sha256').update(`${COMPLAINT_ID_NAMESPACE}\n${officeCode}\n${clientRequestId}`).digest();
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * What a clientRequestId is bound to: the office, who submitted (the staff member, or the public
 * form) and the whole submission. The same id with another submitter or payload is another
 * submission, refused with CONFLICT, so nobody receives someone else's complaint or tracking code.
 */
export function submissionDigest(
  officeCode: string,
  submittedBy: { userId: string; role: string } | undefined,
  submission: Submission,
): string {
  const submitter = submittedBy ? { userId: submittedBy.userId, role: submittedBy.role } : 'publik';
  return sha256Hex(canonicalJson({ officeCode, submitter, submission }));
}

/** Crockford base32: no I, L, O, U, so a code read over the phone is not misheard. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 10;

function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}

/**
 * The complainant's tracking code: an HMAC of the complaint id under the gateway's secret, so a
 * retried submission gets the same code back without the code ever being stored (only its SHA-256).
 */
export function trackingCodeFor(secret: string, complaintId: string): string {
  return base32(createHmac('sha256', secret).update(`tracking:${complaintId}`).digest(), TRACKING_CODE_LENGTH);
}

/** Normalizes what a citizen types: case, spaces, dashes, and the look-alike letters. */
export function normalizeTrackingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** Constant-time comparison of a typed tracking code with the stored hash. */
export function trackingCodeMatches(input: string, storedHash: string): boolean {
  const given = Buffer.from(sha256Hex(normalizeTrackingCode(input)), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
