import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ComplaintFieldsResolver } from './complaint-fields.resolver';
import { ComplaintsResolver } from './complaints.resolver';
import { PublicComplaintsResolver } from './public-complaints.resolver';
import { ActionRequestLedger } from './services/action-request-ledger.service';
import { ComplaintChangeFeed } from './services/complaint-change-feed.service';
import { ComplaintCommandsService } from './services/complaint-commands.service';
import { ComplaintQueriesService } from './services/complaint-queries.service';

@Module({
  imports: [AuditModule],
  providers: [
    ActionRequestLedger,
    ComplaintCommandsService,
    ComplaintQueriesService,
    ComplaintChangeFeed,
    ComplaintsResolver,
    ComplaintFieldsResolver,
    PublicComplaintsResolver,
  ],
  // Open311 submits through the same path as the public form.
  exports: [ComplaintCommandsService],
})
export class ComplaintsModule {}
