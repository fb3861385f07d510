import type { RecapState } from '../../../../libs/domain/src/recap';
import type { MonthlyRecapObject, RecapCountObject } from './recap.object';

const counts = (record: Record<string, number>): RecapCountObject[] =>
  Object.entries(record)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/** The GraphQL view of a recap's live state. */
export function toRecapObject(state: RecapState): MonthlyRecapObject {
  const { summary } = state;
  return {
    officeCode: state.officeCode,
    year: state.year,
    month: state.month,
    status: state.status,
    summary: summary && {
      total: summary.total,
      answered: summary.answered,
      closed: summary.closed,
      breached: summary.breached,
      breachedRegisterNumbers: summary.breachedRegisterNumbers,
      averageMinutesToAnswer: summary.averageMinutesToAnswer ?? undefined,
      averageMinutesToClose: summary.averageMinutesToClose ?? undefined,
      byStatus: counts(summary.byStatus),
      byChannel: counts(summary.byChannel),
      byType: counts(summary.byType),
      byCategory: counts(summary.byCategory),
      generatedAt: summary.generatedAt,
      archiveRegisterHead: summary.archiveRegisterHead,
    },
    currentStep: state.currentStep && { ...state.currentStep },
    completedSteps: state.completedSteps.map((step) => ({ ...step, completedBy: step.by.name })),
    compileNote: state.compileNote,
    evaluation: state.evaluation && { ...state.evaluation, by: state.evaluation.by.name },
    archive: state.archive,
  };
}
