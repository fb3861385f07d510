import { Module } from '@nestjs/common';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';

/** Temporal's remote codec endpoint, for supervisors and auditors reading histories in the Web UI. */
@Module({
  controllers: [CodecController],
  providers: [CodecService],
})
export class CodecModule {}
