/**
 * An import refused for what the editor sent: the code, and the message key and parameters
 * (locales/<lng>/errors.json) that the mutation and the CLI word in their own language.
 */
export class ImportRefusal extends Error {
  constructor(
    readonly code: 'BAD_USER_INPUT' | 'CONFLICT',
    readonly key: string,
    readonly params: Record<string, unknown>,
  ) {
    super(key);
  }
}
