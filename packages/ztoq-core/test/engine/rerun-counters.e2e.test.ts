import { DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { describe, expect, it } from 'vitest';
import { buildMigrationReport, jsonNotifier, migrationStatus } from '../../src/index.js';
import { rigPerTest } from './support/migration-rig.js';
import { editAfterMigration } from './support/zephyr-edits.js';

const rigs = rigPerTest();

interface JsonNotice {
  kind: string;
  facts: Array<{ label: string; value: string }>;
}

/** `test-case 1, module 1` as the notifiers word a per-type count, for the types with any. */
function named(counts: Record<string, number>): string {
  const entries = Object.entries(counts).filter(([, count]) => count > 0);
  return entries.length > 0 ? entries.map(([type, count]) => `${type} ${count}`).join(', ') : 'none';
}

describe('the counters of a re-run after edits in Zephyr', () => {
  it('the plan foretells what the re-run does; the result, notice, report and status count it alike', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 5 });
    const projectKey = rig.simulators.dataset.project.key;
    const first = await rig.migrate();
    expect(first.error).toBeUndefined();

    const { renamed, deleted, deletedExecutions, caseCount } = editAfterMigration(
      rig.simulators.zephyr.store,
    );
    expect(deletedExecutions).toBeGreaterThan(0);

    const plan = await rig.migrate({ dryRun: true });
    expect(plan.error).toBeUndefined();
    expect(plan.plan?.['test-case']).toEqual({
      planned: caseCount,
      wouldCreate: 1,
      wouldUpdate: 1,
      unchanged: caseCount - 2,
      removedInSource: 1,
    });
    expect(plan.plan?.module).toMatchObject({ wouldCreate: 0, wouldUpdate: 1 });
    // Every execution is one qTest log: those of the deleted case are gone from the source.
    expect(plan.plan?.['test-log']?.removedInSource).toBe(deletedExecutions);

    const lines: string[] = [];
    const second = await rig.migration({}, [jsonNotifier({ write: (line) => lines.push(line) })]).run();
    expect(second.error).toBeUndefined();
    expect(second.migrationId).not.toBe(first.migrationId);
    // What the dry run said, type by type, is what the run then did.
    for (const [type, counts] of Object.entries(second.load)) {
      expect(plan.plan?.[type], type).toEqual({
        planned: counts.planned,
        wouldCreate: counts.created + counts.adopted,
        wouldUpdate: counts.updated,
        unchanged: counts.unchanged,
        removedInSource: second.removedInSource[type] ?? 0,
      });
    }
    expect(second.removedInSource['test-case']).toBe(1);
    expect(second.removedInSource['test-log']).toBe(deletedExecutions);

    const finished = lines
      .map((line) => JSON.parse(line) as JsonNotice)
      .find((notice) => notice.kind === 'run-finished');
    const fact = (label: string) => finished?.facts.find((candidate) => candidate.label === label)?.value;
    const perType = (field: 'created' | 'updated' | 'unchanged') =>
      Object.fromEntries(Object.entries(second.load).map(([type, counts]) => [type, counts[field]]));
    expect(fact('Created')).toBe(named(perType('created')));
    expect(fact('Created')).toContain('test-case 1');
    expect(fact('Updated')).toBe(named(perType('updated')));
    expect(fact('Updated')).toMatch(/(^|, )module 1(, |$)/);
    expect(fact('Updated')).toMatch(/(^|, )test-case 1(, |$)/);
    expect(fact('Unchanged')).toBe(named(perType('unchanged')));
    expect(fact('Unchanged')).toContain(`test-case ${caseCount - 2}`);
    expect(fact('Removed in source')).toBe(named(second.removedInSource));
    expect(fact('Removed in source')).toContain('test-case 1');

    const report = await buildMigrationReport(rig.store, { projectKey });
    expect(report.migrationId).toBe(second.migrationId);
    const row = (type: string) => report.entities.find((candidate) => candidate.type === type);
    expect(row('test-case')).toMatchObject({
      created: 1,
      updated: 1,
      unchanged: caseCount - 2,
      removedInSource: 1,
    });
    expect(row('module')).toMatchObject({ created: 0, updated: 1, removedInSource: 0 });
    for (const [type, counts] of Object.entries(second.load)) {
      expect(row(type), type).toMatchObject({
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        removedInSource: second.removedInSource[type] ?? 0,
      });
    }
    const removedCase = report.removedInSource.filter((entity) => entity.type === 'test-case');
    expect(removedCase).toHaveLength(1);
    expect(removedCase[0]).toMatchObject({ sourceKey: deleted.key });
    expect(removedCase[0]?.label).toContain(deleted.name);
    expect(removedCase[0]?.targetId).toMatch(/^\d+$/);
    expect(Date.parse(removedCase[0]?.removedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first.finishedAt));
    expect(report.removedInSource.filter((entity) => entity.type === 'test-log')).toHaveLength(
      deletedExecutions,
    );
    expect(report.notices).toContain(
      '1 test case was changed in Zephyr and updated in qTest: each update made a new version of the qTest test case, and earlier versions stay in its history.',
    );
    // And qTest did make one: the renamed case holds a second version.
    const qtestCase = [
      ...(rig.simulators.qtest.store.project(DEFAULT_PROJECT_ID)?.testCases.values() ?? []),
    ].find((candidate) => candidate.name.includes(`${renamed.name} (renamed)`));
    expect(qtestCase?.versions.length).toBe(2);

    const status = await migrationStatus(rig.store, projectKey);
    expect(status.latestLoad?.runId).toBe(second.runId);
    expect(status.load).toEqual(second.load);
    expect(status.removedInSource).toEqual(second.removedInSource);
    expect(status.load['test-case']).toMatchObject({ created: 1, updated: 1, unchanged: caseCount - 2 });
  }, 300_000);
});
