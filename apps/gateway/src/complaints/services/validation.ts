import { indonesianIssueMessages } from '../../../../../libs/domain/src/complaint';
import { ComplaintErrors } from '../complaints.errors';

interface SafeParser<T> {
  safeParse(
    value: unknown,
    params: { error: typeof indonesianIssueMessages },
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Parses with a domain zod schema; the first problem becomes a BAD_USER_INPUT in Indonesian. */
export function parseWith<T>(schema: SafeParser<T>, value: unknown): T {
  const result = schema.safeParse(value, { error: indonesianIssueMessages });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  throw ComplaintErrors.invalid(issue?.message ?? 'format salah', path);
}
