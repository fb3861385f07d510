/** What the outbox row says; the template adds the greeting, register number and tracking link. */
export interface NotificationContent {
  /** An outbox kind (activities/contracts NOTIFICATION_KINDS; the activity checks every kind has a template). */
  kind: string;
  registerNumber: string | null;
  officeName: string;
  message: string;
}

export interface RenderedNotification {
  subject: string;
  text: string;
  /** Absent for notifications about no single complaint (the monthly recap). */
  trackingLink?: string;
}

export const NOTIFICATION_TITLES: Readonly<Record<string, string>> = {
  acknowledgment: 'Aduan Anda telah diterima',
  reminder: 'Pengingat tenggat langkah aduan',
  escalation: 'Eskalasi: baku mutu terlampaui',
  tunda: 'Aduan Anda ditunda: mohon lengkapi informasi',
  answer: 'Jawaban atas aduan Anda',
  closed: 'Aduan Anda ditutup',
};

export const NOTIFICATION_CLOSINGS: Readonly<Record<string, string>> = {
  acknowledgment: 'Simpan nomor register dan kode lacak Anda untuk mengikuti perkembangan aduan.',
  reminder: 'Mohon segera ditindaklanjuti sebelum jatuh tempo.',
  escalation: 'Mohon segera ditindaklanjuti sesuai SOP.',
  tunda: 'Lengkapi informasi melalui halaman lacak aduan dengan nomor register dan kode lacak Anda.',
  answer: 'Anda dapat memberi penilaian atau membuka kembali aduan melalui halaman lacak aduan.',
  closed: 'Terima kasih atas partisipasi Anda.',
};

export function trackingLinkFor(trackingUrl: string, registerNumber: string): string {
  const separator = trackingUrl.includes('?') ? '&' : '?';
  return `${trackingUrl}${separator}nomor=${encodeURIComponent(registerNumber)}`;
}

/** The Indonesian text of one notification for one recipient, the same for e-mail and WhatsApp/SMS. */
export function renderNotification(
  content: NotificationContent,
  recipientName: string | undefined,
  trackingUrl: string,
): RenderedNotification {
  const title = NOTIFICATION_TITLES[content.kind] ?? 'Pemberitahuan aduan';
  const subject = content.registerNumber ? `[Aduan ${content.registerNumber}] ${title}` : `[Aduan] ${title}`;
  const trackingLink = content.registerNumber ? trackingLinkFor(trackingUrl, content.registerNumber) : undefined;
  const lines = [
    `Yth. ${recipientName?.trim() || 'Bapak/Ibu'},`,
    '',
    content.message,
    '',
    ...(content.registerNumber ? [`Nomor register: ${content.registerNumber}`] : []),
    ...(trackingLink ? [`Lacak aduan: ${trackingLink}`] : []),
    ...(NOTIFICATION_CLOSINGS[content.kind] ? [NOTIFICATION_CLOSINGS[content.kind]] : []),
    '',
    `Pesan otomatis dari layanan pengaduan ${content.officeName}. Mohon tidak membalas pesan ini.`,
  ];
  return { subject, text: lines.join('\n'), ...(trackingLink ? { trackingLink } : {}) };
}
