import { DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { describe, expect, it } from 'vitest';
import { type MigrationRig, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

/** qTest reads of one project entity by its id (`GET …/{id}`), the reads a full validate makes per entity. */
function readsById(rig: MigrationRig): number {
  return Object.entries(rig.simulators.qtest.requestCounts())
    .filter(([operation]) =>
      /^GET \/api\/v3\/projects\/\{projectId\}\/.+\/\{[A-Za-z]*[iI]d\}$/.test(operation),
    )
    .reduce((sum, [, count]) => sum + count, 0);
}

describe('validate after an unchanged re-run', () => {
  it('finds by list reads what it found matching before, reads back what changed, and a full validate reads all', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 8 });
    const first = await rig.migrate();
    expect(first.error).toBeUndefined();
    for (const counts of Object.values(first.validation)) {
      expect(counts).toMatchObject({ listed: 0, missing: 0, mismatched: 0, notLoaded: 0 });
      expect(counts.found).toBe(counts.expected);
    }
    const loaded = Object.values(first.validation).reduce((sum, counts) => sum + counts.found, 0);

    const readsBefore = readsById(rig);
    const second = await rig.migrate();
    expect(second.error).toBeUndefined();
    for (const counts of Object.values(second.validation)) {
      expect(counts).toMatchObject({ missing: 0, mismatched: 0, notLoaded: 0 });
      expect(counts.listed).toBe(counts.expected);
    }
    expect(readsById(rig)).toBe(readsBefore);
    // The census brings each log's status, so the tally of qTest statuses stays whole.
    expect(second.facts['test-log.status']).toEqual(first.facts['test-log.status']);

    // Logs gone from qTest behind ztoq's back are not in the census: read back, reported missing.
    const project = rig.simulators.qtest.store.project(DEFAULT_PROJECT_ID);
    if (!project) throw new Error('no qTest project');
    const gone = [...project.testLogs.keys()].slice(0, 2);
    for (const id of gone) project.testLogs.delete(id);
    const third = await rig.migrate({ validation: 'lean' }, 'validate');
    expect(third.validation['test-log']).toMatchObject({
      missing: 2,
      listed: (third.validation['test-log']?.expected ?? 0) - 2,
    });
    const missingIds = third.differences
      .filter((difference) => difference.differences.includes('not found in the target'))
      .map((difference) => difference.targetId);
    expect(missingIds.sort()).toEqual(gone.map(String).sort());

    // A validate run on its own is a full check: everything is read back, and the runs that lost
    // a log now show it in their log count.
    const readsBeforeFull = readsById(rig);
    const full = await rig.migrate({}, 'validate');
    expect(readsById(rig) - readsBeforeFull).toBe(loaded);
    expect(full.validation['test-run']?.mismatched).toBeGreaterThan(0);
    for (const counts of Object.values(full.validation)) expect(counts.listed).toBe(0);
    // A lean one after it reads back only what failed: the missing logs and the mismatched runs.
    const failing = await rig.store.listFailures(rig.simulators.connection.zephyr.projectKey, {
      phase: 'validate',
    });
    const readsBeforeLean = readsById(rig);
    await rig.migrate({ validation: 'lean' }, 'validate');
    expect(readsById(rig) - readsBeforeLean).toBe(failing.length);
  }, 180_000);
});
