import { DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { differencesFromExpected } from './support/expect-migrated.js';
import { type MigrationRig, startMigrationRig } from './support/migration-rig.js';

let rig: MigrationRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function expectMigratedExactly(current: MigrationRig, testCaseKeys?: ReadonlySet<string>): void {
  const differences = differencesFromExpected({
    dataset: current.simulators.dataset,
    store: current.simulators.qtest.store,
    projectId: DEFAULT_PROJECT_ID,
    root: current.simulators.dataset.project.key,
    executionStatus: current.mapping.executionStatus ?? {},
    ...(testCaseKeys ? { testCaseKeys } : {}),
  });
  expect(differences).toEqual([]);
}

describe('migration engine against the simulators', () => {
  it('carries the demo project entity by entity, validates it, and a second run creates nothing', async () => {
    rig = await startMigrationRig({ size: 'demo', seed: 3 });
    const result = await rig.migrate();
    expect(result.error).toBeUndefined();
    expect(result.phases.map((phase) => [phase.phase, phase.status])).toEqual([
      ['extract', 'succeeded'],
      ['transform', 'succeeded'],
      ['load', 'succeeded'],
      ['validate', 'succeeded'],
    ]);
    for (const counts of Object.values(result.load)) {
      expect(counts.failed + counts.skipped).toBe(0);
      expect(counts.created).toBe(counts.planned);
    }
    for (const [type, counts] of Object.entries(result.validation)) {
      expect({ type, ...counts }).toEqual({
        type,
        expected: counts.expected,
        found: counts.expected,
        missing: 0,
        mismatched: 0,
        notLoaded: 0,
      });
    }
    expect(result.differences).toEqual([]);
    // Older versions are never carried, so the run is lossy and says so.
    expect(result.lossy['older-versions']?.total).toBeGreaterThan(0);
    expect(result.status).toBe('partial');
    expect(result.exitCode).toBe(3);
    expectMigratedExactly(rig);

    const createsBefore = rig.qtestCreates();
    const again = await rig.migrate();
    expect(rig.qtestCreates()).toBe(createsBefore);
    for (const counts of Object.values(again.load)) expect(counts.created + counts.adopted).toBe(0);
    expect(again.migrationId).not.toBe(result.migrationId);
    expectMigratedExactly(rig);
  }, 180_000);
});
