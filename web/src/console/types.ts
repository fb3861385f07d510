import type { OfficeTime, WorkingTimeCountdown } from '../shared/time';

export interface StaffUser {
  sub: string;
  name: string;
  roles: string[];
  office: string;
}

export type View =
  { kind: 'inbox' } | { kind: 'supervisor' } | { kind: 'complaint'; id: string; from: 'inbox' | 'supervisor' };

export interface SopStep {
  key: string;
  title: string;
  action: string;
  actorRoles: string[];
  bakuMutu: { amount: number; unit: string };
  transitions: { to: string; when: string | null }[];
}

export interface CurrentStep {
  key: string;
  title: string;
  action: string;
  actorRoles: string[];
  breached: boolean;
  overdue: boolean;
  dueAt: string | null;
  dueAtOffice: OfficeTime | null;
  startedAtOffice: OfficeTime;
  countdown: WorkingTimeCountdown | null;
  bakuMutu: { amount: number; unit: string };
  assignee: { userId: string; name: string } | null;
}

export interface ComplaintDetail {
  id: string;
  registerNumber: string | null;
  officeCode: string;
  status: string;
  statusLabel: string;
  stage: string;
  timeZone: string;
  channel: string;
  confidential: boolean;
  slaBreached: boolean;
  submittedAtOffice: OfficeTime;
  closedAtOffice: OfficeTime | null;
  submission: {
    subject: string;
    content: string;
    location: string | null;
    complainant: {
      anonymous: boolean;
      hidden: boolean;
      name: string | null;
      phone: string | null;
      email: string | null;
    };
  } | null;
  sop: { title: string; steps: SopStep[] } | null;
  currentSteps: CurrentStep[];
  completedSteps: {
    key: string;
    title: string;
    action: string;
    outcome: string;
    breached: boolean;
    completedAtOffice: OfficeTime;
    by: { name: string; role: string | null } | null;
  }[];
  notes: { text: string; actor: { name: string; role: string | null }; atOffice: OfficeTime }[];
  answer: { text: string; deliveredAt: string | null } | null;
  tunda: { reason: string } | null;
  rating: { score: number; comment: string | null } | null;
}
