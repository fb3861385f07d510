import { StrictMode, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, gql } from '../shared/api';
import { HeldFields, useSendOnce } from '../shared/send-once';
import { installIndonesianFieldMessages } from '../shared/field-messages';
import { OFFICE_TIME_FIELDS, type OfficeTime } from '../shared/time';
import '../shared/styles.css';

interface Office {
  code: string;
  name: string;
}

interface Receipt {
  registerNumber: string | null;
  trackingCode: string;
}

interface Tracking {
  registerNumber: string | null;
  status: string;
  statusLabel: string;
  stage: string;
  officeName: string | null;
  missingInformation: string | null;
  answer: string | null;
  awaitingInformation: boolean;
  canRateOrReopen: boolean;
  ratingScore: number | null;
  submittedAtOffice: OfficeTime;
  answeredAtOffice: OfficeTime | null;
  closedAtOffice: OfficeTime | null;
  informationDueAtOffice: OfficeTime | null;
}

const TRACKING_FIELDS = `registerNumber status statusLabel stage officeName missingInformation answer awaitingInformation
  canRateOrReopen ratingScore submittedAtOffice { ${OFFICE_TIME_FIELDS} } answeredAtOffice { ${OFFICE_TIME_FIELDS} }
  closedAtOffice { ${OFFICE_TIME_FIELDS} } informationDueAtOffice { ${OFFICE_TIME_FIELDS} }`;

function message(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Terjadi kesalahan. Silakan coba lagi.';
}

/** A register number may wrap after each slash on a narrow screen (copying it still gives the number as it is). */
function breakableAfterSlashes(text: string): ReactNode[] {
  return text
    .split('/')
    .flatMap((part, index, parts) => (index < parts.length - 1 ? [`${part}/`, <wbr key={index} />] : [part]));
}

function SubmitForm({ onTrack }: { onTrack: (registerNumber: string, trackingCode: string) => void }) {
  const [offices, setOffices] = useState<Office[]>([]);
  const [officeCode, setOfficeCode] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [subject, setSubject] = useState('');
  const [content, setContent] = useState('');
  const [location, setLocation] = useState('');
  const [confidential, setConfidential] = useState(false);
  // Its client request id is the submission's idempotency key: a resend after a lost answer makes one complaint.
  const submission = useSendOnce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [receipt, setReceipt] = useState<Receipt>();

  useEffect(() => {
    gql<{ offices: Office[] }>('{ offices { code name } }')
      .then((data) => setOffices(data.offices))
      .catch((caught: unknown) => setError(message(caught)));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const data = await submission.send<{ submitComplaintPublicly: Receipt }>('submit', (clientRequestId) => ({
        query: `mutation($input: SubmitComplaintPubliclyInput!) { submitComplaintPublicly(input: $input) { registerNumber trackingCode } }`,
        variables: {
          input: {
            clientRequestId,
            officeCode,
            channel: 'website',
            confidential,
            complainant: {
              anonymous,
              ...(anonymous ? {} : { name }),
              ...(phone ? { phone } : {}),
              ...(email ? { email } : {}),
            },
            subject,
            content,
            ...(location ? { location } : {}),
          },
        },
      }));
      setReceipt(data.submitComplaintPublicly);
    } catch (caught) {
      setError(message(caught));
    } finally {
      setBusy(false);
    }
  }

  if (receipt) {
    return (
      <section className="card" data-testid="receipt">
        <h2>Aduan Anda sudah diterima</h2>
        <p>
          {receipt.registerNumber
            ? 'Simpan nomor register dan kode pelacakan di bawah ini. Keduanya diperlukan untuk melacak aduan Anda.'
            : 'Simpan kode pelacakan di bawah ini. Selama nomor register belum diberikan, kode pelacakan cukup untuk melacak aduan Anda.'}
        </p>
        <dl className="facts">
          <dt>Nomor register</dt>
          <dd className="big" data-testid="register-number">
            {receipt.registerNumber
              ? breakableAfterSlashes(receipt.registerNumber)
              : 'belum diberikan (diberikan setelah aduan diverifikasi petugas)'}
          </dd>
          <dt>Kode pelacakan</dt>
          <dd className="big" data-testid="tracking-code">
            {receipt.trackingCode}
          </dd>
        </dl>
        <button className="primary" onClick={() => onTrack(receipt.registerNumber ?? '', receipt.trackingCode)}>
          Lacak aduan ini
        </button>{' '}
        <button
          className="secondary"
          onClick={() => {
            setReceipt(undefined);
            setSubject('');
            setContent('');
          }}
        >
          Sampaikan aduan lain
        </button>
      </section>
    );
  }

  return (
    <form className="card" onSubmit={submit}>
      <h2>Sampaikan aduan</h2>
      <HeldFields actions={submission} form="submit">
        <label htmlFor="office">Kantor tujuan</label>
        <select id="office" required value={officeCode} onChange={(event) => setOfficeCode(event.target.value)}>
          <option value="">— pilih kantor —</option>
          {offices.map((office) => (
            <option key={office.code} value={office.code}>
              {office.name}
            </option>
          ))}
        </select>
        <label className="inline">
          <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} />
          Kirim tanpa nama (anonim)
        </label>
        {!anonymous && (
          <>
            <label htmlFor="name">Nama lengkap</label>
            <input id="name" type="text" required value={name} onChange={(event) => setName(event.target.value)} />
          </>
        )}
        <div className="row">
          <div>
            <label htmlFor="phone">Nomor telepon / WhatsApp (tidak wajib)</label>
            <input id="phone" type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} />
          </div>
          <div>
            <label htmlFor="email">Surel (tidak wajib)</label>
            <input id="email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
          </div>
        </div>
        <label htmlFor="subject">Perihal</label>
        <input
          id="subject"
          type="text"
          required
          maxLength={200}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
        />
        <label htmlFor="content">Isi aduan</label>
        <textarea
          id="content"
          required
          maxLength={10000}
          value={content}
          onChange={(event) => setContent(event.target.value)}
        />
        <label htmlFor="location">Lokasi kejadian (tidak wajib)</label>
        <input id="location" type="text" value={location} onChange={(event) => setLocation(event.target.value)} />
        <label className="inline">
          <input type="checkbox" checked={confidential} onChange={(event) => setConfidential(event.target.checked)} />
          Rahasiakan identitas saya dari petugas selain yang menangani
        </label>
      </HeldFields>
      {error && <div className="error">{error}</div>}
      <button className="primary" type="submit" disabled={busy}>
        {busy ? 'Mengirim…' : 'Kirim aduan'}
      </button>
    </form>
  );
}

function TrackPanel({ initial }: { initial?: { registerNumber: string; trackingCode: string } }) {
  const [registerNumber, setRegisterNumber] = useState(initial?.registerNumber ?? '');
  const [trackingCode, setTrackingCode] = useState(initial?.trackingCode ?? '');
  const [tracking, setTracking] = useState<Tracking>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [supplement, setSupplement] = useState('');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const actions = useSendOnce();

  async function run(work: () => Promise<Tracking>, done?: string) {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      setTracking(await work());
      if (done) setNotice(done);
    } catch (caught) {
      setError(message(caught));
    } finally {
      setBusy(false);
    }
  }

  const track = () =>
    run(async () => {
      const data = await gql<{ trackComplaint: Tracking }>(
        `query($r: String, $c: String!) { trackComplaint(registerNumber: $r, trackingCode: $c) { ${TRACKING_FIELDS} } }`,
        // Before the SOP gives a number (PPID: step 2) the tracking code alone finds the complaint.
        { r: registerNumber.trim() || null, c: trackingCode.trim() },
      );
      return data.trackComplaint;
    });

  const complainantAction = (mutation: string, inputType: string, fields: Record<string, unknown>, done: string) =>
    run(async () => {
      const data = await actions.send<Record<string, Tracking>>(mutation, (requestId) => ({
        query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${TRACKING_FIELDS} } }`,
        variables: {
          input: {
            registerNumber: registerNumber.trim(),
            trackingCode: trackingCode.trim(),
            requestId,
            ...fields,
          },
        },
      }));
      return data[mutation];
    }, done);

  // Arriving from the receipt: show the complaint at once (once, on mount).
  const [autoTracked, setAutoTracked] = useState(false);
  useEffect(() => {
    if (initial && !autoTracked) {
      setAutoTracked(true);
      void track();
    }
  }, [initial, autoTracked, track]);

  return (
    <>
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          void track();
        }}
      >
        <h2>Lacak aduan</h2>
        <div className="row">
          <div>
            <label htmlFor="track-register">Nomor register (kosongkan bila belum diberikan)</label>
            <input
              id="track-register"
              type="text"
              value={registerNumber}
              onChange={(event) => setRegisterNumber(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor="track-code">Kode pelacakan</label>
            <input
              id="track-code"
              type="text"
              required
              value={trackingCode}
              onChange={(event) => setTrackingCode(event.target.value)}
            />
          </div>
        </div>
        <button className="primary" type="submit" disabled={busy}>
          Lacak
        </button>
        {error && <div className="error">{error}</div>}
      </form>
      {tracking && (
        <section className="card" data-testid="tracking">
          <h2>Aduan {tracking.registerNumber ?? '(belum bernomor register)'}</h2>
          <p className="hint">{tracking.officeName}</p>
          <p className="stage" data-testid="stage">
            {tracking.stage}
          </p>
          <dl className="facts">
            <dt>Status</dt>
            <dd>{tracking.statusLabel}</dd>
            <dt>Diajukan</dt>
            <dd>{tracking.submittedAtOffice.local}</dd>
            {tracking.answeredAtOffice && (
              <>
                <dt>Dijawab</dt>
                <dd>{tracking.answeredAtOffice.local}</dd>
              </>
            )}
            {tracking.closedAtOffice && (
              <>
                <dt>Ditutup</dt>
                <dd>{tracking.closedAtOffice.local}</dd>
              </>
            )}
          </dl>
          {tracking.answer && (
            <>
              <h3>Jawaban</h3>
              <p data-testid="answer" style={{ whiteSpace: 'pre-wrap' }}>
                {tracking.answer}
              </p>
            </>
          )}
          {notice && <div className="success">{notice}</div>}
          {tracking.awaitingInformation && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void complainantAction(
                  'supplyComplaintInformation',
                  'SupplyComplaintInformationInput',
                  { content: supplement },
                  'Terima kasih, informasi tambahan sudah kami terima.',
                );
              }}
            >
              <h3>Lengkapi informasi</h3>
              {tracking.missingInformation && <p>Yang diminta: {tracking.missingInformation}</p>}
              {tracking.informationDueAtOffice && (
                <p className="hint">Paling lambat {tracking.informationDueAtOffice.local}.</p>
              )}
              <HeldFields actions={actions} form="supplyComplaintInformation">
                <textarea
                  required
                  value={supplement}
                  onChange={(event) => setSupplement(event.target.value)}
                  aria-label="Informasi tambahan"
                />
              </HeldFields>
              <button className="primary" type="submit" disabled={busy}>
                Kirim informasi
              </button>
            </form>
          )}
          {tracking.ratingScore && (
            <p data-testid="rating">
              Penilaian Anda: {'★'.repeat(tracking.ratingScore)}
              {'☆'.repeat(5 - tracking.ratingScore)} ({tracking.ratingScore} dari 5)
            </p>
          )}
          {tracking.canRateOrReopen && (
            <div className="row">
              {!tracking.ratingScore && (
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    void complainantAction(
                      'rateComplaintAnswer',
                      'RateComplaintAnswerInput',
                      { score, ...(comment ? { comment } : {}) },
                      'Terima kasih atas penilaian Anda.',
                    );
                  }}
                >
                  <h3>Nilai jawaban</h3>
                  <HeldFields actions={actions} form="rateComplaintAnswer">
                    <>
                      <div className="stars" role="radiogroup" aria-label="Nilai 1 sampai 5">
                        {[1, 2, 3, 4, 5].map((value) => (
                          <button
                            type="button"
                            key={value}
                            className={value <= score ? 'on' : ''}
                            aria-label={`${value} bintang`}
                            onClick={() => setScore(value)}
                          >
                            ★
                          </button>
                        ))}
                      </div>
                      <textarea
                        placeholder="Komentar (tidak wajib)"
                        value={comment}
                        onChange={(event) => setComment(event.target.value)}
                        aria-label="Komentar"
                      />
                    </>
                  </HeldFields>
                  <button className="primary" type="submit" disabled={busy || score === 0}>
                    Kirim penilaian
                  </button>
                </form>
              )}
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void complainantAction(
                    'reopenComplaint',
                    'ReopenComplaintInput',
                    { reason: reopenReason },
                    'Aduan Anda dibuka kembali dan akan ditangani lagi.',
                  );
                }}
              >
                <h3>Belum puas?</h3>
                <HeldFields actions={actions} form="reopenComplaint">
                  <textarea
                    required
                    placeholder="Alasan meminta aduan dibuka kembali"
                    value={reopenReason}
                    onChange={(event) => setReopenReason(event.target.value)}
                    aria-label="Alasan membuka kembali"
                  />
                </HeldFields>
                <button className="secondary" type="submit" disabled={busy}>
                  Minta dibuka kembali
                </button>
              </form>
            </div>
          )}
        </section>
      )}
    </>
  );
}

/** A notification's tracking link (`/?nomor=<register number>`) opens the tracking tab with the number filled in. */
function linkedRegisterNumber(): string | undefined {
  return new URLSearchParams(window.location.search).get('nomor')?.trim() || undefined;
}

function CitizenPage() {
  const [linked] = useState(linkedRegisterNumber);
  const [tab, setTab] = useState<'submit' | 'track'>(linked ? 'track' : 'submit');
  const [toTrack, setToTrack] = useState<{ registerNumber: string; trackingCode: string } | undefined>(
    linked ? { registerNumber: linked, trackingCode: '' } : undefined,
  );
  return (
    <>
      <header className="bar">
        <h1>Layanan Aduan Masyarakat</h1>
        <nav>
          <button className={tab === 'submit' ? 'active' : ''} onClick={() => setTab('submit')}>
            Sampaikan aduan
          </button>
          <button className={tab === 'track' ? 'active' : ''} onClick={() => setTab('track')}>
            Lacak aduan
          </button>
        </nav>
      </header>
      <main className="narrow">
        {tab === 'submit' ? (
          <SubmitForm
            onTrack={(registerNumber, trackingCode) => {
              setToTrack({ registerNumber, trackingCode });
              setTab('track');
            }}
          />
        ) : (
          <TrackPanel key={toTrack?.registerNumber ?? 'empty'} initial={toTrack} />
        )}
      </main>
      <footer className="page">
        Aduan Anda ditangani menurut SOP kantor tujuan, dengan batas waktu (baku mutu) setiap langkah.
      </footer>
    </>
  );
}

installIndonesianFieldMessages();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CitizenPage />
  </StrictMode>,
);
