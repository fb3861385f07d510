/**
 * The product in a real browser: Debian's Chromium driven by playwright-core against the real
 * gateway (pages, GraphQL, subscriptions), the real worker, Temporal dev server and PostgreSQL. A
 * citizen submits on the public page, three staff roles of Kecamatan Palaran (WITA) handle the
 * complaint in the console to the answer, the citizen tracks and rates it, a supervisor looks at
 * the office. Screenshots go to test-artifacts/browser/ (git-ignored) for a person to look at.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mintToken } from '../../scripts/mint-token';
import { startGatewayStack, type GatewayStack } from '../support/gateway-stack';
import { eventually, gql, graphqlRequest } from '../support/graphql';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'browser');

describe('pages in a real browser (end to end)', () => {
  let stack: GatewayStack;
  let browser: Browser;

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** A fresh browser context (its own session storage) signed in as a development user. */
  async function staffPage(userId: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/konsol/`);
    await page.click(`button[data-user="${userId}"]`);
    await page.getByTestId('who').waitFor();
    return page;
  }

  /** Opens the complaint from the inbox, where it waits for this user's role. */
  async function openFromInbox(page: Page, registerNumber: string): Promise<void> {
    await page.getByTestId('inbox').getByText(registerNumber).click();
    await page.getByTestId('progress').waitFor();
  }

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startGatewayStack({ name: 'browser-e2e', changePollIntervalMs: 300 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('serves the GraphQL explorer with every asset from the gateway itself', async () => {
    const page = await (await browser.newContext()).newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.baseUrl)) foreign.push(request.url());
    });
    await page.goto(`${stack.baseUrl}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await shot(page, '00-penjelajah-graphql');
    expect(foreign).toEqual([]);
  });

  it('signs staff in with a bearer token pasted into the console (the production way)', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${stack.baseUrl}/konsol/`);
    const token = mintToken(
      { sub: 'u-77', name: 'Made Sukarta', roles: ['camat'], office: 'SELEMADEG-TIMUR' },
      stack.config.gateway.jwt.secret!,
    );
    await page.fill('#token', 'bukan-token');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByText('Token tidak valid atau sudah kedaluwarsa.').waitFor();
    await page.fill('#token', token);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByTestId('who').textContent()).resolves.toContain('Made Sukarta');
    await page.getByRole('heading', { name: /Kotak masuk/ }).waitFor();
  });

  it("opens a notification's tracking link on the tracking tab with the register number filled in", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${stack.baseUrl}/?nomor=${encodeURIComponent('000.8.3.3/0007/PALARAN/2026')}`);
    await expect(page.locator('#track-register').inputValue()).resolves.toBe('000.8.3.3/0007/PALARAN/2026');
    await expect(page.locator('#track-code').inputValue()).resolves.toBe('');
    await page.getByRole('heading', { name: 'Lacak aduan' }).waitFor();
  });

  it('fits a phone and speaks Indonesian when a field is missing, whatever the browser language', async () => {
    const phone = { viewport: { width: 390, height: 844 }, locale: 'en-US' };
    const problems: string[] = [];
    const watch = (page: Page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      return page;
    };
    const validationMessage = (page: Page, selector: string) =>
      page.locator(selector).evaluate((field) => (field as unknown as { validationMessage: string }).validationMessage);
    const widerThanThePhone = (page: Page) =>
      page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
        return root.documentElement.scrollWidth > 390;
      });

    const citizen = watch(await (await browser.newContext(phone)).newPage());
    await citizen.goto(`${stack.baseUrl}/`);
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    await expect(validationMessage(citizen, '#office')).resolves.toBe('Pilih salah satu.');
    await citizen.selectOption('#office', 'PALARAN');
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    await expect(validationMessage(citizen, '#name')).resolves.toBe('Kolom ini wajib diisi.');
    await citizen.fill('#name', 'Rudi Hartono');
    await citizen.fill('#email', 'bukan-surel');
    await citizen.fill('#subject', 'Saluran air tersumbat');
    await citizen.fill('#content', 'Saluran air di depan SD Negeri 012 tersumbat sampah sejak hujan kemarin.');
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    await expect(validationMessage(citizen, '#email')).resolves.toBe(
      'Tulis alamat surel yang benar, mis. nama@contoh.id.',
    );
    await citizen.fill('#email', 'rudi@contoh.id');
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    // The register number is the longest word on the page: it wraps inside its card.
    const registerNumber = (await citizen.getByTestId('register-number').textContent())!.trim();
    expect(registerNumber).toMatch(/^000\.8\.3\.3\/\d{4}\/PALARAN\/\d{4}$/);
    await shot(citizen, '03-warga-tanda-terima-ponsel');
    await expect(widerThanThePhone(citizen)).resolves.toBe(false);

    // Staff on a phone: the inbox's rows become cards instead of a table wider than the screen.
    const context = await browser.newContext(phone);
    const staffPage = watch(await context.newPage());
    await staffPage.goto(`${stack.baseUrl}/konsol/`);
    await staffPage.click('button[data-user="staf_umum-palaran"]');
    await staffPage.getByTestId('inbox').getByText(registerNumber).waitFor();
    await shot(staffPage, '04-konsol-kotak-masuk-ponsel');
    await expect(widerThanThePhone(staffPage)).resolves.toBe(false);
    expect(problems).toEqual([]);
  });

  it('resends the very request whose answer was lost: one complaint, one note, fields held as sent meanwhile', async () => {
    /** The next `operation` reaches the gateway, which acts, but its answer never reaches the page. */
    const loseNextAnswer = async (page: Page, operation: string) => {
      let lost = false;
      await page.route('**/graphql', async (route) => {
        if (lost || !(route.request().postData() ?? '').includes(operation)) return route.continue();
        lost = true;
        await route.fetch();
        await route.abort('connectionreset');
      });
    };
    const subject = `Jembatan kayu rapuh ${randomUUID().slice(0, 8)}`;

    const citizen = await (await browser.newContext({ locale: 'id-ID' })).newPage();
    await citizen.goto(`${stack.baseUrl}/`);
    await citizen.selectOption('#office', 'PALARAN');
    await citizen.fill('#name', 'Yuliana Sari');
    await citizen.fill('#subject', subject);
    await citizen.fill('#content', 'Papan jembatan kayu di Gang Mawar banyak yang patah, berbahaya bagi anak sekolah.');
    await loseNextAnswer(citizen, 'submitComplaintPublicly');
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    await citizen.getByTestId('unsure').waitFor();
    await expect(citizen.locator('.error').textContent()).resolves.toContain('Tidak dapat menghubungi server');
    await expect(citizen.locator('#content').isDisabled()).resolves.toBe(true);
    await shot(citizen, '05-warga-jawaban-hilang');
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    const registerNumber = (await citizen.getByTestId('register-number').textContent())!.trim();
    const rows: { register_number: string }[] = await stack.dataSource.query(
      'SELECT register_number FROM complaints WHERE subject = $1',
      [subject],
    );
    expect(rows.map((row) => row.register_number)).toEqual([registerNumber]);

    const staf = await staffPage('staf_umum-palaran');
    await openFromInbox(staf, registerNumber);
    await staf.fill('#note', 'Sudah dicek ke lokasi bersama ketua RT.');
    await loseNextAnswer(staf, 'addComplaintNote');
    await staf.getByRole('button', { name: 'Simpan catatan' }).click();
    await staf.getByTestId('unsure').waitFor();
    await expect(staf.locator('#note').isDisabled()).resolves.toBe(true);
    await staf.getByRole('button', { name: 'Simpan catatan' }).click();
    await staf.getByText('Sudah dicek ke lokasi bersama ketua RT.').first().waitFor();
    await expect(staf.getByTestId('unsure').count()).resolves.toBe(0);
    const { complaintByRegisterNumber } = await gql<{ complaintByRegisterNumber: { notes: { text: string }[] } }>(
      stack.baseUrl,
      'query($r: String!) { complaintByRegisterNumber(registerNumber: $r) { notes { text } } }',
      { r: registerNumber },
      { token: await staff(staf) },
    );
    expect(complaintByRegisterNumber.notes.map((note) => note.text)).toEqual([
      'Sudah dicek ke lokasi bersama ketua RT.',
    ]);

    // The reassignment form sends the same way and gives its fields back once answered.
    await staf.fill('#assignee-id', 'staf-umum-2');
    await staf.fill('#assignee-name', 'Andi Saputra');
    await staf.fill('#assignee-reason', 'Petugas sedang dinas luar.');
    await staf.getByRole('button', { name: 'Alihkan' }).click();
    await staf.getByText('ditugaskan kepada Andi Saputra').waitFor();
    await expect(staf.locator('#assignee-name').inputValue()).resolves.toBe('');
  });

  it('takes a complaint from the citizen page through the console to a rated answer', async () => {
    // Citizen: submit on the public page.
    const citizen = await (
      await browser.newContext({ viewport: { width: 900, height: 900 }, locale: 'id-ID' })
    ).newPage();
    const foreign: string[] = [];
    citizen.on('request', (request) => {
      if (!request.url().startsWith(stack.baseUrl)) foreign.push(request.url());
    });
    await citizen.goto(`${stack.baseUrl}/`);
    await citizen.selectOption('#office', 'PALARAN');
    await citizen.fill('#name', 'Siti Rahmawati');
    await citizen.fill('#phone', '+62 812 5555 0101');
    await citizen.fill('#subject', 'Lampu jalan padam di Jalan Trikora');
    await citizen.fill('#content', 'Lampu jalan di Jalan Trikora RT 05 padam sejak seminggu. Mohon segera diperbaiki.');
    await shot(citizen, '01-warga-formulir');
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    const registerNumber = (await citizen.getByTestId('register-number').textContent())!.trim();
    const trackingCode = (await citizen.getByTestId('tracking-code').textContent())!.trim();
    expect(registerNumber).toMatch(/^000\.8\.3\.3\/\d+\/PALARAN\/\d{4}$/);
    await shot(citizen, '02-warga-tanda-terima');
    await citizen.getByRole('button', { name: 'Lacak aduan ini' }).click();
    await expect(citizen.getByTestId('stage').textContent()).resolves.toBe(
      'Sedang diperiksa kelengkapannya oleh Staf Umum / JFU',
    );
    await expect(citizen.getByTestId('tracking').textContent()).resolves.toContain('WITA');
    await shot(citizen, '03-warga-lacak-awal');

    // Staf umum (JFU): verify.
    const staf = await staffPage('staf_umum-palaran');
    await shot(staf, '04-konsol-kotak-masuk-staf');
    await openFromInbox(staf, registerNumber);
    await expect(staf.getByTestId('progress').textContent()).resolves.toContain('WITA');
    await staf.selectOption('#field-outcome', 'accepted');
    await shot(staf, '05-konsol-verifikasi');
    await staf.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await staf.getByText('Sedang ditindaklanjuti (klarifikasi) oleh Sekretaris Camat').waitFor();

    // Sekretaris camat: clarify.
    const sekcam = await staffPage('sekcam-palaran');
    await openFromInbox(sekcam, registerNumber);
    await sekcam.fill('#field-findings', 'Sudah dicek ke lokasi: dua titik lampu mati karena kabel putus.');
    await sekcam.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await sekcam.getByText('Menunggu keputusan Camat').first().waitFor();

    // The citizen sees where it is, in plain words.
    await citizen.getByRole('button', { name: 'Lacak', exact: true }).click();
    await citizen.getByTestId('stage').getByText('Menunggu keputusan Camat').waitFor();
    await shot(citizen, '06-warga-lacak-menunggu-camat');

    // A refused attempt (the Sekcam tries the Camat's decision) is not in history but is in the audit timeline.
    const sekcamToken = await staff(sekcam);
    const { complaintByRegisterNumber: found } = await gql<{ complaintByRegisterNumber: { id: string } }>(
      stack.baseUrl,
      `query($r: String!) { complaintByRegisterNumber(registerNumber: $r) { id } }`,
      { r: registerNumber },
      { token: sekcamToken },
    );
    const refused = await graphqlRequest(
      stack.baseUrl,
      `mutation($input: DecideComplaintInput!) { decideComplaint(input: $input) { id } }`,
      { input: { complaintId: found.id, decision: 'Langsung dijawab saja.', rapatRequired: false } },
      { token: sekcamToken },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Camat: decide with a rapat, then record the rapat.
    const camat = await staffPage('camat-palaran');
    await openFromInbox(camat, registerNumber);
    await camat.getByTestId('timeline').locator('li.refused').getByText('Percobaan ditolak').waitFor();
    await expect(camat.getByTestId('timeline').locator('li.refused').textContent()).resolves.toMatch(
      /Joko Santoso \(Sekretaris Camat\)Ditolak: .*tidak diizinkan/,
    );
    await expect(camat.getByTestId('timeline').textContent()).resolves.toContain(
      'Hasil: selesai · Hasil klarifikasi: Sudah dicek ke lokasi',
    );
    // Nobody wrote a note: the submission's own acknowledgment (Update-With-Start) is no timeline entry.
    await expect(camat.getByTestId('timeline').textContent()).resolves.not.toContain('Catatan internal');
    await camat.fill('#field-decision', 'Bahas bersama Kasi Trantib dan PLN rayon dalam rapat dinas.');
    await camat.check('text=Perlu dibahas dalam rapat dinas terlebih dahulu');
    await shot(camat, '07-konsol-keputusan-camat');
    await camat.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await camat.getByTestId('form-rapat').waitFor();
    await camat.fill('#field-heldAt', '2026-11-23T09:00');
    await camat.fill('#field-participants', 'Camat Palaran\nSekretaris Camat\nKasi Trantib');
    await camat.fill('#field-minutes', 'Perbaikan kabel dijadwalkan bersama PLN pekan ini.');
    await camat.fill('#field-decision', 'Sekcam menyusun jawaban: perbaikan paling lambat Jumat.');
    await camat.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await camat.getByText('Jawaban sedang disusun oleh Sekretaris Camat').first().waitFor();
    await shot(camat, '08-konsol-setelah-rapat');

    // Sekretaris camat: draft the answer.
    await sekcam.getByRole('button', { name: '← Kembali' }).click();
    await openFromInbox(sekcam, registerNumber);
    await sekcam.fill(
      '#field-answer',
      'Terima kasih atas laporan Bapak/Ibu. Kabel lampu jalan di Jalan Trikora akan diperbaiki bersama PLN paling lambat hari Jumat.',
    );
    await sekcam.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await sekcam.getByText('Jawaban siap disampaikan oleh Staf Umum / JFU').first().waitFor();

    // Staf umum: deliver with a receipt; the inbox had it live (subscription) without a reload.
    await staf.getByRole('button', { name: '← Kembali' }).click();
    await openFromInbox(staf, registerNumber);
    await staf.selectOption('#field-channel', 'website');
    await staf.fill('#field-receipt', 'Dikirim melalui laman pelacakan; diterima pelapor');
    await shot(staf, '09-konsol-penyampaian');
    await staf.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await staf.getByText('Jawaban sudah disampaikan').first().waitFor();
    await shot(staf, '10-konsol-aduan-dijawab');

    // Citizen: track, read the answer, rate it.
    await citizen.getByRole('button', { name: 'Lacak', exact: true }).click();
    await citizen.getByTestId('answer').waitFor();
    await expect(citizen.getByTestId('answer').textContent()).resolves.toContain('paling lambat hari Jumat');
    await citizen.getByRole('button', { name: '5 bintang' }).click();
    await citizen.getByLabel('Komentar').fill('Cepat ditangani, terima kasih.');
    await citizen.getByRole('button', { name: 'Kirim penilaian' }).click();
    await citizen.getByText('Terima kasih atas penilaian Anda.').waitFor();
    await expect(citizen.getByTestId('rating').textContent()).resolves.toContain('5 dari 5');
    await shot(citizen, '11-warga-menilai');
    expect(foreign).toEqual([]);

    // Camat reads the audit timeline, from the workflow history.
    await camat.getByRole('button', { name: '← Kembali' }).click();
    await camat.getByRole('button', { name: 'Pengawasan' }).click();
    await camat.getByTestId('supervisor-stats').waitFor();
    await shot(camat, '12-konsol-pengawasan-camat');

    // Supervisor: the office view.
    const supervisor = await staffPage('supervisor-semua');
    await supervisor.getByLabel('Kantor').selectOption('PALARAN');
    await supervisor.getByText(/^Keadaan per .* WITA$/).waitFor();
    await supervisor.getByRole('cell', { name: 'Mengadakan rapat (SOP Rapat Dinas)', exact: false }).waitFor();
    await shot(supervisor, '13-konsol-pengawasan');

    // What the browser did is what the workflow holds.
    const token = await staff(supervisor);
    const data = await gql<{ complaintByRegisterNumber: { status: string; rating: { score: number } | null } }>(
      stack.baseUrl,
      `query($r: String!) { complaintByRegisterNumber(registerNumber: $r) { status rating { score } } }`,
      { r: registerNumber },
      { token },
    );
    expect(data.complaintByRegisterNumber).toEqual({ status: 'dijawab', rating: { score: 5 } });
    expect(trackingCode.length).toBeGreaterThan(6);
  });

  it('holds a complaint in tunda until the citizen supplies what is missing, live in the inbox (WIB)', async () => {
    const loket = await staffPage('petugas_loket-kebakkramat');
    await loket.getByRole('heading', { name: /Kotak masuk/ }).waitFor();

    const citizen = await (
      await browser.newContext({ viewport: { width: 900, height: 900 }, locale: 'id-ID' })
    ).newPage();
    await citizen.goto(`${stack.baseUrl}/`);
    await citizen.selectOption('#office', 'KEBAKKRAMAT');
    await citizen.fill('#name', 'Bambang Riyadi');
    await citizen.fill('#subject', 'Jalan berlubang di Desa Pulosari');
    await citizen.fill('#content', 'Jalan desa berlubang besar dan membahayakan pengendara motor.');
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    const registerNumber = (await citizen.getByTestId('register-number').textContent())!.trim();
    expect(registerNumber).toMatch(/\/KEBAKKRAMAT\//);

    // The open inbox shows the new complaint through the subscription, without a reload.
    const row = loket.getByTestId('inbox').getByRole('row').filter({ hasText: registerNumber });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('WIB');
    // The countdown is in working time; outside office hours it stands still and says so.
    const officeOpen = (
      await gql<{ complaintByRegisterNumber: { currentSteps: { countdown: { officeOpen: boolean } }[] } }>(
        stack.baseUrl,
        `query($r: String!) { complaintByRegisterNumber(registerNumber: $r) { currentSteps { countdown { officeOpen } } } }`,
        { r: registerNumber },
        { token: await staff(loket) },
      )
    ).complaintByRegisterNumber.currentSteps[0]!.countdown.officeOpen;
    await expect(row.textContent()).resolves.toMatch(/sisa .*(menit|jam) kerja/);
    if (officeOpen) await expect(row.textContent()).resolves.not.toContain('di luar jam kerja');
    else await expect(row.textContent()).resolves.toMatch(/di luar jam kerja; kantor buka lagi .* WIB/);
    await shot(loket, '20-konsol-kotak-masuk-langsung');
    await row.click();
    await loket.selectOption('#field-outcome', 'tunda');
    await loket.fill('#field-reason', 'Mohon sebutkan RT/RW dan lampirkan foto lokasi jalan yang berlubang.');
    await loket.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await loket.getByText('Ditunda: menunggu pelapor melengkapi informasi').first().waitFor();

    await citizen.getByRole('button', { name: 'Lacak aduan ini' }).click();
    await citizen.getByText('Yang diminta: Mohon sebutkan RT/RW').waitFor();
    await expect(citizen.getByTestId('tracking').textContent()).resolves.toMatch(/Paling lambat .* WIB\./);
    await shot(citizen, '21-warga-diminta-melengkapi');
    await citizen
      .getByLabel('Informasi tambahan')
      .fill('RT 03 RW 02 Desa Pulosari, depan balai desa. Foto menyusul lewat WhatsApp.');
    await citizen.getByRole('button', { name: 'Kirim informasi' }).click();
    await citizen.getByText('Terima kasih, informasi tambahan sudah kami terima.').waitFor();
    await eventually(async () => {
      await citizen.getByRole('button', { name: 'Lacak', exact: true }).click();
      const stage = await citizen.getByTestId('stage').textContent();
      return stage === 'Sedang diperiksa kelengkapannya oleh Petugas Loket Pelayanan' ? stage : undefined;
    });
    await shot(citizen, '22-warga-setelah-melengkapi');
  });

  it('generates the form of every kind of step of Selemadeg Timur A, the Camat sending the answer back once (WITA)', async () => {
    const citizen = await (
      await browser.newContext({ viewport: { width: 900, height: 900 }, locale: 'id-ID' })
    ).newPage();
    await citizen.goto(`${stack.baseUrl}/`);
    await citizen.selectOption('#office', 'SELEMADEG-TIMUR');
    await citizen.check('text=Kirim tanpa nama (anonim)');
    await citizen.fill('#subject', 'Saluran irigasi subak tersumbat');
    await citizen.fill('#content', 'Saluran irigasi di Subak Gede tersumbat sampah sejak hujan deras.');
    await citizen.getByRole('button', { name: 'Kirim aduan' }).click();
    const registerNumber = (await citizen.getByTestId('register-number').textContent())!.trim();

    const pages = new Map<string, Page>();
    /** One step in the console: the user opens the complaint from the inbox, fills the form and saves. */
    async function step(userId: string, form: string, fill: (page: Page) => Promise<unknown>): Promise<Page> {
      let page = pages.get(userId);
      if (!page) {
        page = await staffPage(userId);
        pages.set(userId, page);
      } else {
        await page.getByRole('button', { name: '← Kembali' }).click();
      }
      await openFromInbox(page, registerNumber);
      await page.getByTestId(`form-${form}`).waitFor();
      await fill(page);
      await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
      await page.getByRole('button', { name: 'Menyimpan…' }).waitFor({ state: 'detached' });
      expect(await page.locator('.error').allTextContents()).toEqual([]);
      return page;
    }

    await step('staf_umum-selemadeg-timur', 'verify', (page) => page.selectOption('#field-outcome', 'accepted'));
    await step('kasubbag_umum-selemadeg-timur', 'register', (page) =>
      page.fill('#field-note', 'Lembar disposisi dilampirkan.'),
    );
    await step('kasubbag_umum-selemadeg-timur', 'forward', (page) => page.fill('#field-target', 'Sekretaris Camat'));
    await step('sekcam-selemadeg-timur', 'review', (page) =>
      page.fill('#field-advice', 'Perlu ditangani Seksi Ekbang bersama pekaseh.'),
    );
    // Step 6 (the Camat's disposition) runs only for a matter of policy that needs coordination.
    await step('camat-selemadeg-timur', 'review', async (page) => {
      await page.fill('#field-advice', 'Setuju dengan saran Sekcam.');
      await page.getByLabel('Bersifat kebijakan dan memerlukan koordinasi (lanjut ke disposisi)').check();
    });
    const camat = await step('camat-selemadeg-timur', 'dispose', async (page) => {
      await page.fill('#field-toUnit', 'Seksi Ekonomi dan Pembangunan');
      await page.fill('#field-instructions', 'Koordinasikan pembersihan saluran dengan pekaseh Subak Gede.');
      await shot(page, '30-konsol-disposisi');
    });
    const draft = (text: string) => (page: Page) => page.fill('#field-answer', text);
    await step('kasi_kasubbag-selemadeg-timur', 'draft_answer', draft('Saluran akan dibersihkan.'));
    await step('camat-selemadeg-timur', 'sign', async (page) => {
      await page.selectOption('#field-approved', 'no');
      await page.fill('#field-revisionNote', 'Sebutkan jadwal dan pihak yang membersihkan.');
    });
    await step(
      'kasi_kasubbag-selemadeg-timur',
      'draft_answer',
      draft('Saluran Subak Gede dibersihkan bersama pekaseh dan warga pada Sabtu pagi.'),
    );
    await step('camat-selemadeg-timur', 'sign', async (page) => {
      await page.selectOption('#field-approved', 'yes');
      await shot(page, '31-konsol-tanda-tangan');
    });
    await step('kasi_kasubbag-selemadeg-timur', 'deliver', async (page) => {
      await page.selectOption('#field-channel', 'langsung');
      await page.fill('#field-receipt', 'Diterima kelian banjar');
    });
    await step('staf_umum-selemadeg-timur', 'archive', (page) => page.fill('#field-archiveRef', 'ARSIP/2026/017'));

    await camat.getByRole('button', { name: '← Kembali' }).click();
    await camat.getByRole('button', { name: 'Pengawasan' }).click();
    await camat.getByText('Kepatuhan baku mutu per langkah').waitFor();
    const token = await staff(camat);
    const { complaintByRegisterNumber: done } = await gql<{
      complaintByRegisterNumber: { completedSteps: { key: string; outcome: string }[]; answer: { text: string } };
    }>(
      stack.baseUrl,
      `query($r: String!) { complaintByRegisterNumber(registerNumber: $r) { completedSteps { key outcome } answer { text } } }`,
      { r: registerNumber },
      { token },
    );
    expect(done.completedSteps.map((completed) => `${completed.key}:${completed.outcome}`)).toEqual([
      'receive:accepted',
      'compile:done',
      'hand_to_sekcam:done',
      'sekcam_review:done',
      'camat_review:koordinasi',
      'camat_disposition:done',
      'propose_solution:done',
      'camat_sign:revise',
      'propose_solution:done',
      'camat_sign:approved',
      'carry_out:done',
      'archive:done',
    ]);
    expect(done.answer.text).toContain('Sabtu pagi');
    const { supervisorOverview } = await gql<{
      supervisorOverview: { open: number; steps: { stepKey: string; completed: number; withinBakuMutu: number }[] };
    }>(
      stack.baseUrl,
      `query { supervisorOverview(officeCode: "SELEMADEG-TIMUR") { open steps { stepKey completed withinBakuMutu } } }`,
      {},
      { token },
    );
    expect(supervisorOverview.open).toBe(0);
    expect(supervisorOverview.steps.map((row) => row.stepKey)).toEqual([
      'receive',
      'compile',
      'hand_to_sekcam',
      'sekcam_review',
      'camat_review',
      'camat_disposition',
      'propose_solution',
      'camat_sign',
      'carry_out',
      'archive',
    ]);
    expect(supervisorOverview.steps.find((row) => row.stepKey === 'camat_sign')).toEqual({
      stepKey: 'camat_sign',
      completed: 2,
      withinBakuMutu: 2,
    });
    await citizen.getByRole('button', { name: 'Lacak aduan ini' }).click();
    await expect(citizen.getByTestId('answer').textContent()).resolves.toContain('Sabtu pagi');
    await expect(citizen.getByTestId('tracking').textContent()).resolves.toContain('WITA');
    await shot(citizen, '32-warga-jawaban-selemadeg');
  });

  /** The token the console keeps for its signed-in user. */
  async function staff(page: Page): Promise<string> {
    return (await page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem(
        'aduan.token',
      ),
    ))!;
  }
});
