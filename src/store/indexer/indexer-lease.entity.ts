import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * The single writer's term. The indexer holding the advisory lock bumps `term` when it takes over;
 * every batch checks the term under a share lock, so a writer that lost the lock cannot commit.
 */
@Entity({ name: 'indexer_lease' })
export class IndexerLeaseEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  term!: bigint;

  @Column({ type: 'text' })
  holder!: string;

  @Column({ name: 'acquired_at', type: 'timestamptz' })
  acquiredAt!: Date;
}
