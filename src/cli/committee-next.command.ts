import { readFileSync } from 'node:fs';
import { CliInputError } from 'src/cli/cli-input.error';
import { parseCommitteeNextRequest, type CommitteeNextRequest } from 'src/cli/committee-input.parser';
import {
  computeNextCommittee,
  transitionCommittee,
  type Committee,
  type ShardCount,
} from 'src/domain/committee/committee';
import { DomainError } from 'src/domain/shared/domain.error';

export interface CommitteeNextOutput {
  distribution?: { nodeId: string; shards: number }[];
  committee: { nodeId: string; shards: number[] }[];
}

/** Reads the input file (`-` for standard input) and parses it as JSON. */
export function readJsonInput(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const reason =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
    throw new CliInputError(`cannot read ${file === '-' ? 'standard input' : file}: ${reason}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'malformed';
    throw new CliInputError(`${file === '-' ? 'standard input' : file} is not valid JSON: ${reason}`);
  }
}

/** `tusk committee next`: the committee `voting_end` would select, or one transition alone. */
export function runCommitteeNext(json: unknown): CommitteeNextOutput {
  const request: CommitteeNextRequest = parseCommitteeNextRequest(json);
  try {
    if (request.kind === 'transition') {
      return { committee: committeeToJson(transitionCommittee(request.current, request.distribution)) };
    }
    const next = computeNextCommittee(request);
    return {
      distribution: distributionToJson(next.distribution),
      committee: committeeToJson(next.committee),
    };
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliInputError(error.message);
    }
    throw error;
  }
}

function distributionToJson(distribution: readonly ShardCount[]): { nodeId: string; shards: number }[] {
  return distribution.map(({ nodeId, shards }) => ({ nodeId, shards }));
}

function committeeToJson(committee: Committee): { nodeId: string; shards: number[] }[] {
  return committee.map(({ nodeId, shards }) => ({ nodeId, shards: [...shards] }));
}
