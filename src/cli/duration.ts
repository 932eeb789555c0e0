import { CliInputError } from 'src/cli/cli-input.error';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `30s`, `5m`, `2h`, `14d` (or a bare number of ms) into milliseconds. */
export function parseDuration(text: string, what: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (match === null) {
    throw new CliInputError(
      `${what} must be a duration such as 30s, 5m, 2h or 14d, got ${JSON.stringify(text)}`,
    );
  }
  const value = Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new CliInputError(`${what} must be positive, got ${JSON.stringify(text)}`);
  }
  return value;
}
