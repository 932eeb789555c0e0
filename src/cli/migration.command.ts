import { CliInputError } from 'src/cli/cli-input.error';
import { queryTusk } from 'src/cli/tusk-graphql';

/** The fields the terminal view shows, as the GraphQL API serves them. */
const MIGRATION_QUERY = `query Migration($epoch: Int) {
  shardMigration(epoch: $epoch) {
    epoch kind status startedAt doneAt endedAt movedShards totalBytes concurrency waves etaSeconds expectedDoneAt
    progress { planned transferring recovering received failed fractionReceived }
    quorum { attestedWeight quorumWeight missingWeight reached atRisk blockingNodes }
    nodes { nodeId name membership weight gained lost attested attestedLate reachable nodeStatus reportedEpoch
            healthError overdue stalledMoves incoming { received planned transferring recovering failed } }
    moves { shard from to wave state }
    stalls { kind summary openedAt }
  }
}`;

interface Progress {
  planned: number;
  transferring: number;
  recovering: number;
  received: number;
  failed: number;
  fractionReceived?: number;
}

export interface MigrationView {
  epoch: number;
  kind: string;
  status: string;
  startedAt: string | null;
  doneAt: string | null;
  endedAt: string | null;
  movedShards: number;
  totalBytes: string;
  concurrency: number;
  waves: number;
  etaSeconds: number;
  expectedDoneAt: string | null;
  progress: Progress;
  quorum: {
    attestedWeight: number;
    quorumWeight: number;
    missingWeight: number;
    reached: boolean;
    atRisk: boolean;
    blockingNodes: string[];
  };
  nodes: {
    nodeId: string;
    name: string | null;
    membership: string;
    weight: number;
    gained: number;
    lost: number;
    attested: boolean;
    attestedLate: boolean | null;
    reachable: boolean | null;
    nodeStatus: string | null;
    reportedEpoch: number | null;
    healthError: string | null;
    overdue: boolean;
    stalledMoves: number;
    incoming: Progress;
  }[];
  moves: { shard: number; from: string | null; to: string; wave: number; state: string }[];
  stalls: { kind: string; summary: string; openedAt: string }[];
}

/** Asks a running Tusk for the handoff into `epoch` (default: the latest) over its GraphQL API. */
export async function fetchMigration(url: string, epoch: number | undefined): Promise<MigrationView> {
  return queryTusk<MigrationView>(url, MIGRATION_QUERY, { epoch: epoch ?? null }, 'shardMigration');
}

export function parseEpochOption(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d{1,9}$/.test(value)) {
    throw new CliInputError(`--epoch must be an epoch number, got "${value}"`);
  }
  return Number(value);
}

/** A bar of `width` cells filled to `fraction`. */
export function progressBar(fraction: number, width = 30): string {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

const pad = (text: string, width: number) =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);

/** The handoff as the terminal shows it: header, progress and quorum bars, nodes, alerts. */
export function renderMigration(view: MigrationView, options: { moves?: boolean } = {}): string {
  const lines: string[] = [];
  const when = (iso: string | null) => (iso === null ? '-' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
  lines.push(
    `Shard handoff into epoch ${view.epoch}: ${view.kind} ${view.status}, ${view.movedShards} shards moving ` +
      `(${formatBytes(view.totalBytes)}), ${view.waves} wave(s) of ${view.concurrency}, planned ${view.etaSeconds.toFixed(1)} s`,
  );
  if (view.startedAt !== null) {
    lines.push(
      `started ${when(view.startedAt)}, expected done ${when(view.expectedDoneAt)}, quorum reached ${when(view.doneAt)}` +
        (view.endedAt === null ? '' : `, next epoch started ${when(view.endedAt)}`),
    );
  }
  const p = view.progress;
  lines.push(
    `moves  ${progressBar(p.fractionReceived ?? 0)} ${Math.round((p.fractionReceived ?? 0) * 100)}% received ` +
      `(${p.planned} planned, ${p.transferring} transferring, ${p.recovering} recovering, ${p.received} received, ${p.failed} failed)`,
  );
  const q = view.quorum;
  lines.push(
    `quorum ${progressBar(q.attestedWeight / Math.max(q.quorumWeight, 1))} ${q.attestedWeight}/${q.quorumWeight} shards attested` +
      (q.reached ? ', reached' : `, ${q.missingWeight} missing`) +
      (q.atRisk ? `, AT RISK: blocked by ${q.blockingNodes.join(', ')}` : ''),
  );
  lines.push('');
  lines.push(
    `${pad('node', 14)}${pad('membership', 12)}${pad('weight', 8)}${pad('gained', 8)}${pad('lost', 6)}${pad('incoming', 22)}${pad('attested', 10)}health`,
  );
  for (const node of view.nodes) {
    const incoming = node.incoming;
    const total =
      incoming.planned + incoming.transferring + incoming.recovering + incoming.received + incoming.failed;
    const health =
      node.reachable === null
        ? 'not polled'
        : node.reachable
          ? `${node.nodeStatus ?? '?'} (epoch ${node.reportedEpoch ?? '?'})`
          : `UNREACHABLE: ${node.healthError ?? ''}`;
    const flags = [
      node.stalledMoves > 0 ? `${node.stalledMoves} stalled` : '',
      node.overdue ? 'overdue' : '',
    ].filter((flag) => flag !== '');
    lines.push(
      `${pad(node.name ?? node.nodeId.slice(0, 12), 14)}${pad(node.membership, 12)}${pad(String(node.weight), 8)}` +
        `${pad(String(node.gained), 8)}${pad(String(node.lost), 6)}` +
        pad(
          total === 0 ? '-' : `${incoming.received}/${total} ${progressBar(incoming.received / total, 10)}`,
          22,
        ) +
        `${pad(node.attested ? (node.attestedLate === true ? 'late' : 'yes') : 'no', 10)}${health}` +
        (flags.length > 0 ? `  ${flags.join(', ')}` : ''),
    );
  }
  lines.push('');
  if (view.stalls.length === 0) {
    lines.push('no open alerts');
  } else {
    lines.push('open alerts:');
    for (const alert of view.stalls) {
      lines.push(`  ${alert.kind} since ${when(alert.openedAt)}: ${alert.summary}`);
    }
  }
  if (options.moves === true) {
    const label = new Map(view.nodes.map((node) => [node.nodeId, node.name ?? node.nodeId]));
    lines.push('', 'moves:');
    for (const move of view.moves) {
      lines.push(
        `  shard ${move.shard}: ${move.from === null ? '(new)' : (label.get(move.from) ?? move.from)} -> ` +
          `${label.get(move.to) ?? move.to}, wave ${move.wave}, ${move.state}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function formatBytes(text: string): string {
  const bytes = BigInt(text);
  const units: [bigint, string][] = [
    [10n ** 15n, 'PB'],
    [10n ** 12n, 'TB'],
    [10n ** 9n, 'GB'],
    [10n ** 6n, 'MB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      return `${(Number((bytes * 10n) / size) / 10).toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} B`;
}
