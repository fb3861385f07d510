import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The archived monthly recaps (seed 002 steps 5–7); recap notifications have no complaint. */
export class MonthlyRecaps1764000000000 implements MigrationInterface {
  name = 'MonthlyRecaps1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "monthly_recaps" ("office_code" text NOT NULL, "year" integer NOT NULL, "month" integer NOT NULL, "recap" jsonb NOT NULL, "evaluation" jsonb, "archive_ref" text NOT NULL, "archived_at" TIMESTAMP WITH TIME ZONE NOT NULL, "digest" text NOT NULL, CONSTRAINT "PK_monthly_recaps" PRIMARY KEY ("office_code", "year", "month"))`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "complaint_id" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Notifications without a complaint (recap reminders/escalations) cannot exist in the older schema.
    await queryRunner.query(`DELETE FROM "notifications" WHERE "complaint_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "complaint_id" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "monthly_recaps"`);
  }
}
