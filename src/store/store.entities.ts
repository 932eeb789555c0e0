import type { DataSource } from 'typeorm';
import { createDataSource } from 'src/database/data-source';
import { ActiveSetMemberEntity } from 'src/store/staking-state/active-set-member.entity';
import { ActiveSetEntity } from 'src/store/staking-state/active-set.entity';
import { CommitteeMemberEntity } from 'src/store/staking-state/committee-member.entity';
import { CommitteeSelectionMemberEntity } from 'src/store/staking-state/committee-selection-member.entity';
import { CommitteeSelectionEntity } from 'src/store/staking-state/committee-selection.entity';
import { SlashingProposalVersionEntity } from 'src/store/slashing/slashing-proposal-version.entity';
import { StakingStateEntity } from 'src/store/staking-state/staking-state.entity';
import { EpochEntity } from 'src/store/epochs/epoch.entity';
import { SystemStateEntity } from 'src/store/epochs/system-state.entity';
import { WalrusEventEntity } from 'src/store/events/walrus-event.entity';
import { IndexedNetworkEntity } from 'src/store/indexer/indexed-network.entity';
import { IndexerLeaseEntity } from 'src/store/indexer/indexer-lease.entity';
import { PipelineWatermarkEntity } from 'src/store/indexer/pipeline-watermark.entity';
import { AlertDeliveryEntity } from 'src/store/alerts/alert-delivery.entity';
import { AlertEntity } from 'src/store/alerts/alert.entity';
import { MigrationNodeEntity } from 'src/store/shard-migration/migration-node.entity';
import { NodeAvailabilityEntity } from 'src/store/node-health/node-availability.entity';
import { NodeHealthEntity } from 'src/store/node-health/node-health.entity';
import { ShardMigrationEntity } from 'src/store/shard-migration/shard-migration.entity';
import { ShardMoveTransitionEntity } from 'src/store/shard-migration/shard-move-transition.entity';
import { ShardMoveEntity } from 'src/store/shard-migration/shard-move.entity';
import { ExchangeRateEntity } from 'src/store/pools/exchange-rate.entity';
import { NodeAttestationEntity } from 'src/store/pools/node-attestation.entity';
import { PoolStateEntity } from 'src/store/pools/pool-state.entity';
import { StakedWalVersionEntity } from 'src/store/positions/staked-wal-version.entity';
import { StakedWalEntity } from 'src/store/positions/staked-wal.entity';
import { StorageNodeCapEntity } from 'src/store/pools/storage-node-cap.entity';
import { StorageNodeEntity } from 'src/store/pools/storage-node.entity';
import { MigrationEpochVersionEntity } from 'src/store/staking-state/migration-epoch-version.entity';
import { UpgradeProposalVersionEntity } from 'src/store/upgrades/upgrade-proposal-version.entity';
import { NodeIdentityChangeEntity } from 'src/store/node-identity/node-identity-change.entity';
import { NodeMetadataEntity } from 'src/store/node-identity/node-metadata.entity';
import { SubsidyStateEntity } from 'src/store/subsidies/subsidy-state.entity';
import { NodeHealthIntervalEntity } from 'src/store/availability/node-health-interval.entity';
import { AvailabilityIntervalEntity } from 'src/store/availability/availability-interval.entity';
import { NodeIncidentEntity } from 'src/store/availability/node-incident.entity';
import { AttestationAuditEntity } from 'src/store/availability/attestation-audit.entity';
import { EpochReportEntity } from 'src/store/reports/epoch-report.entity';
import { ReporterEntity } from 'src/store/reports/reporter.entity';

/** Every table of the schema; migrations are generated from these and nothing else. */
export const STORE_ENTITIES = [
  IndexedNetworkEntity,
  IndexerLeaseEntity,
  PipelineWatermarkEntity,
  WalrusEventEntity,
  EpochEntity,
  SystemStateEntity,
  SubsidyStateEntity,
  StakingStateEntity,
  MigrationEpochVersionEntity,
  CommitteeMemberEntity,
  CommitteeSelectionEntity,
  CommitteeSelectionMemberEntity,
  ActiveSetEntity,
  ActiveSetMemberEntity,
  SlashingProposalVersionEntity,
  UpgradeProposalVersionEntity,
  StorageNodeEntity,
  NodeMetadataEntity,
  NodeIdentityChangeEntity,
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
  NodeHealthIntervalEntity,
  AvailabilityIntervalEntity,
  NodeIncidentEntity,
  AttestationAuditEntity,
  ReporterEntity,
  EpochReportEntity,
  AlertEntity,
  AlertDeliveryEntity,
];

/** A connection to Tusk's database with every table of the store. */
export function createStoreDataSource(url: string): DataSource {
  return createDataSource(url, STORE_ENTITIES);
}
