import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency records of the gateway's requests; the refusing actor's office in the refusal audit. */
export class ActionRequests1764800000000 implements MigrationInterface {
  name = 'ActionRequests1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "action_requests" ("complaint_id" uuid NOT NULL, "request_id" text NOT NULL, "fingerprint" text NOT NULL, "operation" text NOT NULL, "step_key" text, "result" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_action_requests" PRIMARY KEY ("complaint_id", "request_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "audit_refusals" ADD "actor_office_code" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_refusals" DROP COLUMN "actor_office_code"`);
    await queryRunner.query(`DROP TABLE "action_requests"`);
  }
}
