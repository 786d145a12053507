import { emptyMigrationResult, type MigrationResult, type MigrationStatusReport } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../src/format-plan.js';
import { formatResult } from '../src/format-result.js';
import { formatStatus } from '../src/format-status.js';

/** A dry run of a re-run: some new, some changed since written, most unchanged, some gone. */
function dryRun(): MigrationResult {
  const result = emptyMigrationResult({
    runId: 'run-2',
    migrationId: 'mig-2',
    projectKey: 'DEMO',
    targetProjectId: '1001',
    phase: 'all',
    dryRun: true,
  });
  result.status = 'succeeded';
  result.exitCode = 0;
  result.plan = {
    module: { planned: 9, wouldCreate: 0, wouldUpdate: 1, unchanged: 8, removedInSource: 0 },
    'test-case': { planned: 10, wouldCreate: 1, wouldUpdate: 2, unchanged: 7, removedInSource: 3 },
  };
  return result;
}

describe('the CLI tables of a re-run', () => {
  it('ztoq plan: per type planned, would create, would update, unchanged, removed in source', () => {
    const lines = formatPlan(dryRun()).split('\n');
    expect(lines.slice(2, 5)).toEqual([
      'type         planned  would create  would update  unchanged  removed in source',
      'module             9             0             1          8                  0',
      'test-case         10             1             2          7                  3',
    ]);
    expect(lines[5]).toBe('removed in source: gone from Zephyr, kept in qTest; ztoq never deletes them');
  });

  it('migrate --dry-run: the same counts in the run summary', () => {
    const text = formatResult(dryRun());
    expect(text).toContain(
      [
        'load would      planned   create   update unchanged  removed in source',
        '  module              9        0        1         8                  0',
        '  test-case          10        1        2         7                  3',
      ].join('\n'),
    );
  });

  it('ztoq status: the latest load per type and what is removed in source', () => {
    const status: MigrationStatusReport = {
      projectKey: 'DEMO',
      migrationId: 'mig-2',
      latestRun: { id: 'run-3', phase: 'extract', status: 'succeeded', startedAt: '', finishedAt: null },
      phases: [],
      extracted: {},
      transformed: { module: 9, 'test-case': 10 },
      loaded: {
        module: { done: 9, pending: 0, failed: 0 },
        'test-case': { done: 13, pending: 0, failed: 0 },
      },
      failures: {},
      latestLoad: { runId: 'run-2', migrationId: 'mig-2', finishedAt: '2026-01-01T10:00:00.000Z' },
      load: {
        module: { planned: 9, created: 0, adopted: 0, updated: 1, unchanged: 8, failed: 0, skipped: 0 },
        'test-case': { planned: 10, created: 1, adopted: 0, updated: 2, unchanged: 7, failed: 0, skipped: 0 },
      },
      removedInSource: { 'test-case': 3 },
    };
    expect(formatStatus(status)).toContain(
      [
        'latest load: run run-2',
        'target type      created  updated  unchanged  removed in source',
        '  module               0        1          8                  0',
        '  test-case            1        2          7                  3',
        '',
        'no open failures',
      ].join('\n'),
    );
  });
});
