import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import {
  CHANNELS,
  CLOSED_STATUSES,
  COMPLAINT_STATUSES,
  optionalText,
  stepKeySchema,
  type ComplaintState,
  type ComplaintStatus,
  type Submission,
} from '../../../../../libs/domain/src/complaint';
import { isReadOnlyRole } from '../../../../../libs/domain/src/roles';
import { ComplaintEntity } from '../../../../../libs/persistence/src/entities';
import { workflowStartArgument } from '../../../../../libs/temporal/src/payload-codec';
import { SEARCH_ATTRIBUTES } from '../../../../../libs/temporal/src/search-attributes';
import { complaintWorkflowId } from '../../../../../workflows/complaint/complaint.messages';
import type { AuthUser } from '../../auth/auth.types';
import type { SopRegistry } from '../../catalog/sop-registry';
import { DATA_SOURCE, SOP_REGISTRY, TEMPORAL_CLIENT } from '../../core/gateway.tokens';
import { officeTime } from '../../core/graphql-types';
import { forbidden } from '../../errors/gateway.errors';
import { ComplaintErrors } from '../complaints.errors';
import type { ComplaintFilterInput } from '../complaint.input';
import type { ComplaintConnectionObject, InboxItemObject, SupervisorOverviewObject } from '../complaint.object';
import { countdownsOnDemand, SUMMARY_FIELDS, toSummaryObject, type ComplaintSummaryRow } from '../complaint.mapper';
import { ComplaintCommandsService } from './complaint-commands.service';
import { parseWith } from './validation';
import { isUuid } from '../../../../../libs/persistence/src/transaction';

const REGISTER_NUMBER_PATTERN = /^[A-Za-z0-9./ -]{1,100}$/;
const searchTextSchema = optionalText(200, 'teks pencarian');
export const MAX_PAGE_SIZE = 100;
const SUBMISSION_CACHE_SIZE = 1_000;
/**
 * Statuses whose complaints no inbox shows (closed, or held for the complainant). Written into the
 * inbox query as literals, in this order: the partial index IDX_complaints_inbox has the same predicate.
 */
const INBOX_EXCLUDED_STATUSES: readonly ComplaintStatus[] = [...CLOSED_STATUSES, 'tunda'];

function encodeCursor(row: Pick<ComplaintEntity, 'submittedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.submittedAt.toISOString(), row.id])).toString('base64url');
}

/** A cursor this gateway handed out, or BAD_USER_INPUT: nothing forged reaches PostgreSQL. */
function decodeCursor(cursor: string): { submittedAt: Date; id: string } {
  try {
    if (cursor.length > 200) throw new Error('cursor too long');
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2) throw new Error('bad cursor');
    const [at, id] = decoded as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) throw new Error('bad cursor');
    const submittedAt = new Date(at);
    if (Number.isNaN(submittedAt.getTime())) throw new Error('bad cursor');
    return { submittedAt, id };
  } catch {
    throw ComplaintErrors.invalid('kursor halaman tidak valid', 'after');
  }
}

/** A filter value must be one of the known ones: an unknown value is a mistake, not an empty list. */
function assertKnown(values: readonly string[] | undefined, known: readonly string[], field: string): void {
  for (const value of values ?? []) {
    if (!known.includes(value)) {
      throw ComplaintErrors.invalid(`nilai tidak dikenal; pilih salah satu dari: ${known.join(', ')}`, field);
    }
  }
}

function isoDate(value: string | undefined, field: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value.length > 40 ? new Date(NaN) : new Date(value);
  if (Number.isNaN(date.getTime())) throw ComplaintErrors.invalid('tanggal harus ISO 8601', field);
  return date;
}

/** Whether the caller reads every office (supervisors and auditors with office `*`). */
export function readsEveryOffice(user: AuthUser): boolean {
  return user.office === '*' && user.roles.every((role) => isReadOnlyRole(role));
}

/**
 * Selects the summary columns of `c` under their property names, so that a raw row already is a
 * `ComplaintSummaryRow` (PostgreSQL's types as pg reads them; no entity hydration).
 */
function selectSummary(query: SelectQueryBuilder<ComplaintEntity>): SelectQueryBuilder<ComplaintEntity> {
  const [head, ...rest] = SUMMARY_FIELDS;
  query.select(`c.${head}`, head);
  for (const field of rest) query.addSelect(`c.${field}`, field);
  return query;
}

/** A row of the inbox's read: the summary columns and the current steps. */
export type InboxRow = ComplaintSummaryRow & { currentSteps: ComplaintState['currentSteps'] };

/**
 * The inbox's read: the office's complaints waiting for any of the roles, overdue first, then by due
 * time. Overdue first is due time ascending (every overdue deadline precedes every future one, no
 * deadline last), so the partial index IDX_complaints_inbox serves both filter and order. Summary
 * columns and the current steps only, not the whole state; its rows are `InboxRow`s.
 *
 * The page is chosen on the summary columns first, and the current steps are read from the state of
 * its rows only: a plan that sorts all the office's waiting rows (what PostgreSQL picks for a table
 * it has no statistics of yet, e.g. with autovacuum off) would otherwise detoast every row's state
 * before the limit (about 40 ms at 10,000 rows instead of under 1).
 */
export function inboxQuery(
  dataSource: DataSource,
  office: string,
  roles: readonly string[],
  first: number,
): { sql: string; parameters: unknown[] } {
  const page = selectSummary(dataSource.getRepository(ComplaintEntity).createQueryBuilder('c'))
    .where('c.office_code = :office', { office })
    .andWhere('c.current_actor_roles && :roles::text[]', { roles })
    .andWhere(`c.status NOT IN (${INBOX_EXCLUDED_STATUSES.map((status) => `'${status}'`).join(', ')})`)
    .orderBy('c.due_at', 'ASC', 'NULLS LAST')
    .addOrderBy('c.submitted_at', 'ASC')
    .limit(first);
  const [pageSql, parameters] = page.getQueryAndParameters();
  const sql =
    `SELECT page.*, (SELECT s.state->'currentSteps' FROM complaints s WHERE s.id = page.id) AS "currentSteps" ` +
    `FROM (${pageSql}) page ORDER BY page."dueAt" ASC NULLS LAST, page."submittedAt" ASC`;
  return { sql, parameters };
}

/**
 * Reads: one complaint live from its workflow (never stale), lists and inboxes from the read model.
 * Staff read within their office; supervisors and auditors with office `*` read everything.
 */
@Injectable()
export class ComplaintQueriesService {
  private readonly submissions = new Map<string, Submission>();
  /** The inbox's SQL by page size (at most MAX_PAGE_SIZE entries). */
  private readonly inboxSql = new Map<number, string>();

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: ComplaintCommandsService,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
  ) {}

  assertCanRead(user: AuthUser, officeCode: string): void {
    if (readsEveryOffice(user) || user.office === officeCode) return;
    throw ComplaintErrors.foreignOffice(user.office);
  }

  async complaint(complaintId: string, user: AuthUser): Promise<ComplaintState> {
    const state = await this.commands.state(complaintId);
    this.assertCanRead(user, state.officeCode);
    return state;
  }

  async complaintByRegisterNumber(registerNumber: string, user: AuthUser): Promise<ComplaintState> {
    const complaintId = await this.complaintIdByRegisterNumber(registerNumber);
    if (!complaintId) throw ComplaintErrors.notFound();
    return this.complaint(complaintId, user);
  }

  /** From the read model, or (before the projection caught up) from Temporal's visibility. */
  async complaintIdByRegisterNumber(registerNumber: string): Promise<string | undefined> {
    const trimmed = registerNumber.trim();
    if (!REGISTER_NUMBER_PATTERN.test(trimmed))
      throw ComplaintErrors.invalid('nomor register tidak valid', 'registerNumber');
    const row = await this.dataSource
      .getRepository(ComplaintEntity)
      .findOne({ select: ['id'], where: { registerNumber: trimmed } });
    if (row) return row.id;
    const query = `${SEARCH_ATTRIBUTES.registerNumber.name} = "${trimmed}"`;
    for await (const execution of this.client.workflow.list({ query, pageSize: 1 })) {
      return execution.workflowId.replace(/^complaint-/, '');
    }
    return undefined;
  }

  /** The submission (content, complainant) from the workflow's start input; immutable, so cached. */
  async submission(complaintId: string): Promise<Submission> {
    const cached = this.submissions.get(complaintId);
    if (cached) return cached;
    const input = await workflowStartArgument<{ submission: Submission }>(
      this.client,
      complaintWorkflowId(complaintId),
    );
    if (!input) throw ComplaintErrors.notFound();
    this.remember(complaintId, input.submission);
    return input.submission;
  }

  remember(complaintId: string, submission: Submission): void {
    if (this.submissions.size >= SUBMISSION_CACHE_SIZE) {
      const oldest = this.submissions.keys().next().value;
      if (oldest !== undefined) this.submissions.delete(oldest);
    }
    this.submissions.set(complaintId, submission);
  }

  private scopedOffice(user: AuthUser, requested?: string): string | undefined {
    if (readsEveryOffice(user)) return requested;
    if (requested && requested !== user.office) throw ComplaintErrors.foreignOffice(user.office);
    return user.office;
  }

  async list(
    user: AuthUser,
    filter: ComplaintFilterInput = {},
    first = 20,
    after?: string,
  ): Promise<ComplaintConnectionObject> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw ComplaintErrors.invalid(`first harus 1–${MAX_PAGE_SIZE}`, 'first');
    }
    const query = this.dataSource.getRepository(ComplaintEntity).createQueryBuilder('c');
    this.applyFilter(query, user, filter);
    const totalCount = await query.clone().getCount();
    if (after) {
      const cursor = decodeCursor(after);
      query.andWhere(
        new Brackets((where) => {
          where
            .where('c.submitted_at < :cursorAt', { cursorAt: cursor.submittedAt })
            .orWhere('(c.submitted_at = :cursorAt AND c.id < :cursorId)', { cursorId: cursor.id });
        }),
      );
    }
    const rows = await selectSummary(query)
      .orderBy('c.submitted_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(first + 1)
      .getRawMany<ComplaintSummaryRow>();
    const page = rows.slice(0, first);
    const edges = page.map((row) => ({
      cursor: encodeCursor(row),
      node: toSummaryObject(row, this.registry.timeZoneOf(row.officeCode)),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor },
      totalCount,
    };
  }

  private applyFilter(query: SelectQueryBuilder<ComplaintEntity>, user: AuthUser, filter: ComplaintFilterInput): void {
    this.assertKnownFilter(filter);
    const office = this.scopedOffice(user, filter.officeCode);
    query.where('1 = 1');
    if (office) query.andWhere('c.office_code = :office', { office });
    if (filter.statuses?.length) query.andWhere('c.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.stepKey) query.andWhere(':stepKey = ANY(c.current_step_keys)', { stepKey: filter.stepKey });
    if (filter.channel) query.andWhere('c.channel = :channel', { channel: filter.channel });
    if (filter.slaBreached !== undefined && filter.slaBreached !== null) {
      query.andWhere('c.sla_breached = :breached', { breached: filter.slaBreached });
    }
    const from = isoDate(filter.submittedFrom, 'submittedFrom');
    const to = isoDate(filter.submittedTo, 'submittedTo');
    if (from) query.andWhere('c.submitted_at >= :from', { from });
    if (to) query.andWhere('c.submitted_at < :to', { to });
    const text =
      filter.text === undefined || filter.text === null ? undefined : parseWith(searchTextSchema, filter.text);
    if (text) {
      query.andWhere(
        `to_tsvector('simple'::regconfig, c.subject || ' ' || c.content_excerpt) @@ plainto_tsquery('simple'::regconfig, :text)`,
        { text },
      );
    }
  }

  private assertKnownFilter(filter: ComplaintFilterInput): void {
    assertKnown(filter.statuses ?? undefined, COMPLAINT_STATUSES, 'statuses');
    assertKnown(filter.channel ? [filter.channel] : undefined, CHANNELS, 'channel');
    if (filter.stepKey !== undefined && filter.stepKey !== null) parseWith(stepKeySchema, filter.stepKey);
    const office = filter.officeCode;
    if (office !== undefined && office !== null && !this.registry.offices().some((known) => known.code === office)) {
      throw ComplaintErrors.invalid('kantor tidak dikenal', 'officeCode');
    }
  }

  /** The actions waiting for the caller's roles in the caller's office, overdue first, then by due time. */
  async inbox(user: AuthUser, first = 50): Promise<InboxItemObject[]> {
    if (user.roles.every((role) => isReadOnlyRole(role))) {
      throw forbidden('Pengawas dan auditor tidak memiliki kotak masuk tindakan.');
    }
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw ComplaintErrors.invalid(`first harus 1–${MAX_PAGE_SIZE}`, 'first');
    }
    const rows = await this.inboxRows(user.office, user.roles, first);
    const now = Date.now();
    const roles = user.roles as string[];
    const pendingOf = rows.map((row) =>
      row.currentSteps.filter((step) => step.actorRoles.some((role) => roles.includes(role))),
    );
    // Countdowns only when the query reads one, then one pass per calendar over the page's deadlines.
    const countdownOf = countdownsOnDemand(
      rows.flatMap((row, index) => {
        const calendar = this.registry.calendarOf(row.sopId, row.sopVersion);
        return pendingOf[index]!.map((step) => ({ calendar, step }));
      }),
      now,
    );
    return rows.map((row, index) => {
      const timeZone = this.registry.timeZoneOf(row.officeCode);
      const pending = pendingOf[index]!.map((step) => ({
        stepKey: step.key,
        title: step.title,
        action: step.action,
        allowedRoles: [...step.actorRoles],
        dueAt: step.dueAt,
        dueAtOffice: officeTime(step.dueAt, timeZone),
        get countdown() {
          return countdownOf(step);
        },
        overdue: step.dueAt !== undefined && Date.parse(step.dueAt) < now,
      }));
      return { complaint: toSummaryObject(row, timeZone), pending, overdue: pending.some((item) => item.overdue) };
    });
  }

  /**
   * The inbox's rows. Its SQL depends on the page size only, so `inboxQuery` builds it once per size
   * and a read binds the office and the roles, in the order the builder numbered them.
   */
  private async inboxRows(office: string, roles: readonly string[], first: number): Promise<InboxRow[]> {
    let sql = this.inboxSql.get(first);
    if (sql === undefined) {
      const { sql: built, parameters } = inboxQuery(this.dataSource, office, roles, first);
      if (parameters.length !== 2 || parameters[0] !== office || parameters[1] !== roles) {
        throw new Error('inboxQuery binds other parameters than [office, roles]');
      }
      sql = built;
      this.inboxSql.set(first, sql);
    }
    return (await this.dataSource.query(sql, [office, roles])) as InboxRow[];
  }

  /** Open, overdue and breached complaints of an office and the baku-mutu compliance of each SOP step. */
  async supervisorOverview(user: AuthUser, officeCode: string): Promise<SupervisorOverviewObject> {
    this.assertCanRead(user, officeCode);
    const [counts] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('diterima', 'tunda'))::int AS open,
              count(*) FILTER (WHERE status = 'diterima' AND due_at < now())::int AS overdue,
              count(*) FILTER (WHERE sla_breached)::int AS breached
         FROM complaints WHERE office_code = $1`,
      [officeCode],
    )) as { open: number; overdue: number; breached: number }[];
    const perStep = (await this.dataSource.query(
      `SELECT step->>'key' AS key, max(step->>'title') AS title, count(*)::int AS completed,
              count(*) FILTER (WHERE (step->>'breached')::boolean)::int AS breached
         FROM complaints c, jsonb_array_elements(c.state->'completedSteps') AS step
        WHERE c.office_code = $1
        GROUP BY step->>'key'`,
      [officeCode],
    )) as { key: string; title: string; completed: number; breached: number }[];
    const order = this.registry.activeForOffice(officeCode)?.steps.map((step) => step.key) ?? [];
    const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
    const steps = perStep
      .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key))
      .map((row) => ({
        stepKey: row.key,
        title: row.title,
        completed: row.completed,
        breached: row.breached,
        withinBakuMutu: row.completed - row.breached,
        compliancePercent:
          row.completed > 0 ? Math.round((1000 * (row.completed - row.breached)) / row.completed) / 10 : undefined,
      }));
    return {
      officeCode,
      officeName: this.registry.office(officeCode)?.name,
      ...counts,
      asOf: officeTime(new Date().toISOString(), this.registry.timeZoneOf(officeCode)),
      steps,
    };
  }
}
