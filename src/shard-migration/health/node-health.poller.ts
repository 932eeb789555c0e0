import type { DataSource } from 'typeorm';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import type { NodeCircuit } from 'src/domain/shard-migration/node-health-report';
import { INITIAL_CIRCUIT, NodePollPolicy } from 'src/shard-migration/health/node-poll.policy';
import type { NodeHealthClient } from 'src/shard-migration/health/node-health.client';
import { NodeHealthRepository, type PollOutcome } from 'src/store/node-health/node-health.repository';
import { UNREACHABLE_AFTER_FAILURES } from 'src/shard-migration/migration-assessment';

/**
 * Polls the health API of every node that matters now (the committee, the previous committee and
 * both sides of a handoff under way, and, slower, the active set's candidates), all the time, at
 * most `concurrency` at once. Each node has its own backoff and circuit breaker,
 * kept in the database with its last report, so a restart does not hammer a node that was down.
 */
export class NodeHealthPoller {
  private readonly policy: NodePollPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: NodeHealthClient,
    private readonly options: {
      readonly pollMs: number;
      readonly concurrency: number;
      readonly candidatePollMs: number;
    },
  ) {
    this.policy = new NodePollPolicy({
      pollMs: options.pollMs,
      failuresToOpen: UNREACHABLE_AFTER_FAILURES,
      maxBackoffMs: Math.max(options.pollMs, Math.min(options.pollMs * 20, 600_000)),
    });
  }

  /** Polls the nodes that are due; resolves when those polls are stored. Returns how many ran. */
  async pollDue(now: Date, signal?: AbortSignal): Promise<number> {
    const manager = this.dataSource.manager;
    const [targets, known, state] = await Promise.all([
      NodeHealthRepository.pollTargets(manager),
      NodeHealthRepository.all(manager),
      StakingStateRepository.stakingState(manager),
    ]);
    const circuits = new Map<string, NodeCircuit>(known.map((record) => [record.nodeId, record]));
    const members = new Set(
      state === undefined
        ? []
        : (await StakingStateRepository.members(manager, state.epoch)).map((member) => member.nodeId),
    );
    const checkedAt = new Map(known.map((record) => [record.nodeId, record.checkedAt.getTime()]));
    const due = targets.flatMap((target) => {
      const circuit = circuits.get(target.nodeId) ?? INITIAL_CIRCUIT;
      // Candidates outside the committee matter less: they are polled at a slower pace.
      const slower =
        target.role === 'candidate' &&
        now.getTime() - (checkedAt.get(target.nodeId) ?? 0) < this.options.candidatePollMs;
      return !slower && this.policy.isDue(circuit, now.getTime()) ? [{ target, circuit }] : [];
    });
    let next = 0;
    const worker = async () => {
      while (next < due.length && signal?.aborted !== true) {
        const { target, circuit } = due[next++] as (typeof due)[number];
        const {
          result,
          circuit: after,
          atMs,
        } = await this.policy.poll(target.nodeId, circuit, () =>
          this.client.fetch(target.networkAddress, signal),
        );
        const outcome: PollOutcome = result.ok
          ? { ok: true, report: result.value }
          : { ok: false, error: result.error };
        await NodeHealthRepository.record(
          manager,
          target.nodeId,
          outcome,
          after,
          new Date(atMs),
          state === undefined ? undefined : { epoch: state.epoch, member: members.has(target.nodeId) },
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, due.length) }, worker));
    return due.length;
  }
}
