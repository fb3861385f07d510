import type { ComplaintUpdateResult } from '../../../../../workflows/complaint/complaint.messages';

/**
 * Whether the complaint row `c` shows the state an Update answered with: the same status, current
 * steps (in order) and register number, when the answer gives one. The projection writes these
 * columns from the same state as the `state` column, in one statement. Placeholders from
 * `$firstParameter` on.
 */
export function settledStateCondition(
  answer: ComplaintUpdateResult,
  firstParameter: number,
): { sql: string; parameters: unknown[] } {
  const [status, stepKeys, registerNumber] = [0, 1, 2].map((offset) => `$${firstParameter + offset}`);
  return {
    sql: `c.status = ${status} AND c.current_step_keys = ${stepKeys}::text[]
          AND (${registerNumber}::text IS NULL OR c.register_number = ${registerNumber})`,
    parameters: [answer.status, answer.currentStepKeys, answer.registerNumber ?? null],
  };
}
