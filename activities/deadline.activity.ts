import { ApplicationFailure } from '@temporalio/common';
import { BusinessCalendar } from '../libs/calendar/src/business-calendar';
import { DomainError } from '../libs/domain/src/errors';
import { DURATION_UNITS } from '../libs/domain/src/sop-model';
import type { ComputeDeadlineInput, ComputeDeadlineResult } from './contracts';

/**
 * The deadline of a step's baku mutu in the office's working time. Pure, but run as an activity so
 * the result is recorded in the workflow history: a later change of the holiday data or of this
 * code cannot change the deadline of a running complaint on replay.
 */
export async function computeDeadline(input: ComputeDeadlineInput): Promise<ComputeDeadlineResult> {
  try {
    checkShape(input);
    const calendar = calendarOf(input.office);
    const deadline = calendar.deadline(input.startAt, input.bakuMutu, input.reminderFraction);
    return {
      dueAt: deadline.dueAt.toISOString(),
      ...(deadline.reminderAt ? { reminderAt: deadline.reminderAt.toISOString() } : {}),
      // Exact in the calendar (a start with seconds can make the clamped hari kerja fractional); two decimals for reports.
      workingMinutes: Math.round(deadline.workingMinutes * 100) / 100,
      startAt: input.startAt,
      bakuMutu: input.bakuMutu,
    };
  } catch (error) {
    if (error instanceof DomainError) {
      const details = error.details === undefined ? [] : [error.details];
      throw ApplicationFailure.nonRetryable(error.message, error.code, ...details);
    }
    throw error;
  }
}

/** Calendars by office settings: one per office (and per change of its hours or closures). */
const calendars = new Map<string, BusinessCalendar>();
/** Bound on the calendars kept (offices × their setting changes); beyond it the cache starts over. */
const MAX_CACHED_CALENDARS = 256;

function calendarOf(office: ComputeDeadlineInput['office']): BusinessCalendar {
  const key = JSON.stringify([office.timeZone, office.officeHours, office.closures ?? []]);
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = new BusinessCalendar(office);
    if (calendars.size >= MAX_CACHED_CALENDARS) calendars.clear();
    calendars.set(key, calendar);
  }
  return calendar;
}

function checkShape(input: ComputeDeadlineInput): void {
  const bad = (message: string) => new DomainError('BAD_USER_INPUT', message);
  if (typeof input?.startAt !== 'string') throw bad('Waktu mulai (startAt) wajib diisi.');
  if (typeof input.bakuMutu?.amount !== 'number' || !DURATION_UNITS.includes(input.bakuMutu.unit)) {
    throw bad('Baku mutu tidak valid: perlu jumlah dan satuan (minutes, hours, working_days).');
  }
  if (typeof input.office?.timeZone !== 'string' || !Array.isArray(input.office.officeHours)) {
    throw bad('Data kantor tidak valid: perlu zona waktu dan jam kantor.');
  }
  if (input.office.closures !== undefined && !Array.isArray(input.office.closures)) {
    throw bad('Tanggal libur kantor harus berupa daftar tanggal.');
  }
  if (typeof input.reminderFraction !== 'number') throw bad('Fraksi pengingat wajib berupa angka.');
}

export function createDeadlineActivities() {
  return { computeDeadline };
}
