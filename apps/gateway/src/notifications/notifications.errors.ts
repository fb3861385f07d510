import { badInput } from '../errors/gateway.errors';

/** The notification feature's refusals (Indonesian, for staff apps). */
export const NotificationErrors = {
  badFirst: (max: number) => badInput(`Jumlah notifikasi yang diminta harus 1–${max}.`),
  badStatus: (statuses: readonly string[]) =>
    badInput(`Status notifikasi harus salah satu dari: ${statuses.join(', ')}.`),
};
