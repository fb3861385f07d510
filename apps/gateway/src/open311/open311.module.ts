import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './services/open311.service';

/** Open311 GeoReport v2 for citizen apps built for FixMyStreet/Open311. */
@Module({ imports: [ComplaintsModule], providers: [Open311Service], controllers: [Open311Controller] })
export class Open311Module {}
