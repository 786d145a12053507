import { CANONICAL_ENTITY_TYPES, type MigrationResult, type Target } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, type MigrationRig, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

/** What a run leaves behind for the next one: extract checkpoints and the id map's counts. */
async function progressOf(rig: MigrationRig): Promise<string> {
  const projectKey = rig.simulators.dataset.project.key;
  const cursors = await Promise.all(
    CANONICAL_ENTITY_TYPES.map(
      async (type) => (await rig.store.getCheckpoint(projectKey, `extract:${type}`))?.cursor,
    ),
  );
  return JSON.stringify({ cursors, mappings: await rig.store.countMappings(projectKey) });
}

const loadedCount = (result: MigrationResult) =>
  Object.values(result.load).reduce((sum, counts) => sum + counts.created + counts.adopted, 0);

describe('stopping a run', () => {
  it('ends interrupted, not failed, when work in flight throws the stop it was cut short by', async () => {
    const controller = new AbortController();
    let creates = 0;
    // The stop fires while the 12th create is in flight, and that create ends in the stop's error,
    // as a request aborted under the run's signal does.
    const abortingOnCreate = (target: Target): Target => ({
      ...target,
      create: async (entity, call) => {
        creates += 1;
        if (creates !== 12) return target.create(entity, call);
        controller.abort(new Error('the time budget of 1 minutes is spent'));
        throw controller.signal.reason;
      },
    });
    const rig = await rigs.start({ size: 'tiny', seed: 31, store: 'pglite', wrapTarget: abortingOnCreate });
    const stopped = await rig.migrate({ signal: controller.signal, batchSize: 5, maxWorkers: 1 });
    expect({ status: stopped.status, exitCode: stopped.exitCode }, stopped.error).toEqual({
      status: 'interrupted',
      exitCode: 1,
    });
    expect(stopped.phases.at(-1)).toMatchObject({ phase: 'load', status: 'interrupted' });
    // What was done before the stop is in the result and in the store.
    const projectKey = rig.simulators.dataset.project.key;
    expect(loadedCount(stopped)).toBe(11);
    expect((await rig.store.countMappings(projectKey)).done).toBe(11);

    const createsBefore = rig.qtestCreates();
    const resumed = await rig.migrate();
    expect(resumed.migrationId).toBe(stopped.migrationId);
    expect(resumed.error).toBeUndefined();
    expect(differencesAfterMigration(rig)).toEqual([]);
    // The create cut short never reached qTest: the rerun made it, and nothing twice.
    expect(rig.qtestCreates()).toBeGreaterThan(createsBefore);
  }, 90_000);

  it('keeps a real error real when it happens after the stop', async () => {
    const controller = new AbortController();
    const failingAfterStop = (target: Target): Target => ({
      ...target,
      create: async () => {
        controller.abort(new Error('the time budget of 1 minutes is spent'));
        throw new TypeError('a programming error');
      },
    });
    const rig = await rigs.start({ size: 'tiny', seed: 32, store: 'pglite', wrapTarget: failingAfterStop });
    const result = await rig.migrate({ signal: controller.signal });
    expect(result.status).toBe('failed');
    expect(result.error).toContain('a programming error');
  }, 60_000);

  it('with a budget spent before it starts, every run still stores a unit of work, until the project is done', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 33, store: 'pglite' });
    const spent = AbortSignal.abort(new Error('the time budget of 0.001 minutes is spent'));
    const statuses: string[] = [];
    let before = await progressOf(rig);
    for (let run = 1; run <= 60; run += 1) {
      const result = await rig.migrate({ budget: spent, batchSize: 10 });
      statuses.push(result.status);
      if (result.status !== 'interrupted') break;
      const after = await progressOf(rig);
      expect(after, `run ${run} stopped without progress`).not.toBe(before);
      before = after;
    }
    expect(['succeeded', 'partial']).toContain(statuses.at(-1));
    expect(statuses.filter((status) => status === 'interrupted').length).toBeGreaterThanOrEqual(10);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 180_000);
});
