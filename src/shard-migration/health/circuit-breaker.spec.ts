import {
  duePoll,
  INITIAL_CIRCUIT,
  recordFailure,
  recordSuccess,
  type CircuitPolicy,
} from 'src/shard-migration/health/circuit-breaker';

const policy: CircuitPolicy = { pollMs: 1000, failuresToOpen: 3, maxBackoffMs: 5000 };

describe('circuit breaker', () => {
  it('backs off exponentially, capped, and opens after the configured failures', () => {
    let state = INITIAL_CIRCUIT;
    const waits: number[] = [];
    const circuits: string[] = [];
    for (let i = 0; i < 5; i++) {
      state = recordFailure(policy, state, 0);
      waits.push(state.nextPollAtMs);
      circuits.push(state.circuit);
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(circuits).toEqual(['closed', 'closed', 'open', 'open', 'open']);
  });

  it('lets one probe through when an open circuit is due, and closes on success', () => {
    let state = INITIAL_CIRCUIT;
    for (let i = 0; i < 3; i++) {
      state = recordFailure(policy, state, 0);
    }
    expect(duePoll(state, 3999)).toBeUndefined();
    expect(duePoll(state, 4000)?.circuit).toBe('half_open');
    expect(recordSuccess(policy, 4000)).toEqual({
      circuit: 'closed',
      consecutiveFailures: 0,
      nextPollAtMs: 5000,
    });
  });
});
