import type { DataSource } from 'typeorm';
import { CommitteeRepository } from 'src/store/committee/committee.repository';
import {
  duePoll,
  INITIAL_CIRCUIT,
  recordFailure,
  recordSuccess,
  type CircuitPolicy,
  type CircuitState,
} from 'src/shard-migration/health/circuit-breaker';
import type { NodeHealthClient } from 'src/shard-migration/health/node-health.client';
import { NodeHealthRepository, type PollOutcome } from 'src/store/node-health/node-health.repository';
import { UNREACHABLE_AFTER_FAILURES } from 'src/shard-migration/migration-assessment';

/**
 * Polls the health API of every node that matters now (the committee, and both sides of a handoff
 * under way), at most `concurrency` at once. Each node has its own backoff and circuit breaker,
 * kept in the database with its last report, so a restart does not hammer a node that was down.
 */
export class NodeHealthPoller {
  private readonly policy: CircuitPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: NodeHealthClient,
    private readonly options: { readonly pollMs: number; readonly concurrency: number },
  ) {
    this.policy = {
      pollMs: options.pollMs,
      failuresToOpen: UNREACHABLE_AFTER_FAILURES,
      maxBackoffMs: Math.max(options.pollMs, Math.min(options.pollMs * 20, 600_000)),
    };
  }

  /** Polls the nodes that are due; resolves when those polls are stored. Returns how many ran. */
  async pollDue(now: Date, signal?: AbortSignal): Promise<number> {
    const manager = this.dataSource.manager;
    const [targets, known, state] = await Promise.all([
      NodeHealthRepository.pollTargets(manager),
      NodeHealthRepository.all(manager),
      CommitteeRepository.stakingState(manager),
    ]);
    const circuits = new Map<string, CircuitState>(known.map((record) => [record.nodeId, record]));
    const due = targets.flatMap((target) => {
      const circuit = duePoll(circuits.get(target.nodeId) ?? INITIAL_CIRCUIT, now.getTime());
      return circuit === undefined ? [] : [{ target, circuit }];
    });
    let next = 0;
    const worker = async () => {
      while (next < due.length && signal?.aborted !== true) {
        const { target, circuit } = due[next++] as (typeof due)[number];
        let outcome: PollOutcome;
        try {
          outcome = { ok: true, report: await this.client.fetch(target.networkAddress, signal) };
        } catch (error) {
          outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
        const at = new Date();
        const after = outcome.ok
          ? recordSuccess(this.policy, at.getTime())
          : recordFailure(this.policy, circuit, at.getTime());
        await NodeHealthRepository.record(manager, target.nodeId, outcome, after, at, state?.epoch);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, due.length) }, worker));
    return due.length;
  }
}
