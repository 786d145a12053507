import { type Logger, redact } from '@ztoq/core';
import type { CliIo } from './cli-io.js';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Diagnostics go to stderr, so `--json` output on stdout stays machine-readable. */
export function createCliLogger(io: CliIo, verbosity: Verbosity): Logger {
  const write = (level: string, message: string) => io.stderr(`${level}${redact(message)}\n`);
  return {
    debug: (message) => verbosity === 'verbose' && write('debug: ', message),
    info: (message) => verbosity !== 'quiet' && write('', message),
    warn: (message) => verbosity !== 'quiet' && write('warning: ', message),
    error: (message) => write('error: ', message),
  };
}
