import { CliInputError } from 'src/cli/cli-input.error';
import { progressBar } from 'src/cli/migration.command';
import { queryTusk } from 'src/cli/tusk-graphql';
import { NodeHealthClient, NodeHealthError } from 'src/shard-migration/health/node-health.client';
import type { NodeHealthReport } from 'src/domain/shard-migration/node-health-report';

/** `tusk health --url … --json`: one object with exactly these keys. */
export interface NodeHealthSummary {
  /** As the node sent it; null from software older than the field. */
  readonly nodeStatus: string | null;
  readonly epoch: number;
  readonly owned: number;
  readonly ready: number;
  readonly inTransfer: number;
  readonly inRecovery: number;
  readonly unknown: number;
  /** Shards the node no longer owns but still serves read-only. */
  readonly readOnly: number;
}

/**
 * Reads one storage node's `/v1/health?detailed=true` at its base URL. Whatever keeps it from
 * giving a health answer (no answer, an HTTP error, a body that is not JSON or not the health
 * API's) is the user's to fix: a `CliInputError` with one line.
 */
export async function readNodeHealth(url: string, timeoutMs: number): Promise<NodeHealthSummary> {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CliInputError(
      `--url must be a node's base URL such as https://node.example:9185, got "${url}"`,
    );
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new CliInputError(`--url must be http(s), got "${url}"`);
  }
  let report: NodeHealthReport;
  try {
    report = await new NodeHealthClient({ timeoutMs, gateway: undefined }).fetchUrl(base.origin);
  } catch (error) {
    const reason = error instanceof NodeHealthError || error instanceof Error ? error.message : String(error);
    throw new CliInputError(`cannot read the health of ${base.origin}: ${reason}`);
  }
  return {
    nodeStatus: report.nodeStatus,
    epoch: report.epoch,
    owned: report.owned,
    ready: report.counts.ready,
    inTransfer: report.counts.inTransfer,
    inRecovery: report.counts.inRecovery,
    unknown: report.counts.unknown,
    readOnly: report.counts.readOnly,
  };
}

export function renderNodeHealth(url: string, health: NodeHealthSummary): string {
  return [
    `Node ${url}`,
    `Status: ${health.nodeStatus ?? '(not reported by this version)'}`,
    `Epoch: ${health.epoch}`,
    `Owned shards: ${health.owned}  ${progressBar(health.owned === 0 ? 1 : health.ready / health.owned)} ${health.ready} ready`,
    `  in transfer: ${health.inTransfer}, in recovery: ${health.inRecovery}, unknown: ${health.unknown}`,
    `Read-only shards (no longer owned): ${health.readOnly}`,
    '',
  ].join('\n');
}

const COMMITTEE_QUERY = `{
  availability {
    epoch nShards shardsAvailable readThreshold writeThreshold canRead canWrite checkedAt
    writesFailAfterNodes readsFailAfterNodes
    members { nodeId name assignedShards availableShards reason reachable nodeStatus epoch }
  }
}`;

export interface CommitteeHealthView {
  epoch: number;
  nShards: number;
  shardsAvailable: number;
  readThreshold: number;
  writeThreshold: number;
  canRead: boolean;
  canWrite: boolean;
  checkedAt: string;
  writesFailAfterNodes: number | null;
  readsFailAfterNodes: number | null;
  members: {
    nodeId: string;
    name: string | null;
    assignedShards: number;
    availableShards: number;
    reason: string | null;
    reachable: boolean;
    nodeStatus: string | null;
    epoch: number | null;
  }[];
}

/** Asks a running Tusk for the committee's health and the verdict. */
export async function fetchCommitteeHealth(url: string): Promise<CommitteeHealthView> {
  return queryTusk<CommitteeHealthView>(url, COMMITTEE_QUERY, {}, 'availability');
}

const pad = (text: string, width: number) =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);

/** Every member with its shards and a bar of those it serves, then the verdict against the bars. */
export function renderCommitteeHealth(view: CommitteeHealthView): string {
  const lines = [
    `Committee of epoch ${view.epoch} (checked ${view.checkedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')})`,
    '',
  ];
  const width = Math.max(
    4,
    ...view.members.map((member) => (member.name ?? member.nodeId.slice(0, 12)).length),
  );
  for (const member of view.members) {
    const serving = member.assignedShards === 0 ? 1 : member.availableShards / member.assignedShards;
    lines.push(
      `${pad(member.name ?? member.nodeId.slice(0, 12), width)}  ${progressBar(serving, 20)} ` +
        `${member.availableShards}/${member.assignedShards} ready  ` +
        (member.reachable ? (member.nodeStatus ?? 'answering') : 'unreachable') +
        (member.reason === null ? '' : `  (${member.reason.toLowerCase().replace('_', ' ')})`),
    );
  }
  const bar = (need: number) => progressBar(view.shardsAvailable / Math.max(need, 1));
  lines.push(
    '',
    `Shards available: ${view.shardsAvailable} of ${view.nShards}`,
    `Reads  ${bar(view.readThreshold)} ${view.shardsAvailable}/${view.readThreshold}  ${view.canRead ? 'OK' : 'FAIL'}`,
    `Writes ${bar(view.writeThreshold)} ${view.shardsAvailable}/${view.writeThreshold}  ${view.canWrite ? 'OK' : 'FAIL'}`,
    view.canWrite
      ? `Writes fail if ${view.writesFailAfterNodes ?? 0} more of the largest nodes go down.`
      : view.canRead
        ? `Writes fail now; reads fail if ${view.readsFailAfterNodes ?? 0} more of the largest nodes go down.`
        : 'Reads and writes fail now.',
    '',
  );
  return lines.join('\n');
}
