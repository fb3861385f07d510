import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { session } from '../shared/api';
import { installIndonesianFieldMessages } from '../shared/field-messages';
import { ROLE_LABELS } from '../shared/labels';
import '../shared/styles.css';
import { ComplaintPage } from './complaint-page';
import { Inbox } from './inbox';
import { Supervisor } from './supervisor';
import type { StaffUser, View } from './types';

interface DevUser {
  userId: string;
  name: string;
  office: string;
  officeName: string;
  roleLabel: string;
}

/** The claims of a staff token, read for display only (the gateway verifies it on every call). */
function userOf(token: string): StaffUser | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as StaffUser & {
      exp?: number;
    };
    if (payload.exp && payload.exp * 1000 < Date.now()) return undefined;
    return { sub: payload.sub, name: payload.name, roles: payload.roles, office: payload.office };
  } catch {
    return undefined;
  }
}

const LEADERS = ['camat', 'sekcam', 'kepala_diskominfo', 'supervisor', 'auditor'];
const roleLabel = (role: string) => ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role;

function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [users, setUsers] = useState<DevUser[]>();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    // Offered by the gateway only outside production; a 404 there means "bring your token".
    fetch('/auth/dev/users')
      .then((response) => (response.ok ? (response.json() as Promise<DevUser[]>) : undefined))
      .then(setUsers)
      .catch(() => undefined);
  }, []);

  async function choose(userId: string) {
    const response = await fetch('/auth/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    const body = (await response.json()) as { token?: string; message?: string };
    if (body.token) onSignedIn(body.token);
    else setError(body.message ?? 'Gagal masuk.');
  }

  const offices = users ? [...new Set(users.map((user) => user.officeName))] : [];
  return (
    <main className="narrow">
      {users && (
        <section className="card">
          <h2>Masuk (pengembangan): pilih petugas</h2>
          <p className="hint">
            Hanya tersedia di lingkungan pengembangan. Di lingkungan produksi petugas masuk dengan token dari penerbit
            resmi.
          </p>
          {offices.map((officeName) => (
            <div key={officeName}>
              <h3>{officeName}</h3>
              <div className="users">
                {users
                  .filter((user) => user.officeName === officeName)
                  .map((user) => (
                    <button key={user.userId} data-user={user.userId} onClick={() => void choose(user.userId)}>
                      {user.name}
                      <small>{user.roleLabel}</small>
                    </button>
                  ))}
              </div>
            </div>
          ))}
        </section>
      )}
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          if (userOf(token.trim())) onSignedIn(token.trim());
          else setError('Token tidak valid atau sudah kedaluwarsa.');
        }}
      >
        <h2>Masuk dengan token</h2>
        <label htmlFor="token">Token (Bearer) dari penerbit resmi</label>
        <textarea id="token" value={token} onChange={(event) => setToken(event.target.value)} />
        <button className="primary" type="submit">
          Masuk
        </button>
        {error && <div className="error">{error}</div>}
      </form>
    </main>
  );
}

function Console() {
  const [user, setUser] = useState<StaffUser | undefined>(() => {
    const token = session.token();
    return token ? userOf(token) : undefined;
  });
  const readOnly = user ? user.roles.every((role) => role === 'supervisor' || role === 'auditor') : false;
  const [view, setView] = useState<View>(readOnly ? { kind: 'supervisor' } : { kind: 'inbox' });

  if (!user) {
    return (
      <>
        <header className="bar">
          <h1>Konsol Petugas Aduan</h1>
        </header>
        <SignIn
          onSignedIn={(token) => {
            session.save(token);
            const signedIn = userOf(token);
            setUser(signedIn);
            const onlyReads = signedIn?.roles.every((role) => role === 'supervisor' || role === 'auditor');
            setView(onlyReads ? { kind: 'supervisor' } : { kind: 'inbox' });
          }}
        />
      </>
    );
  }

  const open = (id: string) =>
    setView({ kind: 'complaint', id, from: view.kind === 'supervisor' ? 'supervisor' : 'inbox' });
  return (
    <>
      <header className="bar">
        <h1>Konsol Petugas Aduan</h1>
        <nav>
          {!readOnly && (
            <button className={view.kind === 'inbox' ? 'active' : ''} onClick={() => setView({ kind: 'inbox' })}>
              Kotak masuk
            </button>
          )}
          {user.roles.some((role) => LEADERS.includes(role)) && (
            <button
              className={view.kind === 'supervisor' ? 'active' : ''}
              onClick={() => setView({ kind: 'supervisor' })}
            >
              Pengawasan
            </button>
          )}
        </nav>
        <div className="who" data-testid="who">
          <b>{user.name}</b>
          <br />
          {user.roles.map(roleLabel).join(', ')} · {user.office === '*' ? 'semua kantor' : user.office}{' '}
          <button
            className="secondary"
            style={{ marginTop: 0, padding: '2px 8px' }}
            onClick={() => {
              session.clear();
              setUser(undefined);
            }}
          >
            Keluar
          </button>
        </div>
      </header>
      <main>
        {view.kind === 'inbox' && <Inbox user={user} onOpen={open} />}
        {view.kind === 'supervisor' && <Supervisor user={user} onOpen={open} />}
        {view.kind === 'complaint' && (
          <ComplaintPage id={view.id} user={user} onBack={() => setView({ kind: view.from })} />
        )}
      </main>
    </>
  );
}

installIndonesianFieldMessages();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
