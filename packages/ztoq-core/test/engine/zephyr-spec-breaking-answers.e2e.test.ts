import { sortableKey } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, type MigrationRig, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

async function extractFailures(rig: MigrationRig) {
  const projectKey = rig.simulators.connection.zephyr.projectKey;
  const failures = await rig.store.listFailures(projectKey, { phase: 'extract' });
  return Object.fromEntries(
    failures.map((failure) => [`${failure.entityType} ${failure.sourceId}`, failure.lastError]),
  );
}

/** With the fault gone: the rerun carries what was missing, the run after it creates nothing. */
async function expectRerunsExact(rig: MigrationRig): Promise<void> {
  rig.simulators.zephyr.server.corruptAnswers([]);
  const rerun = await rig.migrate();
  expect(rerun.error ?? 'no error').toBe('no error');
  expect(rerun.failures.extract ?? 0).toBe(0);
  for (const counts of Object.values(rerun.load)) expect(counts.failed + counts.skipped).toBe(0);
  // No failure of any phase is left open: the extract failures and the transform failures of
  // the entities naming the ones not read were cleared by the successful reads and mappings.
  expect(await rig.store.listFailures(rig.simulators.connection.zephyr.projectKey)).toEqual([]);
  expect(differencesAfterMigration(rig)).toEqual([]);

  const createsBefore = rig.qtestCreates();
  const third = await rig.migrate();
  expect(rig.qtestCreates()).toBe(createsBefore);
  for (const counts of Object.values(third.load)) expect(counts.created + counts.adopted).toBe(0);
  expect(differencesAfterMigration(rig)).toEqual([]);
}

describe('Zephyr answers that break the spec', () => {
  it('fails each test case whose answers break the spec with Zephyr’s words, and migrates the rest', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 5 });
    const { dataset } = rig.simulators;
    // Four different cases; the one whose steps answer is broken must have steps to read.
    const keys = Array.from({ length: dataset.testCases.count }, (_, index) => dataset.testCases.at(index));
    const withSteps = keys.find((testCase) => testCase.content.kind === 'steps')?.key as string;
    const [nameless, nullPriority, zeroVersions] = keys
      .map((testCase) => testCase.key)
      .filter((key) => key !== withSteps)
      .slice(0, 3) as [string, string, string];
    const badSteps = withSteps;
    rig.simulators.zephyr.server.corruptAnswers([
      { endpoint: 'GET /testcases', kind: 'drop-field', field: 'name', item: nameless },
      { endpoint: 'GET /testcases', kind: 'null-field', field: 'priority', item: nullPriority },
      {
        endpoint: 'GET /testcases/{testCaseKey}/teststeps',
        params: { testCaseKey: badSteps },
        kind: 'invalid-json',
      },
      {
        endpoint: 'GET /testcases/{testCaseKey}/versions',
        params: { testCaseKey: zeroVersions },
        kind: 'max-results-zero',
      },
    ]);

    const first = await rig.migrate();
    expect(first.error ?? 'no error').toBe('no error');
    expect(rig.simulators.zephyr.server.corruptedAnswerCount()).toBeGreaterThanOrEqual(4);
    expect(first.status).toBe('partial');
    expect(first.exitCode).toBe(3);
    const reasons = await extractFailures(rig);
    expect(first.failures.extract).toBe(4);
    const of = (key: string) => reasons[`test-case ${sortableKey(key)}`];
    expect(Object.keys(reasons)).toHaveLength(4);
    expect(of(nameless)).toMatch(
      /^Zephyr GET \/testcases answered TestCase \S+ without the required "name"$/,
    );
    expect(of(nullPriority)).toMatch(
      /^Zephyr GET \/testcases answered TestCase \S+ with "priority": null where the spec promises an object$/,
    );
    expect(of(badSteps)).toMatch(
      /^Zephyr GET \/testcases\/\{testCaseKey\}\/teststeps answered a body that is not valid JSON/,
    );
    expect(of(zeroVersions)).toMatch(
      /^Zephyr GET \/testcases\/\{testCaseKey\}\/versions answered maxResults=0/,
    );
    // Every other test case, and everything else, arrived exactly; the four failed ones are not in qTest.
    const failed = new Set([nameless, nullPriority, badSteps, zeroVersions]);
    const others = new Set<string>();
    for (let index = 0; index < dataset.testCases.count; index += 1) {
      const key = dataset.testCases.at(index).key;
      if (!failed.has(key)) others.add(key);
    }
    expect(differencesAfterMigration(rig, others)).toEqual([]);

    await expectRerunsExact(rig);
  }, 120_000);

  it('fails a stream whose list page breaks the spec, and reads the other streams', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 6 });
    rig.simulators.zephyr.server.corruptAnswers([
      { endpoint: 'GET /testplans', kind: 'invalid-json' },
      { endpoint: 'GET /testexecutions', kind: 'max-results-zero' },
    ]);

    const first = await rig.migrate();
    expect(first.error ?? 'no error').toBe('no error');
    expect(first.status).toBe('partial');
    expect(first.exitCode).toBe(3);
    expect(first.failures.extract).toBe(2);
    expect(await extractFailures(rig)).toEqual({
      'test-plan (stream)': expect.stringMatching(
        /^Zephyr GET \/testplans answered a body that is not valid JSON/,
      ),
      'test-execution (stream)': expect.stringMatching(
        /^Zephyr GET \/testexecutions answered maxResults=0 at startAt=0; the next page cannot be located$/,
      ),
    });
    // The other streams were read whole and their entities loaded.
    expect(first.extracted['test-case']).toBe(rig.simulators.dataset.testCases.count);
    expect(first.extracted['test-cycle']).toBe(rig.simulators.dataset.testCycles.length);

    await expectRerunsExact(rig);
  }, 120_000);
});
