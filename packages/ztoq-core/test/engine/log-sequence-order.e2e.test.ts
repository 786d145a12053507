import { HttpNetworkError, type ResolvedEntity, type Target } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();
/** Enough test cases of the demo set for runs with several logs. */
const LIMIT = 12;

const lostAnswer = () =>
  new HttpNetworkError({ api: 'qTest', endpoint: 'POST test-logs', attempts: 3, code: 'ECONNRESET' });

/**
 * The first log create of every run fails without an answer (it never reached qTest), and the
 * lookup after it fails too, so its outcome stays unknown for this run. A later log of the same
 * run must wait: were it created now, it would sit before the first one once the next run
 * creates that.
 */
function losingFirstLogOfEachRun(target: Target, active: () => boolean): Target {
  const unknown = new Set<string>();
  const seenRuns = new Set<string>();
  return {
    name: target.name,
    capabilities: target.capabilities,
    entityTypes: target.entityTypes,
    ...(target.countedChildren ? { countedChildren: target.countedChildren } : {}),
    describeProject: (options) => target.describeProject(options),
    preflight: (census, options) => target.preflight(census, options),
    createMapper: (context, options) => target.createMapper(context, options),
    verify: (entity, options) => target.verify(entity, options),
    async create(entity: ResolvedEntity, options) {
      const run = entity.refs.run?.targetId;
      if (active() && entity.type === 'test-log' && run !== undefined && !seenRuns.has(run)) {
        seenRuns.add(run);
        unknown.add(entity.sourceId);
        throw lostAnswer();
      }
      return target.create(entity, options);
    },
    async find(entity: ResolvedEntity, options) {
      if (active() && unknown.has(entity.sourceId)) throw lostAnswer();
      return target.find(entity, options);
    },
  };
}

describe('logs of one run', () => {
  it('stay in date order when a log’s create has an unknown outcome', async () => {
    let faulty = true;
    const rig = await rigs.start({
      size: 'demo',
      seed: 3,
      wrapTarget: (target) => losingFirstLogOfEachRun(target, () => faulty),
    });
    const first = await rig.migrate({ limit: LIMIT });
    const logs = first.load['test-log'];
    expect(first.status).toBe('partial');
    // Runs with one log have nothing waiting; the dataset must hold runs with several.
    expect(logs?.failed).toBeGreaterThan(0);
    expect(logs?.skipped).toBeGreaterThan(0);
    const failures = await rig.store.listFailures(rig.simulators.connection.zephyr.projectKey, {
      entityType: 'test-log',
    });
    const waiting = failures.filter((failure) => failure.lastError.includes('whose outcome is unknown'));
    expect(waiting).toHaveLength(logs?.skipped ?? -1);

    faulty = false;
    const second = await rig.migrate({ limit: LIMIT });
    expect(second.error ?? 'no error').toBe('no error');
    expect(second.load['test-log']?.failed).toBe(0);
    expect(second.load['test-log']?.skipped).toBe(0);
    // What waited and what stayed unknown is created now, in date order.
    expect(second.load['test-log']?.created).toBe((logs?.failed ?? 0) + (logs?.skipped ?? 0));
    const keys = new Set(
      Array.from({ length: LIMIT }, (_, index) => rig.simulators.dataset.testCases.at(index).key ?? ''),
    );
    expect(differencesAfterMigration(rig, keys)).toEqual([]);

    const createsBefore = rig.qtestCreates();
    await rig.migrate({ limit: LIMIT });
    expect(rig.qtestCreates()).toBe(createsBefore);
  }, 300_000);
});
