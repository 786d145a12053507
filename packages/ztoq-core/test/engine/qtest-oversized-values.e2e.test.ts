import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

describe('qTest refusing oversized values', () => {
  it('records the oversized test cases as failed with qTest’s reason, once per run, and moves the rest', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 3 });
    const zephyr = rig.simulators.zephyr.store;
    const template = rig.simulators.dataset.testCases.at(0);
    // qTest names hold at most 500 characters (spec): this one is refused with 400.
    const longName = zephyr.createTestCase({ ...template, name: 'N'.repeat(600) });
    // A 100 kB objective becomes the description, beyond what qTest stores: refused with 413.
    const hugeDescription = zephyr.createTestCase({
      ...template,
      name: 'Huge objective',
      objective: 'x'.repeat(100_000),
    });
    const oversized = [longName.key, hugeDescription.key];
    const projectKey = rig.simulators.connection.zephyr.projectKey;
    const testCaseCreates = () =>
      rig.simulators.qtest.requestCounts()['POST /api/v3/projects/{projectId}/test-cases'] ?? 0;

    const first = await rig.migrate();
    expect(first.error ?? 'no error').toBe('no error');
    expect(first.load['test-case']?.failed).toBe(2);
    expect(first.status).toBe('partial');
    expect(first.exitCode).toBe(3);
    const failures = await rig.store.listFailures(projectKey, { phase: 'load', entityType: 'test-case' });
    // The store keys test cases by their zero-padded number, so that ids sort as numbers.
    const keyOf = (sourceId: string) => sourceId.replace(/-T0*/, '-T');
    const reasons = Object.fromEntries(
      failures.map((failure) => [keyOf(failure.sourceId), failure.lastError]),
    );
    expect(Object.keys(reasons).sort()).toEqual([...oversized].sort());
    expect(reasons[longName.key]).toMatch(/400.*name/);
    expect(reasons[hugeDescription.key]).toMatch(/413.*exceeds 65535 characters/);
    // Every other test case arrived exactly as the rules say; the two refused ones are not in qTest.
    expect(differencesAfterMigration(rig)).toEqual([]);

    // The rerun tries each refused case once more (a 4xx is not retried within a run) and creates nothing else.
    const createsBefore = testCaseCreates();
    const again = await rig.migrate();
    expect(again.load['test-case']?.failed).toBe(2);
    expect(again.exitCode).toBe(3);
    expect(testCaseCreates() - createsBefore).toBe(2);
    for (const counts of Object.values(again.load)) expect(counts.created + counts.adopted).toBe(0);
    const attempts = await rig.store.listFailures(projectKey, { phase: 'load', entityType: 'test-case' });
    expect(attempts.map((failure) => failure.attempts)).toEqual([2, 2]);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 300_000);
});
