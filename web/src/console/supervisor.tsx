import { useEffect, useState } from 'react';
import { ApiError, gql } from '../shared/api';
import { OFFICE_TIME_FIELDS, type OfficeTime } from '../shared/time';
import type { StaffUser } from './types';

interface Overview {
  officeCode: string;
  officeName: string | null;
  open: number;
  overdue: number;
  breached: number;
  asOf: OfficeTime;
  steps: {
    stepKey: string;
    title: string;
    completed: number;
    withinBakuMutu: number;
    breached: number;
    compliancePercent: number | null;
  }[];
}

interface Row {
  id: string;
  registerNumber: string | null;
  subject: string;
  statusLabel: string;
  slaBreached: boolean;
  currentStepKeys: string[];
  dueAtOffice: OfficeTime | null;
}

const OVERVIEW = `query($office: String!) {
  supervisorOverview(officeCode: $office) { officeCode officeName open overdue breached asOf { ${OFFICE_TIME_FIELDS} }
    steps { stepKey title completed withinBakuMutu breached compliancePercent } }
  complaints(filter: { officeCode: $office, statuses: [diterima, tunda] }, first: 50) {
    edges { node { id registerNumber subject statusLabel slaBreached currentStepKeys dueAtOffice { ${OFFICE_TIME_FIELDS} } } }
  }
}`;
// A request of its own: both lists in one query would pass the gateway's query cost limit.
const BREACHED = `query($office: String!) {
  complaints(filter: { officeCode: $office, slaBreached: true }, first: 50) {
    edges { node { id registerNumber subject statusLabel slaBreached currentStepKeys dueAtOffice { ${OFFICE_TIME_FIELDS} } } }
  }
}`;

function ComplaintTable({ rows, empty, onOpen }: { rows: Row[]; empty: string; onOpen: (id: string) => void }) {
  if (rows.length === 0) return <p className="hint">{empty}</p>;
  return (
    <table className="list">
      <thead>
        <tr>
          <th>Nomor register</th>
          <th>Perihal</th>
          <th>Status</th>
          <th>Tenggat</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="clickable" onClick={() => onOpen(row.id)}>
            <td data-label="Nomor register">{row.registerNumber ?? '—'}</td>
            <td data-label="Perihal">{row.subject}</td>
            <td data-label="Status">
              {row.statusLabel} {row.slaBreached && <span className="badge late">lewat baku mutu</span>}
            </td>
            <td data-label="Tenggat">{row.dueAtOffice?.local ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Per office: open, overdue and breached complaints, and how often each SOP step kept its baku mutu. */
export function Supervisor({ user, onOpen }: { user: StaffUser; onOpen: (id: string) => void }) {
  const [offices, setOffices] = useState<{ code: string; name: string }[]>([]);
  const [office, setOffice] = useState(user.office === '*' ? '' : user.office);
  const [overview, setOverview] = useState<Overview>();
  const [rows, setRows] = useState<Row[]>([]);
  const [breachedRows, setBreachedRows] = useState<Row[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    gql<{ offices: { code: string; name: string }[] }>('{ offices { code name } }')
      .then((data) => {
        setOffices(data.offices);
        setOffice((current) => current || data.offices[0]?.code || '');
      })
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!office) return;
    // A slower answer for the office chosen before must not overwrite the one chosen now.
    let current = true;
    type Rows = { complaints: { edges: { node: Row }[] } };
    Promise.all([gql<{ supervisorOverview: Overview } & Rows>(OVERVIEW, { office }), gql<Rows>(BREACHED, { office })])
      .then(([data, breached]) => {
        if (!current) return;
        setOverview(data.supervisorOverview);
        setRows(data.complaints.edges.map((edge) => edge.node));
        setBreachedRows(breached.complaints.edges.map((edge) => edge.node));
        setError(undefined);
      })
      .catch((caught: unknown) => {
        if (current) setError(caught instanceof ApiError ? caught.message : 'Data pengawasan tidak dapat dimuat.');
      });
    return () => {
      current = false;
    };
  }, [office]);

  return (
    <>
      <section className="card">
        <h2>Pengawasan kantor</h2>
        {user.office === '*' ? (
          <select aria-label="Kantor" value={office} onChange={(event) => setOffice(event.target.value)}>
            {offices.map((candidate) => (
              <option key={candidate.code} value={candidate.code}>
                {candidate.name}
              </option>
            ))}
          </select>
        ) : (
          <p>{overview?.officeName ?? office}</p>
        )}
        {overview && <p className="hint">Keadaan per {overview.asOf.local}</p>}
        {error && <div className="error">{error}</div>}
      </section>
      {overview && (
        <>
          <div className="stats" data-testid="supervisor-stats">
            <div className="stat">
              <b>{overview.open}</b>aduan terbuka
            </div>
            <div className={`stat${overview.overdue ? ' late' : ''}`}>
              <b>{overview.overdue}</b>terlambat dari tenggat
            </div>
            <div className={`stat${overview.breached ? ' late' : ''}`}>
              <b>{overview.breached}</b>pernah melewati baku mutu
            </div>
          </div>
          <section className="card" style={{ marginTop: 16 }}>
            <h2>Kepatuhan baku mutu per langkah</h2>
            {overview.steps.length === 0 ? (
              <p className="hint">Belum ada langkah yang selesai.</p>
            ) : (
              <table className="list">
                <thead>
                  <tr>
                    <th>Langkah</th>
                    <th>Selesai</th>
                    <th>Tepat waktu</th>
                    <th>Lewat baku mutu</th>
                    <th>Kepatuhan</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.steps.map((step) => (
                    <tr key={step.stepKey}>
                      <td data-label="Langkah">{step.title}</td>
                      <td data-label="Selesai">{step.completed}</td>
                      <td data-label="Tepat waktu">{step.withinBakuMutu}</td>
                      <td data-label="Lewat baku mutu">{step.breached}</td>
                      <td data-label="Kepatuhan">
                        <div className="meter" title={`${step.compliancePercent ?? 0}%`}>
                          <span style={{ width: `${step.compliancePercent ?? 0}%` }} />
                        </div>
                        {step.compliancePercent ?? '—'}%
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card">
            <h2>Aduan terbuka</h2>
            <ComplaintTable rows={rows} empty="Tidak ada aduan terbuka di kantor ini." onOpen={onOpen} />
          </section>
          <section className="card">
            <h2>Aduan yang pernah melewati baku mutu</h2>
            <ComplaintTable rows={breachedRows} empty="Belum ada aduan yang melewati baku mutu." onOpen={onOpen} />
          </section>
        </>
      )}
    </>
  );
}
