import { Inject, UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ComplaintState } from '../../../../libs/domain/src/complaint';
import type { GatewayContext } from '../auth/auth.types';
import { GqlContext } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import type { SopRegistry } from '../catalog/sop-registry';
import { SOP_REGISTRY } from '../core/gateway.tokens';
import { PublicThrottlerGuard } from '../core/public-throttler.guard';
import { ComplaintErrors } from './complaints.errors';
import {
  RateComplaintAnswerInput,
  ReopenComplaintInput,
  SubmitComplaintPubliclyInput,
  SupplyComplaintInformationInput,
  WithdrawComplaintInput,
} from './complaint.input';
import { toPublicStatus } from './complaint.mapper';
import { PublicComplaintStatusObject, SubmitComplaintPayloadObject } from './complaint.object';
import { ComplaintCommandsService } from './services/complaint-commands.service';

/**
 * Operations for citizens: no staff token, rate-limited per client address, size-limited by the
 * domain schemas and the body limit. The complainant proves ownership with the register number and
 * the tracking code; answers carry only what a complainant may see.
 */
@Resolver(() => PublicComplaintStatusObject)
@UseGuards(PublicThrottlerGuard)
export class PublicComplaintsResolver {
  constructor(
    private readonly commands: ComplaintCommandsService,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
  ) {}

  private publicStatus(state: ComplaintState): PublicComplaintStatusObject {
    const office = this.registry.office(state.officeCode);
    return toPublicStatus(state, { timeZone: this.registry.timeZoneOf(state.officeCode), name: office?.name });
  }

  @Public()
  @Mutation(() => SubmitComplaintPayloadObject, { description: 'Aduan dari formulir publik (tanpa token).' })
  async submitComplaintPublicly(
    @Args('input') input: SubmitComplaintPubliclyInput,
    @GqlContext() context: GatewayContext,
  ): Promise<SubmitComplaintPayloadObject> {
    if (!input.officeCode) throw ComplaintErrors.invalid('kantor tujuan wajib diisi', 'officeCode');
    const result = await this.commands.submit(input, { ...context, user: undefined });
    return {
      complaintId: result.complaintId,
      registerNumber: result.registerNumber,
      trackingCode: result.trackingCode,
    };
  }

  @Public()
  @Query(() => PublicComplaintStatusObject, {
    description:
      'Lacak aduan dengan nomor register dan kode pelacakan; selama aduan belum bernomor register, cukup kode pelacakan.',
  })
  async trackComplaint(
    @Args('registerNumber', { type: () => String, nullable: true }) registerNumber: string | undefined,
    @Args('trackingCode') trackingCode: string,
  ): Promise<PublicComplaintStatusObject> {
    const complaintId = await this.commands.authenticateComplainant(registerNumber, trackingCode);
    return this.publicStatus(await this.commands.state(complaintId));
  }

  @Public()
  @Mutation(() => PublicComplaintStatusObject, { description: 'Pelapor melengkapi informasi (aduan ditunda).' })
  async supplyComplaintInformation(
    @Args('input') input: SupplyComplaintInformationInput,
    @GqlContext() context: GatewayContext,
  ) {
    return this.publicStatus(await this.commands.supplyInformation({ ...input }, context));
  }

  @Public()
  @Mutation(() => PublicComplaintStatusObject, { description: 'Pelapor mencabut aduannya.' })
  async withdrawComplaint(@Args('input') input: WithdrawComplaintInput, @GqlContext() context: GatewayContext) {
    return this.publicStatus(await this.commands.withdraw({ ...input }, context));
  }

  @Public()
  @Mutation(() => PublicComplaintStatusObject, { description: 'Pelapor menilai jawaban (1–5).' })
  async rateComplaintAnswer(@Args('input') input: RateComplaintAnswerInput, @GqlContext() context: GatewayContext) {
    return this.publicStatus(await this.commands.rate({ ...input }, context));
  }

  @Public()
  @Mutation(() => PublicComplaintStatusObject, { description: 'Pelapor meminta aduan dibuka kembali.' })
  async reopenComplaint(@Args('input') input: ReopenComplaintInput, @GqlContext() context: GatewayContext) {
    return this.publicStatus(await this.commands.reopen({ ...input }, context));
  }
}
