import { type ResolvedEntity, type Target, TargetWriteError } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

/**
 * A target of a user's own that fails two test cases its way: one with a plain `Error` (the
 * write may have happened: the engine must look before sending it again), one with a declared
 * refusal (nothing was written: no lookup needed). Everything else goes to qTest.
 */
function failingTwoCases(target: Target, failing: () => boolean) {
  const calls = { find: new Map<string, number>(), create: new Map<string, number>() };
  const plain = new Set<string>();
  const refused = new Set<string>();
  const bump = (counts: Map<string, number>, id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  const wrapped: Target = {
    ...target,
    name: target.name,
    capabilities: target.capabilities,
    entityTypes: target.entityTypes,
    describeProject: (options) => target.describeProject(options),
    preflight: (census, options) => target.preflight(census, options),
    createMapper: (context, options) => target.createMapper(context, options),
    verify: (entity, options) => target.verify(entity, options),
    async create(entity: ResolvedEntity, options) {
      bump(calls.create, entity.sourceId);
      if (failing() && entity.type === 'test-case') {
        if (plain.size === 0 || plain.has(entity.sourceId)) {
          plain.add(entity.sourceId);
          throw new Error('the archive could not take this case');
        }
        if (refused.size === 0 || refused.has(entity.sourceId)) {
          refused.add(entity.sourceId);
          throw new TargetWriteError('refused', 'the archive refuses this case');
        }
      }
      return target.create(entity, options);
    },
    async find(entity: ResolvedEntity, options) {
      bump(calls.find, entity.sourceId);
      return target.find(entity, options);
    },
  };
  return { wrapped, calls, plain, refused };
}

describe("a target's error contract", () => {
  it('records a plain Error and a declared refusal per entity, looks up only after the plain one, and goes on', async () => {
    let failing = true;
    let wrapper: ReturnType<typeof failingTwoCases> | undefined;
    const rig = await rigs.start({
      size: 'tiny',
      seed: 31,
      wrapTarget: (target) => {
        wrapper = failingTwoCases(target, () => failing);
        return wrapper.wrapped;
      },
    });
    const first = await rig.migrate();
    if (!wrapper) throw new Error('the rig did not wrap the target');
    const { calls, plain, refused } = wrapper;
    expect(first.error ?? 'no error').toBe('no error');
    expect(first.status).toBe('partial');
    expect(first.load['test-case']?.failed).toBe(2);
    const [plainId] = plain;
    const [refusedId] = refused;
    if (plainId === undefined || refusedId === undefined) throw new Error('no case failed');
    // In doubt: looked up before each new attempt. Refused: sent once, never looked up.
    expect(calls.create.get(plainId)).toBeGreaterThan(1);
    expect(calls.find.get(plainId)).toBe(calls.create.get(plainId));
    expect(calls.create.get(refusedId)).toBe(1);
    expect(calls.find.get(refusedId)).toBeUndefined();
    const failures = await rig.store.listFailures(rig.simulators.connection.zephyr.projectKey, {
      entityType: 'test-case',
      phase: 'load',
    });
    expect(Object.fromEntries(failures.map((failure) => [failure.sourceId, failure.lastError]))).toEqual({
      [plainId]: expect.stringContaining('the archive could not take this case'),
      [refusedId]: expect.stringContaining('the archive refuses this case'),
    });
    // The rest of the project went on: every other type loaded something.
    expect(first.load['test-log']?.created).toBeGreaterThan(0);

    failing = false;
    const second = await rig.migrate();
    expect(second.error ?? 'no error').toBe('no error');
    expect(second.load['test-case']?.failed).toBe(0);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 120_000);
});
