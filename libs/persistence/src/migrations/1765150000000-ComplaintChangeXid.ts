import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transaction that last changed a complaint's event sequence, for the change feed. Event time
 * (`updated_at`) cannot order writes: a projection that lands late carries an older event time. A
 * transaction id can, against a snapshot's xmin: every transaction below it has ended, so a reader
 * that keeps the xmin of its last read as its watermark sees each committed change, late or not,
 * and re-reads only what was in flight. A trigger stamps it, so no writer can forget it.
 */
export class ComplaintChangeXid1765150000000 implements MigrationInterface {
  name = 'ComplaintChangeXid1765150000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaints" ADD "change_xid" bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX "IDX_complaints_change_xid" ON "complaints" ("change_xid")`);
    // A rewrite of the same event sequence (an idempotent retry) is no change and keeps its stamp.
    await queryRunner.query(
      `CREATE FUNCTION "complaints_stamp_change_xid"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' OR NEW.last_event_seq IS DISTINCT FROM OLD.last_event_seq THEN
           NEW.change_xid := pg_current_xact_id()::text::bigint;
         ELSE
           NEW.change_xid := OLD.change_xid;
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "complaints_change_xid" BEFORE INSERT OR UPDATE ON "complaints"
       FOR EACH ROW EXECUTE FUNCTION "complaints_stamp_change_xid"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "complaints_change_xid" ON "complaints"`);
    await queryRunner.query(`DROP FUNCTION "complaints_stamp_change_xid"()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_change_xid"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "change_xid"`);
  }
}
