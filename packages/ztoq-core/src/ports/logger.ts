/**
 * Where diagnostics go. Adapters receive one and never write to the console themselves,
 * so the CLI can route output (stderr, --json, --quiet) and tests can capture it.
 * Messages and fields must already be free of secrets; see `redact` in `../secrets.ts`.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
