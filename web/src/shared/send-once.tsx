import { useState, type ReactNode } from 'react';
import { ApiError, gql, requestId } from './api';

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Whether an error leaves it unknown if the gateway acted: the network dropped the answer, the
 * server failed or was unavailable. A refusal with its own code (invalid input, a conflict, a step
 * already done) is an answer.
 */
export function outcomeUnknown(caught: unknown): boolean {
  if (!(caught instanceof ApiError)) return true;
  return caught.code === undefined || caught.code === 'UNAVAILABLE' || caught.code === 'INTERNAL_SERVER_ERROR';
}

/**
 * Sends mutations so that each takes effect once on a network that loses answers (offices are
 * often offline). A new request gets its own request id; when its answer is lost, the next send of
 * the same form repeats that request exactly, id and fields, and the gateway answers it as the same
 * request instead of acting twice (a second note) or refusing changed fields under the same id
 * (CONFLICT). Until then the form is `unsure`: it keeps its fields as sent. `discard` gives them back
 * (the next send is then a new request). Forms are told apart by a key, so another form of the same
 * page never repeats this one's request.
 */
export interface SendOnce {
  send<T>(form: string, build: (requestId: string) => Operation): Promise<T>;
  unsure(form: string): boolean;
  discard(form: string): void;
}

export function useSendOnce(): SendOnce {
  const [unanswered, setUnanswered] = useState<Record<string, Operation>>({});
  const without = (form: string) => (current: Record<string, Operation>) =>
    Object.fromEntries(Object.entries(current).filter(([key]) => key !== form));

  async function send<T>(form: string, build: (requestId: string) => Operation): Promise<T> {
    const operation = unanswered[form] ?? build(requestId());
    try {
      const data = await gql<T>(operation.query, operation.variables);
      setUnanswered(without(form));
      return data;
    } catch (caught) {
      setUnanswered((current) => (outcomeUnknown(caught) ? { ...current, [form]: operation } : without(form)(current)));
      throw caught;
    }
  }

  return {
    send,
    unsure: (form) => form in unanswered,
    discard: (form) => setUnanswered(without(form)),
  };
}

/** A form's fields, held as sent (disabled, with the notice) while its last request may not have arrived. */
export function HeldFields({ actions, form, children }: { actions: SendOnce; form: string; children: ReactNode }) {
  return (
    <>
      <fieldset className="fields" disabled={actions.unsure(form)}>
        {children}
      </fieldset>
      {actions.unsure(form) && <UnsureNotice onDiscard={() => actions.discard(form)} />}
    </>
  );
}

function UnsureNotice({ onDiscard }: { onDiscard: () => void }) {
  return (
    <div className="notice" data-testid="unsure">
      Belum pasti apakah kiriman tadi sampai. Tekan tombolnya sekali lagi: isian yang sama dikirim ulang dan tidak akan
      tercatat dua kali.{' '}
      <button type="button" className="link" onClick={onDiscard}>
        Ubah isian
      </button>{' '}
      (yang dikirim sesudahnya dihitung sebagai kiriman baru).
    </div>
  );
}
