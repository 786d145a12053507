/**
 * Errors a user can act on. Each kind carries the process exit code the CLI uses for it, so
 * the mapping from "what went wrong" to "how the run ends" lives in one place.
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  partial: 3,
  authRefused: 4,
  /** Another run holds the project's writer lock; nothing was written. */
  locked: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class ZtoqError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = ExitCode.failed, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad or missing configuration: flags, environment, config or projects file. */
export class ConfigError extends ZtoqError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[], options?: ErrorOptions) {
    super(problems.join('; '), ExitCode.usage, options);
    this.problems = problems;
  }
}

/** A vendor API refused our credentials (401/403, or the token endpoint said no). */
export class AuthError extends ZtoqError {
  readonly api: string;
  readonly status: number;
  constructor(api: string, status: number, message: string, options?: ErrorOptions) {
    super(message, ExitCode.authRefused, options);
    this.api = api;
    this.status = status;
  }
}

/** The state store could not be reached or its schema is not usable. */
export class StoreError extends ZtoqError {}

/**
 * Another process is migrating the same project from the same store: this run was refused
 * before it wrote anything. The message names the holder so the user can find it.
 */
export class WriterLockHeld extends ZtoqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.locked, options);
  }
}

/**
 * A source answered in a way its spec does not allow (a required field missing, `null` where an
 * object is promised, a page that cannot be followed, a body that is not JSON). The message names
 * the endpoint and what was wrong. The engine records the entity, or the stream, as failed and
 * goes on with the rest: retrying within the run would get the same answer.
 */
export class SourceAnswerInvalid extends ZtoqError {}

/**
 * An entity names another (an execution its test case or cycle) that the store does not hold,
 * typically because reading that one failed. Only the naming entity fails: the transform records
 * it and maps the rest, and a later run maps it once the named entity is read.
 */
export class SourceEntityMissing extends ZtoqError {}
