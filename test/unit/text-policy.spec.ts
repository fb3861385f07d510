/**
 * The one text policy of the domain schemas: what the gateway and the workflow's update validators
 * both enforce before anything reaches history or PostgreSQL.
 */
import {
  actionRequestSchema,
  indonesianIssueMessages,
  LIMITS,
  normalizeText,
  noteRequestSchema,
  replaceUnsafeCharacters,
  submissionSchema,
  unsafeTextReason,
  withdrawRequestSchema,
} from '../../libs/domain/src/complaint';
import { recapActRequestSchema } from '../../libs/domain/src/recap';
import { parseOrRefuse } from '../../workflows/complaint/complaint.rules';

const actor = { userId: 'u-1', name: 'Sri Wahyuni', role: 'petugas_loket', officeCode: 'KEBAKKRAMAT' } as const;

function submission(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'website',
    complainant: { anonymous: false, name: 'Budi' },
    subject: 'Lampu jalan mati',
    content: 'Lampu jalan di RT 03 mati sejak seminggu.',
    ...overrides,
  };
}

function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  return result.error!.issues[0];
}

describe('text policy', () => {
  it.each([
    ['NUL', 'Lampu\u0000mati', /NUL/],
    ['a lone high surrogate', 'Lampu \ud800 mati', /surrogate/],
    ['a lone low surrogate', '\udc00 Lampu mati', /surrogate/],
    ['an escape sequence', 'Lampu \u001b[2J mati', /kontrol/],
    ['a C1 control', 'Lampu \u009b mati', /kontrol/],
    ['DEL', 'Lampu \u007f mati', /kontrol/],
  ])('refuses %s in a complaint text and names the field', (_name, subject, reason) => {
    const issue = firstIssue(submissionSchema.safeParse(submission({ subject }), { error: indonesianIssueMessages }));
    expect(issue.path).toEqual(['subject']);
    expect(issue.message).toMatch(/^perihal /);
    expect(issue.message).toMatch(reason);
  });

  it('keeps newline, tab, emoji (surrogate pairs, ZWJ sequences) and right-to-left text', () => {
    const content = 'Baris satu\n\tBaris dua 👍🏽 👨‍👩‍👧 مرحبا بالعالم שלום';
    const parsed = submissionSchema.parse(submission({ content }));
    expect(parsed.content).toBe(content);
    expect(unsafeTextReason(content)).toBeUndefined();
  });

  it('stores text NFC-normalised and trimmed, with one kind of line break', () => {
    const decomposed = '  Kelurahan Cafe\u0301\r\nRT 03\r  ';
    const parsed = submissionSchema.parse(submission({ content: decomposed }));
    expect(parsed.content).toBe('Kelurahan Caf\u00e9\nRT 03');
    expect(normalizeText('\u200b\u200d\ufeff \u2060')).toBe('');
  });

  it('counts zero-width-only text as blank', () => {
    const issue = firstIssue(submissionSchema.safeParse(submission({ subject: '\u200b\u200c\u200d' })));
    expect(issue.path).toEqual(['subject']);
    expect(issue.message).toBe('perihal wajib diisi');
  });

  it('gives a refused text one issue: a wrong type or unsafe text is not also judged blank or too long', () => {
    const messagesFor = (subject: unknown) => {
      const result = submissionSchema.safeParse(submission({ subject }), { error: indonesianIssueMessages });
      expect(result.success).toBe(false);
      return result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(messagesFor([])).toEqual(['subject: perihal harus berupa teks']);
    expect(messagesFor({ length: LIMITS.subject + 1 })).toEqual(['subject: perihal harus berupa teks']);
    expect(messagesFor(`${'a'.repeat(LIMITS.subject + 1)}\u0000`)).toEqual(['subject: perihal memuat karakter NUL']);
    expect(messagesFor('\u0007')).toEqual(['subject: perihal memuat karakter kontrol (selain baris baru dan tab)']);
  });

  it('bounds every string, identifiers included', () => {
    const long = (n: number) => 'a'.repeat(n);
    const base = {
      requestId: 'req-00000001',
      actor,
      stepKey: 'receive',
      action: { kind: 'verify', outcome: 'tunda', reason: 'kurang lengkap' },
    };
    expect(actionRequestSchema.safeParse(base).success).toBe(true);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...base, stepKey: long(100_000) }, ['stepKey']],
      [{ ...base, requestId: long(LIMITS.requestId + 1) }, ['requestId']],
      [{ ...base, requestId: 'req\u0000-00000001' }, ['requestId']],
      [{ ...base, actor: { ...actor, name: long(LIMITS.label + 1) } }, ['actor', 'name']],
      [{ ...base, actor: { ...actor, name: 'Sri\u0000' } }, ['actor', 'name']],
      [{ ...base, action: { ...base.action, reason: long(LIMITS.note + 1) } }, ['action', 'reason']],
      [{ ...base, action: { ...base.action, forwardTo: '\ud800' } }, ['action', 'forwardTo']],
    ];
    for (const [request, path] of cases) {
      const issue = firstIssue(actionRequestSchema.safeParse(request, { error: indonesianIssueMessages }));
      expect(issue.path).toEqual(path);
      // A message never echoes the input back.
      expect(issue.message.length).toBeLessThan(200);
    }
    expect(firstIssue(submissionSchema.safeParse(submission({ location: long(LIMITS.address + 1) }))).path).toEqual([
      'location',
    ]);
  });

  it('applies to notes, complainant actions and recap actions alike', () => {
    expect(firstIssue(noteRequestSchema.safeParse({ requestId: 'req-00000001', actor, text: 'a\u0000' })).path).toEqual(
      ['text'],
    );
    expect(
      firstIssue(withdrawRequestSchema.safeParse({ requestId: 'req-00000001', reason: '\u200b' })).message,
    ).toMatch(/wajib diisi/);
    expect(
      firstIssue(
        recapActRequestSchema.safeParse({
          requestId: 'req-00000001',
          actor,
          stepKey: 'evaluate',
          action: { kind: 'evaluate', evaluationNeeded: false, notes: 'ok\u001b[31m' },
        }),
      ).path,
    ).toEqual(['action', 'notes']);
  });

  it('refuses in the workflow validator with BAD_USER_INPUT, an Indonesian message naming the field', () => {
    let refused: unknown;
    try {
      parseOrRefuse(submissionSchema, submission({ content: 'x\u0000', channel: 'telegram' }));
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ type: 'BAD_USER_INPUT' });
    expect((refused as Error).message).toMatch(/^Data tidak valid \((channel|content)\): /);
    expect((refused as Error).message).not.toMatch(/Invalid|expected/);
  });

  it('makes text that was never accepted safe to store and print (refusal audit, CLI)', () => {
    expect(replaceUnsafeCharacters('a\u001b[2Jb\u0000c\ud800d\r\ne\tf 👍')).toBe('a\ufffd[2Jb\ufffdc\ufffdd\ne\tf 👍');
  });
});
