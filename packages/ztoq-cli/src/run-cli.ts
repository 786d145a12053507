import { ExitCode, redact, ZtoqError } from '@ztoq/core';
import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { type CommandOutcome, createProgram } from './program.js';

/**
 * Runs one CLI invocation and returns its exit code. Every failure ends as one line on
 * stderr: a person reads the first line only, and CI logs keep it searchable.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const outcome: CommandOutcome = {};
  const program = createProgram(io, outcome);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.exitCode ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (and the help hint) through configureOutput.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof ZtoqError) {
      io.stderr(`ztoq: ${redact(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ztoq: unexpected error: ${redact(message)}\n`);
    return ExitCode.failed;
  }
}
