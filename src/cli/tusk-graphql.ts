import { CliInputError } from 'src/cli/cli-input.error';

/**
 * Asks a running Tusk over its GraphQL API, past its response cache. An unreachable Tusk and an
 * unexpected answer are plain errors; an error the API reports (bad input, unknown epoch) is the
 * user's, and is shown as such.
 */
export async function queryTusk<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`cannot reach Tusk at ${url} (${reason}); start it with npm start or pass --url`);
  }
  const body = (await response.json().catch(() => undefined)) as
    { data?: Record<string, T | null>; errors?: { message: string }[] } | undefined;
  const failure = body?.errors?.[0]?.message;
  if (failure !== undefined) {
    throw new CliInputError(failure);
  }
  const value = body?.data?.[field];
  if (value === undefined || value === null) {
    throw new Error(`unexpected answer from ${url} (HTTP ${response.status})`);
  }
  return value;
}
