import { resolve } from 'node:path';
import { z } from 'zod';
import proxyAddr from 'proxy-addr';
import { WALRUS_PRESETS } from 'src/config/network-presets';
import { NODE_DEADLINES, type HandoffDeadlines } from 'src/domain/shard-migration/handoff-deadlines';

/** Bytes the local network reports as stored (its system's used capacity). */
export const DEVNET_USED_CAPACITY_BYTES = 500n * 1_000_000_000_000n;

export const APP_ROLES = ['all', 'indexer', 'api'] as const;
export const NETWORKS = ['local', 'testnet', 'mainnet'] as const;
export type NetworkName = (typeof NETWORKS)[number];

export type AppRole = (typeof APP_ROLES)[number];

const portSchema = z.coerce.number().int().min(0).max(65_535);
const objectId = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, 'must be a 0x-prefixed Sui object ID');

/**
 * Most a GraphQL query may cost (see src/api/query-cost.ts). Every README example fits (the largest,
 * governance with every slashing proposal and its voters at their worst-case bounds, costs about
 * 51 000); a page of 1 000 operators, each with 30 epochs of history and its APY windows, does not.
 */
export const DEFAULT_QUERY_COST_BUDGET = 100_000;

export const envSchema = z.object({
  PORT: portSchema.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  APP_ROLE: z.enum(APP_ROLES).default('all'),
  TUSK_API_PROCESS: z.enum(['separate', 'inline']).default('separate'),
  TUSK_INDEXER_STATUS_URL: z.url({ protocol: /^https?$/ }).optional(),
  TUSK_LISTEN_ON: z
    .string()
    .regex(
      /^(port|parent-socket|\/.+)$/,
      'expected `port`, `parent-socket` or the absolute path of a Unix socket',
    )
    .default('port'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TUSK_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).default(30),
  TUSK_REPLICA_POLL_MS: z.coerce.number().int().min(20).default(250),
  TUSK_DATA_DIR: z.string().min(1).default('.tusk'),
  TUSK_EMBEDDED_PG_PORT: portSchema.default(0),
  TUSK_NETWORK: z.enum(NETWORKS).default('local'),
  SUI_GRPC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DEVNET_SCENARIO: z.string().min(1).default('steady-state'),
  DEVNET_SEED: z.coerce.number().int().nonnegative().default(1),
  DEVNET_EPOCH_DURATION_MS: z.coerce.number().int().min(2000).default(30_000),
  DEVNET_PORT: portSchema.default(0),
  /** Checkpoints the local network keeps, like a pruned full node (100 minutes at the default epoch). */
  DEVNET_RETAINED_CHECKPOINTS: z.coerce.number().int().min(1000).default(20_000),
  WALRUS_STAKING_OBJECT_ID: objectId.optional(),
  WALRUS_SYSTEM_OBJECT_ID: objectId.optional(),
  WALRUS_SLASHING_MANAGER_ID: objectId.optional(),
  WALRUS_SUBSIDIES_OBJECT_ID: objectId.optional(),
  WALRUS_UPGRADE_MANAGER_ID: objectId.optional(),
  /** The `tusk_reports` package and its shared `Registry` (move/); set by the local network itself. */
  TUSK_REPORTS_PACKAGE_ID: objectId.optional(),
  TUSK_REPORTS_REGISTRY_ID: objectId.optional(),
  /** The reporter's key, a `suiprivkey…` string; never logged. */
  TUSK_REPORTER_KEY: z.string().optional(),
  TUSK_REPORTER_NAME: z
    .string()
    .min(1)
    .refine((name) => new TextEncoder().encode(name).length <= 64, 'at most 64 bytes')
    .default('tusk'),
  TUSK_REPORTER_GAS_BUDGET: z.coerce.bigint().positive().default(50_000_000n),
  /** `after-handoff`: publish this instance's report for each epoch once its handoff has ended. */
  TUSK_REPORTS_PUBLISH: z.enum(['off', 'after-handoff']).default('off'),
  TUSK_INDEXER_START: z.enum(['auto', 'genesis', 'snapshot']).default('auto'),
  TUSK_INDEXER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** How far the indexer's heap may grow past what is live before a full collection; 0: V8's own. */
  TUSK_INDEXER_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(300).default(35),
  TUSK_STANDBY_POLL_MS: z.coerce.number().int().min(50).default(2000),
  TUSK_QUERY_COST_BUDGET: z.coerce.number().int().min(1).default(DEFAULT_QUERY_COST_BUDGET),
  TUSK_COSTLY_QUERY_COST: z.coerce.number().int().min(1).default(10_000),
  TUSK_COSTLY_QUERY_CONCURRENCY: z.coerce.number().int().min(1).default(2),
  TUSK_COSTLY_QUERY_QUEUE: z.coerce.number().int().min(0).default(100),
  TUSK_COSTLY_QUERY_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
  TUSK_COSTLY_QUERY_PROCESS: z.enum(['separate', 'inline']).default('separate'),
  TUSK_COSTLY_QUERY_PRIORITY: z.enum(['idle', 'lower']).default('idle'),
  TUSK_DATABASE_BACKEND_PRIORITY: z.enum(['default', 'this-process']).default('default'),
  TUSK_REQUEST_DEADLINE_MS: z.coerce.number().int().min(10).default(5000),
  TUSK_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  TUSK_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).default(20),
  TUSK_RATE_LIMIT_BURST: z.coerce.number().int().min(0).default(200),
  TUSK_TRUST_PROXY: z
    .string()
    .min(1)
    .refine(
      isTrustProxySetting,
      '`true`, `false`, a hop count, or addresses, subnets and `loopback`/`linklocal`/`uniquelocal`, comma-separated',
    )
    .optional(),
  TUSK_HTTP_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(3600).default(1),
  TUSK_WS_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(20),
  TUSK_WS_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(20),
  TUSK_MIGRATION_TICK_MS: z.coerce.number().int().min(50).optional(),
  TUSK_NODE_HEALTH_POLL_MS: z.coerce.number().int().min(100).optional(),
  TUSK_NODE_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).optional(),
  TUSK_NODE_HEALTH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  TUSK_STORAGE_NODE_GATEWAY: z.url({ protocol: /^https?$/ }).optional(),
  TUSK_AVAILABILITY_FRESHNESS_MS: z.coerce.number().int().min(100).optional(),
  TUSK_WRITES_AT_RISK_MARGIN_SHARDS: z.coerce.number().int().min(0).default(50),
  TUSK_AVAILABILITY_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  TUSK_CANDIDATE_POLL_MS: z.coerce.number().int().min(100).optional(),
  TUSK_HANDOFF_STALL_GRACE_MS: z.coerce.number().int().min(1).optional(),
  TUSK_HANDOFF_RECOVERY_AFTER_MS: z.coerce.number().int().min(1).optional(),
  TUSK_SHARD_SYNC_BYTES_PER_SECOND: z
    .string()
    .regex(/^[1-9]\d*$/, 'a positive integer')
    .optional(),
  TUSK_SHARD_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
  TUSK_ALERT_WEBHOOKS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  TUSK_ALERT_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
});

/** Where the chain is read from: the built-in devnet, started in process, or a full node. */
export type ChainConfig =
  | {
      readonly kind: 'devnet';
      readonly scenario: string;
      readonly seed: number;
      readonly epochDurationMs: number;
      readonly port: number;
      /** Checkpoints kept; older ones are pruned, as a full node prunes. */
      readonly retainedCheckpoints: number;
      /** Where objects that left the retained window are kept on disk. */
      readonly objectStoreDir: string;
    }
  | {
      readonly kind: 'fullnode';
      readonly network: NetworkName;
      readonly grpcUrl: string;
      readonly stakingObjectId: string;
      readonly systemObjectId: string;
      /** Where the slashing proposals live; without it a snapshot cannot list them. */
      readonly slashingManagerId: string | undefined;
      /** The `walrus_subsidies` shared object; without it subsidies are not followed. */
      readonly subsidiesObjectId: string | undefined;
      /** The `UpgradeManager`: its open proposals are part of a snapshot. */
      readonly upgradeManagerId: string | undefined;
      /** Known versions of the Walrus package, original first (empty: learnt from the chain). */
      readonly packageVersions: readonly string[];
      /** Known versions of the subsidies package, original first (empty: learnt from the chain). */
      readonly subsidiesPackageVersions: readonly string[];
    };

export interface IndexerConfig {
  /**
   * Where a fresh database starts: `genesis` replays every checkpoint, `snapshot` reads the current
   * state and follows from there, `earliest` replays from genesis when the chain still serves it
   * and snapshots otherwise. `auto` is `earliest` on the local network and `snapshot` elsewhere.
   */
  readonly start: 'genesis' | 'snapshot' | 'earliest';
  readonly batchSize: number;
  /**
   * How far the heap of a process that indexes may grow past its live objects before V8 collects
   * them all, in percent (V8's `--heap-growing-percent`); 0 leaves V8's own factor (up to 300%).
   */
  readonly heapGrowthPercent: number;
  /** How often a standby indexer tries to take over. */
  readonly standbyPollMs: number;
  /** False for a one-off job (a backfill): the indexer then does not follow the chain. */
  readonly follow: boolean;
}

/** How Tusk watches and drives shard handoffs (defaults: the storage node's own behaviour). */
export interface ShardMigrationConfig {
  /** How often the orchestrator reconciles plans with the chain and the nodes. */
  readonly tickMs: number;
  readonly health: {
    readonly pollMs: number;
    readonly timeoutMs: number;
    /** Polls in flight at once. */
    readonly concurrency: number;
    /**
     * Sends every node's requests to this URL with the node's network address as `Host` (the
     * local network serves all its nodes there); unset: `https://<network address>`.
     */
    readonly gateway: string | undefined;
    /** Active-set candidates outside the committee are polled this often (members: `pollMs`). */
    readonly candidatePollMs: number;
  };
  readonly availability: {
    /** A node that has not answered for longer serves none of its shards. */
    readonly freshnessMs: number;
    /** `writes_at_risk` fires below the write threshold plus this many shards. */
    readonly writesAtRiskMarginShards: number;
    /** Ended history older than this is dropped. */
    readonly retentionMs: number;
  };
  readonly deadlines: HandoffDeadlines;
  /** Assumed throughput of one shard sync until handoffs have been observed. */
  readonly syncBytesPerSecond: bigint;
  readonly concurrency: number;
  readonly webhooks: { readonly urls: readonly string[]; readonly secret: string | undefined };
}

/**
 * Where the database comes from: a server the user runs, one Tusk embeds under its data dir, or
 * (for `--role api`) a streaming replica read alone, its primary optionally named for measuring lag.
 */
export type DatabaseConfig =
  | { readonly kind: 'external'; readonly url: string }
  | {
      readonly kind: 'replica';
      readonly url: string;
      readonly primaryUrl: string | undefined;
      /** Lag beyond which `_meta` and `/health` report the replica as behind. */
      readonly maxLagSeconds: number;
      /** How often the watermarks are read, in place of the notifications a replica cannot carry. */
      readonly pollMs: number;
    }
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly port: number };

export interface ApiConfig {
  /** Most a query may cost before it runs; above it the query is refused (`QUERY_TOO_COSTLY`). */
  readonly queryCostBudget: number;
  /**
   * Queries costing at least `cost` run at most `concurrency` at once, `queue` more waiting their
   * turn (within their deadline); past that they are refused with `OVERLOADED`. Each slot is busy
   * at most `share` of the time: after a query it rests in proportion to the time it was held.
   * `process`: where they run when `tusk start` serves the API: in a process of their own at a
   * lower CPU priority (`separate`), which this one forwards them to, or in this one (`inline`).
   * `priority`: that process's, niceness +10 and SCHED_IDLE besides (`idle`), or niceness +10
   * only (`lower`).
   */
  readonly costlyQueries: {
    readonly cost: number;
    readonly concurrency: number;
    readonly queue: number;
    readonly share: number;
    readonly process: 'separate' | 'inline';
    readonly priority: 'idle' | 'lower';
  };
  /** How long one request may take; past it its database work is cancelled and it answers `TIMEOUT`. */
  readonly requestDeadlineMs: number;
  /** Largest serialised `data` a response may carry (`RESPONSE_TOO_LARGE` above it). */
  readonly maxResponseBytes: number;
  /**
   * Per client address: a sustained rate of requests per second, and a burst allowance drawn on
   * above it that refills at the same rate. A rate of 0 turns the limit off.
   */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** Which proxies' `X-Forwarded-For` names the client, in the words of Express's `trust proxy`. */
  readonly trustProxy: string | undefined;
  /** `max-age` of cacheable GET answers (`Cache-Control`), for CDNs and reverse proxies. */
  readonly httpMaxAgeSeconds: number;
  readonly webSocket: { readonly connectionsPerIp: number; readonly subscriptionsPerConnection: number };
}

export type ListenOn =
  | { readonly kind: 'port' }
  | { readonly kind: 'parent-socket' }
  | { readonly kind: 'unix'; readonly path: string };

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly role: AppRole;
  /**
   * How `tusk start` runs the `all` role: the API in a process of its own beside the indexer
   * (`separate`), so that queries cannot delay indexing, health or handoff alerts; or in the same
   * process (`inline`). An application composed in-process (tests) is always inline.
   */
  readonly apiProcess: 'separate' | 'inline';
  /**
   * Set in an API process started by `tusk start` beside its indexer: where that indexer serves
   * `/health` and `/metrics`, which the API's own include.
   */
  readonly indexerStatusUrl: string | undefined;
  /**
   * Where `tusk start` serves: on `PORT` and `HOST`; on the socket its supervising process hands
   * over (an API process beside its indexer); or on a Unix socket (the costly-query process).
   */
  readonly listenOn: ListenOn;
  readonly api: ApiConfig;
  readonly database: DatabaseConfig;
  /**
   * `this-process`: the PostgreSQL backends of this process's connections run at its CPU priority
   * (when PostgreSQL runs on this machine), as the costly-query process's do.
   */
  readonly databaseBackendPriority: 'default' | 'this-process';
  readonly chain: ChainConfig;
  readonly indexer: IndexerConfig;
  readonly shardMigration: ShardMigrationConfig;
  readonly reports: ReportsConfig;
}

/** Epoch reports on chain (move/): where the package is, and how this instance reports. */
export interface ReportsConfig {
  /** Unset: taken from the local network when Tusk runs one, otherwise reports are off. */
  readonly packageId: string | undefined;
  readonly registryId: string | undefined;
  readonly reporterKey: string | undefined;
  readonly reporterName: string;
  readonly gasBudget: bigint;
  readonly publish: 'off' | 'after-handoff';
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once, at boot, listing every bad variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  if (vars.TUSK_REPORTS_PUBLISH === 'after-handoff' && (vars.TUSK_REPORTER_KEY ?? '').trim() === '') {
    throw new ConfigError(
      'invalid configuration: TUSK_REPORTS_PUBLISH=after-handoff needs TUSK_REPORTER_KEY, the reporter’s suiprivkey… key',
    );
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    role: vars.APP_ROLE,
    apiProcess: vars.TUSK_API_PROCESS,
    indexerStatusUrl: vars.TUSK_INDEXER_STATUS_URL,
    listenOn:
      vars.TUSK_LISTEN_ON === 'port' || vars.TUSK_LISTEN_ON === 'parent-socket'
        ? { kind: vars.TUSK_LISTEN_ON }
        : { kind: 'unix', path: vars.TUSK_LISTEN_ON },
    api: {
      queryCostBudget: vars.TUSK_QUERY_COST_BUDGET,
      costlyQueries: {
        cost: vars.TUSK_COSTLY_QUERY_COST,
        concurrency: vars.TUSK_COSTLY_QUERY_CONCURRENCY,
        queue: vars.TUSK_COSTLY_QUERY_QUEUE,
        share: vars.TUSK_COSTLY_QUERY_SHARE,
        process: vars.TUSK_COSTLY_QUERY_PROCESS,
        priority: vars.TUSK_COSTLY_QUERY_PRIORITY,
      },
      requestDeadlineMs: vars.TUSK_REQUEST_DEADLINE_MS,
      maxResponseBytes: vars.TUSK_MAX_RESPONSE_BYTES,
      rateLimit: { perSecond: vars.TUSK_RATE_LIMIT_PER_SECOND, burst: vars.TUSK_RATE_LIMIT_BURST },
      trustProxy: vars.TUSK_TRUST_PROXY,
      httpMaxAgeSeconds: vars.TUSK_HTTP_MAX_AGE_SECONDS,
      webSocket: {
        connectionsPerIp: vars.TUSK_WS_CONNECTIONS_PER_IP,
        subscriptionsPerConnection: vars.TUSK_WS_SUBSCRIPTIONS_PER_CONNECTION,
      },
    },
    database: databaseConfig(vars, cwd),
    databaseBackendPriority: vars.TUSK_DATABASE_BACKEND_PRIORITY,
    chain: chainConfig(vars, cwd),
    reports: {
      packageId: vars.TUSK_REPORTS_PACKAGE_ID,
      registryId: vars.TUSK_REPORTS_REGISTRY_ID,
      reporterKey: vars.TUSK_REPORTER_KEY,
      reporterName: vars.TUSK_REPORTER_NAME,
      gasBudget: vars.TUSK_REPORTER_GAS_BUDGET,
      publish: vars.TUSK_REPORTS_PUBLISH,
    },
    indexer: {
      start:
        vars.TUSK_INDEXER_START !== 'auto'
          ? vars.TUSK_INDEXER_START
          : vars.TUSK_NETWORK === 'local'
            ? 'earliest'
            : 'snapshot',
      batchSize: vars.TUSK_INDEXER_BATCH_SIZE,
      heapGrowthPercent: vars.TUSK_INDEXER_HEAP_GROWTH_PERCENT,
      standbyPollMs: vars.TUSK_STANDBY_POLL_MS,
      follow: true,
    },
    shardMigration: shardMigrationConfig(vars),
  };
}

function databaseConfig(vars: z.output<typeof envSchema>, cwd: string): DatabaseConfig {
  if (vars.DATABASE_READ_URL !== undefined) {
    if (vars.APP_ROLE !== 'api') {
      throw new ConfigError(
        'invalid configuration: DATABASE_READ_URL is for APP_ROLE=api (a replica cannot be indexed into)',
      );
    }
    return {
      kind: 'replica',
      url: vars.DATABASE_READ_URL,
      primaryUrl: vars.DATABASE_URL,
      maxLagSeconds: vars.TUSK_REPLICA_MAX_LAG_SECONDS,
      pollMs: vars.TUSK_REPLICA_POLL_MS,
    };
  }
  return vars.DATABASE_URL !== undefined
    ? { kind: 'external', url: vars.DATABASE_URL }
    : {
        kind: 'embedded',
        dataDir: resolve(cwd, vars.TUSK_DATA_DIR, 'postgres'),
        port: vars.TUSK_EMBEDDED_PG_PORT,
      };
}

/** The storage node's defaults on real networks; on the local one, scaled to its short epochs. */
function shardMigrationConfig(vars: z.output<typeof envSchema>): ShardMigrationConfig {
  if (vars.TUSK_ALERT_WEBHOOKS.length > 0 && vars.TUSK_ALERT_WEBHOOK_SECRET === undefined) {
    throw new ConfigError(
      'invalid configuration: TUSK_ALERT_WEBHOOK_SECRET is required with TUSK_ALERT_WEBHOOKS (webhooks are signed)',
    );
  }
  const local = vars.TUSK_NETWORK === 'local';
  const epochMs = vars.DEVNET_EPOCH_DURATION_MS;
  // The devnet moves a shard in 5% of an epoch and falls back to recovery after 10% without
  // progress; the grace also covers a checkpoint or two of indexing.
  const localShardBytes = DEVNET_USED_CAPACITY_BYTES / 1000n;
  const pollMs = vars.TUSK_NODE_HEALTH_POLL_MS ?? (local ? 500 : 30_000);
  const timeoutMs = vars.TUSK_NODE_HEALTH_TIMEOUT_MS ?? (local ? 1000 : 5000);
  return {
    tickMs: vars.TUSK_MIGRATION_TICK_MS ?? (local ? 250 : 5000),
    health: {
      pollMs,
      timeoutMs,
      concurrency: vars.TUSK_NODE_HEALTH_CONCURRENCY,
      gateway: vars.TUSK_STORAGE_NODE_GATEWAY,
      candidatePollMs: vars.TUSK_CANDIDATE_POLL_MS ?? pollMs * 5,
    },
    availability: {
      // Two missed polls (each up to its timeout) before a node counts as unreachable.
      freshnessMs: vars.TUSK_AVAILABILITY_FRESHNESS_MS ?? 2 * (pollMs + timeoutMs) + pollMs,
      writesAtRiskMarginShards: vars.TUSK_WRITES_AT_RISK_MARGIN_SHARDS,
      retentionMs: vars.TUSK_AVAILABILITY_RETENTION_DAYS * 86_400_000,
    },
    deadlines: {
      stallGraceMs:
        vars.TUSK_HANDOFF_STALL_GRACE_MS ?? (local ? Math.ceil(epochMs * 0.1) : NODE_DEADLINES.stallGraceMs),
      recoveryAfterMs:
        vars.TUSK_HANDOFF_RECOVERY_AFTER_MS ??
        (local ? Math.ceil(epochMs * 0.15) : NODE_DEADLINES.recoveryAfterMs),
    },
    syncBytesPerSecond:
      vars.TUSK_SHARD_SYNC_BYTES_PER_SECOND !== undefined
        ? BigInt(vars.TUSK_SHARD_SYNC_BYTES_PER_SECOND)
        : local
          ? (localShardBytes * 1000n) / BigInt(Math.ceil(epochMs * 0.05))
          : 50_000_000n,
    concurrency: vars.TUSK_SHARD_SYNC_CONCURRENCY,
    webhooks: { urls: vars.TUSK_ALERT_WEBHOOKS, secret: vars.TUSK_ALERT_WEBHOOK_SECRET },
  };
}

function chainConfig(vars: z.output<typeof envSchema>, cwd: string): ChainConfig {
  if (vars.TUSK_NETWORK === 'local' && vars.SUI_GRPC_URL !== undefined) {
    // A local network run apart (`tusk devnet`): its IDs are the ones it printed.
    if (vars.WALRUS_STAKING_OBJECT_ID === undefined || vars.WALRUS_SYSTEM_OBJECT_ID === undefined) {
      throw new ConfigError(
        'invalid configuration: WALRUS_STAKING_OBJECT_ID and WALRUS_SYSTEM_OBJECT_ID are required with ' +
          'TUSK_NETWORK=local and SUI_GRPC_URL (tusk devnet prints them)',
      );
    }
    return {
      kind: 'fullnode',
      network: 'local',
      grpcUrl: vars.SUI_GRPC_URL,
      stakingObjectId: vars.WALRUS_STAKING_OBJECT_ID,
      systemObjectId: vars.WALRUS_SYSTEM_OBJECT_ID,
      slashingManagerId: vars.WALRUS_SLASHING_MANAGER_ID,
      subsidiesObjectId: vars.WALRUS_SUBSIDIES_OBJECT_ID,
      upgradeManagerId: vars.WALRUS_UPGRADE_MANAGER_ID,
      packageVersions: [],
      subsidiesPackageVersions: [],
    };
  }
  if (vars.TUSK_NETWORK === 'local') {
    return {
      kind: 'devnet',
      scenario: vars.DEVNET_SCENARIO,
      seed: vars.DEVNET_SEED,
      epochDurationMs: vars.DEVNET_EPOCH_DURATION_MS,
      port: vars.DEVNET_PORT,
      retainedCheckpoints: vars.DEVNET_RETAINED_CHECKPOINTS,
      objectStoreDir: resolve(cwd, vars.TUSK_DATA_DIR, 'devnet'),
    };
  }
  const preset = WALRUS_PRESETS[vars.TUSK_NETWORK];
  return {
    kind: 'fullnode',
    network: vars.TUSK_NETWORK,
    grpcUrl: vars.SUI_GRPC_URL ?? preset.grpcUrl,
    stakingObjectId: vars.WALRUS_STAKING_OBJECT_ID ?? preset.stakingObjectId,
    systemObjectId: vars.WALRUS_SYSTEM_OBJECT_ID ?? preset.systemObjectId,
    slashingManagerId: vars.WALRUS_SLASHING_MANAGER_ID ?? preset.slashingManagerId,
    subsidiesObjectId: vars.WALRUS_SUBSIDIES_OBJECT_ID ?? preset.subsidiesObjectId,
    upgradeManagerId: vars.WALRUS_UPGRADE_MANAGER_ID ?? preset.upgradeManagerId,
    packageVersions: preset.packageVersions,
    subsidiesPackageVersions: preset.subsidiesPackageVersions,
  };
}

/** The configuration of this process: its environment, with command-line overrides on top. */
export function loadProcessConfig(
  overrides: { readonly [name in keyof z.input<typeof envSchema>]?: string | undefined } = {},
): AppConfig {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(overrides) as [string, string | undefined][]) {
    if (value !== undefined) {
      env[name] = value;
    }
  }
  return loadAppConfig(env);
}

/**
 * The environment for another Tusk process started by this one (the API process of `tusk start`):
 * this process's, which its configuration was read from, with `overrides` on top.
 */
export function childEnvironment(overrides: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** The network this configuration indexes: `local` (the built-in devnet or one run apart), `testnet` or `mainnet`. */
export function networkName(config: AppConfig): NetworkName {
  return config.chain.kind === 'devnet' ? 'local' : config.chain.network;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Whether `value` is a setting Express's `trust proxy` (and proxy-addr behind it) understands. */
function isTrustProxySetting(value: string): boolean {
  try {
    trustedProxies(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * `TUSK_TRUST_PROXY` as Express compiles `trust proxy`, for proxy-addr: unset or `false` trusts no
 * proxy, `true` every one, a number that many hops, anything else a comma-separated list of
 * addresses, subnets and the names proxy-addr knows (`loopback`, `linklocal`, `uniquelocal`).
 * Throws on an address it cannot read.
 */
export function trustedProxies(setting: string | undefined): (address: string, hop: number) => boolean {
  if (setting === undefined || setting === 'false') {
    return () => false;
  }
  if (setting === 'true') {
    return () => true;
  }
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(setting.split(',').map((entry) => entry.trim()));
}
