import type { CombinedError } from '@urql/core';

/** What the API said went wrong, in its words, with its code: never a stack trace. */
export function errorCode(error: CombinedError | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions['code'];
  return typeof code === 'string' ? code : undefined;
}

export function ErrorMessage({
  error,
  title = 'The request failed',
}: {
  error: CombinedError;
  title?: string;
}) {
  const first = error.graphQLErrors[0];
  const message =
    first?.message ??
    (error.networkError === undefined ? error.message : 'Tusk could not be reached; is it running?');
  return (
    <div class="error" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      {errorCode(error) === undefined ? null : <p class="muted">code {errorCode(error)}</p>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" aria-busy="true">
      Loading {what}…
    </p>
  );
}

export function NotFound({ what }: { what: string }) {
  return (
    <section class="panel" aria-labelledby="not-found">
      <h1 id="not-found">Not found</h1>
      <p>{what}</p>
      <p>
        <a href="/">Back to the network and its operators</a>
      </p>
    </section>
  );
}
