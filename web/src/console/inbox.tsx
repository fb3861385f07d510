import { useCallback, useEffect, useState } from 'react';
import { ApiError, gql, onComplaintChanged } from '../shared/api';
import {
  COUNTDOWN_FIELDS,
  OFFICE_TIME_FIELDS,
  workingCountdown,
  type OfficeTime,
  type WorkingTimeCountdown,
} from '../shared/time';
import type { StaffUser } from './types';

interface InboxItem {
  overdue: boolean;
  complaint: {
    id: string;
    registerNumber: string | null;
    subject: string;
    statusLabel: string;
    submittedAtOffice: OfficeTime;
  };
  pending: {
    stepKey: string;
    title: string;
    dueAtOffice: OfficeTime | null;
    countdown: WorkingTimeCountdown | null;
    overdue: boolean;
  }[];
}

const INBOX = `{ myInbox { overdue
  complaint { id registerNumber subject statusLabel submittedAtOffice { ${OFFICE_TIME_FIELDS} } }
  pending { stepKey title dueAtOffice { ${OFFICE_TIME_FIELDS} } countdown { ${COUNTDOWN_FIELDS} } overdue } } }`;

/** Actions waiting for my roles in my office, overdue first, live through the subscription. */
export function Inbox({ user, onOpen }: { user: StaffUser; onOpen: (id: string) => void }) {
  const [items, setItems] = useState<InboxItem[]>();
  const [loadedAt, setLoadedAt] = useState(Date.now());
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(Date.now());

  const load = useCallback(async () => {
    try {
      setItems((await gql<{ myInbox: InboxItem[] }>(INBOX)).myInbox);
      setLoadedAt(Date.now());
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Kotak masuk tidak dapat dimuat.');
    }
  }, []);

  useEffect(() => {
    void load();
    const unsubscribe = onComplaintChanged(user.office, () => void load());
    // The countdown moves with the clock; a minute is its smallest unit.
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      unsubscribe();
      clearInterval(tick);
    };
  }, [load, user.office]);

  // The office opened, closed or went on break since the reading: the server counts again.
  const stale = items?.some((item) =>
    item.pending.some((pending) => pending.countdown && workingCountdown(pending.countdown, loadedAt, now).stale),
  );
  useEffect(() => {
    if (stale) void load();
  }, [stale, load]);

  return (
    <section className="card">
      <h2>Kotak masuk — tindakan yang menunggu Anda</h2>
      {error && <div className="error">{error}</div>}
      {items && items.length === 0 && <p className="hint">Tidak ada aduan yang menunggu tindakan Anda.</p>}
      {items && items.length > 0 && (
        <table className="list" data-testid="inbox">
          <thead>
            <tr>
              <th>Nomor register</th>
              <th>Perihal</th>
              <th>Langkah</th>
              <th>Tenggat (waktu kantor)</th>
              <th>Sisa waktu kerja</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) =>
              item.pending.map((pending) => {
                const left = pending.countdown ? workingCountdown(pending.countdown, loadedAt, now) : undefined;
                return (
                  <tr
                    key={`${item.complaint.id}-${pending.stepKey}`}
                    className={`clickable${left?.overdue ? ' overdue' : ''}`}
                    onClick={() => onOpen(item.complaint.id)}
                  >
                    <td data-label="Nomor register">{item.complaint.registerNumber ?? '—'}</td>
                    <td data-label="Perihal">{item.complaint.subject}</td>
                    <td data-label="Langkah">{pending.title}</td>
                    <td data-label="Tenggat">{pending.dueAtOffice?.local ?? 'sedang dihitung'}</td>
                    <td data-label="Sisa waktu kerja">
                      {left ? (
                        <>
                          <span className={`badge ${left.overdue ? 'late' : ''}`}>{left.text}</span>
                          {left.closedNote && <div className="hint">{left.closedNote}</div>}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
