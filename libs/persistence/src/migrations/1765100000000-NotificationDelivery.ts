import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of the notification outbox: a status, attempts, last error and next attempt per
 * notification, and one row per recipient and channel so a retry never sends twice what was sent.
 */
export class NotificationDelivery1765100000000 implements MigrationInterface {
  name = 'NotificationDelivery1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "status" text NOT NULL DEFAULT 'pending', ADD "attempts" integer NOT NULL DEFAULT 0, ADD "last_error" text, ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    // Rows written before delivery existed are old news by now: never send them.
    await queryRunner.query(
      `UPDATE "notifications" SET "status" = 'skipped', "last_error" = 'Dibuat sebelum pengiriman notifikasi tersedia.'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_due" ON "notifications" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" BIGSERIAL NOT NULL, "notification_id" bigint NOT NULL, "channel" text NOT NULL, "recipient" text NOT NULL, "recipient_name" text, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT 0, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_notification_deliveries_recipient" UNIQUE ("notification_id", "channel", "recipient"), CONSTRAINT "PK_notification_deliveries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD CONSTRAINT "FK_notification_deliveries_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_due"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP COLUMN "next_attempt_at", DROP COLUMN "last_error", DROP COLUMN "attempts", DROP COLUMN "status"`,
    );
  }
}
