import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('NotificationDelivery', { description: 'Pengiriman satu notifikasi ke satu penerima lewat satu kanal.' })
export class NotificationDeliveryObject {
  @Field({ description: 'email atau webhook (gateway WhatsApp/SMS)' })
  channel: string;

  @Field({ description: 'Alamat e-mail atau nomor telepon' })
  recipient: string;

  @Field({ description: 'pending, sent atau failed' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field({ nullable: true })
  lastError?: string;

  @Field({ nullable: true })
  sentAt?: string;
}

@ObjectType('Notification', { description: 'Notifikasi untuk peran petugas di kantornya.' })
export class NotificationObject {
  @Field(() => ID)
  id: string;

  @Field({ description: 'acknowledgment, reminder, escalation, tunda, answer, closed' })
  kind: string;

  @Field({ nullable: true })
  complaintId?: string;

  @Field({ nullable: true })
  registerNumber?: string;

  @Field()
  officeCode: string;

  @Field(() => [String])
  recipientRoles: string[];

  @Field({ nullable: true })
  stepKey?: string;

  @Field()
  message: string;

  @Field()
  createdAt: string;

  @Field({ description: 'pending, delivered, failed atau skipped' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field({ nullable: true })
  lastError?: string;

  @Field({ nullable: true })
  deliveredAt?: string;

  @Field(() => [NotificationDeliveryObject])
  deliveries: NotificationDeliveryObject[];
}
