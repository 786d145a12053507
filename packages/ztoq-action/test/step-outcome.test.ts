import { emptyMigrationResult, type MigrationResult } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { reportOutcome } from '../src/step-outcome.js';

function sink() {
  const calls: string[] = [];
  return {
    calls,
    info: (message: string) => calls.push(`info: ${message}`),
    warning: (message: string | Error) => calls.push(`warning: ${String(message)}`),
    setFailed: (message: string | Error) => calls.push(`failed: ${String(message)}`),
  };
}

/** The parts of a result the outcome reads; the rest stays empty. */
function result(overrides: Partial<MigrationResult>): MigrationResult {
  const identity = {
    runId: 'r',
    migrationId: 'm',
    projectKey: 'DEMO',
    targetProjectId: '1',
    phase: 'all' as const,
  };
  return {
    ...emptyMigrationResult({ ...identity, dryRun: false }),
    status: 'succeeded',
    exitCode: 0,
    ...overrides,
  };
}

const partial = result({
  status: 'partial',
  exitCode: 3,
  load: {
    'test-case': { planned: 10, created: 7, adopted: 0, updated: 0, unchanged: 0, failed: 2, skipped: 1 },
    'test-run': { planned: 4, created: 3, adopted: 0, updated: 0, unchanged: 0, failed: 1, skipped: 0 },
  },
  validation: {
    'test-case': { expected: 10, found: 7, listed: 0, missing: 0, mismatched: 1, notLoaded: 3 },
  },
  lossy: { 'older-versions': { entities: 3, total: 5, examples: [] } },
});

describe('reportOutcome', () => {
  it('passes a successful run', () => {
    const s = sink();
    reportOutcome(s, result({}), true);
    expect(s.calls).toEqual(['info: ztoq: DEMO succeeded']);
  });

  it('warns on a partial run with its counts, and fails it only when asked to', () => {
    const line =
      'ztoq: DEMO finished partially: 3 failed to load; 1 skipped; 1 mismatched; not carried: older-versions 5';
    const warned = sink();
    reportOutcome(warned, partial, false);
    expect(warned.calls).toEqual([`warning: ${line}`]);
    const failed = sink();
    reportOutcome(failed, partial, true);
    expect(failed.calls).toEqual([`failed: ${line}`]);
  });

  it('fails a failed, refused or misconfigured run with its one-line error', () => {
    for (const [exitCode, error] of [
      [1, 'qTest answered 500'],
      [2, 'batch size must be a whole number from 1 to 1000, got 5000'],
      [4, 'Zephyr refused the API token (401)'],
    ] as const) {
      const s = sink();
      reportOutcome(s, result({ status: 'failed', exitCode, error }), false);
      expect(s.calls).toEqual([`failed: ztoq: DEMO failed: ${error}`]);
    }
    const interrupted = sink();
    reportOutcome(
      interrupted,
      result({ status: 'interrupted', exitCode: 1, error: 'interrupted', dryRun: true }),
      false,
    );
    expect(interrupted.calls).toEqual(['failed: ztoq: DEMO (dry run) interrupted: interrupted']);
  });
});
