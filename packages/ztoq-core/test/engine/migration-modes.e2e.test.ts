import { CANONICAL_ENTITY_TYPES } from '@ztoq/core';
import { DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();
const differences = differencesAfterMigration;

describe('migration modes', () => {
  it('rehearses with --limit: the first N test cases and only their executions', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 21, store: 'pglite' });
    const result = await rig.migrate({ limit: 3 });
    expect(result.error).toBeUndefined();
    const keys = new Set(
      Array.from({ length: 3 }, (_, index) => rig.simulators.dataset.testCases.at(index).key ?? ''),
    );
    expect(result.extracted['test-case']).toBe(3);
    expect(differences(rig, keys)).toEqual([]);
    expect(rig.simulators.qtest.store.project(DEFAULT_PROJECT_ID)?.testCases.size).toBe(3);
  }, 60_000);

  it('plans with --dry-run: counts what load would create and writes nothing to qTest', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 22 });
    const fieldsBefore = rig.simulators.qtest.store.project(DEFAULT_PROJECT_ID)?.fields.length;
    const result = await rig.migrate({ dryRun: true });
    expect(result.error).toBeUndefined();
    expect(result.phases.map((phase) => phase.phase)).toEqual(['extract', 'transform']);
    expect(rig.qtestCreates()).toBe(0);
    expect(rig.simulators.qtest.store.project(DEFAULT_PROJECT_ID)?.fields.length).toBe(fieldsBefore);
    const dataset = rig.simulators.dataset;
    expect(result.plan?.['test-case']).toEqual({
      planned: dataset.testCases.count,
      wouldCreate: dataset.testCases.count,
      wouldUpdate: 0,
      unchanged: 0,
      removedInSource: 0,
    });
    expect(result.plan?.release?.wouldCreate).toBe(dataset.testPlans.length);
    expect(result.preflight.changes.every((change) => change.action === 'would-create')).toBe(true);
    expect(result.preflight.changes.some((change) => change.name === 'Zephyr Key')).toBe(true);
    // Nothing planned in a dry run is kept for a later load to send.
    expect(await rig.store.countTransformedEntities(dataset.project.key)).toBe(0);

    const real = await rig.migrate();
    expect(real.error).toBeUndefined();
    expect(differences(rig)).toEqual([]);
    const again = await rig.migrate({ dryRun: true });
    // Everything is in qTest as planned: nothing to create or update, all of it unchanged.
    for (const plan of Object.values(again.plan ?? {})) {
      expect(plan).toEqual({
        planned: plan.planned,
        wouldCreate: 0,
        wouldUpdate: 0,
        unchanged: plan.planned,
        removedInSource: 0,
      });
    }
    expect(again.planUpdates).toEqual([]);
  }, 90_000);

  it('runs the phases one at a time, as separate runs of one migration', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 23 });
    const extract = await rig.migrate({}, 'extract');
    expect(extract.status).toBe('succeeded');
    for (const type of CANONICAL_ENTITY_TYPES) expect(extract.extracted[type]).toBeGreaterThan(0);
    expect(rig.qtestCreates()).toBe(0);
    const transform = await rig.migrate({}, 'transform');
    const load = await rig.migrate({}, 'load');
    const validate = await rig.migrate({}, 'validate');
    expect(new Set([extract, transform, load, validate].map((run) => run.migrationId)).size).toBe(1);
    expect(load.load['test-log']?.created).toBeGreaterThan(0);
    expect(Object.values(validate.validation).every((counts) => counts.found === counts.expected)).toBe(true);
    // A load-only run still knows the transform's lossy notes, so its status says "partial".
    expect(load.status).toBe('partial');
    expect(differences(rig)).toEqual([]);
  }, 90_000);

  it('refuses to load when preflight cannot map a value, naming it and the mapping key, writing nothing', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 24 });
    const result = await rig.migrate({ mapping: { testCasePriority: { High: 'Highest' } } });
    expect(result.status).toBe('failed');
    expect(result.exitCode).toBe(2);
    expect(result.error).toContain('executionStatus["Retest"]');
    expect(result.error).toContain('Highest');
    const kinds = result.preflight.problems.map((problem) => problem.kind).sort();
    expect(kinds).toEqual(['executionStatus', 'testCasePriority']);
    expect(rig.qtestCreates()).toBe(0);
    expect(result.phases.at(-1)).toMatchObject({ phase: 'transform', status: 'failed' });
  }, 60_000);

  it('validate lists what changed in qTest behind its back, entity by entity', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 26 });
    const first = await rig.migrate();
    expect(first.differences).toEqual([]);
    const project = rig.simulators.qtest.store.project(DEFAULT_PROJECT_ID);
    if (!project) throw new Error('no qTest project');
    const [log] = project.testLogs.values();
    const [testCase] = project.testCases.values();
    if (!log || !testCase) throw new Error('nothing migrated');
    const duplicateId = Math.max(...project.testLogs.keys()) + 1;
    project.testLogs.set(duplicateId, { ...log, id: duplicateId });
    project.testCases.set(testCase.id, { ...testCase, name: `${testCase.name} (edited)` });

    const validate = await rig.migrate({}, 'validate');
    expect(validate.status).toBe('partial');
    expect(validate.validation['test-run']?.mismatched).toBe(1);
    expect(validate.validation['test-case']?.mismatched).toBe(1);
    const lines = validate.differences.flatMap((difference) => difference.differences);
    expect(lines.some((line) => line.includes('test log count'))).toBe(true);
    expect(lines.some((line) => line.includes('(edited)'))).toBe(true);
    const stored = await rig.store.listFailures(rig.simulators.dataset.project.key, { phase: 'validate' });
    expect(stored).toHaveLength(2);

    // Put the name back: the next validation forgets that failure and keeps the other.
    project.testCases.set(testCase.id, testCase);
    await rig.migrate({}, 'validate');
    const left = await rig.store.listFailures(rig.simulators.dataset.project.key, { phase: 'validate' });
    expect(left.map((failure) => failure.entityType)).toEqual(['test-run']);
  }, 90_000);

  it('records an entity qTest refuses, skips its dependents, goes on, and finishes it on a later run', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 27 });
    const projectKey = rig.simulators.dataset.project.key;
    await rig.migrate({}, 'extract');
    await rig.migrate({}, 'transform');
    // Break one planned test case the way a qTest-side rule would refuse it: a field id that does not exist.
    const [row] = (
      await rig.store
        .iterateTransformedEntityPages(projectKey, 'test-case', { pageSize: 1 })
        [Symbol.asyncIterator]()
        .next()
    ).value as { sourceId: string; payload: { body: { properties: unknown[] } }; sourceHash: string }[];
    if (!row) throw new Error('no planned test case');
    const broken = structuredClone(row.payload);
    broken.body.properties.push({ field_id: 987654321, field_value: 'x' });
    await rig.store.putTransformedEntities(projectKey, 'test-case', [
      { sourceId: row.sourceId, payload: broken, sourceHash: row.sourceHash },
    ]);
    const dependents = async () => {
      let runs = 0;
      for await (const page of rig.store.iterateTransformedEntityPages(projectKey, 'test-run')) {
        runs += page.filter((entry) =>
          JSON.stringify(entry.payload).includes(`"sourceId":"${row.sourceId}"`),
        ).length;
      }
      return runs;
    };
    const expectedSkippedRuns = await dependents();
    expect(expectedSkippedRuns).toBeGreaterThan(0);

    const failed: string[] = [];
    const migration = rig.migration();
    migration.on('entity-failed', (event) => failed.push(event.sourceId));
    const load = await migration.run({ phase: 'load' });
    expect(load.load['test-case']?.failed).toBe(1);
    expect(load.load['test-run']?.skipped).toBe(expectedSkippedRuns);
    expect(load.status).toBe('partial');
    expect(load.exitCode).toBe(3);
    expect(failed).toContain(row.sourceId);
    const failures = await rig.store.listFailures(projectKey, { phase: 'load' });
    expect(failures.find((failure) => failure.sourceId === row.sourceId)?.lastError).toMatch(/HTTP 400/);
    expect(failures.filter((failure) => failure.lastError.startsWith('skipped:')).length).toBeGreaterThan(0);

    // The fix (here: planning the case again) and another run finish the job; nothing else moves.
    await rig.migrate({}, 'transform');
    const again = await rig.migrate({}, 'load');
    expect(again.load['test-case']?.created).toBe(1);
    expect(again.load['test-run']?.created).toBe(expectedSkippedRuns);
    expect(await rig.store.listFailures(projectKey, { phase: 'load' })).toEqual([]);
    expect(differences(rig)).toEqual([]);
  }, 90_000);

  it('resumes a stopped run: nothing twice, nothing missing', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 25 });
    const controller = new AbortController();
    const stopAfter = 40;
    let seen = 0;
    const first = rig.migrate({ signal: controller.signal, batchSize: 5 });
    const interval = setInterval(() => {
      seen = rig?.qtestCreates() ?? 0;
      if (seen >= stopAfter) controller.abort();
    }, 5);
    const stopped = await first;
    clearInterval(interval);
    expect(stopped.status).toBe('interrupted');
    expect(stopped.exitCode).toBe(1);
    // Creates in flight finished and were recorded; those never sent left no row to look up.
    expect((await rig.store.countMappings(rig.simulators.dataset.project.key)).pending).toBe(0);
    const resumed = await rig.migrate();
    expect(resumed.migrationId).toBe(stopped.migrationId);
    expect(resumed.error).toBeUndefined();
    expect(differences(rig)).toEqual([]);
  }, 90_000);
});
