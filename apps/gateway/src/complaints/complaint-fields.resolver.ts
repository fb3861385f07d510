import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GatewayContext } from '../auth/auth.types';
import { GqlContext } from '../auth/current-user.decorator';
import { toSopObject } from '../catalog/catalog.mapper';
import { SopObject } from '../catalog/sop.object';
import type { SopRegistry } from '../catalog/sop-registry';
import { SOP_REGISTRY } from '../core/gateway.tokens';
import { canSeeComplainant, toSubmissionObject } from './complaint.mapper';
import { ComplaintObject, SubmissionObject } from './complaint.object';
import { ComplaintQueriesService } from './services/complaint-queries.service';

/** Fields of `Complaint` loaded on demand: the SOP snapshot and the submission (from history). */
@Resolver(() => ComplaintObject)
export class ComplaintFieldsResolver {
  constructor(
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
    private readonly queries: ComplaintQueriesService,
  ) {}

  @ResolveField('sop', () => SopObject, { nullable: true })
  sop(@Parent() complaint: ComplaintObject): SopObject | null {
    const sop = this.registry.find(complaint.sopId, complaint.sopVersion);
    return sop ? toSopObject(sop) : null;
  }

  @ResolveField('submission', () => SubmissionObject, { nullable: true })
  async submission(
    @Parent() complaint: ComplaintObject,
    @GqlContext() context: GatewayContext,
  ): Promise<SubmissionObject> {
    const submission = await this.queries.submission(complaint.id);
    return toSubmissionObject(submission, canSeeComplainant(complaint, context.user));
  }
}
