import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/public.decorator';
import { HealthObject } from './health.object';
import { HealthService } from './health.service';

@Resolver(() => HealthObject)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Query(() => HealthObject, { description: 'Kesiapan gateway: Temporal dan PostgreSQL.' })
  health(): Promise<HealthObject> {
    return this.healthService.check();
  }
}
