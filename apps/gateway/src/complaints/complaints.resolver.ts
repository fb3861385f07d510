import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { ComplaintState } from '../../../../libs/domain/src/complaint';
import type { ActionKind } from '../../../../libs/domain/src/sop-model';
import type { GatewayContext } from '../auth/auth.types';
import { userOf } from '../auth/acting-user';
import { GqlContext } from '../auth/current-user.decorator';
import type { SopRegistry } from '../catalog/sop-registry';
import { SOP_REGISTRY } from '../core/gateway.tokens';
import {
  AddComplaintNoteInput,
  ArchiveComplaintInput,
  ClarifyComplaintInput,
  ClassifyComplaintInput,
  ComplaintFilterInput,
  CoordinateComplaintInput,
  DecideComplaintInput,
  DeliverComplaintAnswerInput,
  DisposeComplaintInput,
  DraftComplaintAnswerInput,
  ForwardComplaintInput,
  ReassignComplaintStepInput,
  RecordComplaintRapatInput,
  RegisterComplaintInput,
  ReviewComplaintInput,
  SignComplaintAnswerInput,
  SubmitComplaintInput,
  VerifyComplaintInput,
} from './complaint.input';
import { toComplaintObject } from './complaint.mapper';
import {
  ComplaintChangeObject,
  ComplaintConnectionObject,
  ComplaintObject,
  InboxItemObject,
  SubmitComplaintPayloadObject,
  SupervisorOverviewObject,
} from './complaint.object';
import { ComplaintChangeFeed } from './services/complaint-change-feed.service';
import { ComplaintCommandsService, type ActionFields } from './services/complaint-commands.service';
import { ComplaintQueriesService } from './services/complaint-queries.service';

/** Staff operations: reading complaints and acting on them. Guarded globally (staff token). */
@Resolver(() => ComplaintObject)
export class ComplaintsResolver {
  constructor(
    private readonly commands: ComplaintCommandsService,
    private readonly queries: ComplaintQueriesService,
    private readonly changes: ComplaintChangeFeed,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
  ) {}

  private toObject(state: ComplaintState): ComplaintObject {
    return toComplaintObject(
      state,
      this.registry.timeZoneOf(state.officeCode),
      this.registry.calendarOf(state.sopId, state.sopVersion),
    );
  }

  // --- Queries -----------------------------------------------------------------------------------

  @Query(() => ComplaintObject, { description: 'Satu aduan, langsung dari alur kerjanya.' })
  async complaint(
    @Args('id', { type: () => ID }) id: string,
    @GqlContext() context: GatewayContext,
  ): Promise<ComplaintObject> {
    return this.toObject(await this.queries.complaint(id, userOf(context)));
  }

  @Query(() => ComplaintObject, { description: 'Satu aduan menurut nomor register.' })
  async complaintByRegisterNumber(
    @Args('registerNumber') registerNumber: string,
    @GqlContext() context: GatewayContext,
  ): Promise<ComplaintObject> {
    return this.toObject(await this.queries.complaintByRegisterNumber(registerNumber, userOf(context)));
  }

  @Query(() => ComplaintConnectionObject, {
    description: 'Daftar aduan (read model), terbaru dahulu, berhalaman kursor.',
  })
  complaints(
    @GqlContext() context: GatewayContext,
    @Args('filter', { type: () => ComplaintFilterInput, nullable: true }) filter?: ComplaintFilterInput,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ComplaintConnectionObject> {
    return this.queries.list(userOf(context), filter ?? {}, first ?? 20, after ?? undefined);
  }

  @Query(() => [InboxItemObject], {
    description: 'Tindakan yang menunggu peran saya di kantor saya; terlambat dahulu.',
  })
  myInbox(
    @GqlContext() context: GatewayContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<InboxItemObject[]> {
    return this.queries.inbox(userOf(context), first ?? 50);
  }

  @Query(() => SupervisorOverviewObject, {
    description: 'Pengawasan satu kantor: aduan terbuka, terlambat, melewati baku mutu; kepatuhan per langkah.',
  })
  supervisorOverview(
    @Args('officeCode') officeCode: string,
    @GqlContext() context: GatewayContext,
  ): Promise<SupervisorOverviewObject> {
    return this.queries.supervisorOverview(userOf(context), officeCode);
  }

  // --- Submission by staff (walk-in citizen) -----------------------------------------------------

  @Mutation(() => SubmitComplaintPayloadObject, {
    description: 'Mencatat aduan atas nama warga (idempoten menurut clientRequestId).',
  })
  async submitComplaint(
    @Args('input') input: SubmitComplaintInput,
    @GqlContext() context: GatewayContext,
  ): Promise<SubmitComplaintPayloadObject> {
    userOf(context);
    const result = await this.commands.submit(input, context);
    this.queries.remember(result.complaintId, result.submission);
    return {
      complaintId: result.complaintId,
      registerNumber: result.registerNumber,
      trackingCode: result.trackingCode,
      complaint: result.state ? this.toObject(result.state) : undefined,
    };
  }

  // --- One mutation per human action --------------------------------------------------------------

  private async act(kind: ActionKind, input: object, context: GatewayContext): Promise<ComplaintObject> {
    return this.toObject(await this.commands.act(kind, { ...input } as ActionFields, context));
  }

  @Mutation(() => ComplaintObject, { description: 'Mencatat aduan dalam buku register.' })
  registerComplaint(@Args('input') input: RegisterComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('register', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Verifikasi: diterima, tunda, bukan wewenang, atau ditolak.' })
  verifyComplaint(@Args('input') input: VerifyComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('verify', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Klasifikasi jenis, kategori, kerahasiaan.' })
  classifyComplaint(@Args('input') input: ClassifyComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('classify', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Disposisi ke seksi.' })
  disposeComplaint(@Args('input') input: DisposeComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('dispose', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Telaah dan saran.' })
  reviewComplaint(@Args('input') input: ReviewComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('review', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Klarifikasi / tindak lanjut.' })
  clarifyComplaint(@Args('input') input: ClarifyComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('clarify', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Koordinasi dengan pihak terkait.' })
  coordinateComplaint(@Args('input') input: CoordinateComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('coordinate', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Meneruskan aduan.' })
  forwardComplaint(@Args('input') input: ForwardComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('forward', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Keputusan Camat (dengan atau tanpa rapat).' })
  decideComplaint(@Args('input') input: DecideComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('decide', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Hasil rapat: notulen, peserta, keputusan.' })
  recordComplaintRapat(@Args('input') input: RecordComplaintRapatInput, @GqlContext() context: GatewayContext) {
    return this.act('rapat', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Menyusun rancangan jawaban.' })
  draftComplaintAnswer(@Args('input') input: DraftComplaintAnswerInput, @GqlContext() context: GatewayContext) {
    return this.act('draft_answer', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Menandatangani atau mengembalikan jawaban.' })
  signComplaintAnswer(@Args('input') input: SignComplaintAnswerInput, @GqlContext() context: GatewayContext) {
    return this.act('sign', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Menyampaikan jawaban dengan tanda terima.' })
  deliverComplaintAnswer(@Args('input') input: DeliverComplaintAnswerInput, @GqlContext() context: GatewayContext) {
    return this.act('deliver', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Mengarsipkan aduan.' })
  archiveComplaint(@Args('input') input: ArchiveComplaintInput, @GqlContext() context: GatewayContext) {
    return this.act('archive', input, context);
  }

  @Mutation(() => ComplaintObject, { description: 'Catatan internal petugas.' })
  async addComplaintNote(
    @Args('input') input: AddComplaintNoteInput,
    @GqlContext() context: GatewayContext,
  ): Promise<ComplaintObject> {
    return this.toObject(await this.commands.addNote({ ...input }, context));
  }

  @Mutation(() => ComplaintObject, { description: 'Mengalihkan langkah berjalan kepada petugas lain.' })
  async reassignComplaintStep(
    @Args('input') input: ReassignComplaintStepInput,
    @GqlContext() context: GatewayContext,
  ): Promise<ComplaintObject> {
    return this.toObject(await this.commands.reassign({ ...input }, context));
  }

  // --- Live changes ------------------------------------------------------------------------------

  @Subscription(() => ComplaintChangeObject, {
    description: 'Perubahan aduan di satu kantor (graphql-ws; token di connectionParams.authorization).',
    filter: (payload: { complaintChanged: ComplaintChangeObject }, variables: { officeCode: string }) =>
      payload.complaintChanged.officeCode === variables.officeCode,
  })
  complaintChanged(@Args('officeCode') officeCode: string, @GqlContext() context: GatewayContext) {
    this.queries.assertCanRead(userOf(context), officeCode);
    return this.changes.asyncIterator();
  }
}
