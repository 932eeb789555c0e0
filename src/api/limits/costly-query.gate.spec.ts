import { CostlyQueryGate } from 'src/api/limits/costly-query.gate';

describe('CostlyQueryGate', () => {
  it('lets in as many as it has slots, queues as many as its queue holds, and refuses the rest', async () => {
    const gate = new CostlyQueryGate(10, 1, 1);
    const signal = new AbortController().signal;
    const first = await gate.enter(signal);
    expect(typeof first).toBe('function');
    const second = gate.enter(signal);
    expect(await gate.enter(signal)).toBe('overloaded');
    // The queued one gets the slot once the first gives it back.
    if (typeof first === 'function') {
      first();
    }
    const admitted = await second;
    expect(typeof admitted).toBe('function');
    if (typeof admitted === 'function') {
      admitted();
    }
  });

  it('gives up waiting when the request ends or its deadline passes, and does not take a slot later', async () => {
    const gate = new CostlyQueryGate(10, 1, 5);
    const holder = await gate.enter(new AbortController().signal);
    const deadline = new AbortController();
    const waiting = gate.enter(deadline.signal);
    deadline.abort();
    expect(await waiting).toBe('cancelled');
    if (typeof holder === 'function') {
      holder();
    }
    // The slot is free again for the next query, not held by the abandoned one.
    const next = await gate.enter(new AbortController().signal);
    expect(typeof next).toBe('function');
  });

  it('rests a slot after each query in proportion to the time it held it, when given a share', async () => {
    const gate = new CostlyQueryGate(10, 1, 5, 0.5);
    const signal = new AbortController().signal;
    const first = await gate.enter(signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const heldFor = performance.now();
    if (typeof first === 'function') {
      first();
    }
    // Held about 100 ms at a share of one half: the next query waits about as long again.
    const next = await gate.enter(signal);
    expect(performance.now() - heldFor).toBeGreaterThanOrEqual(90);
    expect(typeof next).toBe('function');
    expect(() => new CostlyQueryGate(10, 1, 5, 0)).toThrow(RangeError);
  });
});
