import { useEffect, useState } from 'preact/hooks';
import { formatDuration } from '../format';
import { Time } from './values';

/** The clock of the viewer's machine, ticking once a second. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}

/** Time left until a moment, live; "due" once it has passed (the chain moves when a call is made). */
export function Countdown({ label, at, testId }: { label: string; at: string | null; testId: string }) {
  const now = useNow();
  if (at === null) {
    return null;
  }
  const seconds = (new Date(at).getTime() - now) / 1000;
  return (
    <div class="countdown" data-testid={testId}>
      <span class="label">{label}</span>
      <span class="value" aria-live="off">
        {seconds > 0 ? `in ${formatDuration(seconds)}` : 'due now'}
      </span>
      <span class="muted">
        <Time iso={at} />
      </span>
    </div>
  );
}
