import { bulkhead, isBulkheadRejectedError, type BulkheadPolicy } from 'cockatiel';

/** Why a costly query was not let in. */
export type GateRefusal = 'overloaded' | 'cancelled';

/**
 * How many costly queries run at once (cockatiel's bulkhead), the rest waiting their turn in a
 * bounded queue. Costly queries spend the API's CPU resolving and serialising large answers; run
 * all at once, they leave cheap requests (and the refusals of over-budget ones) waiting behind
 * them on the event loop. Admitted in turn, they wait as promises, not as work.
 */
export class CostlyQueryGate {
  private readonly policy: BulkheadPolicy;

  constructor(
    readonly threshold: number,
    concurrency: number,
    queue: number,
  ) {
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
      let release: () => void = () => undefined;
      const held = new Promise<void>((done) => {
        release = done;
      });
      this.policy
        .execute(() => {
          if (signal.aborted) {
            return undefined;
          }
          resolve(release);
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
