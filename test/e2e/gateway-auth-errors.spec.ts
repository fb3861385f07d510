/**
 * The gateway's pure parts: token verification, the error mapping every resolver relies on, the
 * idempotent identity of a submission and the tracking code.
 */
import { WorkflowUpdateFailedError, ServiceError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { GraphQLError } from 'graphql';
import { TokenVerifier, bearerToken } from '../../apps/gateway/src/auth/token-verifier.service';
import { formatGraphQLError, mapError } from '../../apps/gateway/src/errors/error-mapping';
import {
  complaintIdFor,
  normalizeTrackingCode,
  trackingCodeFor,
  trackingCodeMatches,
} from '../../apps/gateway/src/complaints/services/complaint-identity';
import { parseWith } from '../../apps/gateway/src/complaints/services/validation';
import { loadConfig } from '../../libs/config/src/config';
import { sha256Hex } from '../../libs/integrity/src/digest';
import { actionRequestSchema, submissionSchema } from '../../libs/domain/src/complaint';
import { DomainError } from '../../libs/domain/src/errors';
import { mintToken } from '../../scripts/mint-token';

const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'unit-secret' } as NodeJS.ProcessEnv);

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('TokenVerifier (HS256)', () => {
  const verifier = new TokenVerifier(config);

  it('accepts a token signed with the secret and returns its claims', async () => {
    const token = mintToken({ sub: 'u-1', name: 'Budi', roles: ['camat', 'sekcam'], office: 'PALARAN' }, 'unit-secret');
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'u-1',
      name: 'Budi',
      roles: ['camat', 'sekcam'],
      office: 'PALARAN',
    });
  });

  it('refuses another secret, an expired token, unknown roles and missing claims as UNAUTHENTICATED', async () => {
    const other = mintToken({ sub: 'u', name: 'B', roles: ['camat'], office: 'PALARAN' }, 'other');
    expect((await refusal(verifier.verify(other))).code).toBe('UNAUTHENTICATED');
    const expired = mintToken({ sub: 'u', name: 'B', roles: ['camat'], office: 'PALARAN' }, 'unit-secret', -1);
    const expiredError = await refusal(verifier.verify(expired));
    expect(expiredError.code).toBe('UNAUTHENTICATED');
    expect(expiredError.message).toMatch(/berakhir/);
    const unknownRole = mintToken({ sub: 'u', name: 'B', roles: ['raja'], office: 'PALARAN' }, 'unit-secret');
    expect((await refusal(verifier.verify(unknownRole))).code).toBe('UNAUTHENTICATED');
    const complainant = mintToken({ sub: 'u', name: 'B', roles: ['pemohon'], office: 'PALARAN' }, 'unit-secret');
    expect((await refusal(verifier.verify(complainant))).code).toBe('UNAUTHENTICATED');
    const noOffice = mintToken({ sub: 'u', name: 'B', roles: ['camat'], office: '' }, 'unit-secret');
    expect((await refusal(verifier.verify(noOffice))).code).toBe('UNAUTHENTICATED');
    expect((await refusal(verifier.verify('not-a-jwt'))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses the "none" algorithm', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'u', name: 'B', roles: ['camat'], office: 'PALARAN' })).toString(
      'base64url',
    );
    expect((await refusal(verifier.verify(`${header}.${payload}.`))).code).toBe('UNAUTHENTICATED');
  });

  it('reads the token from a Bearer header or a bare value', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken('abc')).toBe('abc');
    expect(bearerToken('')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('error mapping', () => {
  it('maps a refused update to the ApplicationFailure type it carries', () => {
    for (const code of ['FORBIDDEN', 'INVALID_TRANSITION', 'CONFLICT', 'BAD_USER_INPUT'] as const) {
      const cause = ApplicationFailure.create({ type: code, message: `pesan ${code}`, nonRetryable: true });
      expect(mapError(new WorkflowUpdateFailedError('Workflow Update failed', cause))).toEqual({
        code,
        message: `pesan ${code}`,
      });
    }
  });

  it('maps a missing workflow to NOT_FOUND and an unreachable server to UNAVAILABLE', () => {
    expect(mapError(new WorkflowNotFoundError('gone', 'complaint-x', undefined))?.code).toBe('NOT_FOUND');
    const unreachable = Object.assign(new Error('14 UNAVAILABLE: connect ECONNREFUSED'), { code: 14 });
    expect(mapError(new ServiceError('Failed to query', { cause: unreachable }))?.code).toBe('UNAVAILABLE');
    const notFound = Object.assign(new Error('5 NOT_FOUND'), { code: 5 });
    expect(mapError(new ServiceError('Failed to query', { cause: notFound }))?.code).toBe('NOT_FOUND');
  });

  it('never leaks an unexpected error: generic message, no stack, logged once', () => {
    const logged: unknown[] = [];
    const internal = new Error('SELECT secret FROM table failed');
    const graphQLError = new GraphQLError(internal.message, { originalError: internal });
    const formatted = formatGraphQLError(
      { message: internal.message, extensions: { stacktrace: ['at x'] } },
      graphQLError,
      (error) => logged.push(error),
    );
    expect(formatted.message).not.toContain('secret');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(logged).toEqual([internal]);
  });

  it('keeps domain errors with their code and details, and maps GraphQL validation to BAD_USER_INPUT in Indonesian', () => {
    const domain = new DomainError('UNAVAILABLE', 'Terlalu banyak permintaan.', { reason: 'RATE_LIMITED' });
    expect(formatGraphQLError({ message: 'x' }, new GraphQLError('x', { originalError: domain }))).toMatchObject({
      message: 'Terlalu banyak permintaan.',
      extensions: { code: 'UNAVAILABLE', reason: 'RATE_LIMITED' },
    });
    const validation = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(
      formatGraphQLError({ message: validation.message, extensions: validation.extensions }, validation),
    ).toMatchObject({
      message: 'Kolom "nope" tidak ada pada tipe "Query".',
      extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('turns a zod refusal into BAD_USER_INPUT with the Indonesian message and the path', () => {
    const error = (() => {
      try {
        parseWith(submissionSchema, {
          channel: 'langsung',
          complainant: { anonymous: true },
          subject: 'x',
          content: '',
        });
      } catch (caught) {
        return caught as DomainError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Data tidak valid (content): isi aduan wajib diisi');
    expect(() => parseWith(actionRequestSchema, { requestId: 'short' })).toThrow(DomainError);
  });
});

describe('submission identity and tracking code', () => {
  it('derives the same complaint id from the same office and client request id, a different one otherwise', () => {
    const id = complaintIdFor('PALARAN', 'req-0123456789abcdef');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(complaintIdFor('PALARAN', 'req-0123456789abcdef')).toBe(id);
    expect(complaintIdFor('KEBAKKRAMAT', 'req-0123456789abcdef')).not.toBe(id);
    expect(complaintIdFor('PALARAN', 'req-0123456789abcdeg')).not.toBe(id);
  });

  it('gives a reproducible 10-character code that only its hash can confirm', () => {
    const id = complaintIdFor('PALARAN', 'req-0123456789abcdef');
    const code = trackingCodeFor('s3cret', id);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(trackingCodeFor('s3cret', id)).toBe(code);
    expect(trackingCodeFor('other', id)).not.toBe(code);
    const hash = sha256Hex(code);
    expect(trackingCodeMatches(code, hash)).toBe(true);
    expect(trackingCodeMatches(`${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`, hash)).toBe(true);
    expect(trackingCodeMatches('0000000000', hash)).toBe(code === '0000000000');
    expect(normalizeTrackingCode('ab-cd ol i')).toBe('ABCD011');
  });
});
