/**
 * The far ends of notification delivery, real and local: an SMTP server (`smtp-server`) that keeps
 * every message it accepts, and a WhatsApp/SMS gateway stand-in that verifies each webhook's
 * HMAC signature and can be told to fail.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  WEBHOOK_DELIVERY_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from '../../libs/notify/src/webhook-signature';

export interface ReceivedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Map<string, unknown>;
}

export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push({
            messageId: mail.messageId ?? '',
            from: mail.from?.text ?? '',
            to: (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((address) =>
              address.value.map((value) => value.address ?? ''),
            ),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            headers: mail.headers,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedWebhook {
  deliveryId: string;
  body: Record<string, unknown>;
  /** Set when the signature did not verify (then the receiver answered 401). */
  signatureError?: string;
  answeredStatus: number;
}

export interface WebhookReceiver {
  url: string;
  secret: string;
  received: ReceivedWebhook[];
  /** Answers 500 to the next `times` requests for this phone number (`Infinity`: always). */
  failFor(phone: string, times: number): void;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const failures = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = request.headers[WEBHOOK_TIMESTAMP_HEADER] as string | undefined;
      const signature = request.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined;
      // Checked twice: by the shared verifier, and by hand exactly as a gateway's documentation would say.
      const byHand = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
      const signatureError =
        verifyWebhookSignature(secret, { timestamp, signature }, raw) ??
        (signature === byHand ? undefined : 'hand-computed signature differs');
      const body = JSON.parse(raw) as Record<string, unknown>;
      const remaining = failures.get(String(body.to)) ?? 0;
      let status = 200;
      if (signatureError) status = 401;
      else if (remaining > 0) {
        failures.set(String(body.to), remaining - 1);
        status = 500;
      }
      received.push({
        deliveryId: String(request.headers[WEBHOOK_DELIVERY_ID_HEADER]),
        body,
        ...(signatureError ? { signatureError } : {}),
        answeredStatus: status,
      });
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status === 200 ? 'ok' : status === 401 ? 'bad signature' : 'gateway sedang gangguan');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/kirim`,
    secret,
    received,
    failFor: (phone, times) => failures.set(phone, times),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
