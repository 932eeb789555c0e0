import type { envSchema } from 'src/config/app-config';

/** Which processes read a variable. */
export type ConfigReader = 'indexer' | 'api' | 'local network' | 'tusk report';

export interface ConfigVariableDoc {
  readonly meaning: string;
  readonly readBy: readonly ConfigReader[];
  /** The default in words when it is not a constant of the schema (derived from another setting). */
  readonly defaultText?: string;
  readonly example?: string;
}

const BOTH: readonly ConfigReader[] = ['indexer', 'api'];

/**
 * What each environment variable means and which processes read it. Keyed by the schema's own
 * variables, so that a variable added to `envSchema` without its entry here fails the type check;
 * the configuration reference (docs/reference/configuration.md) is generated from both.
 */
export const CONFIG_DOCS: Record<keyof typeof envSchema.shape, ConfigVariableDoc> = {
  PORT: { meaning: 'where the HTTP server listens (`tusk start --port` overrides it)', readBy: BOTH },
  HOST: { meaning: 'the address the HTTP server binds', readBy: BOTH, example: '0.0.0.0' },
  APP_ROLE: {
    meaning: 'what the process runs: `all`, `indexer` or `api` (`tusk start --role`)',
    readBy: BOTH,
  },
  TUSK_API_PROCESS: {
    meaning:
      '`tusk start` in role `all`: the API in a process of its own (`separate`) or in the indexer’s (`inline`)',
    readBy: ['indexer'],
  },
  TUSK_INDEXER_STATUS_URL: {
    meaning:
      'set by `tusk start` for its API process: where the indexer beside it serves its own `/health` and `/metrics`',
    readBy: ['api'],
  },
  TUSK_LISTEN_ON: {
    meaning:
      'set by `tusk start` for the processes it runs: serve on `PORT` (`port`), on the socket handed over by the parent (`parent-socket`), or on a Unix socket (its path)',
    readBy: ['api'],
  },
  DATABASE_URL: {
    meaning: 'a PostgreSQL ≥ 15 to use instead of the embedded one; with `DATABASE_READ_URL`, its primary',
    readBy: BOTH,
    example: 'postgres://tusk:secret@db:5432/tusk',
  },
  DATABASE_READ_URL: {
    meaning: '`--role api` only: read a streaming replica; `DATABASE_URL` (optional) then names its primary',
    readBy: ['api'],
    example: 'postgres://tusk:secret@replica:5432/tusk',
  },
  TUSK_REPLICA_MAX_LAG_SECONDS: {
    meaning: 'replica lag past which `_meta.replica.behind` is true and `/health` reports down',
    readBy: ['api'],
  },
  TUSK_REPLICA_POLL_MS: { meaning: 'how often a replica’s watermarks are read', readBy: ['api'] },
  TUSK_DATA_DIR: {
    meaning:
      'where the embedded PostgreSQL keeps its data (`<dir>/postgres`), and the local network the objects that left its retained window (`<dir>/devnet`, while it runs)',
    readBy: BOTH,
  },
  TUSK_EMBEDDED_PG_PORT: {
    meaning: 'port of the embedded PostgreSQL',
    readBy: BOTH,
    defaultText: 'a free port',
  },
  TUSK_NETWORK: { meaning: '`local`, `testnet` or `mainnet` (`tusk start --network`)', readBy: BOTH },
  SUI_GRPC_URL: {
    meaning: 'the full node (grpc-web); with `local`, a `tusk devnet` running apart',
    readBy: ['indexer', 'tusk report'],
    defaultText: 'the network’s public full node; none for `local` (the network runs in process)',
    example: 'https://fullnode.mainnet.sui.io:443',
  },
  DEVNET_SCENARIO: {
    meaning: 'the built-in local network’s scenario (`tusk devnet --list-scenarios`)',
    readBy: ['local network'],
  },
  DEVNET_SEED: {
    meaning: 'the local network’s seed: the same seed replays the same chain',
    readBy: ['local network'],
  },
  DEVNET_EPOCH_DURATION_MS: { meaning: 'the local network’s epoch length', readBy: ['local network'] },
  DEVNET_PORT: {
    meaning: 'port of the built-in local network’s grpc-web server',
    readBy: ['local network'],
    defaultText: 'a free port',
  },
  DEVNET_RETAINED_CHECKPOINTS: {
    meaning:
      'checkpoints the local network keeps, like a pruned full node (older ones answer NOT_FOUND with the lowest available)',
    readBy: ['local network'],
  },
  WALRUS_STAKING_OBJECT_ID: {
    meaning:
      'the Walrus `Staking` object; required for `local` with `SUI_GRPC_URL` (`tusk devnet` prints it)',
    readBy: ['indexer'],
    defaultText: 'the network’s preset',
  },
  WALRUS_SYSTEM_OBJECT_ID: {
    meaning: 'the Walrus `System` object; required for `local` with `SUI_GRPC_URL`',
    readBy: ['indexer'],
    defaultText: 'the network’s preset',
  },
  WALRUS_SLASHING_MANAGER_ID: {
    meaning: 'the `SlashingManager`, whose open proposals a snapshot reads',
    readBy: ['indexer'],
    defaultText: 'the network’s preset',
  },
  WALRUS_SUBSIDIES_OBJECT_ID: {
    meaning: 'the `walrus_subsidies` object, whose runs Tusk follows',
    readBy: ['indexer'],
    defaultText: 'the network’s preset',
  },
  WALRUS_UPGRADE_MANAGER_ID: {
    meaning: 'the `UpgradeManager`, whose open upgrade proposals a snapshot reads',
    readBy: ['indexer'],
    defaultText: 'the network’s preset',
  },
  TUSK_REPORTS_PACKAGE_ID: {
    meaning: 'the `tusk_reports` package (move/) whose epoch reports Tusk reads and publishes',
    readBy: ['indexer', 'tusk report'],
    defaultText: 'published by the local network at genesis; none elsewhere',
  },
  TUSK_REPORTS_REGISTRY_ID: {
    meaning: 'the shared `Registry` of the `tusk_reports` package',
    readBy: ['indexer', 'tusk report'],
    defaultText: 'as `TUSK_REPORTS_PACKAGE_ID`',
  },
  TUSK_REPORTER_KEY: {
    meaning: 'the reporter’s key, a `suiprivkey…` string (`sui keytool export`); never logged',
    readBy: ['indexer', 'tusk report'],
  },
  TUSK_REPORTER_NAME: {
    meaning: 'the name a reporter registers under (1 to 64 bytes)',
    readBy: ['indexer', 'tusk report'],
  },
  TUSK_REPORTER_GAS_BUDGET: { meaning: 'MIST a report may spend on gas', readBy: ['indexer', 'tusk report'] },
  TUSK_REPORTS_PUBLISH: {
    meaning:
      '`after-handoff`: register once, then publish each epoch’s report as soon as its handoff has ended',
    readBy: ['indexer'],
  },
  TUSK_INDEXER_START: {
    meaning:
      'a fresh database’s start: `genesis`, `snapshot`, or `auto` (on local genesis while the network still serves it, else a snapshot)',
    readBy: ['indexer'],
  },
  TUSK_INDEXER_BATCH_SIZE: { meaning: 'most checkpoints per commit', readBy: ['indexer'] },
  TUSK_INDEXER_HEAP_GROWTH_PERCENT: {
    meaning:
      'how far an indexing process’s heap may grow past its live objects before a full collection (V8’s `--heap-growing-percent`); `0` keeps V8’s own',
    readBy: ['indexer'],
  },
  TUSK_STANDBY_POLL_MS: { meaning: 'how often a standby indexer tries to take over', readBy: ['indexer'] },
  TUSK_QUERY_COST_BUDGET: {
    meaning: 'most a GraphQL query may cost before it runs (`QUERY_TOO_COSTLY` above)',
    readBy: ['api'],
  },
  TUSK_COSTLY_QUERY_COST: {
    meaning: 'the cost from which a query is costly: costly queries run a few at a time',
    readBy: ['api'],
  },
  TUSK_COSTLY_QUERY_CONCURRENCY: { meaning: 'costly queries running at once', readBy: ['api'] },
  TUSK_COSTLY_QUERY_QUEUE: {
    meaning: 'costly queries waiting for a slot (`OVERLOADED` past that)',
    readBy: ['api'],
  },
  TUSK_COSTLY_QUERY_SHARE: {
    meaning:
      'most of the time a costly-query slot is busy: after each query it rests in proportion to the time it held it',
    readBy: ['api'],
  },
  TUSK_COSTLY_QUERY_PROCESS: {
    meaning:
      'where costly queries run: in a process of their own at a lower CPU priority, which the API forwards them to (`separate`), or in the API’s (`inline`)',
    readBy: ['api'],
  },
  TUSK_COSTLY_QUERY_PRIORITY: {
    meaning:
      'how the costly-query process yields the cores: niceness +10 and Linux’s SCHED_IDLE besides, so that it runs on what the other processes leave and gives a core up at once to one that wakes (`idle`), or niceness +10 only, keeping about a tenth of a busy core (`lower`); its PostgreSQL backends follow it',
    readBy: ['api'],
  },
  TUSK_DATABASE_BACKEND_PRIORITY: {
    meaning:
      'set by `tusk start` for the costly-query process (`this-process`): its PostgreSQL backends run at its lower CPU priority, when PostgreSQL runs on this machine',
    readBy: ['api'],
  },
  TUSK_REQUEST_DEADLINE_MS: {
    meaning: 'how long a GraphQL request may run; past it its SQL is cancelled and it answers `TIMEOUT`',
    readBy: ['api'],
  },
  TUSK_MAX_RESPONSE_BYTES: {
    meaning: 'largest `data` an answer may carry (`RESPONSE_TOO_LARGE` above)',
    readBy: ['api'],
  },
  TUSK_RATE_LIMIT_PER_SECOND: {
    meaning: 'requests per second per client address (429 with `Retry-After` above); `0` turns it off',
    readBy: ['api'],
  },
  TUSK_RATE_LIMIT_BURST: { meaning: 'the burst above the rate a client may send', readBy: ['api'] },
  TUSK_TRUST_PROXY: {
    meaning:
      'whose `X-Forwarded-For` names the client, as Express’s `trust proxy` (`loopback`, a hop count, addresses, subnets)',
    readBy: ['api'],
    example: 'loopback, 10.0.0.0/8',
  },
  TUSK_HTTP_MAX_AGE_SECONDS: { meaning: '`max-age` of cacheable GET answers', readBy: ['api'] },
  TUSK_WS_CONNECTIONS_PER_IP: {
    meaning: 'WebSocket connections per client address (4403 above)',
    readBy: ['api'],
  },
  TUSK_WS_SUBSCRIPTIONS_PER_CONNECTION: {
    meaning: 'subscriptions open per WebSocket connection',
    readBy: ['api'],
  },
  TUSK_MIGRATION_TICK_MS: {
    meaning: 'how often the handoff orchestrator reconciles plans with the chain and the nodes',
    readBy: ['indexer'],
    defaultText: '5000 (local: 250)',
  },
  TUSK_NODE_HEALTH_POLL_MS: {
    meaning: 'interval of the storage-node health polls',
    readBy: ['indexer'],
    defaultText: '30000 (local: 500)',
  },
  TUSK_NODE_HEALTH_TIMEOUT_MS: {
    meaning: 'timeout of one storage-node health request',
    readBy: ['indexer'],
    defaultText: '5000 (local: 1000)',
  },
  TUSK_NODE_HEALTH_CONCURRENCY: { meaning: 'health polls in flight at once', readBy: ['indexer'] },
  TUSK_STORAGE_NODE_GATEWAY: {
    meaning:
      'send node requests here with the node’s network address as `Host` (`tusk devnet` prints it); unset: `https://<network address>`',
    readBy: ['indexer'],
  },
  TUSK_AVAILABILITY_FRESHNESS_MS: {
    meaning: 'how recent a node’s answer must be for its shards to count as available',
    readBy: ['indexer'],
    defaultText: 'two missed polls: 2 × (poll + timeout) + poll',
  },
  TUSK_WRITES_AT_RISK_MARGIN_SHARDS: {
    meaning: 'shards above the write quorum under which writes are reported at risk',
    readBy: ['indexer'],
  },
  TUSK_AVAILABILITY_RETENTION_DAYS: { meaning: 'days of node health history kept', readBy: ['indexer'] },
  TUSK_CANDIDATE_POLL_MS: {
    meaning: 'interval of the health polls of active-set candidates outside the committee',
    readBy: ['indexer'],
    defaultText: '5 × the poll interval',
  },
  TUSK_HANDOFF_STALL_GRACE_MS: {
    meaning: 'how long past its due time a move may go without progress before it counts as stalled',
    readBy: ['indexer'],
    defaultText: '600000 (local: 10% of an epoch)',
  },
  TUSK_HANDOFF_RECOVERY_AFTER_MS: {
    meaning: 'time without progress after which a transfer is escalated to recovery',
    readBy: ['indexer'],
    defaultText: '43200000 (local: 15% of an epoch)',
  },
  TUSK_SHARD_SYNC_BYTES_PER_SECOND: {
    meaning: 'assumed throughput of one shard sync, until past handoffs give an observed one',
    readBy: ['indexer'],
    defaultText: '50000000',
  },
  TUSK_SHARD_SYNC_CONCURRENCY: {
    meaning: 'shards a node syncs at once (the nodes’ `shard_sync_concurrency`)',
    readBy: ['indexer'],
  },
  TUSK_ALERT_WEBHOOKS: {
    meaning: 'comma-separated URLs that receive alerts, retried until delivered',
    readBy: ['indexer'],
    example: 'https://alerts.example.com/tusk',
  },
  TUSK_ALERT_WEBHOOK_SECRET: {
    meaning: 'the HMAC secret (at least 16 characters) signing the alerts sent to the webhooks',
    readBy: ['indexer'],
  },
};
