import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useQuery } from '@urql/preact';
import { MetaQuery } from '../queries';
import { formatDuration } from '../format';

/** An index further behind the chain than this is called stale on every view. */
const STALE_AFTER_SECONDS = 120;
const META_REFRESH_MS = 10_000;

const VIEWS = [
  { href: '/', label: 'Network & operators' },
  { href: '/next', label: 'Next committee' },
  { href: '/simulate', label: 'Stake simulator' },
  { href: '/positions', label: 'My positions' },
];

export function Layout({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/">
          Tusk
        </a>
        <nav aria-label="Views">
          {VIEWS.map((view) => (
            <a
              href={view.href}
              aria-current={
                (view.href === '/' ? path === '/' : path.startsWith(view.href)) ? 'page' : undefined
              }
            >
              {view.label}
            </a>
          ))}
        </nav>
      </header>
      <Freshness />
      <main id="main">{children}</main>
      <footer class="muted">
        Walrus staking, committees and epochs, read from this Tusk’s public GraphQL API at{' '}
        <a href="/graphql">/graphql</a>.
      </footer>
    </>
  );
}

/** Which network and checkpoint the page shows, and a banner when the index lags the chain. */
function Freshness() {
  const [{ data, error }, refetch] = useQuery({ query: MetaQuery, requestPolicy: 'network-only' });
  useEffect(() => {
    const timer = setInterval(() => {
      refetch({ requestPolicy: 'network-only' });
    }, META_REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [refetch]);
  if (error !== undefined) {
    return (
      <div class="banner stale" role="status">
        Tusk’s API is not answering: the figures below may be out of date.
      </div>
    );
  }
  const meta = data?._meta;
  if (meta === undefined) {
    return null;
  }
  const stopped = meta.pipelines.find((pipeline) => pipeline.error !== null);
  const lag = meta.lagSeconds ?? null;
  const replicaBehind = meta.replica?.behind === true;
  const stale = stopped !== undefined || replicaBehind || (lag !== null && lag > STALE_AFTER_SECONDS);
  return (
    <div class={stale ? 'banner stale' : 'banner'} role="status" data-testid="freshness">
      <span>
        {meta.network} · epoch {meta.epoch ?? '—'} · checkpoint {meta.checkpoint ?? '—'}
      </span>
      {stale ? (
        <strong>
          {stopped !== undefined
            ? ` The ${stopped.name} pipeline stopped: ${stopped.error ?? ''}.`
            : replicaBehind
              ? ` This replica is ${formatDuration(meta.replica?.lagSeconds ?? 0)} behind its primary.`
              : ` The index is ${formatDuration(lag ?? 0)} behind the chain.`}
        </strong>
      ) : (
        <span class="muted">
          {' '}
          · {lag === null ? 'lag unknown' : `${formatDuration(lag)} behind the chain`}
        </span>
      )}
    </div>
  );
}
