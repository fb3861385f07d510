import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../../libs/domain/src/errors';
import { parseDocumentText, toDocumentText } from '../../libs/domain/src/sop-document';

describe('SOP documents (YAML/JSON)', () => {
  it('reads dates and times as strings, and JSON as well as YAML', () => {
    expect(parseDocumentText("effectiveDate: 2025-01-06\nstart: 07:30\nunit: 'Umum & Kepegawaian'")).toEqual({
      effectiveDate: '2025-01-06',
      start: '07:30',
      unit: 'Umum & Kepegawaian',
    });
    expect(parseDocumentText('{"id": "a-b", "steps": []}')).toEqual({ id: 'a-b', steps: [] });
  });

  it('refuses aliases of lists and maps, which could blow a small text up, but not & or * in text', () => {
    const bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]';
    expect(() => parseDocumentText(bomb, 'sop.yaml')).toThrow(/^sop\.yaml memakai alias YAML/);
    expect(() => parseDocumentText('steps:\n  - &langkah { key: a }\n  - *langkah')).toThrow(/alias YAML/);
    expect(parseDocumentText('title: "R &D *penting*"\nnote: Seksi Umum & Kepegawaian, *segera* &cepat')).toEqual({
      title: 'R &D *penting*',
      note: 'Seksi Umum & Kepegawaian, *segera* &cepat',
    });
  });

  it('names the line of a syntax error, in Indonesian', () => {
    try {
      parseDocumentText('id: a\n  steps: [', 'sop.yaml');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('BAD_USER_INPUT');
      expect((error as DomainError).message).toMatch(/^sop\.yaml bukan YAML\/JSON yang sah \(baris \d+\)/);
    }
  });

  it('reads every seed file, and writes a definition back as YAML with its office by code', () => {
    const dir = path.resolve(__dirname, '../../seeds');
    for (const folder of ['offices', 'sops', 'calendar']) {
      for (const file of fs.readdirSync(path.join(dir, folder))) {
        expect(() => parseDocumentText(fs.readFileSync(path.join(dir, folder, file), 'utf8'), file)).not.toThrow();
      }
    }
    const text = toDocumentText({ id: 'x', office: { code: 'PALARAN' } } as never);
    expect(parseDocumentText(text)).toEqual({ id: 'x', office: 'PALARAN' });
  });
});
