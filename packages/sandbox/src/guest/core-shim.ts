// What the engine's indicators import from @tradewind/core, inside the sandbox: the real module
// would bring zod and every contract along. Same class name, so errors read the same.
export class DomainError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
