import { Command, CommanderError, Option } from 'commander';
import { CliInputError } from 'src/cli/cli-input.error';
import { ConfigError } from 'src/config/app-config';
import { readJsonInput, runCommitteeNext } from 'src/cli/committee-next.command';
import { startDevnet, type DevnetCommandOptions } from 'src/cli/devnet.command';
import { listScenarios } from 'src/devnet/scenario';
import { fetchSlashing, renderSlashing } from 'src/cli/governance.command';
import { fetchMigration, parseEpochOption, renderMigration } from 'src/cli/migration.command';
import { runBackfill, startService } from 'src/main';
import { addReportCommands } from 'src/cli/report.command';
import {
  fetchCommitteeHealth,
  readNodeHealth,
  renderCommitteeHealth,
  renderNodeHealth,
} from 'src/cli/health.command';

/** Exit status for input the CLI refuses (usage errors included). */
export const EXIT_BAD_INPUT = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('tusk')
    .description('Tusk: the control plane for Walrus staking, committees and epochs.')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run tusk --help for the commands)');

  program
    .command('start')
    .description(
      'start Tusk: the indexer and the API (GraphQL at /graphql, /health, /metrics), on the built-in local ' +
        'network with an embedded PostgreSQL unless configured otherwise',
    )
    .addOption(new Option('--port <port>', 'HTTP port').env('PORT'))
    .addOption(new Option('--network <network>', 'local, testnet or mainnet').env('TUSK_NETWORK'))
    .addOption(new Option('--role <role>', 'all, indexer or api').env('APP_ROLE'))
    .action(async (options: { port?: string; network?: string; role?: string }) => {
      await startService({ port: options.port, network: options.network, role: options.role });
    });

  program
    .command('backfill')
    .description(
      'index the checkpoints --from..--to (inclusive) through the same pipelines, e.g. the history before a ' +
        'bootstrap snapshot; resumable, and safe beside a running indexer',
    )
    .requiredOption('--from <checkpoint>', 'first checkpoint')
    .requiredOption('--to <checkpoint>', 'last checkpoint')
    .action(async (options: { from: string; to: string }) => {
      const from = parseCheckpoint('--from', options.from);
      const to = parseCheckpoint('--to', options.to);
      if (to < from) {
        throw new CliInputError(`--to (${to}) is before --from (${from})`);
      }
      const done = await runBackfill(from, to);
      io.stdout(
        `${JSON.stringify({ from: String(from), to: String(to), checkpoints: String(done.checkpoints), changes: done.changes })}\n`,
      );
    });

  program
    .command('devnet')
    .description(
      'run the local Walrus-on-Sui network: simulated contracts and storage nodes behind sui.rpc.v2 grpc-web; ' +
        'prints one JSON line with the endpoints once ready, Ctrl-C stops it',
    )
    .option('--scenario <name>', `scenario name or file (${listScenarios().join(', ')})`, 'steady-state')
    .option('--seed <n>', 'seed of the random workload and of all IDs', '1')
    .option('--port <port>', 'grpc-web port (0 for any free port)', '9000')
    .option('--epoch-duration <duration>', 'epoch length, e.g. 30s, 10m, 1d', '30s')
    .option('--genesis-time <time>', 'virtual time of genesis: an ISO date, or now', 'now')
    .option(
      '--retain-checkpoints <n>',
      'checkpoints kept, like a pruned full node: older ones answer NOT_FOUND',
      '20000',
    )
    .option(
      '--object-store <dir>',
      'directory under which objects that left the retained window are kept on disk while it runs',
      '.tusk/devnet',
    )
    .action(async (options: DevnetCommandOptions) => {
      const { ready, server } = await startDevnet(options, (error) => {
        io.stderr(`tusk: the devnet stopped: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      });
      io.stdout(`${JSON.stringify(ready)}\n`);
      const stop = () => {
        void server.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  const committee = program
    .command('committee')
    .description('compute Walrus committees exactly as the contract does');
  committee
    .command('next')
    .description(
      'the committee voting_end would select: reads {nShards, activeSet, currentCommittee} ' +
        '(or {current, distribution} for a transition alone) and prints {distribution, committee}',
    )
    .requiredOption('-i, --input <file>', 'JSON input file, or - for standard input')
    .option('--pretty', 'indent the JSON output')
    .action((options: { input: string; pretty?: boolean }) => {
      const output = runCommitteeNext(readJsonInput(options.input));
      io.stdout(`${JSON.stringify(output, null, options.pretty === true ? 2 : undefined)}\n`);
    });

  const migration = program
    .command('migration')
    .description('shard handoffs, from a running Tusk (its GraphQL API)');
  const urlOption = new Option('--url <url>', 'GraphQL endpoint of the running Tusk').default(
    'http://127.0.0.1:4000/graphql',
  );
  migration
    .command('plan')
    .description(
      'the plan of a handoff: every node’s gains and losses, waves and ETA; --moves lists each shard',
    )
    .requiredOption('--epoch <n>', 'the epoch whose committee receives the shards (the next one: a forecast)')
    .option('--moves', 'list every shard move')
    .addOption(urlOption)
    .action(async (options: { epoch: string; moves?: boolean; url: string }) => {
      const view = await fetchMigration(options.url, parseEpochOption(options.epoch));
      io.stdout(renderMigration(view, { moves: options.moves === true }));
    });
  migration
    .command('status')
    .description('live progress of the latest handoff (or --epoch): moves, sync quorum, nodes, open alerts')
    .option('--epoch <n>', 'the epoch of the handoff (default: the latest)')
    .option('--watch <seconds>', 'refresh every N seconds until interrupted')
    .addOption(urlOption)
    .action(async (options: { epoch?: string; watch?: string; url: string }) => {
      const epoch = parseEpochOption(options.epoch);
      const every = options.watch === undefined ? undefined : Number(options.watch);
      if (every !== undefined && !(every > 0 && every <= 3600)) {
        throw new CliInputError(
          `--watch must be a number of seconds between 0 and 3600, got "${options.watch ?? ''}"`,
        );
      }
      for (;;) {
        const view = await fetchMigration(options.url, epoch);
        io.stdout(`${every === undefined ? '' : '\u001b[2J\u001b[H'}${renderMigration(view)}`);
        if (every === undefined) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, every * 1000));
      }
    });

  program
    .command('health')
    .description(
      'a storage node’s health (--url, its /v1/health), or every committee member’s and the read/write verdict ' +
        'from a running Tusk (--committee)',
    )
    .option('--url <node>', 'the node’s base URL, such as https://node.example:9185')
    .option('--json', 'with --url: print one JSON object')
    .option('--committee', 'every member of the running Tusk’s committee, and the availability verdict')
    .option(
      '--tusk <url>',
      'GraphQL endpoint of the running Tusk (with --committee)',
      'http://127.0.0.1:4000/graphql',
    )
    .option('--timeout <ms>', 'how long to wait for the node', '10000')
    .action(
      async (options: {
        url?: string;
        json?: boolean;
        committee?: boolean;
        tusk: string;
        timeout: string;
      }) => {
        if ((options.url === undefined) === (options.committee !== true)) {
          throw new CliInputError('give either --url <node> or --committee');
        }
        if (options.committee === true) {
          io.stdout(renderCommitteeHealth(await fetchCommitteeHealth(options.tusk)));
          return;
        }
        const timeoutMs = Number(options.timeout);
        if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
          throw new CliInputError(
            `--timeout must be milliseconds between 1 and 600000, got "${options.timeout}"`,
          );
        }
        const url = options.url ?? '';
        const health = await readNodeHealth(url, timeoutMs);
        io.stdout(options.json === true ? `${JSON.stringify(health)}\n` : renderNodeHealth(url, health));
      },
    );

  program
    .command('governance')
    .description('governance votes, from a running Tusk (its GraphQL API)')
    .command('slashing')
    .description(
      'proposals to slash nodes: tally against the quorum, voters, and who could still carry an open one',
    )
    .option('--epoch <n>', 'the epoch (default: the current one)')
    .addOption(urlOption)
    .action(async (options: { epoch?: string; url: string }) => {
      io.stdout(renderSlashing(await fetchSlashing(options.url, parseEpochOption(options.epoch))));
    });

  addReportCommands(program, io.stdout);

  return program;
}

function parseCheckpoint(option: string, value: string): bigint {
  if (!/^\d{1,19}$/.test(value)) {
    throw new CliInputError(`${option} must be a checkpoint sequence number, got "${value}"`);
  }
  return BigInt(value);
}

/** Runs the CLI; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage mistakes are bad input.
      return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (error instanceof CliInputError || error instanceof ConfigError) {
      io.stderr(`tusk: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`tusk: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
