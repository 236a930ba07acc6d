// One catalogue of the failures obs reports to people: each has a code, an exit code and a hint.

/** Exit codes: usage errors exit 2, failures 1. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** The codes obs can fail with, each with its exit code. */
const catalogue = {
  CONFIG_INVALID: ExitCode.usage,
  CONFIG_UNREADABLE: ExitCode.usage,
  USAGE: ExitCode.usage,
  PORT_IN_USE: ExitCode.failure,
  BINARY_MISSING: ExitCode.failure,
  STACK_CONFLICT: ExitCode.failure,
  SERVICE_FAILED: ExitCode.failure,
  STATE_UNREADABLE: ExitCode.failure,
  PORTS_STILL_HELD: ExitCode.failure,
  RUNTIME_UNAVAILABLE: ExitCode.failure,
  SEED_FAILED: ExitCode.failure,
  REQUEST_FAILED: ExitCode.failure,
} as const;

export type ErrorCode = keyof typeof catalogue;

/** An error meant for a person: what failed and why in the message, what to do next in `hint`. */
export class ObsError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details: string[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; details?: string[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ObsError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }

  get exitCode(): number {
    return catalogue[this.code];
  }
}

/** The chain of messages from an error down through its causes. */
export function causeChain(error: unknown): string[] {
  const chain: string[] = [];
  let current: unknown = error;
  while (current !== undefined && chain.length < 10) {
    // A failed command's shortMessage leaves out its output, which the details already show.
    const short = (current as { shortMessage?: string }).shortMessage;
    chain.push(short ?? (current instanceof Error ? current.message : String(current)));
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}
