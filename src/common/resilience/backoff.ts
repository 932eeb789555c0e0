import {
  ExponentialBackoff,
  noJitterGenerator,
  type GeneratorFn,
  type IBackoff,
  type IBackoffFactory,
} from 'cockatiel';

export interface BackoffSettings {
  /** The first wait. */
  readonly initialMs: number;
  /** The longest wait. */
  readonly maxMs: number;
}

/**
 * Exponential backoff from `initialMs` doubling to `maxMs`. With `jitter`, each wait is drawn from
 * [½, 1] of its step, so that many clients failing together do not retry together; `random` makes
 * the draw reproducible in tests.
 */
export function exponentialBackoff(
  settings: BackoffSettings,
  jitter: { readonly random: () => number } | false,
): IBackoffFactory<unknown> {
  const generator: GeneratorFn<number> =
    jitter === false
      ? noJitterGenerator
      : (attempts = 0, options) => {
          const [ceiling, next] = noJitterGenerator(attempts, options);
          return [Math.round(ceiling * (0.5 + jitter.random() / 2)), next];
        };
  return new ExponentialBackoff({
    initialDelay: settings.initialMs,
    maxDelay: settings.maxMs,
    exponent: 2,
    generator,
  });
}

/**
 * Walks a backoff one failure at a time, for loops that must keep their own shape (a stream that
 * resumes where it broke): `next()` is the wait after one more failure, `reset()` follows a success.
 */
export class BackoffSequence {
  private current: IBackoff<unknown> | undefined;
  private failures = 0;

  constructor(private readonly factory: IBackoffFactory<unknown>) {}

  get attempts(): number {
    return this.failures;
  }

  next(): number {
    this.failures++;
    this.current = this.current === undefined ? this.factory.next(undefined) : this.current.next(undefined);
    return this.current.duration;
  }

  reset(): void {
    this.current = undefined;
    this.failures = 0;
  }
}

/**
 * The wait after the `failures`-th failure in a row (1 = the first), for schedules kept in the
 * database, where a retry is due at a time rather than after a sleep.
 */
export function delayAfterFailures(factory: IBackoffFactory<unknown>, failures: number): number {
  const sequence = new BackoffSequence(factory);
  let delay = 0;
  for (let i = 0; i < Math.max(1, failures); i++) {
    delay = sequence.next();
  }
  return delay;
}
