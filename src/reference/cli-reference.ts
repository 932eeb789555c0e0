import type { Command } from 'commander';
import { cell, GENERATED_NOTE } from 'src/reference/markdown';

/**
 * The CLI reference, from the command definitions themselves: every command and subcommand with
 * its description, usage, arguments and options (with the environment variable each one reads).
 */
export function renderCliReference(program: Command): string {
  const sections = commandsOf(program).map(({ path, command }) => commandSection(path, command));
  return [
    '# CLI reference',
    '',
    GENERATED_NOTE,
    '',
    `\`${program.name()}\`: ${program.description()}`,
    '',
    ...sections,
  ].join('\n');
}

function commandsOf(command: Command, prefix: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((child) => {
    const path = [...prefix, child.name()];
    return [{ path, command: child }, ...commandsOf(child, path)];
  });
}

function commandSection(path: string[], command: Command): string {
  const usage = `tusk ${path.join(' ')} ${command.usage()}`.trim();
  const lines = [`## \`tusk ${path.join(' ')}\``, '', command.description(), '', '```', usage, '```', ''];
  const args = command.registeredArguments;
  if (args.length > 0) {
    lines.push('| argument | required | meaning |', '| --- | --- | --- |');
    for (const arg of args) {
      lines.push(`| \`${arg.name()}\` | ${arg.required ? 'yes' : 'no'} | ${cell(arg.description)} |`);
    }
    lines.push('');
  }
  const options = command.options;
  if (options.length > 0) {
    lines.push('| option | environment | default | meaning |', '| --- | --- | --- | --- |');
    for (const option of options) {
      lines.push(
        `| \`${option.flags}\`${option.mandatory ? ' (required)' : ''} | ${option.envVar === undefined ? '' : `\`${option.envVar}\``} | ` +
          `${option.defaultValue === undefined ? '' : `\`${String(option.defaultValue)}\``} | ${cell(option.description)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
