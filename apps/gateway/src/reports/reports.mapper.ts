import type {
  AnnualPublicInformationReportObject,
  ComplaintReportObject,
  ReportPeriodObject,
  StepReportObject,
} from './reports.object';
import type {
  AnnualPublicInformationReport,
  ComplaintReport,
  ReportScope,
  StepReport,
} from './services/complaint-report.service';

/** null → absent (GraphQL nullable fields). */
function optional<T>(value: T | null): T | undefined {
  return value ?? undefined;
}

export function toPeriodObject(scope: ReportScope): ReportPeriodObject {
  return {
    officeCode: scope.office.code,
    officeName: scope.office.name,
    year: scope.year,
    ...(scope.month !== undefined ? { month: scope.month } : {}),
    label: scope.label,
    timeZone: scope.office.timeZone,
    from: scope.from,
    to: scope.to,
  };
}

function toStepObject(step: StepReport): StepReportObject {
  return {
    stepKey: step.stepKey,
    title: step.title,
    completed: step.completed,
    withinBakuMutu: step.withinBakuMutu,
    breached: step.breached,
    compliancePercent: optional(step.compliancePercent),
    medianWorkingMinutes: optional(step.medianWorkingMinutes),
    p90WorkingMinutes: optional(step.p90WorkingMinutes),
    medianMinutes: optional(step.medianMinutes),
    p90Minutes: optional(step.p90Minutes),
    medianAllowedMinutes: optional(step.medianAllowedMinutes),
    bakuMutuWorkingMinutes: optional(step.bakuMutuWorkingMinutes),
  };
}

export function toComplaintReportObject(report: ComplaintReport): ComplaintReportObject {
  return {
    period: toPeriodObject(report.scope),
    total: report.total,
    byStatus: report.byStatus,
    byChannel: report.byChannel,
    byType: report.byType,
    byCategory: report.byCategory,
    steps: report.steps.map(toStepObject),
    openAtEnd: report.openAtEnd,
    overdueAtEnd: report.overdueAtEnd,
  };
}

export function toAnnualReportObject(report: AnnualPublicInformationReport): AnnualPublicInformationReportObject {
  return {
    period: toPeriodObject(report.scope),
    totals: {
      ...report.totals,
      month: 0,
      monthName: 'Jumlah',
      averageDaysToAnswer: optional(report.totals.averageDaysToAnswer),
    },
    medianDaysToAnswer: optional(report.medianDaysToAnswer),
    months: report.months.map((month) => ({ ...month, averageDaysToAnswer: optional(month.averageDaysToAnswer) })),
    byType: report.byType,
    byChannel: report.byChannel,
    refusalReasons: report.refusalReasons,
    steps: report.steps.map(toStepObject),
  };
}
