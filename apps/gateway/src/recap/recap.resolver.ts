import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { userOf } from '../auth/acting-user';
import type { GatewayContext } from '../auth/auth.types';
import { GqlContext } from '../auth/current-user.decorator';
import { ArchiveRecapInput, CompileRecapInput, EvaluateRecapInput, RecapMonthInput } from './recap.input';
import { toRecapObject } from './recap.mapper';
import { MonthlyRecapObject } from './recap.object';
import { RecapService } from './services/recap.service';

/** The monthly recap of complaints (SOP 002 steps 5–7). Guarded globally (staff token). */
@Resolver(() => MonthlyRecapObject)
export class RecapResolver {
  constructor(private readonly recaps: RecapService) {}

  @Query(() => MonthlyRecapObject, { description: 'Rekap aduan bulanan sebuah kantor, langsung dari alur kerjanya.' })
  async monthlyRecap(
    @Args('input') input: RecapMonthInput,
    @GqlContext() context: GatewayContext,
  ): Promise<MonthlyRecapObject> {
    return toRecapObject(await this.recaps.state(userOf(context), input));
  }

  @Mutation(() => MonthlyRecapObject, {
    description: 'Memulai rekap bulanan secara manual (jadwal memulainya tiap tanggal 1); idempoten.',
  })
  async startMonthlyRecap(
    @Args('input') input: RecapMonthInput,
    @GqlContext() context: GatewayContext,
  ): Promise<MonthlyRecapObject> {
    return toRecapObject(await this.recaps.start(userOf(context), input));
  }

  @Mutation(() => MonthlyRecapObject, { description: 'Mencatat dan merekap aduan bulan itu (Admin).' })
  async compileMonthlyRecap(
    @Args('input') input: CompileRecapInput,
    @GqlContext() context: GatewayContext,
  ): Promise<MonthlyRecapObject> {
    const action = { kind: 'compile' as const, ...(input.note ? { note: input.note } : {}) };
    return toRecapObject(await this.recaps.act(userOf(context), action, input, context));
  }

  @Mutation(() => MonthlyRecapObject, { description: 'Evaluasi rekap oleh Kepala: perlu evaluasi atau tidak.' })
  async evaluateMonthlyRecap(
    @Args('input') input: EvaluateRecapInput,
    @GqlContext() context: GatewayContext,
  ): Promise<MonthlyRecapObject> {
    const action = { kind: 'evaluate' as const, evaluationNeeded: input.evaluationNeeded, notes: input.notes };
    return toRecapObject(await this.recaps.act(userOf(context), action, input, context));
  }

  @Mutation(() => MonthlyRecapObject, { description: 'Mengarsipkan rekap beserta disposisi Kepala (Admin).' })
  async archiveMonthlyRecap(
    @Args('input') input: ArchiveRecapInput,
    @GqlContext() context: GatewayContext,
  ): Promise<MonthlyRecapObject> {
    const action = { kind: 'archive' as const, ...(input.archiveRef ? { archiveRef: input.archiveRef } : {}) };
    return toRecapObject(await this.recaps.act(userOf(context), action, input, context));
  }
}
