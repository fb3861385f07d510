import { Module } from '@nestjs/common';
import { RecapResolver } from './recap.resolver';
import { RecapService } from './services/recap.service';

/** The monthly recap of complaints (SOP 002 steps 5–7). */
@Module({ providers: [RecapService, RecapResolver] })
export class RecapModule {}
