import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

describe('migration engine against the simulators', () => {
  it('carries the demo project entity by entity, validates it, and a second run creates nothing', async () => {
    const rig = await rigs.start({ size: 'demo', seed: 3 });
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
        listed: 0,
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
    expect(differencesAfterMigration(rig)).toEqual([]);

    const createsBefore = rig.qtestCreates();
    const again = await rig.migrate();
    expect(rig.qtestCreates()).toBe(createsBefore);
    for (const counts of Object.values(again.load)) expect(counts.created + counts.adopted).toBe(0);
    // Nothing was written again, so validate found everything by list reads.
    for (const counts of Object.values(again.validation)) expect(counts.listed).toBe(counts.expected);
    expect(again.migrationId).not.toBe(result.migrationId);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 600_000);
});
