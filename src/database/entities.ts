import { ActiveSetMemberEntity } from 'src/committee/entities/active-set-member.entity';
import { ActiveSetEntity } from 'src/committee/entities/active-set.entity';
import { CommitteeMemberEntity } from 'src/committee/entities/committee-member.entity';
import { CommitteeSelectionMemberEntity } from 'src/committee/entities/committee-selection-member.entity';
import { CommitteeSelectionEntity } from 'src/committee/entities/committee-selection.entity';
import { SlashingProposalVersionEntity } from 'src/committee/entities/slashing-proposal-version.entity';
import { StakingStateEntity } from 'src/committee/entities/staking-state.entity';
import { EpochEntity } from 'src/epochs/entities/epoch.entity';
import { SystemStateEntity } from 'src/epochs/entities/system-state.entity';
import { WalrusEventEntity } from 'src/epochs/entities/walrus-event.entity';
import { IndexedNetworkEntity } from 'src/indexer/entities/indexed-network.entity';
import { IndexerLeaseEntity } from 'src/indexer/entities/indexer-lease.entity';
import { PipelineWatermarkEntity } from 'src/indexer/entities/pipeline-watermark.entity';
import { AlertDeliveryEntity } from 'src/shard-migration/entities/alert-delivery.entity';
import { AlertEntity } from 'src/shard-migration/entities/alert.entity';
import { MigrationNodeEntity } from 'src/shard-migration/entities/migration-node.entity';
import { NodeAvailabilityEntity } from 'src/shard-migration/entities/node-availability.entity';
import { NodeHealthEntity } from 'src/shard-migration/entities/node-health.entity';
import { ShardMigrationEntity } from 'src/shard-migration/entities/shard-migration.entity';
import { ShardMoveTransitionEntity } from 'src/shard-migration/entities/shard-move-transition.entity';
import { ShardMoveEntity } from 'src/shard-migration/entities/shard-move.entity';
import { ExchangeRateEntity } from 'src/staking/entities/exchange-rate.entity';
import { NodeAttestationEntity } from 'src/staking/entities/node-attestation.entity';
import { PoolStateEntity } from 'src/staking/entities/pool-state.entity';
import { StakedWalVersionEntity } from 'src/staking/entities/staked-wal-version.entity';
import { StakedWalEntity } from 'src/staking/entities/staked-wal.entity';
import { StorageNodeCapEntity } from 'src/staking/entities/storage-node-cap.entity';
import { StorageNodeEntity } from 'src/staking/entities/storage-node.entity';

/** Every table of the schema; migrations are generated from these and nothing else. */
export const ALL_ENTITIES = [
  IndexedNetworkEntity,
  IndexerLeaseEntity,
  PipelineWatermarkEntity,
  WalrusEventEntity,
  EpochEntity,
  SystemStateEntity,
  StakingStateEntity,
  CommitteeMemberEntity,
  CommitteeSelectionEntity,
  CommitteeSelectionMemberEntity,
  ActiveSetEntity,
  ActiveSetMemberEntity,
  SlashingProposalVersionEntity,
  StorageNodeEntity,
  StorageNodeCapEntity,
  NodeAttestationEntity,
  PoolStateEntity,
  ExchangeRateEntity,
  StakedWalEntity,
  StakedWalVersionEntity,
  ShardMigrationEntity,
  ShardMoveEntity,
  ShardMoveTransitionEntity,
  MigrationNodeEntity,
  NodeHealthEntity,
  NodeAvailabilityEntity,
  AlertEntity,
  AlertDeliveryEntity,
];
