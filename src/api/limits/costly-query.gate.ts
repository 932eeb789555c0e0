import { bulkhead, isBulkheadRejectedError, type BulkheadPolicy } from 'cockatiel';

/** Why a costly query was not let in. */
export type GateRefusal = 'overloaded' | 'cancelled';

/**
 * How many costly queries run at once (cockatiel's bulkhead), the rest waiting their turn in a
 * bounded queue. Costly queries spend the API's CPU resolving and serialising large answers; run
 * all at once, they leave cheap requests (and the refusals of over-budget ones) waiting behind
 * them on the event loop. Admitted in turn, they wait as promises, not as work.
 *
 * A slot also rests after each query, in proportion to the time the query held it, so that one
 * slot is busy at most `share` of the time: a client sending costly queries back to back (however
 * fast each one is) cannot keep the event loop to itself, and cheap requests find it free between
 * them. With a share of 1 a slot is given back at once.
 */
export class CostlyQueryGate {
  private readonly policy: BulkheadPolicy;

  constructor(
    readonly threshold: number,
    concurrency: number,
    queue: number,
    private readonly share = 1,
  ) {
    if (!(share > 0 && share <= 1)) {
      throw new RangeError(`a costly query's share of a slot must be in (0, 1], not ${share}`);
    }
    this.policy = bulkhead(concurrency, queue);
  }

  /**
   * Waits for a slot; resolves with the function that gives it back, or with why there is none:
   * the queue is full (`overloaded`) or `signal` fired first (`cancelled`).
   */
  enter(signal: AbortSignal): Promise<(() => void) | GateRefusal> {
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve('cancelled');
        return;
      }
      // A query still queued when its request ends answers at once; when its turn comes, it
      // gives the slot straight back.
      signal.addEventListener(
        'abort',
        () => {
          resolve('cancelled');
        },
        { once: true },
      );
      let giveBack: () => void = () => undefined;
      const held = new Promise<void>((done) => {
        giveBack = done;
      });
      this.policy
        .execute(() => {
          if (signal.aborted) {
            return undefined;
          }
          const admittedAt = performance.now();
          resolve(() => {
            const restMs = ((performance.now() - admittedAt) * (1 - this.share)) / this.share;
            if (restMs < 1) {
              giveBack();
            } else {
              setTimeout(giveBack, restMs);
            }
          });
          return held;
        }, signal)
        .then(
          () => {
            if (signal.aborted) {
              resolve('cancelled');
            }
          },
          (error: unknown) => {
            resolve(isBulkheadRejectedError(error) ? 'overloaded' : 'cancelled');
          },
        );
    });
  }
}
