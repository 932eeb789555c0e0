import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleAll,
  type CircuitBreakerPolicy,
  type IBackoffFactory,
} from 'cockatiel';
import { delayAfterFailures, exponentialBackoff } from 'src/common/resilience/backoff';
import type { NodeCircuit } from 'src/domain/shard-migration/node-health-report';

export interface NodePollSettings {
  /** Interval between polls of a healthy node; also the first wait after a failure. */
  readonly pollMs: number;
  /** Consecutive failures that open a node's circuit. */
  readonly failuresToOpen: number;
  /** Longest wait between two attempts at a failing node. */
  readonly maxBackoffMs: number;
}

export const INITIAL_CIRCUIT: NodeCircuit = { circuit: 'closed', consecutiveFailures: 0, nextPollAtMs: 0 };

export type PollResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * The storage nodes' resilience policy: each node has a cockatiel circuit breaker that opens after
 * `failuresToOpen` failures in a row, and a poll schedule that backs off exponentially from the
 * poll interval to `maxBackoffMs` while it fails. The schedule is kept in the database with the
 * circuit, so a restart neither hammers a node that was down nor forgets that it was; the
 * in-memory breakers are seeded from it. An open circuit lets the next due poll through as a
 * single probe (half-open), which closes it on success.
 */
export class NodePollPolicy {
  /** Each node's breaker, with the failures in a row it has seen (to notice another writer's polls). */
  private readonly breakers = new Map<string, { breaker: CircuitBreakerPolicy; failures: number }>();
  private readonly backoff: IBackoffFactory<unknown>;

  constructor(private readonly settings: NodePollSettings) {
    this.backoff = exponentialBackoff({ initialMs: settings.pollMs, maxMs: settings.maxBackoffMs }, false);
  }

  /** Whether a node is due for a poll (or, with its circuit open, a probe). */
  isDue(stored: NodeCircuit, nowMs: number): boolean {
    return nowMs >= stored.nextPollAtMs;
  }

  /** One poll of `nodeId` through its breaker: what it gave, when, and the node's circuit after it. */
  async poll<T>(
    nodeId: string,
    stored: NodeCircuit,
    call: () => Promise<T>,
    clock: () => number = Date.now,
  ): Promise<{ result: PollResult<T>; circuit: NodeCircuit; atMs: number }> {
    const breaker = await this.breakerFor(nodeId, stored);
    let result: PollResult<T>;
    try {
      result = { ok: true, value: await breaker.execute(call) };
    } catch (error) {
      result = {
        ok: false,
        error:
          error instanceof BrokenCircuitError
            ? 'the circuit is open'
            : error instanceof Error
              ? error.message
              : String(error),
      };
    }
    const nowMs = clock();
    const consecutiveFailures = result.ok ? 0 : stored.consecutiveFailures + 1;
    this.breakers.set(nodeId, { breaker, failures: consecutiveFailures });
    return {
      result,
      atMs: nowMs,
      circuit: {
        circuit: circuitName(breaker.state),
        consecutiveFailures,
        nextPollAtMs:
          nowMs + (result.ok ? this.settings.pollMs : delayAfterFailures(this.backoff, consecutiveFailures)),
      },
    };
  }

  /**
   * The node's breaker, made on first sight (or when the database shows polls this process did not
   * make, by a leader before it) and seeded with the failures in a row the database remembers, so
   * that a node whose circuit was open is still open after a restart.
   */
  private async breakerFor(nodeId: string, stored: NodeCircuit): Promise<CircuitBreakerPolicy> {
    const known = this.breakers.get(nodeId);
    if (known !== undefined && known.failures === stored.consecutiveFailures) {
      return known.breaker;
    }
    const breaker = circuitBreaker(handleAll, {
      // Polls are spaced by the schedule above; once due, an open circuit lets the probe through.
      halfOpenAfter: 0,
      breaker: new ConsecutiveBreaker(this.settings.failuresToOpen),
    });
    const remembered = Math.min(stored.consecutiveFailures, this.settings.failuresToOpen);
    for (let i = 0; i < remembered; i++) {
      await breaker
        .execute(() => Promise.reject(new Error('a failure remembered from before')))
        .catch(() => {
          // The failure is the point: it only sets the breaker's count.
        });
    }
    this.breakers.set(nodeId, { breaker, failures: stored.consecutiveFailures });
    return breaker;
  }
}

function circuitName(state: CircuitState): NodeCircuit['circuit'] {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half_open';
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
  }
}
