import { describe, expect, it } from 'vitest';
import type { DatasetSize, StatusType } from '../../src/dataset/zephyr-dataset.js';
import { generateDataset } from '../../src/generator/index.js';
import {
  ACCOUNT_ID,
  all,
  DATE_TIME,
  expectedStepTexts,
  stepsOf,
  testCasesAndOlderVersions,
} from './dataset-scan.js';

/** Every reference resolves, every key and id follows Zephyr's rules, and executions match the cases they ran. */
describe.each<{ size: DatasetSize; seed: number; projectKey: string }>([
  { size: 'tiny', seed: 11, projectKey: 'DEMO' },
  { size: 'small', seed: 13, projectKey: 'TEAM' },
  { size: 'demo', seed: 12, projectKey: 'SHOP_2' },
])('$size data set is internally consistent', ({ size, seed, projectKey }) => {
  const dataset = generateDataset({ seed, size, projectKey });
  const testCases = all(dataset.testCases);
  const allVersions = testCasesAndOlderVersions(dataset);
  const executions = all(dataset.testExecutions);
  const statusType = new Map(dataset.statuses.map((status) => [status.id, status.statusType]));
  const statusName = new Map(dataset.statuses.map((status) => [status.id, status.name]));
  const folderType = new Map(dataset.folders.map((folder) => [folder.id, folder.folderType]));
  const accountIds = new Set(dataset.users.map((user) => user.accountId));
  const ofStatusType = (id: number, type: StatusType) => statusType.get(id) === type;

  it('numbers keys from 1 in index order, with the project key and the entity letter', () => {
    expect(dataset.project.key).toBe(projectKey);
    expect(testCases.map((testCase) => testCase.key)).toEqual(
      testCases.map((_, index) => `${projectKey}-T${index + 1}`),
    );
    expect(dataset.testCycles.map((cycle) => cycle.key)).toEqual(
      dataset.testCycles.map((_, index) => `${projectKey}-R${index + 1}`),
    );
    expect(dataset.testPlans.map((plan) => plan.key)).toEqual(
      dataset.testPlans.map((_, index) => `${projectKey}-P${index + 1}`),
    );
    expect(executions.map((execution) => execution.key)).toEqual(
      executions.map((_, index) => `${projectKey}-E${index + 1}`),
    );
  });

  it('gives every entity a unique id, executions in ascending id order', () => {
    for (const ids of [
      dataset.folders.map((folder) => folder.id),
      dataset.statuses.map((status) => status.id),
      testCases.map((testCase) => testCase.id),
      dataset.testCycles.map((cycle) => cycle.id),
      dataset.testPlans.map((plan) => plan.id),
      executions.map((execution) => execution.id),
    ]) {
      expect(new Set(ids).size).toBe(ids.length);
    }
    const executionIds = executions.map((execution) => execution.id);
    expect(executionIds).toEqual([...executionIds].sort((a, b) => a - b));
    const linkIds = [...testCases, ...dataset.testCycles, ...dataset.testPlans, ...executions].flatMap(
      (item) => [
        ...item.issueLinks.map((link) => link.id),
        ...('webLinks' in item ? item.webLinks.map((link) => link.id) : []),
      ],
    );
    expect(new Set(linkIds).size).toBe(linkIds.length);
  });

  it('builds three folder trees whose parents exist, are of the same type, with unique sibling order and names', () => {
    const siblings = new Map<string, { indexes: number[]; names: string[] }>();
    for (const folder of dataset.folders) {
      if (folder.parentId !== null) expect(folderType.get(folder.parentId)).toBe(folder.folderType);
      expect(folder.name.length).toBeGreaterThanOrEqual(1);
      expect(folder.name.length).toBeLessThanOrEqual(255);
      const group = siblings.get(`${folder.folderType}/${folder.parentId}`) ?? { indexes: [], names: [] };
      group.indexes.push(folder.index);
      group.names.push(folder.name);
      siblings.set(`${folder.folderType}/${folder.parentId}`, group);
    }
    for (const { indexes, names } of siblings.values()) {
      expect(indexes).toEqual(indexes.map((_, position) => position));
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('names statuses, priorities and environments within 1..255 characters, one default each', () => {
    for (const named of [...dataset.statuses, ...dataset.priorities, ...dataset.environments]) {
      expect(named.name.length).toBeGreaterThanOrEqual(1);
      expect(named.name.length).toBeLessThanOrEqual(255);
    }
    for (const type of ['TEST_CASE', 'TEST_CYCLE', 'TEST_PLAN', 'TEST_EXECUTION'] as const) {
      expect(dataset.statuses.filter((status) => status.statusType === type && status.default)).toHaveLength(
        1,
      );
    }
    expect(
      dataset.priorities.filter((priority) => priority.default).map((priority) => priority.name),
    ).toEqual(['Normal']);
  });

  it('refers from test cases to folders, statuses, priorities and users that exist and fit', () => {
    const priorityIds = new Set(dataset.priorities.map((priority) => priority.id));
    for (const testCase of allVersions) {
      expect(testCase.name.length).toBeGreaterThanOrEqual(1);
      expect(testCase.name.length).toBeLessThanOrEqual(255);
      if (testCase.folderId !== undefined) expect(folderType.get(testCase.folderId)).toBe('TEST_CASE');
      expect(ofStatusType(testCase.statusId, 'TEST_CASE')).toBe(true);
      expect(priorityIds.has(testCase.priorityId)).toBe(true);
      if (testCase.ownerAccountId !== undefined) expect(accountIds.has(testCase.ownerAccountId)).toBe(true);
      expect(testCase.createdOn).toMatch(DATE_TIME);
      if (testCase.content.kind === 'plain' || testCase.content.kind === 'bdd') {
        expect(testCase.content.text.length).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('calls only lower-numbered cases that have inline steps only, never themselves', () => {
    for (const testCase of allVersions) {
      for (const step of stepsOf(testCase)) {
        if (step.kind !== 'call') continue;
        const callee = dataset.testCaseIndex(step.testCaseKey);
        const caller = dataset.testCaseIndex(testCase.key);
        expect(callee).toBeDefined();
        expect(callee!).toBeLessThan(caller!);
        expect(
          stepsOf(dataset.testCases.at(callee!)).every((calleeStep) => calleeStep.kind === 'inline'),
        ).toBe(true);
        expect(stepsOf(dataset.testCases.at(callee!)).length).toBeGreaterThan(0);
      }
    }
  });

  it('refers from cycles and plans to folders, statuses and users that exist and fit', () => {
    for (const cycle of dataset.testCycles) {
      if (cycle.folderId !== undefined) expect(folderType.get(cycle.folderId)).toBe('TEST_CYCLE');
      expect(ofStatusType(cycle.statusId, 'TEST_CYCLE')).toBe(true);
      if (cycle.ownerAccountId !== undefined) expect(accountIds.has(cycle.ownerAccountId)).toBe(true);
      for (const date of [cycle.plannedStartDate, cycle.plannedEndDate])
        if (date) expect(date).toMatch(DATE_TIME);
    }
    for (const plan of dataset.testPlans) {
      if (plan.folderId !== undefined) expect(folderType.get(plan.folderId)).toBe('TEST_PLAN');
      expect(ofStatusType(plan.statusId, 'TEST_PLAN')).toBe(true);
      if (plan.ownerAccountId !== undefined) expect(accountIds.has(plan.ownerAccountId)).toBe(true);
    }
  });

  it('links plans and cycles symmetrically', () => {
    const fromPlans = dataset.testPlans.flatMap((plan) =>
      plan.testCycleIds.map((cycleId) => `${plan.id}-${cycleId}`),
    );
    const fromCycles = dataset.testCycles.flatMap((cycle) =>
      cycle.testPlanIds.map((planId) => `${planId}-${cycle.id}`),
    );
    expect(fromCycles.sort()).toEqual(fromPlans.sort());
    expect(fromPlans.length).toBeGreaterThan(0);
  });

  it('runs executions against cases, versions, cycles, environments and statuses that exist', () => {
    const cycleIds = new Set(dataset.testCycles.map((cycle) => cycle.id));
    const environmentIds = new Set(dataset.environments.map((environment) => environment.id));
    for (const execution of executions) {
      const ran = dataset.testCaseVersion(execution.testCaseKey, execution.testCaseVersion);
      expect(
        ran,
        `${execution.key} ran ${execution.testCaseKey} v${execution.testCaseVersion}`,
      ).toBeDefined();
      if (execution.testCycleId !== undefined) expect(cycleIds.has(execution.testCycleId)).toBe(true);
      if (execution.environmentId !== undefined)
        expect(environmentIds.has(execution.environmentId)).toBe(true);
      expect(ofStatusType(execution.statusId, 'TEST_EXECUTION')).toBe(true);
      for (const result of execution.stepResults)
        expect(ofStatusType(result.statusId, 'TEST_EXECUTION')).toBe(true);
      for (const accountId of [execution.executedById, execution.assignedToId]) {
        if (accountId !== undefined) expect(accountIds.has(accountId)).toBe(true);
      }
    }
  });

  it('has one step result per step of the version run, call-to-test steps expanded, texts copied', () => {
    for (const execution of executions) {
      const expected = expectedStepTexts(dataset, execution.testCaseKey, execution.testCaseVersion);
      expect(execution.stepResults, execution.key).toHaveLength(expected.length);
      execution.stepResults.forEach((result, position) => {
        expect(result.description).toBe(expected[position]?.description);
        expect(result.expectedResult).toBe(expected[position]?.expectedResult);
      });
    }
  });

  it('dates executions that ran, after the version they ran was written; leaves waiting ones undated', () => {
    for (const execution of executions) {
      const notRun = statusName.get(execution.statusId) === 'Not Executed';
      expect(execution.actualEndDate === undefined, execution.key).toBe(notRun);
      expect(execution.executedById === undefined, execution.key).toBe(notRun);
      if (execution.actualEndDate === undefined) continue;
      expect(execution.actualEndDate).toMatch(DATE_TIME);
      const ran = dataset.testCaseVersion(execution.testCaseKey, execution.testCaseVersion);
      expect(execution.actualEndDate > (ran?.createdOn ?? '')).toBe(true);
    }
  });

  it('orders the runs of one case in one cycle: later ids end later and ran the same or a later version', () => {
    const runsOf = new Map<string, typeof executions>();
    for (const execution of executions) {
      if (execution.testCycleId === undefined) continue;
      const item = `${execution.testCycleId}/${execution.testCaseKey}`;
      runsOf.set(item, [...(runsOf.get(item) ?? []), execution]);
    }
    for (const runs of runsOf.values()) {
      for (let run = 1; run < runs.length; run++) {
        expect(runs[run]!.actualEndDate! > runs[run - 1]!.actualEndDate!).toBe(true);
        expect(runs[run]!.testCaseVersion).toBeGreaterThanOrEqual(runs[run - 1]!.testCaseVersion);
      }
    }
  });

  it('uses valid Atlassian account ids and unique emails', () => {
    for (const user of dataset.users) expect(user.accountId).toMatch(ACCOUNT_ID);
    expect(new Set(dataset.users.map((user) => user.accountId)).size).toBe(dataset.users.length);
    expect(new Set(dataset.users.map((user) => user.email)).size).toBe(dataset.users.length);
  });

  it('answers the lookups as a scan of the items would', () => {
    for (const [index, testCase] of testCases.entries()) {
      expect(dataset.testCaseIndex(testCase.key)).toBe(index);
      const expected = executions.flatMap((execution, at) =>
        execution.testCaseKey === testCase.key ? [at] : [],
      );
      expect(dataset.executionsOfTestCase(testCase.key)).toEqual(expected);
    }
    for (const cycle of dataset.testCycles) {
      const expected = executions.flatMap((execution, at) =>
        execution.testCycleId === cycle.id ? [at] : [],
      );
      expect(dataset.executionsOfCycle(cycle.id)).toEqual(expected);
    }
    expect(dataset.testCaseIndex(`${projectKey}-T0`)).toBeUndefined();
    expect(dataset.testCaseIndex(`${projectKey}-T${testCases.length + 1}`)).toBeUndefined();
  });
});
