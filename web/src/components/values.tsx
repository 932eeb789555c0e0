import { formatLocalTime, formatWal, shortId } from '../format';

/** An amount of FROST shown as exact WAL. */
export function Wal({ frost }: { frost: string | null }) {
  if (frost === null) {
    return <span class="muted">—</span>;
  }
  return (
    <span class="amount" title={`${frost} FROST`}>
      {formatWal(frost)} WAL
    </span>
  );
}

/** A moment in the viewer's time zone, UTC on hover. */
export function Time({ iso }: { iso: string | null }) {
  if (iso === null) {
    return <span class="muted">—</span>;
  }
  return (
    <time
      dateTime={iso}
      title={new Date(iso)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')}
    >
      {formatLocalTime(iso)}
    </time>
  );
}

export function Id({ id }: { id: string }) {
  return (
    <code class="id" title={id}>
      {shortId(id)}
    </code>
  );
}
