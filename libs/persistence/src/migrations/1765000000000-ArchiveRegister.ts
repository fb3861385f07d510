import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The chained archive register of closed complaints (append-only, enforced by a trigger). */
export class ArchiveRegister1765000000000 implements MigrationInterface {
  name = 'ArchiveRegister1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "archive_register" ("office_code" text NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "complaint_id" uuid NOT NULL, "workflow_id" text NOT NULL, "run_id" text NOT NULL, "register_number" text, "status" text NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "archived_at" TIMESTAMP WITH TIME ZONE NOT NULL, "document_digest" text NOT NULL, "previous_entry_digest" text, "entry_digest" text NOT NULL, "document" text NOT NULL, CONSTRAINT "UQ_archive_register_complaint_id" UNIQUE ("complaint_id"), CONSTRAINT "PK_archive_register" PRIMARY KEY ("office_code", "year", "seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_archive_register_register_number" ON "archive_register" ("register_number")`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "archive_register_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'archive_register is append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "archive_register_append_only" BEFORE UPDATE OR DELETE ON "archive_register" FOR EACH ROW EXECUTE FUNCTION "archive_register_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "archive_register"`);
    await queryRunner.query(`DROP FUNCTION "archive_register_append_only"()`);
  }
}
