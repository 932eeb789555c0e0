import { Injectable } from '@nestjs/common';
import { AvailabilityService } from 'src/availability/availability.service';
import { CommitteeService } from 'src/committee/committee.service';
import { committeeDigest, rewardsDigest, toHex } from 'src/domain/reports/report-digests';
import { RewardsService } from 'src/rewards/rewards.service';
import type { OwnReportView } from 'src/reports/reports.views';
import { ShardMigrationService } from 'src/shard-migration/shard-migration.service';

/** Premature attesters of one handoff are few; the audit list is bounded by the committee. */
const MAX_AUDITS = 1000;

/**
 * This instance's verdict on an epoch, exactly as move/README.md defines a report: the committee
 * it recomputed, whether the chain's matched, the handoff into the epoch (counted up to its
 * `EpochChangeDone`), and the rewards of the epoch before. Undefined until the handoff has ended
 * and the selection behind the committee is indexed.
 */
@Injectable()
export class EpochReportBuilder {
  constructor(
    private readonly committees: CommitteeService,
    private readonly migrations: ShardMigrationService,
    private readonly rewards: RewardsService,
    private readonly availability: AvailabilityService,
  ) {}

  async build(epoch: number): Promise<OwnReportView | undefined> {
    const audit = await this.committees.audit(epoch);
    const migration = await this.migrations.migration(epoch);
    if (
      audit === undefined ||
      migration?.doneAt === null ||
      migration === undefined ||
      migration.epoch !== epoch
    ) {
      return undefined;
    }
    const doneAt = migration.doneAt;
    const attestedWeight = migration.nodes
      .filter((node) => node.attested && node.attestedAt !== null && node.attestedAt <= doneAt)
      .reduce((sum, node) => sum + node.weight, 0);
    const paid = epoch === 0 ? undefined : await this.rewards.epochRewards(epoch - 1);
    const premature = await this.availability.audits({ epoch, verdict: 'premature', limit: MAX_AUDITS });
    return {
      epoch,
      committeeDigest: toHex(committeeDigest(audit.recomputed)),
      auditMatches: audit.matches,
      movedShards: migration.movedShards,
      attestedWeight,
      quorumMs:
        migration.startedAt === null ? null : BigInt(doneAt.getTime() - migration.startedAt.getTime()),
      lateAttesters: migration.nodes
        .filter((node) => node.attestedLate === true)
        .map((node) => node.nodeId)
        .sort(),
      prematureAttesters: premature.map((entry) => entry.nodeId).sort(),
      rewardsDigest: toHex(
        rewardsDigest((paid?.nodes ?? []).map((node) => ({ nodeId: node.nodeId, reward: node.reward }))),
      ),
    };
  }
}
