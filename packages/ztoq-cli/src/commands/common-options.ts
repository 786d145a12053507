import { type Command, Option } from 'commander';
import type { Verbosity } from '../cli-logger.js';

export interface CommonFlags {
  config?: string;
  quiet?: boolean;
  verbose?: boolean;
  json?: boolean;
}

/**
 * `--config`, `--json`, `--quiet` and `--verbose`, the same on every command that talks to the
 * APIs. `--quiet` with `--verbose` is a contradiction, refused as a usage error before anything runs.
 */
export function addCommonOptions(command: Command, json = 'print the result as JSON on stdout'): Command {
  return command
    .option(
      '--config <FILE>',
      'settings file (default: ztoq.config.json in the working directory, if present)',
    )
    .option('--json', json)
    .addOption(new Option('--quiet', 'print only errors on stderr').conflicts('verbose'))
    .addOption(new Option('--verbose', 'print debug diagnostics on stderr'));
}

export function verbosityOf(flags: { quiet?: boolean; verbose?: boolean }): Verbosity {
  return flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
}
