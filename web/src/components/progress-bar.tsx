/** A bar of `value` out of `max`, announced as a progress bar; `mark` draws a threshold on it. */
export function ProgressBar({
  label,
  value,
  max,
  mark,
}: {
  label: string;
  value: number;
  max: number;
  mark?: number;
}) {
  const share = max === 0 ? 1 : Math.min(1, value / max);
  return (
    <div
      class="bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <div class="fill" style={{ width: `${share * 100}%` }} />
      {mark === undefined ? null : (
        <div class="mark" style={{ left: `${(mark / max) * 100}%` }} title="threshold" />
      )}
    </div>
  );
}
