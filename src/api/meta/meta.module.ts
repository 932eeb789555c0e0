import { Module } from '@nestjs/common';
import { MetaService } from 'src/api/meta/meta.service';

@Module({ providers: [MetaService], exports: [MetaService] })
export class MetaModule {}
