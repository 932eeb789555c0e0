import type { Command } from 'commander';
import { ReporterKeyError } from 'src/chain/report-transactions';
import { CliInputError } from 'src/cli/cli-input.error';
import { parseEpochOption } from 'src/cli/migration.command';
import { runReportCommand } from 'src/main';
import { ReportingUnavailableError } from 'src/reports/report-publisher';

/** `tusk report register` and `tusk report publish`: this instance's verdicts on chain (move/). */
export function addReportCommands(program: Command, stdout: (text: string) => void): void {
  const report = program
    .command('report')
    .description(
      'epoch reports on chain (move/): register this instance as a reporter, publish its verdict on an epoch; ' +
        'the key is TUSK_REPORTER_KEY, the database DATABASE_URL of the instance',
    );
  report
    .command('register')
    .description('create this key’s ReporterCap in the registry (once; an existing one is kept)')
    .option('--name <name>', 'the name to register under (default: TUSK_REPORTER_NAME)')
    .action(async (options: { name?: string }) => {
      const name = options.name;
      if (name !== undefined && (name.length === 0 || new TextEncoder().encode(name).length > 64)) {
        throw new CliInputError('--name must be 1 to 64 bytes');
      }
      const result = await reporting((publisher) => publisher.register(name));
      stdout(`${JSON.stringify(result)}\n`);
    });
  report
    .command('publish')
    .description('publish this instance’s report on an epoch whose handoff has ended')
    .requiredOption('--epoch <n>', 'the epoch')
    .action(async (options: { epoch: string }) => {
      const epoch = parseEpochOption(options.epoch);
      if (epoch === undefined) {
        throw new CliInputError('--epoch is required');
      }
      const result = await reporting((publisher) => publisher.publish(epoch));
      stdout(`${JSON.stringify({ epoch, ...result })}\n`);
    });
}

/** Refusals the operator can act on are input errors (exit 2); an abort on chain stays a failure (exit 1). */
async function reporting<T>(task: Parameters<typeof runReportCommand<T>>[0]): Promise<T> {
  try {
    return await runReportCommand(task);
  } catch (error) {
    if (error instanceof ReporterKeyError || error instanceof ReportingUnavailableError) {
      throw new CliInputError(error.message);
    }
    throw error;
  }
}
