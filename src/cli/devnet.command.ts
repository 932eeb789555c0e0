import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliInputError } from 'src/cli/cli-input.error';
import { parseDuration } from 'src/cli/duration';
import { DevnetServer, type DevnetReady } from 'src/devnet/devnet.server';
import { loadScenario, ScenarioError } from 'src/devnet/scenario';

export interface DevnetCommandOptions {
  scenario: string;
  seed: string;
  port: string;
  epochDuration: string;
  genesisTime: string;
  retainCheckpoints: string;
  objectStore: string;
}

/** The shortest epoch the devnet runs: storage-node handoffs need a few checkpoints to show. */
export const MIN_EPOCH_DURATION_MS = 2000;

/** Starts the devnet; resolves with its description once it serves, and the server to stop. */
export async function startDevnet(
  options: DevnetCommandOptions,
  onFailure: (error: unknown) => void,
): Promise<{ ready: DevnetReady; server: DevnetServer }> {
  const seed = Number(options.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new CliInputError(
      `--seed must be a non-negative whole number, got ${JSON.stringify(options.seed)}`,
    );
  }
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliInputError(
      `--port must be a port number (0 for any free port), got ${JSON.stringify(options.port)}`,
    );
  }
  const epochDurationMs = parseDuration(options.epochDuration, '--epoch-duration');
  if (epochDurationMs < MIN_EPOCH_DURATION_MS) {
    throw new CliInputError(`--epoch-duration must be at least ${MIN_EPOCH_DURATION_MS / 1000}s`);
  }
  let genesisTimeMs: number;
  if (options.genesisTime === 'now') {
    genesisTimeMs = Math.floor(Date.now() / 1000) * 1000;
  } else {
    genesisTimeMs = Date.parse(options.genesisTime);
    if (Number.isNaN(genesisTimeMs)) {
      throw new CliInputError(
        `--genesis-time must be an ISO date or "now", got ${JSON.stringify(options.genesisTime)}`,
      );
    }
  }
  const retainedCheckpoints = Number(options.retainCheckpoints);
  if (!Number.isSafeInteger(retainedCheckpoints) || retainedCheckpoints < 1000) {
    throw new CliInputError(
      `--retain-checkpoints must be a whole number of at least 1000, got ${JSON.stringify(options.retainCheckpoints)}`,
    );
  }
  let scenario;
  try {
    scenario = loadScenario(options.scenario);
  } catch (error) {
    if (error instanceof ScenarioError) {
      throw new CliInputError(error.message);
    }
    throw error;
  }
  const objectStore = resolve(options.objectStore);
  try {
    mkdirSync(objectStore, { recursive: true });
    accessSync(objectStore, constants.W_OK);
  } catch (error) {
    throw new CliInputError(
      `--object-store ${objectStore} is not a directory it can write in (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const server = new DevnetServer(
    {
      scenario,
      seed,
      epochDurationMs,
      genesisTimeMs,
      port,
      retainedCheckpoints,
      coldObjectsDirectory: objectStore,
    },
    onFailure,
  );
  try {
    return { ready: await server.start(), server };
  } catch (error) {
    await server.stop();
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'EADDRINUSE') {
      throw new CliInputError(`port ${port} is already in use (choose another with --port, or 0 for any)`);
    }
    throw error;
  }
}
