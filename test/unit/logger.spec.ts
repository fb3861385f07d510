import { createLogger } from '../../libs/logging/src/logger';

describe('logger', () => {
  it('writes one JSON object per line in production format, with child metadata and errors', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      format: 'json',
      meta: { service: 'worker' },
      write: (line) => lines.push(line),
    });
    log.child({ complaintId: 'c-1' }).warn('Tenggat terlewati', { error: new Error('boom') });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'warn', msg: 'Tenggat terlewati', service: 'worker', complaintId: 'c-1' });
    expect(entry.error).toMatchObject({ name: 'Error', message: 'boom' });
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
  });

  it('drops messages below its level, including the Temporal SDK upper-case levels', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', format: 'json', write: (line) => lines.push(line) });
    log.debug('not shown');
    log.log('INFO', 'not shown either');
    log.log('ERROR', 'shown', { sdkComponent: 'worker' });
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['shown']);
  });

  it('writes readable lines locally', () => {
    const lines: string[] = [];
    createLogger({ level: 'debug', format: 'pretty', write: (line) => lines.push(line) }).info('Siap', { port: 4000 });
    expect(lines[0]).toMatch(/INFO .*Siap .*port=4000/);
  });

  it('redacts personal data in both formats, at any of the first three levels', () => {
    for (const format of ['json', 'pretty'] as const) {
      const lines: string[] = [];
      const log = createLogger({ level: 'info', format, write: (line) => lines.push(line) });
      log.info('aduan diterima', {
        complaintId: 'c-1',
        trackingCode: 'ABCDE12345',
        submission: { complainant: { name: 'Siti Rahmawati', phone: '+62 812 5555 0101' }, subject: 'Lampu' },
        request: { headers: { authorization: 'Bearer rahasia' } },
      });
      expect(lines[0]).toContain('c-1');
      expect(lines[0]).toContain('Lampu');
      expect(lines[0]).not.toMatch(/Siti|0101|ABCDE12345|rahasia/);
      expect(lines[0]).toContain('[disamarkan]');
    }
  });
});
