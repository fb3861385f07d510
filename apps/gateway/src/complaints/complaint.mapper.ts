import {
  STATUS_LABELS,
  type ActionInput,
  type Actor,
  type ComplaintState,
  type ComplaintStatus,
  type Submission,
} from '../../../../libs/domain/src/complaint';
import type { ComplaintEntity } from '../../../../libs/persistence/src/entities';
import { complaintWorkflowId } from '../../../../workflows/complaint/complaint.messages';
import type { AuthUser } from '../auth/auth.types';
import type { BusinessCalendar } from '../../../../libs/calendar/src/business-calendar';
import { officeTime } from '../core/graphql-types';
import { complaintStage } from './complaint-stage';
import type {
  ActionInputObject,
  ComplaintObject,
  ComplaintSummaryObject,
  PersonObject,
  PublicComplaintStatusObject,
  SubmissionObject,
  WorkingTimeCountdownObject,
} from './complaint.object';

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as ComplaintStatus] ?? status;
}

function person(actor: Actor | { userId: string; name: string; role?: string } | undefined): PersonObject | undefined {
  if (!actor) return undefined;
  return {
    userId: actor.userId,
    name: actor.name,
    role: actor.role,
    officeCode: 'officeCode' in actor ? actor.officeCode : undefined,
  };
}

/** An action's payload as the typed `ActionInput` (every member of the union maps to its own fields). */
export function toActionInputObject(input: ActionInput): ActionInputObject {
  const { kind, ...fields } = input;
  return { kind, ...fields, participants: 'participants' in fields ? [...fields.participants] : undefined };
}

/**
 * The countdowns of steps of one office due at `dueAts`, in its calendar's working time, as of `now`: the opening state is read
 * once and the office hours walked once for all deadlines (an inbox shows up to 100 of them).
 */
export function workingTimeCountdowns(
  calendar: BusinessCalendar | undefined,
  dueAts: readonly (string | undefined)[],
  now: number,
): (WorkingTimeCountdownObject | undefined)[] {
  const due = dueAts.filter((dueAt): dueAt is string => dueAt !== undefined);
  if (!calendar || due.length === 0) return dueAts.map(() => undefined);
  const at = new Date(now);
  const opening = calendar.openingState(at);
  const changesAt = opening.changesAt.toISOString();
  // One object for the page: its label is made once, if selected.
  const changesAtOffice = officeTime(changesAt, calendar.timeZone);
  const minutesLeft = calendar.workingMinutesUntilEach(at, due);
  let next = 0;
  return dueAts.map((dueAt) =>
    dueAt === undefined
      ? undefined
      : {
          at: at.toISOString(),
          workingMinutesLeft: minutesLeft[next++]!,
          officeOpen: opening.open,
          changesAt,
          changesAtOffice,
        },
  );
}

/**
 * The countdowns of a response's steps, computed on the first lookup and then for all of them at once
 * (one `workingTimeCountdowns` per calendar, as of `now`): a query that selects no countdown costs
 * none. Mappers read it from a `countdown` getter, so GraphQL resolves it only when selected.
 */
export function countdownsOnDemand<Step extends { dueAt?: string }>(
  steps: readonly { calendar: BusinessCalendar | undefined; step: Step }[],
  now: number,
): (step: Step) => WorkingTimeCountdownObject | undefined {
  let computed: Map<Step, WorkingTimeCountdownObject | undefined> | undefined;
  return (step) => {
    if (!computed) {
      computed = new Map();
      const byCalendar = new Map<BusinessCalendar | undefined, Step[]>();
      for (const entry of steps) {
        const group = byCalendar.get(entry.calendar);
        if (group) group.push(entry.step);
        else byCalendar.set(entry.calendar, [entry.step]);
      }
      for (const [calendar, group] of byCalendar) {
        const countdowns = workingTimeCountdowns(
          calendar,
          group.map((member) => member.dueAt),
          now,
        );
        group.forEach((member, index) => computed!.set(member, countdowns[index]));
      }
    }
    return computed.get(step);
  };
}

/** The workflow's state as the GraphQL `Complaint` (never the read-model entity); times also in `timeZone`. */
export function toComplaintObject(
  state: ComplaintState,
  timeZone: string,
  calendar?: BusinessCalendar,
  now: number = Date.now(),
): ComplaintObject {
  const countdownOf = countdownsOnDemand(
    state.currentSteps.map((step) => ({ calendar, step })),
    now,
  );
  const handlingRoles = new Set<string>();
  for (const step of state.currentSteps) step.actorRoles.forEach((role) => handlingRoles.add(role));
  for (const action of state.actions) handlingRoles.add(action.actor.role);
  return {
    id: state.complaintId,
    workflowId: complaintWorkflowId(state.complaintId),
    registerNumber: state.registerNumber,
    officeCode: state.officeCode,
    sopId: state.sopId,
    sopVersion: state.sopVersion,
    channel: state.channel,
    status: state.status,
    statusLabel: statusLabel(state.status),
    stage: complaintStage(state),
    timeZone,
    complaintType: state.classification?.complaintType,
    category: state.classification?.category,
    confidential: state.confidential,
    underPpidAuthority: state.classification?.underPpidAuthority,
    currentSteps: state.currentSteps.map((step) => ({
      key: step.key,
      title: step.title,
      action: step.action,
      actorRoles: [...step.actorRoles],
      bakuMutu: { ...step.bakuMutu },
      startedAt: step.startedAt,
      dueAt: step.dueAt,
      startedAtOffice: officeTime(step.startedAt, timeZone),
      dueAtOffice: officeTime(step.dueAt, timeZone),
      get countdown() {
        return countdownOf(step);
      },
      breached: step.breached,
      overdue: step.dueAt !== undefined && Date.parse(step.dueAt) < now,
      assignee: step.assignee ? { userId: step.assignee.userId, name: step.assignee.name } : undefined,
    })),
    completedSteps: state.completedSteps.map((step) => ({
      ...step,
      by: person(step.by),
      completedAtOffice: officeTime(step.completedAt, timeZone),
      dueAtOffice: officeTime(step.dueAt, timeZone),
    })),
    breaches: state.breaches.map((breach) => ({ ...breach, escalatedTo: [...breach.escalatedTo] })),
    slaBreached: state.breaches.length > 0,
    actions: state.actions.map((action) => ({
      requestId: action.requestId,
      stepKey: action.stepKey,
      kind: action.kind,
      outcome: action.outcome,
      actor: person(action.actor)!,
      at: action.at,
      atOffice: officeTime(action.at, timeZone),
      via: action.via,
      input: toActionInputObject(action.input),
    })),
    notes: state.notes.map((note) => ({
      requestId: note.requestId,
      actor: person(note.actor)!,
      text: note.text,
      at: note.at,
      atOffice: officeTime(note.at, timeZone),
    })),
    supplements: state.supplements.map((supplement) => ({
      content: supplement.content,
      attachmentCount: supplement.attachments.length,
      at: supplement.at,
    })),
    dispositions: state.dispositions.map((disposition) => ({ ...disposition, by: person(disposition.by)! })),
    decision: state.decision ? { ...state.decision, by: person(state.decision.by)! } : undefined,
    rapat: state.rapat
      ? {
          heldAt: state.rapat.heldAt,
          participants: [...state.rapat.participants],
          minutes: state.rapat.minutes,
          decision: state.rapat.decision,
          recordedBy: person(state.rapat.recordedBy)!,
        }
      : undefined,
    answer: state.answer
      ? {
          text: state.answer.text,
          draftedBy: person(state.answer.draftedBy),
          signedBy: person(state.answer.signedBy),
          signedAt: state.answer.signedAt,
          deliveredAt: state.answer.deliveredAt,
          channel: state.answer.channel,
          receipt: state.answer.receipt,
        }
      : undefined,
    tunda: state.tunda ? { ...state.tunda } : undefined,
    rating: state.rating ? { ...state.rating } : undefined,
    reopenedCount: state.reopenedCount,
    submittedAt: state.submittedAt,
    closedAt: state.closedAt,
    submittedAtOffice: officeTime(state.submittedAt, timeZone),
    closedAtOffice: officeTime(state.closedAt, timeZone),
    closeReason: state.closeReason,
    handlingRoles: [...handlingRoles],
  };
}

/** Whether the caller may see the complainant's identity of a confidential complaint. */
export function canSeeComplainant(
  complaint: Pick<ComplaintObject, 'confidential' | 'handlingRoles'>,
  user?: AuthUser,
): boolean {
  if (!complaint.confidential) return true;
  if (!user) return false;
  return user.roles.some((role) => complaint.handlingRoles.includes(role));
}

export function toSubmissionObject(submission: Submission, revealComplainant: boolean): SubmissionObject {
  const { complainant } = submission;
  return {
    subject: submission.subject,
    content: submission.content,
    location: submission.location,
    attachments: submission.attachments.map((attachment) => ({ ...attachment })),
    complainant: revealComplainant
      ? {
          anonymous: complainant.anonymous,
          hidden: false,
          name: complainant.anonymous ? undefined : complainant.name,
          phone: complainant.phone,
          email: complainant.email,
          address: complainant.address,
        }
      : { anonymous: complainant.anonymous, hidden: true },
  };
}

/** The read-model columns a complaint summary shows (lists and inboxes select these, never the whole state). */
export const SUMMARY_FIELDS = [
  'id',
  'registerNumber',
  'officeCode',
  'sopId',
  'sopVersion',
  'channel',
  'status',
  'complaintType',
  'category',
  'confidential',
  'subject',
  'currentStepKeys',
  'currentActorRoles',
  'dueAt',
  'slaBreached',
  'submittedAt',
  'closedAt',
  'updatedAt',
] as const satisfies readonly (keyof ComplaintEntity)[];

export type ComplaintSummaryRow = Pick<ComplaintEntity, (typeof SUMMARY_FIELDS)[number]>;

export function toSummaryObject(row: ComplaintSummaryRow, timeZone: string): ComplaintSummaryObject {
  const submittedAt = row.submittedAt.toISOString();
  const dueAt = row.dueAt ? row.dueAt.toISOString() : undefined;
  return {
    id: row.id,
    registerNumber: row.registerNumber ?? undefined,
    officeCode: row.officeCode,
    sopId: row.sopId,
    channel: row.channel,
    status: row.status,
    statusLabel: statusLabel(row.status),
    complaintType: row.complaintType ?? undefined,
    category: row.category ?? undefined,
    confidential: row.confidential,
    subject: row.subject,
    currentStepKeys: [...row.currentStepKeys],
    currentActorRoles: [...row.currentActorRoles],
    dueAt,
    slaBreached: row.slaBreached,
    submittedAt,
    closedAt: row.closedAt ? row.closedAt.toISOString() : undefined,
    updatedAt: row.updatedAt.toISOString(),
    submittedAtOffice: officeTime(submittedAt, timeZone),
    dueAtOffice: officeTime(dueAt, timeZone),
  };
}

/**
 * What a complainant may see: status, the stage in plain words, dates and the delivered answer.
 * Nothing internal: no staff names, notes or disposition texts.
 */
export function toPublicStatus(
  state: ComplaintState,
  office: { timeZone: string; name?: string },
  now: number = Date.now(),
): PublicComplaintStatusObject {
  const delivered = state.answer?.deliveredAt !== undefined;
  const { timeZone } = office;
  const tunda = state.status === 'tunda' ? state.tunda : undefined;
  return {
    registerNumber: state.registerNumber,
    status: state.status,
    statusLabel: statusLabel(state.status),
    stage: complaintStage(state),
    officeName: office.name,
    missingInformation: tunda?.reason,
    ratingScore: state.rating?.score,
    submittedAtOffice: officeTime(state.submittedAt, timeZone),
    answeredAtOffice: delivered ? officeTime(state.answer?.deliveredAt, timeZone) : undefined,
    closedAtOffice: officeTime(state.closedAt, timeZone),
    informationDueAtOffice: officeTime(tunda?.limitAt, timeZone),
    submittedAt: state.submittedAt,
    closedAt: state.closedAt,
    answer: delivered ? state.answer?.text : undefined,
    answeredAt: delivered ? state.answer?.deliveredAt : undefined,
    awaitingInformation: state.status === 'tunda',
    canRateOrReopen:
      state.status === 'dijawab' && state.reopenUntil !== undefined && Date.parse(state.reopenUntil) > now,
  };
}
