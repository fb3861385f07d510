import { Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver';
import { AuditQueriesService } from './services/audit-queries.service';
import { AuditRefusalService } from './services/audit-refusal.service';

/** Audit and supervision. Exports the refusal recorder for the mutation paths. */
@Module({
  providers: [AuditQueriesService, AuditRefusalService, AuditResolver],
  exports: [AuditRefusalService],
})
export class AuditModule {}
