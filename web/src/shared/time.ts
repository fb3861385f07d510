/** Durations and instants as Indonesian office staff read them. */

/** Working minutes as staff read them: "1 jam 5 menit" (a working day has no fixed length, so no days). */
function spellWorking(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours && `${hours} jam`, (rest || !hours) && `${rest} menit`].filter(Boolean).join(' ');
}

export interface OfficeTime {
  at: string;
  local: string;
  zone: string;
}

export const OFFICE_TIME_FIELDS = 'at local zone';

/** The gateway's reading of a step's baku mutu in working time (the office calendar stays on the server). */
export interface WorkingTimeCountdown {
  at: string;
  workingMinutesLeft: number;
  officeOpen: boolean;
  changesAt: string;
  changesAtOffice: OfficeTime;
}

export const COUNTDOWN_FIELDS = `at workingMinutesLeft officeOpen changesAt changesAtOffice { ${OFFICE_TIME_FIELDS} }`;

/**
 * Time left until a deadline in working time ("sisa 1 jam 5 menit kerja") or past it ("terlambat 12
 * menit kerja"), `loadedAt` (this browser's clock when the reading arrived) to `now`. It counts down
 * only while the office is open and no further than `changesAt`: past it the reading is `stale` and
 * the page reloads it.
 */
export function workingCountdown(
  reading: WorkingTimeCountdown,
  loadedAt: number,
  now: number,
): { text: string; overdue: boolean; closedNote?: string; stale: boolean } {
  const validFor = Date.parse(reading.changesAt) - Date.parse(reading.at);
  const elapsed = Math.max(0, now - loadedAt);
  const counted = reading.officeOpen ? Math.min(elapsed, validFor) : 0;
  const left = Math.round(reading.workingMinutesLeft - counted / 60_000);
  return {
    text: left >= 0 ? `sisa ${spellWorking(left)} kerja` : `terlambat ${spellWorking(-left)} kerja`,
    overdue: left < 0,
    closedNote: reading.officeOpen ? undefined : `di luar jam kerja; kantor buka lagi ${reading.changesAtOffice.local}`,
    stale: elapsed >= validFor,
  };
}

/**
 * A `datetime-local` value typed in office time, as ISO 8601 with the office's offset at that time
 * (from the browser's time-zone database, not a table of our own).
 */
export function officeLocalToIso(value: string, timeZone: string): string {
  const guess = new Date(`${value}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '')?.[1] ?? '+00:00';
  return `${value}:00${offset}`;
}
