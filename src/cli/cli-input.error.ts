/** Input the CLI refuses. Its message is the one line the user sees; the process exits with 2. */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}
