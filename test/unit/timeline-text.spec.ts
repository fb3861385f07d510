/**
 * The auditor's text timeline (`npm run aduan -- timeline`), from a recorded history of the replay
 * corpus: Palaran is a WITA office, so every time reads in WITA; labels are Indonesian.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyFromJsonObject } from '../../libs/audit/src/history-json';
import { deriveTimeline, mergeRefusals } from '../../libs/audit/src/timeline';
import { formatTimelineText } from '../../apps/cli/src/commands';

const HISTORY = path.join(__dirname, '../fixtures/histories/v2/palaran-pengaduan-rapat.json');

function palaranText(all = false): string {
  const history = historyFromJsonObject(JSON.parse(fs.readFileSync(HISTORY, 'utf8')));
  const timeline = deriveTimeline(history, { workflowId: 'complaint-fixture' });
  return formatTimelineText({ timeline, entries: mergeRefusals(timeline, []), source: 'temporal' }, all);
}

describe('the text timeline of the CLI', () => {
  const text = palaranText();
  const entryLines = text.split('\n').filter((line) => /^\S+, \d{1,2} \S+ \d{4} /.test(line));

  it("shows every time in the office's zone (WITA), to the second", () => {
    expect(entryLines.length).toBeGreaterThan(5);
    for (const line of entryLines) expect(line).toMatch(/^\S+, \d{1,2} \S+ \d{4} \d{2}\.\d{2}\.\d{2} WITA {2}/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('names actions, outcomes, roles and channels in Indonesian', () => {
    expect(text).toContain('Keputusan: perlu rapat');
    expect(text).toMatch(/\(Camat\)/);
    // Step keys (SOP data) appear only beside their titles in the step summary.
    const events = text.slice(0, text.indexOf('Langkah (waktu kerja'));
    expect(events).not.toMatch(/→|\b(accepted|decided|verify|draft_answer)\b/);
    expect(text).toContain('5. Membuat jawaban berdasarkan keputusan Camat');
  });

  it('prints no entry without content, and bookkeeping only on request', () => {
    for (const line of entryLines) expect(line).not.toMatch(/: *$/);
    expect(text).not.toContain(' Atribut pencarian diperbarui');
    expect(palaranText(true)).toContain('Atribut pencarian diperbarui');
  });
});
