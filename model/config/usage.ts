/** Bad input: one line naming the flag, file or field, and exit 2 (see `main` in command.ts). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
