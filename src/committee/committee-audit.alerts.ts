import type { DataSource } from 'typeorm';
import type { CommitteeService } from 'src/committee/committee.service';
import type { CommitteeAuditView } from 'src/committee/committee.views';
import {
  AlertRepository,
  GOVERNANCE_ALERT_KINDS,
  type AlertCondition,
  type AlertRecord,
} from 'src/store/alerts/alert.repository';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';

/** What a failed audit of an epoch's committee raises: one network alert naming the nodes. */
export function committeeAuditConditions(audit: CommitteeAuditView): AlertCondition[] {
  if (audit.matches) {
    return [];
  }
  return [
    {
      kind: 'committee_mismatch',
      epoch: audit.epoch,
      subject: 'network',
      summary:
        `the chain's committee for epoch ${audit.epoch} differs from Tusk's recomputation of its selection ` +
        `for ${audit.differences.length} node${audit.differences.length === 1 ? '' : 's'}`,
      details: {
        epoch: audit.epoch,
        selectedAtCheckpoint: audit.selectedAtCheckpoint.toString(),
        activeSetSize: audit.activeSetSize,
        differences: audit.differences.map((difference) => ({
          node: difference.nodeId,
          onChainShards: difference.onChain.length,
          recomputedShards: difference.recomputed.length,
        })),
      },
    },
  ];
}

/**
 * Audits each epoch's committee once, as soon as it is indexed, against Tusk's recomputation of
 * the selection the chain made (`CommitteeService.audit`), and alerts when they differ: either
 * the contract does not do what Tusk's domain says, or the index is wrong. Both need a human.
 */
export class CommitteeAuditAlerts {
  private auditedEpoch: number | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly committees: CommitteeService,
    private readonly options: { readonly webhookUrls: readonly string[] },
  ) {}

  async check(now: Date): Promise<{ opened: AlertRecord[]; resolved: AlertRecord[] }> {
    const state = await StakingStateRepository.stakingState(this.dataSource.manager);
    if (state === undefined || state.epoch === this.auditedEpoch) {
      return { opened: [], resolved: [] };
    }
    const audit = await this.committees.audit(state.epoch);
    if (audit === undefined) {
      // The selection of this epoch's committee is not indexed (a snapshot started after it).
      this.auditedEpoch = state.epoch;
      return { opened: [], resolved: [] };
    }
    const result = await this.dataSource.transaction((manager) =>
      AlertRepository.reconcile(manager, state.epoch, committeeAuditConditions(audit), {
        now,
        webhookUrls: this.options.webhookUrls,
        resolution: 'the committee matches its recomputation',
        holdMs: 0,
        kinds: GOVERNANCE_ALERT_KINDS,
      }),
    );
    this.auditedEpoch = state.epoch;
    return result;
  }
}
