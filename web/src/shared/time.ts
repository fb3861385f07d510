/** Durations and instants as Indonesian office staff read them. */

function spell(minutes: number): string {
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const parts = [days && `${days} hari`, hours && `${hours} jam`, (rest || (!days && !hours)) && `${rest} menit`];
  return parts.filter(Boolean).slice(0, 2).join(' ');
}

/** Time left until a deadline ("sisa 1 jam 5 menit") or past it ("terlambat 12 menit"). */
export function countdown(dueAt: string, now: number): { text: string; overdue: boolean } {
  const minutes = Math.round((Date.parse(dueAt) - now) / 60_000);
  return minutes >= 0
    ? { text: `sisa ${spell(minutes)}`, overdue: false }
    : { text: `terlambat ${spell(-minutes)}`, overdue: true };
}

export interface OfficeTime {
  at: string;
  local: string;
  zone: string;
}

export const OFFICE_TIME_FIELDS = 'at local zone';

/** Offsets of the Indonesian zones (no daylight saving). */
const ZONE_OFFSETS: Record<string, string> = {
  'Asia/Jakarta': '+07:00',
  'Asia/Pontianak': '+07:00',
  'Asia/Makassar': '+08:00',
  'Asia/Jayapura': '+09:00',
};

/** A `datetime-local` value typed in office time, as ISO 8601 with the office's offset (no DST in Indonesia). */
export function officeLocalToIso(value: string, timeZone: string): string {
  return `${value}:00${ZONE_OFFSETS[timeZone] ?? '+07:00'}`;
}
