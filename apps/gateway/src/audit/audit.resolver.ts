import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { GatewayContext } from '../auth/auth.types';
import { userOf } from '../auth/acting-user';
import { GqlContext } from '../auth/current-user.decorator';
import { toTimelineObject } from './audit.mapper';
import {
  ComplaintExportObject,
  ComplaintTimelineObject,
  DegradedComplaintObject,
  OverdueComplaintObject,
  ReplayVerificationObject,
} from './audit.object';
import { AuditQueriesService } from './services/audit-queries.service';

/**
 * Audit and supervision: for supervisors and auditors (every office with office `*`, else their
 * own) and the camat, sekcam or kepala of the complaint's office. Guarded globally (staff token).
 */
@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditQueriesService) {}

  @Query(() => ComplaintTimelineObject, {
    description: 'Kronologi lengkap aduan dari riwayat Temporal, termasuk percobaan yang ditolak.',
  })
  async complaintTimeline(
    @Args('id', { type: () => ID, description: 'ID aduan atau nomor register' }) id: string,
    @GqlContext() context: GatewayContext,
  ): Promise<ComplaintTimelineObject> {
    const { timeline, entries } = await this.audit.timeline(id, userOf(context));
    return toTimelineObject(timeline, entries);
  }

  @Query(() => ReplayVerificationObject, {
    description: 'Memutar ulang riwayat aduan dengan kode alur kerja saat ini.',
  })
  async verifyComplaintReplay(
    @Args('id', { type: () => ID }) id: string,
    @GqlContext() context: GatewayContext,
  ): Promise<ReplayVerificationObject> {
    const { complaintId, verdict } = await this.audit.verifyReplay(id, userOf(context));
    return {
      complaintId,
      ok: verdict.ok,
      errorType: verdict.errorType,
      error: verdict.error,
      divergenceEventId: verdict.firstDivergence?.eventId,
      divergence: verdict.firstDivergence?.message,
    };
  }

  @Query(() => ComplaintExportObject, { description: 'Dokumen ekspor aduan (JSON) dengan digest SHA-256.' })
  exportComplaint(
    @Args('id', { type: () => ID }) id: string,
    @GqlContext() context: GatewayContext,
  ): Promise<ComplaintExportObject> {
    return this.audit.export(id, userOf(context));
  }

  @Query(() => [OverdueComplaintObject], {
    description: 'Aduan sebuah kantor yang melewati tenggat atau baku mutu, dengan menit kerja kelebihannya.',
  })
  overdueComplaints(
    @Args('officeCode') officeCode: string,
    @GqlContext() context: GatewayContext,
    @Args('includeClosed', { nullable: true, defaultValue: false }) includeClosed: boolean,
  ): Promise<OverdueComplaintObject[]> {
    return this.audit.overdue(officeCode, userOf(context), includeClosed);
  }

  @Query(() => [DegradedComplaintObject], {
    description:
      'Aduan terdegradasi: proyeksi atau notifikasi yang gagal setelah semua percobaan (paling banyak 100). ' +
      'Tanpa kantor: semua kantor, hanya untuk pengawas dan auditor tingkat pusat.',
  })
  degradedComplaints(
    @GqlContext() context: GatewayContext,
    @Args('officeCode', { nullable: true }) officeCode?: string,
  ): Promise<DegradedComplaintObject[]> {
    return this.audit.degraded(officeCode ?? undefined, userOf(context));
  }
}
