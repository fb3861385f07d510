import { Fragment, useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, gql, onComplaintChanged } from '../shared/api';
import { HeldFields, useSendOnce } from '../shared/send-once';
import { ACTION_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, ROLE_LABELS } from '../shared/labels';
import { COUNTDOWN_FIELDS, OFFICE_TIME_FIELDS, workingCountdown, type OfficeTime } from '../shared/time';
import { StepForm } from './step-form';
import type { ComplaintDetail, SopStep, StaffUser } from './types';

const OT = `{ ${OFFICE_TIME_FIELDS} }`;
const COMPLAINT = `query($id: ID!) { complaint(id: $id) {
  id registerNumber officeCode status statusLabel stage timeZone channel confidential slaBreached
  submittedAtOffice ${OT} closedAtOffice ${OT}
  submission { subject content location complainant { anonymous hidden name phone email } }
  sop { title steps { key title action actorRoles bakuMutu { amount unit } transitions { to when } } }
  currentSteps { key title action actorRoles breached overdue dueAt dueAtOffice ${OT} startedAtOffice ${OT}
    countdown { ${COUNTDOWN_FIELDS} }
    bakuMutu { amount unit } assignee { userId name } }
  completedSteps { key title action outcome breached completedAtOffice ${OT} by { name role } }
  notes { text actor { name role } atOffice ${OT} }
  answer { text deliveredAt } tunda { reason } rating { score comment }
} }`;
const TIMELINE = `query($id: ID!) { complaintTimeline(id: $id) {
  entries { kind bookkeeping label stepTitle actor { name role } refused breached summary atOffice ${OT} dueAtOffice ${OT}
    outcome actorRoles notifiedRoles reason code
    action { kind reason forwardTo category toUnit instructions advice findings withParty result target decision
      minutes answer revisionNote channel receipt } }
} }`;

interface TimelineEntry {
  kind: string;
  bookkeeping: boolean;
  label: string;
  stepTitle: string | null;
  actor: { name: string; role: string | null } | null;
  refused: boolean;
  breached: boolean | null;
  summary: string;
  atOffice: OfficeTime;
  dueAtOffice: OfficeTime | null;
  outcome: string | null;
  actorRoles: string[] | null;
  notifiedRoles: string[] | null;
  reason: string | null;
  code: string | null;
  action: Record<string, string | null> | null;
}

const INPUT_LABELS: Record<string, string> = {
  reason: 'Alasan',
  forwardTo: 'Instansi berwenang',
  category: 'Kategori',
  toUnit: 'Kepada',
  instructions: 'Disposisi',
  advice: 'Saran',
  findings: 'Hasil klarifikasi',
  withParty: 'Dengan',
  result: 'Hasil',
  target: 'Kepada',
  decision: 'Keputusan',
  minutes: 'Notulen',
  answer: 'Jawaban',
  revisionNote: 'Catatan perbaikan',
  receipt: 'Tanda terima',
};

/** One line about a timeline entry, from its typed fields (the gateway's summary is worded for the arsip). */
function describe(entry: TimelineEntry): string {
  const roles = (list: string[] | null) => (list ?? []).map(role).join(', ');
  switch (entry.kind) {
    case 'step_started':
      return `Pelaksana ${roles(entry.actorRoles)}${entry.dueAtOffice ? `; tenggat ${entry.dueAtOffice.local}` : ''}`;
    case 'action': {
      const parts = [`Hasil: ${OUTCOME_LABELS[entry.outcome ?? ''] ?? entry.outcome ?? ''}`];
      for (const [key, label] of Object.entries(INPUT_LABELS)) {
        const value = entry.action?.[key];
        if (value) parts.push(`${label}: ${key === 'channel' ? (CHANNEL_LABELS[value] ?? value) : value}`);
      }
      return parts.join(' · ');
    }
    case 'breach':
      return `Eskalasi kepada ${roles(entry.notifiedRoles)}`;
    case 'reminder':
      return `Pengingat kepada ${roles(entry.notifiedRoles)}`;
    case 'refused':
      return `Ditolak: ${entry.reason ?? entry.code ?? ''}`;
    case 'tunda':
    case 'withdrawn':
    case 'reopened':
      return entry.reason ? `Alasan: ${entry.reason}` : entry.summary;
    default:
      return entry.summary;
  }
}

const UNIT_LABELS: Record<string, string> = { minutes: 'menit', hours: 'jam', working_days: 'hari kerja' };
const role = (name: string | null | undefined) => (name ? (ROLE_LABELS[name as keyof typeof ROLE_LABELS] ?? name) : '');

/** The steps after the current one along the default transitions: what comes next if all goes as usual. */
function nextSteps(sop: { steps: SopStep[] } | null, fromKey: string | undefined, shown: Set<string>): SopStep[] {
  if (!sop || !fromKey) return [];
  const result: SopStep[] = [];
  let current = sop.steps.find((step) => step.key === fromKey);
  while (current && result.length < 6) {
    const transition = current.transitions.find((candidate) => !candidate.when) ?? current.transitions[0];
    current = sop.steps.find((step) => step.key === transition?.to);
    if (!current || shown.has(current.key) || result.includes(current)) break;
    result.push(current);
  }
  return result;
}

/** The reassignment form's fields: the state key, the input id and its label. */
const REASSIGN_FIELDS: [field: 'assigneeUserId' | 'assigneeName' | 'reason', id: string, label: string][] = [
  ['assigneeUserId', 'assignee-id', 'Alihkan langkah kepada (ID petugas)'],
  ['assigneeName', 'assignee-name', 'Nama petugas'],
  ['reason', 'assignee-reason', 'Alasan'],
];

export function ComplaintPage({ id, user, onBack }: { id: string; user: StaffUser; onBack: () => void }) {
  const [complaint, setComplaint] = useState<ComplaintDetail>();
  const [timeline, setTimeline] = useState<TimelineEntry[]>();
  const [timelineError, setTimelineError] = useState<string>();
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(Date.now());
  const [loadedAt, setLoadedAt] = useState(Date.now());
  const [note, setNote] = useState('');
  const [reassign, setReassign] = useState({ assigneeUserId: '', assigneeName: '', reason: '' });
  const actions = useSendOnce();
  const [formError, setFormError] = useState<string>();

  const load = useCallback(async () => {
    try {
      const data = await gql<{ complaint: ComplaintDetail }>(COMPLAINT, { id });
      setComplaint(data.complaint);
      setLoadedAt(Date.now());
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Aduan tidak dapat dimuat.');
    }
    try {
      const data = await gql<{ complaintTimeline: { entries: TimelineEntry[] } }>(TIMELINE, { id });
      setTimeline(data.complaintTimeline.entries.filter((entry) => !entry.bookkeeping));
    } catch (caught) {
      setTimelineError(caught instanceof ApiError ? caught.message : 'Kronologi tidak dapat dimuat.');
    }
  }, [id]);

  useEffect(() => {
    void load();
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, [load]);

  useEffect(() => {
    if (!complaint) return;
    return onComplaintChanged(complaint.officeCode, (changedId) => changedId === id && void load());
  }, [complaint?.officeCode, id, load]);

  // The office opened, closed or went on break since the reading: the server counts again.
  const stale = complaint?.currentSteps.some(
    (step) => step.countdown && workingCountdown(step.countdown, loadedAt, now).stale,
  );
  useEffect(() => {
    if (stale) void load();
  }, [stale, load]);

  async function staffAction(
    event: FormEvent,
    mutation: string,
    inputType: string,
    input: Record<string, unknown>,
    reset: () => void,
  ) {
    event.preventDefault();
    setFormError(undefined);
    try {
      await actions.send(mutation, (requestId) => ({
        query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`,
        variables: { input: { complaintId: id, requestId, ...input } },
      }));
      reset();
      await load();
    } catch (caught) {
      setFormError(caught instanceof ApiError ? caught.message : 'Terjadi kesalahan.');
    }
  }

  if (error) return <div className="card error">{error}</div>;
  if (!complaint) return <div className="card">Memuat aduan…</div>;

  const shown = new Set([
    ...complaint.completedSteps.map((step) => step.key),
    ...complaint.currentSteps.map((step) => step.key),
  ]);
  const upcoming = nextSteps(complaint.sop, complaint.currentSteps[0]?.key, shown);
  const person = complaint.submission?.complainant;

  return (
    <>
      <p>
        <button className="secondary" onClick={onBack}>
          ← Kembali
        </button>
      </p>
      <section className="card">
        <h2>
          {complaint.registerNumber ?? 'Tanpa nomor register'} — {complaint.submission?.subject}
        </h2>
        <p className="stage" data-testid="stage">
          {complaint.stage}
        </p>
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            {complaint.statusLabel}{' '}
            {complaint.slaBreached && <span className="badge late">pernah melewati baku mutu</span>}
          </dd>
          <dt>Diterima</dt>
          <dd>
            {complaint.submittedAtOffice.local} melalui {CHANNEL_LABELS[complaint.channel] ?? complaint.channel}
          </dd>
          <dt>Pelapor</dt>
          <dd>
            {person?.hidden
              ? 'Dirahasiakan'
              : person?.anonymous
                ? 'Anonim'
                : [person?.name, person?.phone, person?.email].filter(Boolean).join(' · ')}
          </dd>
          {complaint.submission?.location && (
            <>
              <dt>Lokasi</dt>
              <dd>{complaint.submission.location}</dd>
            </>
          )}
          <dt>SOP</dt>
          <dd>{complaint.sop?.title}</dd>
        </dl>
        <p style={{ whiteSpace: 'pre-wrap' }}>{complaint.submission?.content}</p>
      </section>

      <section className="card">
        <h2>Alur penanganan</h2>
        <ol className="progress" data-testid="progress">
          {complaint.completedSteps.map((step, index) => (
            <li key={`done-${index}`} className="done">
              <strong>✓ {step.title}</strong>
              <span>
                {step.by ? `${step.by.name} (${role(step.by.role)})` : 'otomatis'} · {step.completedAtOffice.local}
                {step.outcome !== 'done' && <> · {OUTCOME_LABELS[step.outcome] ?? step.outcome}</>}{' '}
                {step.breached && <span className="badge late">lewat baku mutu</span>}
              </span>
            </li>
          ))}
          {complaint.currentSteps.map((step) => {
            const left = step.countdown ? workingCountdown(step.countdown, loadedAt, now) : undefined;
            return (
              <li key={`now-${step.key}`} className={`current${left?.overdue ? ' late' : ''}`}>
                <strong>▶ {step.title}</strong>
                <span>
                  {step.actorRoles.map(role).join(' / ')} · tenggat {step.dueAtOffice?.local ?? 'sedang dihitung'}
                  {left && (
                    <>
                      {' '}
                      <span className={`badge ${left.overdue ? 'late' : ''}`}>{left.text}</span>
                      {left.closedNote && <> · {left.closedNote}</>}
                    </>
                  )}
                </span>
              </li>
            );
          })}
          {upcoming.map((step) => (
            <li key={`next-${step.key}`} className="next">
              <strong>{step.title}</strong>
              <span>
                {step.actorRoles.map(role).join(' / ')} · baku mutu {step.bakuMutu.amount}{' '}
                {UNIT_LABELS[step.bakuMutu.unit]}
              </span>
            </li>
          ))}
        </ol>
      </section>

      {complaint.answer?.deliveredAt && (
        <section className="card">
          <h2>Jawaban yang disampaikan</h2>
          <p style={{ whiteSpace: 'pre-wrap' }}>{complaint.answer.text}</p>
          {complaint.rating && (
            <p>
              Penilaian pelapor: {'★'.repeat(complaint.rating.score)}
              {'☆'.repeat(5 - complaint.rating.score)}
              {complaint.rating.comment && <> — “{complaint.rating.comment}”</>}
            </p>
          )}
        </section>
      )}

      {complaint.currentSteps.map((step) => (
        <section className="card" key={`form-${step.key}`}>
          <h2>
            {ACTION_LABELS[step.action] ?? step.action}: {step.title}
          </h2>
          <p className="hint">
            Baku mutu {step.bakuMutu.amount} {UNIT_LABELS[step.bakuMutu.unit]}, dimulai {step.startedAtOffice.local}
            {step.assignee && <> · ditugaskan kepada {step.assignee.name}</>}
          </p>
          <StepForm step={step} complaint={complaint} user={user} onDone={() => void load()} />
        </section>
      ))}

      {complaint.currentSteps.length > 0 && (
        <section className="card">
          <h2>Catatan dan pengalihan</h2>
          <div className="row">
            <form
              onSubmit={(event) =>
                void staffAction(event, 'addComplaintNote', 'AddComplaintNoteInput', { text: note }, () => setNote(''))
              }
            >
              <HeldFields actions={actions} form="addComplaintNote">
                <label htmlFor="note">Catatan internal</label>
                <textarea id="note" required value={note} onChange={(event) => setNote(event.target.value)} />
              </HeldFields>
              <button className="secondary" type="submit">
                Simpan catatan
              </button>
            </form>
            <form
              onSubmit={(event) =>
                void staffAction(
                  event,
                  'reassignComplaintStep',
                  'ReassignComplaintStepInput',
                  { stepKey: complaint.currentSteps[0].key, ...reassign },
                  () => setReassign({ assigneeUserId: '', assigneeName: '', reason: '' }),
                )
              }
            >
              <HeldFields actions={actions} form="reassignComplaintStep">
                {REASSIGN_FIELDS.map(([field, id, label]) => (
                  <Fragment key={field}>
                    <label htmlFor={id}>{label}</label>
                    <input
                      id={id}
                      type="text"
                      required
                      value={reassign[field]}
                      onChange={(event) => setReassign({ ...reassign, [field]: event.target.value })}
                    />
                  </Fragment>
                ))}
              </HeldFields>
              <button className="secondary" type="submit">
                Alihkan
              </button>
            </form>
          </div>
          {formError && <div className="error">{formError}</div>}
          {complaint.notes.length > 0 && (
            <ul className="timeline">
              {complaint.notes.map((item, index) => (
                <li key={index}>
                  <time>{item.atOffice.local}</time>
                  <b>{item.actor.name}</b> ({role(item.actor.role)}): {item.text}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section className="card">
        <h2>Kronologi (dari riwayat alur kerja)</h2>
        {timelineError && <p className="hint">{timelineError}</p>}
        {timeline && (
          <ul className="timeline" data-testid="timeline">
            {timeline.map((entry, index) => (
              <li key={index} className={entry.refused ? 'refused' : entry.kind === 'breach' ? 'breach' : ''}>
                <time>{entry.atOffice.local}</time>
                <b>{entry.label}</b>
                {entry.stepTitle && <> — {entry.stepTitle}</>}
                {entry.actor && (
                  <>
                    {' '}
                    oleh {entry.actor.name} ({role(entry.actor.role)})
                  </>
                )}
                {describe(entry) && <div>{describe(entry)}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
