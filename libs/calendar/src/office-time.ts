import { DateTime } from 'luxon';

/** The Indonesian names of the zones offices keep their time in (WIB, WITA, WIT). */
export const ZONE_ABBREVIATIONS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneAbbreviation(timeZone: string): string {
  return ZONE_ABBREVIATIONS[timeZone] ?? timeZone;
}

/**
 * An instant as staff and citizens read it: in the office's zone, in Indonesian, e.g. "Senin, 23 Nov
 * 2026 14.05 WIB"; audit records also show the seconds ("14.05.09 WIB").
 */
export function officeTimeLabel(iso: string, timeZone: string, options: { seconds?: boolean } = {}): string {
  const local = DateTime.fromISO(iso, { zone: timeZone }).setLocale('id');
  return `${local.toFormat(options.seconds ? 'cccc, d LLL yyyy HH.mm.ss' : 'cccc, d LLL yyyy HH.mm')} ${zoneAbbreviation(timeZone)}`;
}
