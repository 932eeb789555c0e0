import { useEffect, useRef } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** How the axis and the legend show a value. */
  readonly format: (value: number) => string;
  /** A shorter form for the axis ticks, where a long figure would be cut. */
  readonly axis?: (value: number) => string;
}

/** Starts loading the charts' library, so that it arrives alongside a view's data, not after it. */
export function preloadCharts(): void {
  void import('uplot');
}

/**
 * One series over epochs, drawn by uPlot on a 2D canvas (no WebGL). The library is loaded with the
 * first chart, so the views without charts do not carry it.
 */
export function EpochChart({
  title,
  epochs,
  series,
}: {
  title: string;
  epochs: readonly number[];
  series: Series;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (element === null || epochs.length === 0) {
      return undefined;
    }
    let plot: { destroy(): void } | undefined;
    let cancelled = false;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const width = Math.max(260, Math.min(560, element.clientWidth));
      plot = new UPlot(
        {
          width,
          height: 180,
          legend: { show: false },
          scales: { x: { time: false } },
          axes: [
            {
              label: 'epoch',
              values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')),
            },
            { size: 64, values: (_u, ticks) => ticks.map((tick) => (series.axis ?? series.format)(tick)) },
          ],
          series: [
            { label: 'epoch' },
            { label: series.label, stroke: '#1d4ed8', width: 2, points: { show: epochs.length < 40 } },
          ],
        },
        [epochs as number[], series.values as (number | null)[]],
        element,
      );
    });
    return () => {
      cancelled = true;
      plot?.destroy();
    };
  }, [epochs, series]);
  const last = series.values.filter((value): value is number => value !== null).at(-1);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div
        ref={host}
        role="img"
        aria-label={`${title}: ${epochs.length} epochs${last === undefined ? '' : `, latest ${series.format(last)}`}`}
      />
    </figure>
  );
}
