import type { DataSource, QueryRunner } from 'typeorm';
import { DateTime } from 'luxon';
import { officeSchema, type Office, type SopDefinition } from '../../domain/src/sop';
import { DomainError } from '../../domain/src/errors';
import { withOffice } from '../../domain/src/sop-document';
import { parseSop } from '../../domain/src/sop-validator';
import type { SopVersionStatus } from './entities/sop-version.entity';
import { inTransaction, queryRows } from './transaction';

/**
 * The one module that reads and writes the catalog tables (offices, sop_versions, staff_users,
 * admin_audit): row shapes, the seed load, and the audit entry every change writes in the same
 * transaction.
 */

/** Who made a change (a staff token's subject, or `seed` for the migrate step). */
export interface ChangeActor {
  userId: string;
  name: string;
  role: string;
}

export const SEED_ACTOR: ChangeActor = { userId: 'seed', name: 'Data awal (seeds/)', role: 'system' };

export interface StoredSopVersion {
  sopId: string;
  version: number;
  officeCode: string;
  status: SopVersionStatus;
  title: string;
  effectiveDate: string | null;
  document: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
  publishedBy: string | null;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

export interface StaffUser {
  id: string;
  officeCode: string;
  name: string;
  roles: string[];
  email: string | null;
  phone: string | null;
  active: boolean;
  updatedAt: Date;
}

export interface AdminAuditEntry {
  id: string;
  at: Date;
  actorUserId: string;
  actorName: string;
  actorRole: string;
  officeCode: string;
  entity: string;
  entityKey: string;
  action: string;
  change: Record<string, unknown>;
}

type Runner = Pick<QueryRunner, 'query'>;

interface OfficeRow {
  code: string;
  name: string;
  kind: string;
  region: string | null;
  time_zone: string;
  office_hours: unknown;
  closures: unknown;
  register_number_format: string;
}

export function officeFromRow(row: OfficeRow): Office {
  return officeSchema.parse({
    code: row.code,
    name: row.name,
    kind: row.kind,
    ...(row.region ? { region: row.region } : {}),
    timeZone: row.time_zone,
    officeHours: row.office_hours,
    closures: row.closures,
    registerNumberFormat: row.register_number_format,
  });
}

interface SopVersionRow {
  sop_id: string;
  version: number;
  office_code: string;
  status: SopVersionStatus;
  title: string;
  effective_date: string | null;
  document: Record<string, unknown>;
  created_by: string;
  created_at: Date;
  published_by: string | null;
  published_at: Date | null;
  retired_at: Date | null;
}

function versionFromRow(row: SopVersionRow): StoredSopVersion {
  return {
    sopId: row.sop_id,
    version: row.version,
    officeCode: row.office_code,
    status: row.status,
    title: row.title,
    effectiveDate: row.effective_date,
    document: row.document,
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    retiredAt: row.retired_at,
  };
}

const VERSION_COLUMNS = `sop_id, version, office_code, status, title, to_char(effective_date, 'YYYY-MM-DD') AS effective_date, document, created_by, created_at, published_by, published_at, retired_at`;

export async function listOffices(runner: Runner): Promise<Office[]> {
  const rows: OfficeRow[] = await runner.query(`SELECT * FROM offices ORDER BY code`);
  return rows.map(officeFromRow);
}

export async function findOffice(runner: Runner, code: string): Promise<Office | undefined> {
  const rows: OfficeRow[] = await runner.query(`SELECT * FROM offices WHERE code = $1`, [code]);
  return rows[0] ? officeFromRow(rows[0]) : undefined;
}

export async function listSopVersions(
  runner: Runner,
  filter: { sopId?: string; officeCode?: string; statuses?: readonly SopVersionStatus[] } = {},
): Promise<StoredSopVersion[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.sopId) where.push(`sop_id = $${params.push(filter.sopId)}`);
  if (filter.officeCode) where.push(`office_code = $${params.push(filter.officeCode)}`);
  if (filter.statuses) where.push(`status = ANY($${params.push(filter.statuses)})`);
  const rows: SopVersionRow[] = await runner.query(
    `SELECT ${VERSION_COLUMNS} FROM sop_versions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sop_id, version`,
    params,
  );
  return rows.map(versionFromRow);
}

export async function findSopVersion(
  runner: Runner,
  sopId: string,
  version: number,
  forUpdate = false,
): Promise<StoredSopVersion | undefined> {
  const rows: SopVersionRow[] = await runner.query(
    `SELECT ${VERSION_COLUMNS} FROM sop_versions WHERE sop_id = $1 AND version = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [sopId, version],
  );
  return rows[0] ? versionFromRow(rows[0]) : undefined;
}

/** The SOP definition of a stored version, with its office's current hours and closures joined in. */
export function resolveSopVersion(stored: StoredSopVersion, office: Office): SopDefinition {
  return parseSop(
    withOffice(
      {
        ...stored.document,
        id: stored.sopId,
        version: stored.version,
        ...(stored.effectiveDate ? { effectiveDate: stored.effectiveDate } : {}),
      },
      new Map([[office.code, office]]),
    ),
  );
}

/** The office's local calendar day of an instant. */
export function localDate(at: Date, office: Pick<Office, 'timeZone'>): string {
  return DateTime.fromJSDate(at, { zone: office.timeZone }).toISODate() as string;
}

export async function recordAdminChange(
  runner: Runner,
  actor: ChangeActor,
  entry: { officeCode: string; entity: string; entityKey: string; action: string; change: Record<string, unknown> },
): Promise<void> {
  await runner.query(
    `INSERT INTO admin_audit (actor_user_id, actor_name, actor_role, office_code, entity, entity_key, action, change)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [actor.userId, actor.name, actor.role, entry.officeCode, entry.entity, entry.entityKey, entry.action, entry.change],
  );
}

export async function listAdminAudit(
  runner: Runner,
  filter: { officeCodes?: readonly string[]; limit?: number } = {},
): Promise<AdminAuditEntry[]> {
  const params: unknown[] = [];
  const where = filter.officeCodes ? `WHERE office_code = ANY($${params.push(filter.officeCodes)})` : '';
  const rows: Record<string, unknown>[] = await runner.query(
    `SELECT * FROM admin_audit ${where} ORDER BY id DESC LIMIT $${params.push(filter.limit ?? 100)}`,
    params,
  );
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at as Date,
    actorUserId: row.actor_user_id as string,
    actorName: row.actor_name as string,
    actorRole: row.actor_role as string,
    officeCode: row.office_code as string,
    entity: row.entity as string,
    entityKey: row.entity_key as string,
    action: row.action as string,
    change: row.change as Record<string, unknown>,
  }));
}

/** The id of the newest audit entry: every catalog change writes one, so it changes when the catalog does. */
export async function catalogRevision(runner: Runner): Promise<string> {
  const rows: { revision: string | null }[] = await runner.query(`SELECT max(id)::text AS revision FROM admin_audit`);
  return rows[0]?.revision ?? '0';
}

/** Creates or replaces an office; returns the previous one, if any. */
export async function saveOffice(runner: Runner, office: Office, actor: ChangeActor): Promise<Office | undefined> {
  const previous = await findOffice(runner, office.code);
  await runner.query(
    `INSERT INTO offices (code, name, kind, region, time_zone, office_hours, closures, register_number_format)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, region = EXCLUDED.region,
       time_zone = EXCLUDED.time_zone, office_hours = EXCLUDED.office_hours, closures = EXCLUDED.closures,
       register_number_format = EXCLUDED.register_number_format, updated_at = now()`,
    [
      office.code,
      office.name,
      office.kind,
      office.region ?? null,
      office.timeZone,
      JSON.stringify(office.officeHours),
      JSON.stringify(office.closures),
      office.registerNumberFormat,
    ],
  );
  await recordAdminChange(runner, actor, {
    officeCode: office.code,
    entity: 'office',
    entityKey: office.code,
    action: previous ? 'update' : 'create',
    change: previous ? { before: previous, after: office } : { after: office },
  });
  return previous;
}

/** Inserts a new SOP version row (draft or, for seeds, published). */
export async function insertSopVersion(
  runner: Runner,
  row: Pick<StoredSopVersion, 'sopId' | 'version' | 'officeCode' | 'status' | 'title' | 'effectiveDate' | 'document'>,
  actor: ChangeActor,
): Promise<void> {
  const published = row.status === 'published';
  await runner.query(
    `INSERT INTO sop_versions (sop_id, version, office_code, status, title, effective_date, document, created_by, published_by, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.sopId,
      row.version,
      row.officeCode,
      row.status,
      row.title,
      row.effectiveDate,
      row.document,
      actor.userId,
      published ? actor.userId : null,
      published ? new Date() : null,
    ],
  );
  await recordAdminChange(runner, actor, {
    officeCode: row.officeCode,
    entity: 'sop_version',
    entityKey: `${row.sopId}@${row.version}`,
    action: published ? 'publish' : 'draft',
    change: { status: row.status, effectiveDate: row.effectiveDate, document: row.document },
  });
}

export async function nextSopVersionNumber(runner: Runner, sopId: string): Promise<number> {
  const rows: { next: number }[] = await runner.query(
    `SELECT COALESCE(max(version), 0) + 1 AS next FROM sop_versions WHERE sop_id = $1`,
    [sopId],
  );
  return Number(rows[0]?.next ?? 1);
}

export async function setSopVersionStatus(
  runner: Runner,
  stored: StoredSopVersion,
  change: { status: 'published'; effectiveDate: string; document: Record<string, unknown> } | { status: 'retired' },
  actor: ChangeActor,
): Promise<void> {
  if (change.status === 'published') {
    await runner.query(
      `UPDATE sop_versions SET status = 'published', effective_date = $3, document = $4, published_by = $5, published_at = now()
       WHERE sop_id = $1 AND version = $2`,
      [stored.sopId, stored.version, change.effectiveDate, change.document, actor.userId],
    );
  } else {
    await runner.query(
      `UPDATE sop_versions SET status = 'retired', retired_at = now() WHERE sop_id = $1 AND version = $2`,
      [stored.sopId, stored.version],
    );
  }
  await recordAdminChange(runner, actor, {
    officeCode: stored.officeCode,
    entity: 'sop_version',
    entityKey: `${stored.sopId}@${stored.version}`,
    action: change.status === 'published' ? 'publish' : 'retire',
    change: change.status === 'published' ? { effectiveDate: change.effectiveDate } : { before: stored.status },
  });
}

const STAFF_COLUMNS = `id, office_code AS "officeCode", name, roles, email, phone, active, updated_at AS "updatedAt"`;

export async function listStaffUsers(runner: Runner, officeCodes?: readonly string[]): Promise<StaffUser[]> {
  return officeCodes
    ? runner.query(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE office_code = ANY($1) ORDER BY office_code, name`, [
        officeCodes,
      ])
    : runner.query(`SELECT ${STAFF_COLUMNS} FROM staff_users ORDER BY office_code, name`);
}

export async function findStaffUser(runner: Runner, id: string): Promise<StaffUser | undefined> {
  const rows: StaffUser[] = await runner.query(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE id = $1`, [id]);
  return rows[0];
}

export async function saveStaffUser(
  runner: Runner,
  user: Omit<StaffUser, 'updatedAt'>,
  actor: ChangeActor,
): Promise<StaffUser> {
  const previous = await findStaffUser(runner, user.id);
  const rows: StaffUser[] = await runner.query(
    `INSERT INTO staff_users (id, office_code, name, roles, email, phone, active) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET office_code = EXCLUDED.office_code, name = EXCLUDED.name, roles = EXCLUDED.roles,
       email = EXCLUDED.email, phone = EXCLUDED.phone, active = EXCLUDED.active, updated_at = now()
     RETURNING ${STAFF_COLUMNS}`,
    [user.id, user.officeCode, user.name, user.roles, user.email, user.phone, user.active],
  );
  const { updatedAt: _before, ...before } = previous ?? ({} as StaffUser);
  await recordAdminChange(runner, actor, {
    officeCode: user.officeCode,
    entity: 'staff_user',
    entityKey: user.id,
    action: !previous ? 'create' : user.active ? 'update' : 'deactivate',
    change: previous ? { before, after: user } : { after: user },
  });
  return rows[0] as StaffUser;
}

/**
 * Loads the seed offices and SOP versions that the database does not have yet (by office code and
 * by SOP id and version), as published versions, each with an audit entry. A changed seed is a new
 * version in its file, so a version already loaded is never overwritten. Returns what it loaded.
 */
export async function loadSeeds(
  dataSource: DataSource,
  seeds: { offices: readonly Office[]; sops: readonly SopDefinition[] },
): Promise<string[]> {
  return inTransaction(dataSource, async (runner) => {
    // One loader at a time (worker and gateway may migrate at once).
    await runner.query(`SELECT pg_advisory_xact_lock(7351001)`);
    const loaded: string[] = [];
    for (const office of seeds.offices) {
      if (await findOffice(runner, office.code)) continue;
      await saveOffice(runner, office, SEED_ACTOR);
      loaded.push(`office ${office.code}`);
    }
    for (const sop of seeds.sops) {
      const present = await queryRows(runner, `SELECT 1 FROM sop_versions WHERE sop_id = $1 AND version = $2`, [
        sop.id,
        sop.version,
      ]);
      if (present.length > 0) continue;
      const { office, ...document } = sop;
      await insertSopVersion(
        runner,
        {
          sopId: sop.id,
          version: sop.version,
          officeCode: office.code,
          status: 'published',
          title: sop.title,
          // A seed without a date of its own is in force from the day it is loaded.
          effectiveDate: sop.effectiveDate ?? localDate(new Date(), office),
          document: { ...document, office: office.code },
        },
        SEED_ACTOR,
      );
      loaded.push(`sop ${sop.id}@${sop.version}`);
    }
    return loaded;
  });
}

/**
 * Drafts and publishes a validated SOP definition as the next version of its id, in the caller's
 * transaction (the CLI's `sop publish`). The id must belong to the same office. Returns the version.
 */
export async function publishNextVersion(
  runner: Runner,
  sop: SopDefinition,
  effectiveDate: string,
  actor: ChangeActor,
): Promise<number> {
  await runner.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sop:${sop.id}`]);
  const other = (await listSopVersions(runner, { sopId: sop.id })).find((row) => row.officeCode !== sop.office.code);
  if (other) {
    throw new DomainError('CONFLICT', `SOP ${sop.id} milik kantor ${other.officeCode}; gunakan id SOP lain.`);
  }
  const version = await nextSopVersionNumber(runner, sop.id);
  const { office, ...rest } = sop;
  const document = { ...rest, version, effectiveDate, office: office.code };
  await insertSopVersion(
    runner,
    {
      sopId: sop.id,
      version,
      officeCode: office.code,
      status: 'draft',
      title: sop.title,
      effectiveDate: null,
      document,
    },
    actor,
  );
  const draft = await findSopVersion(runner, sop.id, version);
  await setSopVersionStatus(runner, draft as StoredSopVersion, { status: 'published', effectiveDate, document }, actor);
  return version;
}

/**
 * What changed in the catalog after a revision: offices and SOP versions (staff changes do not
 * count). Entries of the last two minutes come back too: a transaction may commit after one with a
 * higher id was already seen, and re-applying a change is harmless.
 */
export async function catalogChangesSince(
  runner: Runner,
  revision: string,
): Promise<{ revision: string; offices: string[]; sopVersions: { sopId: string; version: number }[] }> {
  const rows: { id: string; entity: string; entity_key: string }[] = await runner.query(
    `SELECT id::text AS id, entity, entity_key FROM admin_audit
     WHERE id > $1::bigint OR at > now() - interval '2 minutes' ORDER BY id`,
    [revision],
  );
  const offices = new Set<string>();
  const versions = new Map<string, { sopId: string; version: number }>();
  for (const row of rows) {
    if (row.entity === 'office') offices.add(row.entity_key);
    if (row.entity === 'sop_version') {
      const at = row.entity_key.lastIndexOf('@');
      versions.set(row.entity_key, {
        sopId: row.entity_key.slice(0, at),
        version: Number(row.entity_key.slice(at + 1)),
      });
    }
  }
  const newest = rows.reduce((max, row) => (BigInt(row.id) > BigInt(max) ? row.id : max), revision);
  return { revision: newest, offices: [...offices], sopVersions: [...versions.values()] };
}
