import { type DatasetTestCase, DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { describe, expect, it } from 'vitest';
import { sortableKey } from '../../src/model/canonical.js';
import { buildMigrationReport } from '../../src/report/build-migration-report.js';
import { differencesAfterMigration, type MigrationRig, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();
const CASE_PUT = 'PUT /api/v3/projects/{projectId}/test-cases/{testCaseId}';

function casePuts(rig: MigrationRig): number {
  return rig.simulators.qtest.requestCounts()[CASE_PUT] ?? 0;
}

function editInZephyr(rig: MigrationRig, testCase: DatasetTestCase, precondition: string): void {
  rig.simulators.zephyr.store.editTestCase(testCase.key, { precondition });
}

/** A user renames the case in qTest's UI: a save, which qTest keeps as a new version. */
async function renameInQTest(rig: MigrationRig, testCase: DatasetTestCase, name: string): Promise<number> {
  const mapping = await rig.store.getMapping(
    rig.simulators.dataset.project.key,
    'test-case',
    sortableKey(testCase.key),
  );
  const qtest = rig.simulators.qtest.store;
  const project = qtest.project(DEFAULT_PROJECT_ID);
  const stored = project?.testCases.get(Number(mapping?.targetId));
  if (!project || !stored) throw new Error(`${testCase.key} is not in qTest`);
  // A save replaces every field: the others are sent as they are.
  const { properties, moduleId, description, precondition } = stored;
  qtest.updateTestCase(project, stored, {
    name,
    properties,
    moduleId,
    ...(description === undefined ? {} : { description }),
    ...(precondition === undefined ? {} : { precondition }),
  });
  return stored.id;
}

describe('a re-run over an entity edited in qTest by hand', () => {
  it('keeps the hand edit and lists it by default, overwrites it when told, and then writes nothing', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 7 });
    const first = await rig.migrate();
    expect(first.error).toBeUndefined();
    expect(first.targetEdits).toEqual([]);

    const zephyr = rig.simulators.zephyr.store;
    const [handEdited, sourceOnly] = Array.from({ length: 2 }, (_, index) => zephyr.testCases.at(index)) as [
      DatasetTestCase,
      DatasetTestCase,
    ];
    const qtestId = await renameInQTest(rig, handEdited, 'Renamed in qTest by hand');
    editInZephyr(rig, handEdited, 'A precondition written in Zephyr after the migration');
    editInZephyr(rig, sourceOnly, 'Another precondition written in Zephyr after the migration');
    const qtestCase = () => rig.simulators.qtest.store.project(DEFAULT_PROJECT_ID)?.testCases.get(qtestId);

    // Keep (the default): the case edited on both sides is not written; the other one is.
    for (const attempt of [1, 2]) {
      const before = casePuts(rig);
      const kept = await rig.migrate();
      expect(kept.error, `run ${attempt}`).toBeUndefined();
      expect(casePuts(rig) - before).toBe(attempt === 1 ? 1 : 0);
      expect(kept.load['test-case']?.updated).toBe(attempt === 1 ? 1 : 0);
      expect(kept.targetEdited).toEqual({ 'test-case': { kept: 1, overwritten: 0 } });
      expect(kept.targetEdits).toEqual([
        {
          entityType: 'test-case',
          sourceId: sortableKey(handEdited.key),
          targetId: String(qtestId),
          label: expect.stringContaining(handEdited.key),
          action: 'kept',
          differences: [expect.stringMatching(/^name: /)],
        },
      ]);
      expect(qtestCase()?.name).toBe('Renamed in qTest by hand');
      const report = await buildMigrationReport(rig.store, {
        projectKey: rig.simulators.dataset.project.key,
      });
      expect(report.targetEdits).toEqual(kept.targetEdits);
      // Validate names it as differing from both the source and what ztoq wrote.
      expect(kept.differences.filter((difference) => difference.editedInTarget)).toEqual([
        expect.objectContaining({ entityType: 'test-case', sourceId: sortableKey(handEdited.key) }),
      ]);
    }

    const before = casePuts(rig);
    const overwritten = await rig.migrate({ onTargetEdit: 'overwrite' });
    expect(overwritten.error).toBeUndefined();
    expect(casePuts(rig) - before).toBe(1);
    expect(overwritten.load['test-case']?.updated).toBe(1);
    expect(overwritten.targetEdited).toEqual({ 'test-case': { kept: 0, overwritten: 1 } });
    expect(overwritten.targetEdits.map((edit) => [edit.sourceId, edit.action])).toEqual([
      [sortableKey(handEdited.key), 'overwritten'],
    ]);
    expect(qtestCase()?.name).toBe(handEdited.name);
    expect(differencesAfterMigration(rig, undefined, 'current')).toEqual([]);
    expect(overwritten.differences).toEqual([]);

    const last = await rig.migrate();
    expect(casePuts(rig)).toBe(before + 1);
    expect(last.targetEdits).toEqual([]);
    expect(last.differences).toEqual([]);
  }, 300_000);
});
