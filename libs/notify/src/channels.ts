import { createTransport } from 'nodemailer';
import type { NotificationConfig } from '../../config/src/config';
import {
  WEBHOOK_DELIVERY_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  webhookSignature,
} from './webhook-signature';

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannelName = (typeof DELIVERY_CHANNELS)[number];

/** One rendered notification for one recipient over one channel. */
export interface OutgoingMessage {
  /** Stable across retries (`<notification id>-<delivery id>`): the e-mail Message-ID and the webhook's delivery id. */
  deliveryId: string;
  /** E-mail address (email) or phone number (webhook). */
  to: string;
  recipientName?: string;
  subject: string;
  text: string;
  kind: string;
  registerNumber?: string;
  officeCode: string;
  trackingLink?: string;
}

export interface DeliveryChannel {
  readonly name: DeliveryChannelName;
  /** Resolves once the far side accepted the message; throws with the reason otherwise. */
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/** A channel refusal worth no retry (e.g. a 4xx from the gateway other than 408/429). */
export class PermanentDeliveryError extends Error {}

const SEND_TIMEOUT_MS = 15_000;

export function createEmailChannel(options: NonNullable<NotificationConfig['email']>): DeliveryChannel {
  const transport = createTransport({
    url: options.smtpUrl,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  const domain = options.from.match(/@([^>\s]+)/)?.[1] ?? 'aduan.local';
  return {
    name: 'email',
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.recipientName ? { name: message.recipientName, address: message.to } : message.to,
        subject: message.subject,
        text: message.text,
        // The same id on a resend lets mail systems drop the duplicate.
        messageId: `<aduan-${message.deliveryId}@${domain}>`,
        headers: {
          'X-Aduan-Kind': message.kind,
          ...(message.registerNumber ? { 'X-Aduan-Register-Number': message.registerNumber } : {}),
        },
      });
    },
    close: () => transport.close(),
  };
}

/** The JSON a WhatsApp/SMS gateway receives. */
export interface WebhookPayload {
  deliveryId: string;
  kind: string;
  officeCode: string;
  registerNumber?: string;
  to: string;
  recipientName?: string;
  subject: string;
  text: string;
  trackingLink?: string;
}

export function createWebhookChannel(options: NonNullable<NotificationConfig['webhook']>): DeliveryChannel {
  return {
    name: 'webhook',
    async send(message) {
      const payload: WebhookPayload = {
        deliveryId: message.deliveryId,
        kind: message.kind,
        officeCode: message.officeCode,
        ...(message.registerNumber ? { registerNumber: message.registerNumber } : {}),
        to: message.to,
        ...(message.recipientName ? { recipientName: message.recipientName } : {}),
        subject: message.subject,
        text: message.text,
        ...(message.trackingLink ? { trackingLink: message.trackingLink } : {}),
      };
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(options.secret, timestamp, body),
          [WEBHOOK_DELIVERY_ID_HEADER]: message.deliveryId,
        },
        body,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (response.ok) return;
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      const reason = `webhook menjawab HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      throw retryable ? new Error(reason) : new PermanentDeliveryError(reason);
    },
    close: () => undefined,
  };
}

/** The channels the configuration enables (none when delivery is off). */
export function createConfiguredChannels(config: NotificationConfig): Map<DeliveryChannelName, DeliveryChannel> {
  const channels = new Map<DeliveryChannelName, DeliveryChannel>();
  if (config.email) channels.set('email', createEmailChannel(config.email));
  if (config.webhook) channels.set('webhook', createWebhookChannel(config.webhook));
  return channels;
}
