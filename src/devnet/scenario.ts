import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { STORAGE_NODE_FAULTS } from 'src/devnet/storage-nodes/simulated-storage-node';

const wal = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((value) => BigInt(value));
const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes');
const bps = z.number().int().min(0).max(10_000);

const nodeSchema = z.object({
  name,
  stakeWal: wal,
  commissionBps: bps.default(1000),
  storagePrice: wal.default(11_000n),
  writePrice: wal.default(20_000n),
  capacityTb: z.number().int().positive().default(20),
});

/** When an event fires: at the first tick of `epoch` in the given phase. */
const trigger = {
  epoch: z.number().int().nonnegative(),
  at: z.enum(['start', 'done', 'selected']).default('done'),
};

const eventSchema = z.discriminatedUnion('action', [
  z.object({ ...trigger, action: z.literal('stake'), delegator: name, node: name, wal }),
  z.object({ ...trigger, action: z.literal('unstakeAll'), delegator: name }),
  z.object({ ...trigger, action: z.literal('registerNode'), node: nodeSchema }),
  z.object({ ...trigger, action: z.literal('setCommission'), node: name, bps }),
  /**
   * Each node sets the votes given, in its own transaction; `updatePrices` appends the call that
   * moves the System's prices to the new tally at once.
   */
  z.object({
    ...trigger,
    action: z.literal('vote'),
    nodes: z.array(name).min(1),
    storagePrice: wal.optional(),
    writePrice: wal.optional(),
    capacityTb: z.number().int().positive().optional(),
    updatePrices: z.boolean().default(false),
  }),
  z.object({
    ...trigger,
    action: z.literal('fault'),
    node: name,
    fault: z.enum(STORAGE_NODE_FAULTS),
    clear: z.boolean().default(false),
  }),
  /** Each voter, a committee member, votes in its own transaction, in the order listed. */
  z.object({
    ...trigger,
    action: z.literal('voteForSlashing'),
    voters: z.array(name).min(1),
    candidate: name,
  }),
  z.object({ ...trigger, action: z.literal('executeSlashing'), candidate: name }),
  /**
   * A node announces a new deny list and applies it once the committee certified it
   * (`register_deny_list_update`, then `update_deny_list`); `bytes` is what it refuses to store.
   */
  z.object({
    ...trigger,
    action: z.literal('denyList'),
    node: name,
    bytes: wal,
    /** The signers of the certificate; every committee member unless given. */
    signers: z.array(name).optional(),
  }),
  /** `set_migration_epoch`, sent by the first committee member's operator. */
  z.object({ ...trigger, action: z.literal('setMigrationEpoch') }),
  /** Each voter votes for the package digest (32 bytes, hex) in its own transaction. */
  z.object({
    ...trigger,
    action: z.literal('voteForUpgrade'),
    voters: z.array(name).min(1),
    digest: z.string().regex(/^0x[0-9a-f]{64}$/, '32 bytes of hex after 0x'),
  }),
  /**
   * The upgrade the digest's quorum authorised: a new package version introducing `newTypes`
   * (`module::Type`); then a node announces the protocol version, an event of the new version.
   */
  z.object({
    ...trigger,
    action: z.literal('upgrade'),
    digest: z.string().regex(/^0x[0-9a-f]{64}$/, '32 bytes of hex after 0x'),
    newTypes: z.array(z.string().regex(/^[a-z_]+::[A-Za-z0-9_]+$/)).default([]),
    protocolVersion: z.number().int().positive().optional(),
  }),
  /** Removes every proposal left from an earlier epoch. */
  z.object({ ...trigger, action: z.literal('cleanupSlashing') }),
]);

export const scenarioSchema = z.object({
  name,
  description: z.string(),
  nShards: z.number().int().min(1).max(65_535).default(1000),
  /** Share of an epoch a shard transfer takes at normal speed. */
  handoffEpochFraction: z.number().positive().max(1).default(0.05),
  /** Share of an epoch without progress after which a transfer falls back to recovery. */
  recoveryAfterEpochFraction: z.number().positive().max(1).default(0.1),
  /** Storage fees per epoch bucket, WAL. */
  rewardsPerEpochWal: wal.default(50_000n),
  /**
   * Deploys the `walrus_subsidies` package: a usage subsidy in basis points of new payments, and
   * a fixed-rate subsidy of a base plus a per-shard amount to each committee member per epoch.
   */
  subsidies: z
    .object({
      rateBps: z.number().int().min(0).max(1_000_000),
      baseWal: wal,
      perShardWal: wal,
      fundWal: wal,
    })
    .optional(),
  nodes: z.array(nodeSchema).min(1),
  workload: z
    .object({
      /** Random delegations per epoch. */
      stakesPerEpoch: z.number().int().nonnegative().default(0),
      /** Random withdrawal steps per epoch. */
      withdrawalsPerEpoch: z.number().int().nonnegative().default(0),
      maxStakeWal: wal.default(100_000n),
      /** Storage a user buys as each epoch's change is done, paid over the next `epochs` buckets. */
      storage: z.object({ wal, epochs: z.number().int().min(1).max(53) }).optional(),
    })
    .prefault({}),
  events: z.array(eventSchema).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioEvent = Scenario['events'][number];
export type ScenarioNode = Scenario['nodes'][number];

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** The scenarios shipped with Tusk, as data files beside this module. */
export const SCENARIO_DIRECTORY = join(__dirname, 'scenarios');

export function listScenarios(directory = SCENARIO_DIRECTORY): string[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** Loads a shipped scenario by name, or a scenario file by path; every problem is named. */
export function loadScenario(nameOrPath: string, directory = SCENARIO_DIRECTORY): Scenario {
  const path = nameOrPath.endsWith('.json') ? nameOrPath : join(directory, `${nameOrPath}.json`);
  if (!existsSync(path)) {
    throw new ScenarioError(
      `no scenario ${JSON.stringify(nameOrPath)}; shipped scenarios: ${listScenarios(directory).join(', ')}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ScenarioError(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseScenario(json, path);
}

export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ScenarioError(`${source} is not a valid scenario: ${problems.join('; ')}`);
  }
  const scenario = parsed.data;
  const known = new Set(scenario.nodes.map((node) => node.name));
  for (const event of scenario.events) {
    if (event.action === 'registerNode') {
      known.add(event.node.name);
    }
  }
  for (const event of scenario.events) {
    for (const node of namedNodes(event)) {
      if (!known.has(node)) {
        throw new ScenarioError(
          `${source}: event at epoch ${event.epoch} names unknown node ${JSON.stringify(node)}`,
        );
      }
    }
  }
  return scenario;
}

function namedNodes(event: ScenarioEvent): string[] {
  switch (event.action) {
    case 'stake':
    case 'setCommission':
    case 'fault':
      return [event.node];
    case 'voteForSlashing':
      return [...event.voters, event.candidate];
    case 'voteForUpgrade':
      return event.voters;
    case 'denyList':
      return [event.node, ...(event.signers ?? [])];
    case 'upgrade':
      return [];
    case 'vote':
      return event.nodes;
    case 'executeSlashing':
      return [event.candidate];
    case 'registerNode':
    case 'unstakeAll':
    case 'cleanupSlashing':
    case 'setMigrationEpoch':
      return [];
  }
}
