import { findSop } from '../../libs/domain/src/catalog';
import type { SopDefinition } from '../../libs/domain/src/sop';
import { renderSopSheetHtml, sheetLayout, tanggal } from '../../libs/domain/src/sop-sheet';
import { parseSop } from '../../libs/domain/src/sop-validator';

const sopOf = (id: string) => findSop(id) as SopDefinition;

describe('SOP sheet (Permenpan RB 35/2012)', () => {
  it('lays out Palaran with one column per pelaksana, a decision diamond and the rapat branch', () => {
    const { columns, rows } = sheetLayout(sopOf('palaran-pengaduan'));
    expect(columns).toEqual(['Staf Umum / JFU', 'Sekretaris Camat', 'Camat']);
    expect(rows.map((row) => [row.number, row.key, columns[row.column], row.symbol, row.waktu])).toEqual([
      [1, 'receive', 'Staf Umum / JFU', 'terminator', '30 menit'],
      [2, 'clarify', 'Sekretaris Camat', 'process', '10 menit'],
      [3, 'camat_decision', 'Camat', 'decision', '10 hari'],
      [4, 'rapat', 'Camat', 'process', '10 hari bersama langkah 3'],
      [5, 'draft_answer', 'Sekretaris Camat', 'process', '1 jam'],
      [6, 'deliver', 'Staf Umum / JFU', 'terminator', '30 menit'],
    ]);
    const decision = rows[2]!;
    expect(decision.branches).toEqual(['decided → langkah 5', 'rapat → langkah 4']);
    expect(decision.note).toBe('SOP Rapat Dinas');
    expect(decision.requirements).toEqual(['Pengaduan yang sudah terklarifikasi']);
  });

  it('shows the Diskominfo timeout forward and the monthly recap rows after the complaint steps', () => {
    const { rows } = sheetLayout(sopOf('diskominfo-karanganyar-aduan-warga'));
    expect(rows.map((row) => row.key)).toEqual([
      'receive',
      'forward_group',
      'group_response',
      'forward_opd',
      'reply',
      'recap',
      'evaluate',
      'archive_disposition',
    ]);
    expect(rows[2]!.branches).toEqual(['→ langkah 5', 'lewat baku mutu → langkah 4']);
    expect(rows[5]!.note).toBe('Bulanan, atas semua aduan bulan itu');
    expect(rows.at(-1)!.symbol).toBe('terminator');
    expect(rows[4]!.symbol).toBe('process');
  });

  it('renders the identity table and the flowchart of Palaran as printable HTML', () => {
    const html = renderSopSheetHtml(sopOf('palaran-pengaduan'));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page { size: A4 landscape');
    expect(html).toContain('PEMERINTAH KOTA SAMARINDA<br>KECAMATAN PALARAN');
    expect(html).toContain('<td class="label">Nomor SOP</td><td>000.8.3.3/0957/400.02</td>');
    expect(html).toContain('<td class="label">Tanggal Efektif</td><td>6 Januari 2025</td>');
    expect(html).toContain('CAMAT PALARAN, Muhammad Dahlan, S.STP, M.Si, NIP. 198005071999121001');
    expect(html).toContain('<li>Memiliki disiplin waktu</li>');
    expect(html).toContain('<th>Staf Umum / JFU</th><th>Sekretaris Camat</th><th>Camat</th>');
    expect(html).toContain('aria-label="Pengambilan keputusan"');
    expect((html.match(/<tr data-step=/g) ?? []).length).toBe(6);
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('leaves a date the SOP does not carry empty, and escapes what it prints', () => {
    const ppid = renderSopSheetHtml(sopOf('ppid-karanganyar-web-medsos'));
    expect(ppid).toContain('<td class="label">Tanggal Efektif</td><td></td>');
    expect(ppid).toContain('<td class="label">Nomor SOP</td><td>Tanpa nomor</td>');
    const base = sopOf('kebakkramat-aduan');
    const tricky = parseSop({ ...base, title: 'Aduan <b>"penting"</b> & cepat' });
    const html = renderSopSheetHtml(tricky);
    expect(html).toContain('Aduan &lt;b&gt;&quot;penting&quot;&lt;/b&gt; &amp; cepat');
    expect(html).not.toContain('<b>"penting"</b>');
  });

  it('writes dates the Indonesian way', () => {
    expect(tanggal('2019-10-08')).toBe('8 Oktober 2019');
    expect(tanggal(undefined)).toBe('');
  });
});
