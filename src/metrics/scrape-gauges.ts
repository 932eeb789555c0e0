import { Gauge, type Registry } from 'prom-client';
import { withReadScope } from 'src/store/read-scope';

/** Fills one gauge from a scrape's reading. */
export type GaugeFill<L extends string, R> = (gauge: Gauge<L>, reading: R) => void;

/**
 * Gauges read from the database at scrape time: one `read` per scrape (in one read scope) feeds
 * every gauge made here; each gauge's collect waits for that same read, and resets its series
 * first so that a node gone from the reading leaves the exposition too.
 */
export function scrapeGauges<R>(
  registry: Registry,
  read: () => Promise<R>,
): <L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  fill: GaugeFill<L, R>,
) => Gauge<L> {
  let reading: Promise<R> | undefined;
  const once = () => {
    reading ??= withReadScope(read).finally(() => {
      setImmediate(() => {
        reading = undefined;
      });
    });
    return reading;
  };
  return <L extends string>(name: string, help: string, labelNames: readonly L[], fill: GaugeFill<L, R>) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        fill(this, await once());
      },
    });
}
