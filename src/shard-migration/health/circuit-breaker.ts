/** The poller's view of one node: how its recent polls went and when to poll it next. */
export interface CircuitState {
  readonly circuit: 'closed' | 'open' | 'half_open';
  readonly consecutiveFailures: number;
  readonly nextPollAtMs: number;
}

export interface CircuitPolicy {
  /** Interval between polls of a healthy node. */
  readonly pollMs: number;
  /** Consecutive failures that open the circuit. */
  readonly failuresToOpen: number;
  /** Longest wait between two attempts at a failing node. */
  readonly maxBackoffMs: number;
}

export const INITIAL_CIRCUIT: CircuitState = { circuit: 'closed', consecutiveFailures: 0, nextPollAtMs: 0 };

export function recordSuccess(policy: CircuitPolicy, nowMs: number): CircuitState {
  return { circuit: 'closed', consecutiveFailures: 0, nextPollAtMs: nowMs + policy.pollMs };
}

/**
 * A failed poll backs off exponentially from the poll interval, capped; after `failuresToOpen`
 * failures in a row the circuit opens, and the next attempt is a single probe (half-open) that
 * closes it again on success.
 */
export function recordFailure(policy: CircuitPolicy, state: CircuitState, nowMs: number): CircuitState {
  const consecutiveFailures = state.consecutiveFailures + 1;
  const backoffMs = Math.min(policy.maxBackoffMs, policy.pollMs * 2 ** Math.min(consecutiveFailures - 1, 20));
  return {
    circuit: consecutiveFailures >= policy.failuresToOpen ? 'open' : 'closed',
    consecutiveFailures,
    nextPollAtMs: nowMs + backoffMs,
  };
}

/** Whether the node is due; an open circuit that is due lets one probe through (half-open). */
export function duePoll(state: CircuitState, nowMs: number): CircuitState | undefined {
  if (nowMs < state.nextPollAtMs) {
    return undefined;
  }
  return state.circuit === 'open' ? { ...state, circuit: 'half_open' } : state;
}
