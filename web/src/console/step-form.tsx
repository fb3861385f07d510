import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../shared/api';
import { HeldFields, useSendOnce } from '../shared/send-once';
import { CHANNEL_LABELS, ROLE_LABELS } from '../shared/labels';
import { officeLocalToIso } from '../shared/time';
import type { ComplaintDetail, CurrentStep, StaffUser } from './types';

/** The mutation and input type of each action kind (the gateway's one mutation per human action). */
const MUTATIONS: Record<string, [mutation: string, inputType: string]> = {
  register: ['registerComplaint', 'RegisterComplaintInput'],
  verify: ['verifyComplaint', 'VerifyComplaintInput'],
  classify: ['classifyComplaint', 'ClassifyComplaintInput'],
  dispose: ['disposeComplaint', 'DisposeComplaintInput'],
  review: ['reviewComplaint', 'ReviewComplaintInput'],
  clarify: ['clarifyComplaint', 'ClarifyComplaintInput'],
  coordinate: ['coordinateComplaint', 'CoordinateComplaintInput'],
  forward: ['forwardComplaint', 'ForwardComplaintInput'],
  decide: ['decideComplaint', 'DecideComplaintInput'],
  rapat: ['recordComplaintRapat', 'RecordComplaintRapatInput'],
  draft_answer: ['draftComplaintAnswer', 'DraftComplaintAnswerInput'],
  sign: ['signComplaintAnswer', 'SignComplaintAnswerInput'],
  deliver: ['deliverComplaintAnswer', 'DeliverComplaintAnswerInput'],
  archive: ['archiveComplaint', 'ArchiveComplaintInput'],
};

type Values = Record<string, string | boolean>;

function Text({
  name,
  label,
  values,
  set,
  required = true,
  long = false,
}: {
  name: string;
  label: string;
  values: Values;
  set: (name: string, value: string | boolean) => void;
  required?: boolean;
  long?: boolean;
}) {
  const id = `field-${name}`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {long ? (
        <textarea
          id={id}
          required={required}
          value={String(values[name] ?? '')}
          onChange={(event) => set(name, event.target.value)}
        />
      ) : (
        <input
          id={id}
          type="text"
          required={required}
          value={String(values[name] ?? '')}
          onChange={(event) => set(name, event.target.value)}
        />
      )}
    </>
  );
}

function Check({
  name,
  label,
  values,
  set,
}: {
  name: string;
  label: string;
  values: Values;
  set: (name: string, value: boolean) => void;
}) {
  return (
    <label className="inline">
      <input type="checkbox" checked={values[name] === true} onChange={(event) => set(name, event.target.checked)} />
      {label}
    </label>
  );
}

function Choice({
  name,
  label,
  options,
  values,
  set,
}: {
  name: string;
  label: string;
  options: Record<string, string>;
  values: Values;
  set: (name: string, value: string) => void;
}) {
  const id = `field-${name}`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} required value={String(values[name] ?? '')} onChange={(event) => set(name, event.target.value)}>
        <option value="">— pilih —</option>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}

/** Whether the SOP sends this review step elsewhere when it calls for coordination (outcome `koordinasi`). */
function routesOnCoordination(step: CurrentStep, complaint: ComplaintDetail): boolean {
  const sopStep = complaint.sop?.steps.find((candidate) => candidate.key === step.key);
  return sopStep?.transitions.some((transition) => transition.when === 'koordinasi') ?? false;
}

/** The fields of one action kind, and how they become the mutation's input. */
function fieldsFor(
  step: CurrentStep,
  complaint: ComplaintDetail,
  values: Values,
  set: (name: string, value: string | boolean) => void,
): ReactNode {
  const props = { values, set };
  switch (step.action) {
    case 'register':
    case 'archive':
      return (
        <Text
          name={step.action === 'register' ? 'note' : 'archiveRef'}
          label={step.action === 'register' ? 'Catatan (tidak wajib)' : 'Nomor arsip (tidak wajib)'}
          required={false}
          {...props}
        />
      );
    case 'verify':
      return (
        <>
          <Choice
            name="outcome"
            label="Hasil verifikasi"
            options={{
              accepted: 'Diterima, lanjutkan',
              tunda: 'Tunda: minta pelapor melengkapi',
              bukan_wewenang: 'Bukan wewenang kami',
              rejected: 'Tolak',
            }}
            {...props}
          />
          {values.outcome && values.outcome !== 'accepted' && (
            <Text name="reason" label="Alasan (akan dibaca pelapor bila ditunda)" long {...props} />
          )}
          {values.outcome === 'bukan_wewenang' && <Text name="forwardTo" label="Instansi yang berwenang" {...props} />}
        </>
      );
    case 'classify':
      return (
        <>
          <Choice
            name="complaintType"
            label="Jenis"
            options={{ pengaduan: 'Pengaduan', aspirasi: 'Aspirasi', permintaan_informasi: 'Permintaan informasi' }}
            {...props}
          />
          <Text name="category" label="Kategori" {...props} />
          <Check name="confidential" label="Rahasiakan identitas pelapor" {...props} />
          <Check name="underPpidAuthority" label="Menjadi kewenangan PPID Pelaksana" {...props} />
        </>
      );
    case 'dispose':
      return (
        <>
          <Text name="toUnit" label="Diteruskan kepada (seksi / bidang)" {...props} />
          <Text name="instructions" label="Isi disposisi" long {...props} />
        </>
      );
    case 'review':
      return (
        <>
          <Text name="advice" label="Telaah dan saran untuk pimpinan" long {...props} />
          {routesOnCoordination(step, complaint) && (
            <Check
              name="needsCoordination"
              label="Bersifat kebijakan dan memerlukan koordinasi (lanjut ke disposisi)"
              {...props}
            />
          )}
        </>
      );
    case 'clarify':
      return <Text name="findings" label="Hasil klarifikasi / tindak lanjut" long {...props} />;
    case 'coordinate':
      return (
        <>
          <Text name="withParty" label="Berkoordinasi dengan" {...props} />
          <Text name="result" label="Hasil koordinasi" long {...props} />
        </>
      );
    case 'forward':
      return (
        <>
          <Text name="target" label="Diteruskan kepada" {...props} />
          <Text name="note" label="Catatan (tidak wajib)" required={false} {...props} />
        </>
      );
    case 'decide':
      return (
        <>
          <Text name="decision" label="Keputusan / arahan tindak lanjut" long {...props} />
          <Check name="rapatRequired" label="Perlu dibahas dalam rapat dinas terlebih dahulu" {...props} />
        </>
      );
    case 'rapat':
      return (
        <>
          <label htmlFor="field-heldAt">
            Waktu rapat (
            {complaint.timeZone === 'Asia/Makassar' ? 'WITA' : complaint.timeZone === 'Asia/Jayapura' ? 'WIT' : 'WIB'})
          </label>
          <input
            id="field-heldAt"
            type="datetime-local"
            required
            value={String(values.heldAt ?? '')}
            onChange={(event) => set('heldAt', event.target.value)}
          />
          <Text name="participants" label="Peserta (satu per baris)" long {...props} />
          <Text name="minutes" label="Notulen" long {...props} />
          <Text name="decision" label="Keputusan rapat" long {...props} />
        </>
      );
    case 'draft_answer':
      return <Text name="answer" label="Rancangan jawaban kepada pelapor" long {...props} />;
    case 'sign':
      return (
        <>
          <Choice
            name="approved"
            label="Keputusan"
            options={{ yes: 'Setujui dan tanda tangani', no: 'Kembalikan untuk diperbaiki' }}
            {...props}
          />
          {values.approved === 'no' && <Text name="revisionNote" label="Catatan perbaikan" long {...props} />}
          {complaint.answer && (
            <>
              <h3>Rancangan jawaban</h3>
              <p style={{ whiteSpace: 'pre-wrap' }}>{complaint.answer.text}</p>
            </>
          )}
        </>
      );
    case 'deliver':
      return (
        <>
          {complaint.answer && (
            <>
              <h3>Jawaban yang disampaikan</h3>
              <p style={{ whiteSpace: 'pre-wrap' }}>{complaint.answer.text}</p>
            </>
          )}
          <Choice name="channel" label="Disampaikan melalui" options={CHANNEL_LABELS} {...props} />
          <Text name="receipt" label="Tanda terima (nomor / nama penerima)" {...props} />
          {!complaint.answer && <Text name="answer" label="Jawaban" long {...props} />}
        </>
      );
    default:
      return <p className="error">Jenis tindakan tidak dikenal: {step.action}</p>;
  }
}

function inputFor(step: CurrentStep, complaint: ComplaintDetail, values: Values): Record<string, unknown> {
  const text = (name: string) =>
    typeof values[name] === 'string' && (values[name] as string).trim() ? (values[name] as string).trim() : undefined;
  switch (step.action) {
    case 'rapat':
      return {
        heldAt: officeLocalToIso(String(values.heldAt), complaint.timeZone),
        participants: String(values.participants ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        minutes: text('minutes'),
        decision: text('decision'),
      };
    case 'sign':
      return { approved: values.approved === 'yes', revisionNote: text('revisionNote') };
    case 'classify':
      return {
        complaintType: text('complaintType'),
        category: text('category'),
        confidential: values.confidential === true,
        underPpidAuthority: values.underPpidAuthority === true,
      };
    case 'decide':
      return { decision: text('decision'), rapatRequired: values.rapatRequired === true };
    case 'review':
      return {
        advice: text('advice'),
        ...(routesOnCoordination(step, complaint) ? { needsCoordination: values.needsCoordination === true } : {}),
      };
    default:
      return Object.fromEntries(
        Object.keys(values)
          .map((name) => [name, text(name)])
          .filter(([, value]) => value !== undefined),
      );
  }
}

/** The form of the current step, generated from its action kind. */
export function StepForm({
  step,
  complaint,
  user,
  onDone,
}: {
  step: CurrentStep;
  complaint: ComplaintDetail;
  user: StaffUser;
  onDone: () => void;
}) {
  const myRoles = step.actorRoles.filter((role) => user.roles.includes(role));
  const [values, setValues] = useState<Values>({});
  const [actingRole, setActingRole] = useState(myRoles[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // A double click or a resend after a lost answer acts once (the same request id and fields).
  const actions = useSendOnce();
  const form = `${step.key}:${step.action}`;
  const set = (name: string, value: string | boolean) => setValues((current) => ({ ...current, [name]: value }));

  if (myRoles.length === 0) {
    return (
      <p className="hint">
        Langkah ini dikerjakan oleh{' '}
        {step.actorRoles.map((role) => ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role).join(' atau ')}.
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [mutation, inputType] = MUTATIONS[step.action];
    setBusy(true);
    setError(undefined);
    try {
      await actions.send(form, (requestId) => ({
        query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id status } }`,
        variables: {
          input: {
            complaintId: complaint.id,
            stepKey: step.key,
            requestId,
            actingRole,
            ...inputFor(step, complaint, values),
          },
        },
      }));
      setValues({});
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Terjadi kesalahan. Silakan coba lagi.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} data-testid={`form-${step.action}`}>
      <HeldFields actions={actions} form={form}>
        {myRoles.length > 1 && (
          <>
            <label htmlFor="acting-role">Bertindak sebagai</label>
            <select id="acting-role" value={actingRole} onChange={(event) => setActingRole(event.target.value)}>
              {myRoles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role}
                </option>
              ))}
            </select>
          </>
        )}
        {fieldsFor(step, complaint, values, set)}
      </HeldFields>
      {error && <div className="error">{error}</div>}
      <button className="primary" type="submit" disabled={busy}>
        {busy ? 'Menyimpan…' : 'Simpan dan lanjutkan'}
      </button>
    </form>
  );
}
