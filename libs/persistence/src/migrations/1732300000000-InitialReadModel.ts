import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read model: complaints, their timeline, register numbers, the notification outbox, archives, refusals. */
export class InitialReadModel1732300000000 implements MigrationInterface {
  name = 'InitialReadModel1732300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "complaints" ("id" uuid NOT NULL, "workflow_id" text NOT NULL, "register_number" text, "office_code" text NOT NULL, "sop_id" text NOT NULL, "sop_version" integer NOT NULL, "channel" text NOT NULL, "status" text NOT NULL, "current_step_keys" text array NOT NULL, "current_actor_roles" text array NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "sla_breached" boolean NOT NULL, "complaint_type" text, "category" text, "confidential" boolean NOT NULL, "subject" text NOT NULL, "content_excerpt" text NOT NULL, "complainant_name" text, "anonymous" boolean NOT NULL, "tracking_code_hash" text NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_event_seq" integer NOT NULL, "state" jsonb NOT NULL, CONSTRAINT "UQ_complaints_workflow_id" UNIQUE ("workflow_id"), CONSTRAINT "UQ_complaints_register_number" UNIQUE ("register_number"), CONSTRAINT "PK_complaints" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_complaints_office_status" ON "complaints" ("office_code", "status") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_complaints_office_submitted_at" ON "complaints" ("office_code", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_complaints_office_sla_breached" ON "complaints" ("office_code", "sla_breached") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_complaints_due_at" ON "complaints" ("due_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_complaints_current_actor_roles" ON "complaints" USING GIN ("current_actor_roles")`,
    );
    // Word search without extensions (PGlite has none by default): the 'simple' configuration, no stemming.
    await queryRunner.query(
      `CREATE INDEX "IDX_complaints_search" ON "complaints" USING GIN (to_tsvector('simple'::regconfig, "subject" || ' ' || "content_excerpt"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "complaint_events" ("complaint_id" uuid NOT NULL, "seq" integer NOT NULL, "type" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "step_key" text, "actor_user_id" text, "actor_name" text, "actor_role" text, "data" jsonb NOT NULL, CONSTRAINT "PK_complaint_events" PRIMARY KEY ("complaint_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_counters" ("office_code" text NOT NULL, "year" integer NOT NULL, "last_seq" integer NOT NULL, CONSTRAINT "PK_register_counters" PRIMARY KEY ("office_code", "year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_assignments" ("complaint_id" uuid NOT NULL, "office_code" text NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "register_number" text NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_register_assignments_register_number" UNIQUE ("register_number"), CONSTRAINT "UQ_register_assignments_office_year_seq" UNIQUE ("office_code", "year", "seq"), CONSTRAINT "PK_register_assignments" PRIMARY KEY ("complaint_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" BIGSERIAL NOT NULL, "dedupe_key" text NOT NULL, "kind" text NOT NULL, "complaint_id" uuid NOT NULL, "register_number" text, "office_code" text NOT NULL, "recipient_roles" text array NOT NULL, "step_key" text, "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_notifications_dedupe_key" UNIQUE ("dedupe_key"), CONSTRAINT "PK_notifications" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_office_created_at" ON "notifications" ("office_code", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_notifications_complaint" ON "notifications" ("complaint_id") `);
    await queryRunner.query(
      `CREATE TABLE "complaint_archives" ("complaint_id" uuid NOT NULL, "workflow_id" text NOT NULL, "archive_ref" text NOT NULL, "archived_at" TIMESTAMP WITH TIME ZONE NOT NULL, "digest" text NOT NULL, "document" jsonb NOT NULL, CONSTRAINT "PK_complaint_archives" PRIMARY KEY ("complaint_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_refusals" ("id" BIGSERIAL NOT NULL, "complaint_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" text NOT NULL, "actor_name" text NOT NULL, "actor_role" text NOT NULL, "operation" text NOT NULL, "step_key" text, "request_id" text, "code" text NOT NULL, "reason" text NOT NULL, "request" jsonb NOT NULL, CONSTRAINT "PK_audit_refusals" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_refusals_complaint_at" ON "audit_refusals" ("complaint_id", "at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "complaint_events" ADD CONSTRAINT "FK_complaint_events_complaint" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint_events" DROP CONSTRAINT "FK_complaint_events_complaint"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_refusals_complaint_at"`);
    await queryRunner.query(`DROP TABLE "audit_refusals"`);
    await queryRunner.query(`DROP TABLE "complaint_archives"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_complaint"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_office_created_at"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "register_assignments"`);
    await queryRunner.query(`DROP TABLE "register_counters"`);
    await queryRunner.query(`DROP TABLE "complaint_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_search"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_current_actor_roles"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_due_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_office_sla_breached"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_office_submitted_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_complaints_office_status"`);
    await queryRunner.query(`DROP TABLE "complaints"`);
  }
}
