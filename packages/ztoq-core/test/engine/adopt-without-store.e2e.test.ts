import type { MigrationResult } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { ADOPTION_STREAM } from '../../src/engine/adoption-mode.js';
import { differencesAfterMigration, type MigrationRig, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

const total = (result: MigrationResult, kind: 'created' | 'adopted') =>
  Object.values(result.load).reduce((sum, counts) => sum + counts[kind], 0);

/** Requests that look for something in qTest: searches and sibling lists (modules, cycles, runs, logs). */
function lookups(rig: MigrationRig): Record<string, number> {
  return Object.fromEntries(
    Object.entries(rig.simulators.qtest.requestCounts()).filter(
      ([operation]) =>
        / \/api\/v3\/projects\/\{projectId\}\/search$/.test(operation) ||
        /^GET .*\/(modules|test-cycles|test-runs|test-logs)$/.test(operation),
    ),
  );
}

describe('a run without its store', () => {
  it('adopts what qTest holds by the markers and creates nothing twice', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 41, store: 'pglite' });
    const projectKey = rig.simulators.dataset.project.key;
    const first = await rig.migrate();
    expect(first.error).toBeUndefined();
    const createsAfterFirst = rig.qtestCreates();
    const loaded = total(first, 'created');
    expect(loaded).toBeGreaterThan(0);

    // The store is gone (an evicted cache entry): a new, empty one.
    await rig.reopenStore();
    expect((await rig.store.countMappings(projectKey)).done).toBe(0);
    const second = await rig.migrate();
    expect(second.error).toBeUndefined();
    expect(rig.qtestCreates()).toBe(createsAfterFirst);
    expect(total(second, 'created')).toBe(0);
    expect(total(second, 'adopted')).toBe(loaded);
    expect(differencesAfterMigration(rig)).toEqual([]);
    // Everything was attempted: the next load looks nothing up again.
    expect((await rig.store.getCheckpoint(projectKey, ADOPTION_STREAM))?.cursor).toEqual({ adopting: false });
  }, 120_000);

  it('keeps adopting across a stopped run until a load attempted everything', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 42, store: 'pglite' });
    const projectKey = rig.simulators.dataset.project.key;
    expect((await rig.migrate()).error).toBeUndefined();
    const createsAfterFirst = rig.qtestCreates();
    await rig.reopenStore();

    // The adopting run is stopped after a few batches; the next one has rows, and must still look.
    const controller = new AbortController();
    const stopping = rig.migration({ signal: controller.signal, batchSize: 3 });
    let batches = 0;
    stopping.on('progress', ({ phase }) => {
      if (phase === 'load' && ++batches === 3) controller.abort();
    });
    const stopped = await stopping.run();
    expect(stopped.status).toBe('interrupted');
    expect((await rig.store.countMappings(projectKey)).done).toBeGreaterThan(0);

    const resumed = await rig.migrate();
    expect(resumed.error).toBeUndefined();
    expect(total(resumed, 'created')).toBe(0);
    expect(rig.qtestCreates()).toBe(createsAfterFirst);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 120_000);

  it('looks nothing up per entity in a first migration into an empty qTest', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 43, store: 'pglite' });
    expect((await rig.migrate({}, 'extract')).error).toBeUndefined();
    expect((await rig.migrate({}, 'transform')).error).toBeUndefined();
    const before = lookups(rig);
    const load = await rig.migrate({}, 'load');
    expect(load.error).toBeUndefined();
    expect(total(load, 'created')).toBeGreaterThan(20);
    const during = Object.fromEntries(
      Object.entries(lookups(rig))
        .map(([operation, count]) => [operation, count - (before[operation] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    // The one check whether qTest holds migrated data: the top-level modules and one search page.
    expect(during).toEqual({
      'GET /api/v3/projects/{projectId}/modules': 1,
      'POST /api/v3/projects/{projectId}/search': 1,
    });
  }, 120_000);
});
