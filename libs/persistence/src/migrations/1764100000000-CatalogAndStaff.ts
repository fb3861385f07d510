import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Offices, SOP versions, the staff directory and the audit of their changes (seeded after migrating). */
export class CatalogAndStaff1764100000000 implements MigrationInterface {
  name = 'CatalogAndStaff1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "offices" ("code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "region" text, "time_zone" text NOT NULL, "office_hours" jsonb NOT NULL, "closures" jsonb NOT NULL, "register_number_format" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_offices" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sop_versions" ("sop_id" text NOT NULL, "version" integer NOT NULL, "office_code" text NOT NULL, "status" text NOT NULL, "title" text NOT NULL, "effective_date" date, "document" jsonb NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_by" text, "published_at" TIMESTAMP WITH TIME ZONE, "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_sop_versions" PRIMARY KEY ("sop_id", "version"), CONSTRAINT "CHK_sop_versions_status" CHECK ("status" IN ('draft', 'published', 'retired')), CONSTRAINT "FK_sop_versions_office" FOREIGN KEY ("office_code") REFERENCES "offices"("code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_sop_versions_office_status" ON "sop_versions" ("office_code", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_users" ("id" text NOT NULL, "office_code" text NOT NULL, "name" text NOT NULL, "roles" text array NOT NULL, "email" text, "phone" text, "active" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_staff_users" PRIMARY KEY ("id"), CONSTRAINT "FK_staff_users_office" FOREIGN KEY ("office_code") REFERENCES "offices"("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_staff_users_office" ON "staff_users" ("office_code") `);
    await queryRunner.query(
      `CREATE TABLE "admin_audit" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" text NOT NULL, "actor_name" text NOT NULL, "actor_role" text NOT NULL, "office_code" text NOT NULL, "entity" text NOT NULL, "entity_key" text NOT NULL, "action" text NOT NULL, "change" jsonb NOT NULL, CONSTRAINT "PK_admin_audit" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_office_at" ON "admin_audit" ("office_code", "at") `);
    // The registry's poll reads the recent entries.
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_at" ON "admin_audit" ("at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "admin_audit"`);
    await queryRunner.query(`DROP TABLE "staff_users"`);
    await queryRunner.query(`DROP TABLE "sop_versions"`);
    await queryRunner.query(`DROP TABLE "offices"`);
  }
}
