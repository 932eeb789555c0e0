import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from 'src/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runTusk(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** Writes `content` (an object as JSON, or raw text) to a fresh temporary file. */
export function inputFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tusk-cli-')), 'input.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
