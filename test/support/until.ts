/**
 * Waits until `condition` holds, checking every `everyMs`; fails naming `what` after `timeoutMs`.
 * For values that arrive on their own (pushed events, received webhooks), where a test must wait
 * for the condition rather than assume a loaded machine delivered it already.
 */
export async function until(
  condition: () => boolean,
  what: string,
  timeoutMs: number,
  everyMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
