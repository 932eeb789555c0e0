import { INITIAL_CIRCUIT, NodePollPolicy } from 'src/shard-migration/health/node-poll.policy';

const settings = { pollMs: 1000, failuresToOpen: 3, maxBackoffMs: 5000 };
const down = () => Promise.reject(new Error('connection refused'));
const up = () => Promise.resolve('healthy');

describe('node poll policy', () => {
  it('backs off exponentially, capped, and opens after the configured failures', async () => {
    const policy = new NodePollPolicy(settings);
    let circuit = INITIAL_CIRCUIT;
    const waits: number[] = [];
    const circuits: string[] = [];
    const errors: string[] = [];
    for (let i = 0; i < 5; i++) {
      const polled = await policy.poll('0xaa', circuit, down, () => 0);
      circuit = polled.circuit;
      waits.push(circuit.nextPollAtMs);
      circuits.push(circuit.circuit);
      errors.push(polled.result.ok ? 'ok' : polled.result.error);
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(circuits).toEqual(['closed', 'closed', 'open', 'open', 'open']);
    // An open circuit still lets each due poll through as a probe: the node's own error is kept.
    expect(errors).toEqual(Array(5).fill('connection refused'));
  });

  it('is due only at its scheduled time, and a probe that succeeds closes the circuit', async () => {
    const policy = new NodePollPolicy(settings);
    let circuit = INITIAL_CIRCUIT;
    for (let i = 0; i < 3; i++) {
      circuit = (await policy.poll('0xaa', circuit, down, () => 0)).circuit;
    }
    expect(policy.isDue(circuit, 3999)).toBe(false);
    expect(policy.isDue(circuit, 4000)).toBe(true);
    const probe = await policy.poll('0xaa', circuit, up, () => 4000);
    expect(probe.result).toEqual({ ok: true, value: 'healthy' });
    expect(probe.circuit).toEqual({ circuit: 'closed', consecutiveFailures: 0, nextPollAtMs: 5000 });
  });

  it('remembers an open circuit across a restart, from what the database kept', async () => {
    const before = new NodePollPolicy(settings);
    let circuit = INITIAL_CIRCUIT;
    for (let i = 0; i < 3; i++) {
      circuit = (await before.poll('0xaa', circuit, down, () => 0)).circuit;
    }
    const after = new NodePollPolicy(settings);
    const failed = await after.poll('0xaa', circuit, down, () => 10_000);
    expect(failed.circuit).toEqual({ circuit: 'open', consecutiveFailures: 4, nextPollAtMs: 15_000 });
    const healed = await new NodePollPolicy(settings).poll('0xaa', failed.circuit, up, () => 20_000);
    expect(healed.circuit.circuit).toBe('closed');
  });
});
