import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two partial indexes of the complaints read model.
 * - The inbox: the complaints of an office that take actions (not closed, not held for the
 *   complainant), by due time then submission, the inbox's own order; it reads the first rows that
 *   match the caller's roles instead of sorting every open complaint of the office. The predicate is
 *   the inbox query's, literally (INBOX_EXCLUDED_STATUSES), so the planner can prove it.
 * - The complainant's lookup by tracking code alone, which is allowed only while a complaint has
 *   no register number yet (PPID gives it at a later step).
 */
export class InboxAndTrackingIndexes1765200000000 implements MigrationInterface {
  name = 'InboxAndTrackingIndexes1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_complaints_inbox" ON "complaints" ("office_code", "due_at", "submitted_at")
       WHERE "status" NOT IN ('selesai', 'ditolak', 'dialihkan', 'dicabut', 'tidak_lengkap', 'tunda')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_complaints_unnumbered_tracking_code" ON "complaints" ("tracking_code_hash")
       WHERE "register_number" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_unnumbered_tracking_code"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_inbox"`);
  }
}
