import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationResult } from '@ztoq/core';
import { DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, cliProcess } from './cli-harness.js';
import { expectedTargetCounts } from './support/expected-counts.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';

let migration: SimulatedMigration | undefined;
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

describe('ztoq migrate --dry-run', () => {
  it('prints what load would create per type and writes nothing to qTest, not even fields', async () => {
    migration = await startSimulatedMigration();
    const { env, cwd, projectKey } = migration;
    const expected = expectedTargetCounts(migration.simulators.dataset);

    // Text on stdout as a person reads it; the same result as JSON in the report directory.
    const dryRun = await cliProcess(migration.migrateArgs('--dry-run', '--report-dir', 'reports'), env, cwd);
    // Lossy (older versions are never carried) even as a plan: the same exit code a real run gets.
    expect(dryRun.code, dryRun.stderr).toBe(3);
    expect(dryRun.stdout).toMatch(/^DEMO: dry run partial \(exit code 3\)$/m);
    expect(dryRun.stdout).toContain('\nload would create:\n');
    for (const [type, count] of Object.entries(expected)) {
      expect(dryRun.stdout).toMatch(new RegExp(`^ {2}${type} +${count} of ${count}$`, 'm'));
    }
    expect(dryRun.stdout).toContain('\nqTest settings (would create):\n  test-cases field "Zephyr Key"\n');

    const result = JSON.parse(
      await readFile(path.join(cwd, 'reports', 'result.json'), 'utf8'),
    ) as MigrationResult;
    expect(result.dryRun).toBe(true);
    expect(result.phases.map((phase) => [phase.phase, phase.status])).toEqual([
      ['extract', 'succeeded'],
      ['transform', 'succeeded'],
    ]);
    expect(result.plan).toEqual(
      Object.fromEntries(
        Object.entries(expected).map(([type, count]) => [
          type,
          { planned: count, wouldCreate: count, wouldUpdate: 0 },
        ]),
      ),
    );
    // The custom fields ztoq needs are planned, and said so, but not made.
    expect(result.preflight.changes.length).toBeGreaterThan(0);
    expect(result.preflight.changes.every((change) => change.action === 'would-create')).toBe(true);
    expect(migration.createPosts()).toBe(0);
    expect(migration.simulators.qtest.store.project(DEFAULT_PROJECT_ID)?.modules.size).toBe(0);

    // Nothing planned was stored as if load could run on it.
    const status = await cli(['status', '--project-key', projectKey, '--json'], env, cwd);
    const report = JSON.parse(status.stdout) as {
      transformed: Record<string, number>;
      loaded: Record<string, { pending: number; done: number; failed: number }>;
    };
    expect(Object.values(report.transformed).every((count) => count === 0)).toBe(true);
    for (const counts of Object.values(report.loaded))
      expect(counts).toEqual({ pending: 0, done: 0, failed: 0 });
  }, 180_000);
});
