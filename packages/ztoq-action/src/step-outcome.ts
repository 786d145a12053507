import type * as core from '@actions/core';
import { ExitCode, type MigrationResult, redact } from '@ztoq/core';

export type OutcomeSink = Pick<typeof core, 'info' | 'warning' | 'setFailed'>;

/**
 * Ends the step as the CLI's exit code would end a shell script, with one exception: a partial
 * run (some entities failed, or something could not be carried) passes with a warning unless
 * `failOnPartial` is set. Lossy runs are the rule, not the exception (older test case versions
 * are never carried), so failing on them by default would make every scheduled run red.
 */
export function reportOutcome(sink: OutcomeSink, result: MigrationResult, failOnPartial: boolean): void {
  const subject = `ztoq: ${result.projectKey}${result.dryRun ? ' (dry run)' : ''}`;
  if (result.exitCode === ExitCode.ok) {
    sink.info(`${subject} ${result.status}`);
    return;
  }
  if (result.exitCode === ExitCode.partial) {
    const message = redact(`${subject} finished partially: ${partialCounts(result)}`);
    if (failOnPartial) sink.setFailed(message);
    else sink.warning(message);
    return;
  }
  sink.setFailed(redact(`${subject} ${result.status}: ${result.error ?? `exit code ${result.exitCode}`}`));
}

/** What made the run partial, in counts; only the non-zero ones, so the line stays short. */
export function partialCounts(result: MigrationResult): string {
  const sum = <T>(record: Record<string, T>, count: (value: T) => number) =>
    Object.values(record).reduce((total, value) => total + count(value), 0);
  const parts = [
    ['failed to load', sum(result.load, (c) => c.failed)],
    ['skipped', sum(result.load, (c) => c.skipped)],
    ['missing in qTest', sum(result.validation, (c) => c.missing)],
    ['mismatched', sum(result.validation, (c) => c.mismatched)],
    ['failed to extract', result.failures.extract ?? 0],
  ] as const;
  const counted = parts.filter(([, n]) => n > 0).map(([label, n]) => `${n} ${label}`);
  const lossy = Object.entries(result.lossy).map(([kind, summary]) => `${kind} ${summary?.total ?? 0}`);
  if (lossy.length > 0) counted.push(`not carried: ${lossy.join(', ')}`);
  return counted.length > 0 ? counted.join('; ') : 'see the job summary';
}
