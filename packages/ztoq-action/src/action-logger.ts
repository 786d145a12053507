import type * as core from '@actions/core';
import { type Logger, redact } from '@ztoq/core';

export type LogSink = Pick<typeof core, 'debug' | 'info' | 'warning' | 'error'>;

/**
 * The engine's diagnostics as workflow log lines: warnings and errors become annotations on the
 * run, debug lines show only when the workflow is re-run with debug logging. Everything passes
 * through `redact` as well as the runner's masking, because the runner only masks the values
 * it was told about and an encoded secret (in a URL, say) would slip past it.
 */
export function createActionLogger(sink: LogSink): Logger {
  const line = (message: string, fields?: Record<string, unknown>) =>
    redact(fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    debug: (message, fields) => sink.debug(line(message, fields)),
    info: (message, fields) => sink.info(line(message, fields)),
    warn: (message, fields) => sink.warning(line(message, fields)),
    error: (message, fields) => sink.error(line(message, fields)),
  };
}
