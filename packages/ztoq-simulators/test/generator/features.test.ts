import { describe, expect, it } from 'vitest';
import type { DatasetSize, DatasetTestCase, FolderType } from '../../src/dataset/zephyr-dataset.js';
import { CUSTOM_FIELDS, type CustomFieldDefinition, generateDataset } from '../../src/generator/index.js';
import {
  all,
  CJK,
  DATE,
  EMOJI,
  executionsByCycleItem,
  folderDepth,
  RTL,
  stepsOf,
  testCasesAndOlderVersions,
} from './dataset-scan.js';

/**
 * Every feature the issue lists, asserted one by one. They must hold for every seed, not by
 * luck, so tiny is checked under several seeds and demo under one.
 */
const cases: readonly { size: DatasetSize; seed: number }[] = [
  { size: 'tiny', seed: 1 },
  { size: 'tiny', seed: 2 },
  { size: 'tiny', seed: 987_654_321 },
  { size: 'tiny', seed: -5 },
  { size: 'small', seed: 5 },
  { size: 'demo', seed: 7 },
];

it.each(['testCase', 'testCycle', 'testPlan', 'testExecution'] as const)(
  'defines a %s custom field of every Zephyr kind',
  (entity) => {
    expect(new Set(CUSTOM_FIELDS[entity].map((field) => field.kind))).toEqual(
      new Set([
        'singleLineText',
        'multiLineText',
        'number',
        'decimal',
        'checkbox',
        'date',
        'singleSelect',
        'multiSelect',
        'user',
      ]),
    );
  },
);

describe.each(cases)('$size data set, seed $seed, has every feature of the issue', ({ size, seed }) => {
  const dataset = generateDataset({ seed, size });
  const testCases = all(dataset.testCases);
  const executions = all(dataset.testExecutions);
  const statusName = (id: number) => dataset.statuses.find((status) => status.id === id)?.name;
  const stepTexts = testCases
    .flatMap(stepsOf)
    .flatMap((step) =>
      step.kind === 'inline'
        ? [step.description, step.testData, step.expectedResult].filter((text) => text !== undefined)
        : [],
    );
  const objectives = testCases.flatMap((testCase) =>
    testCase.objective === undefined ? [] : [testCase.objective],
  );

  it.each<FolderType>(['TEST_CASE', 'TEST_CYCLE', 'TEST_PLAN'])(
    'nests %s folders at least 6 deep',
    (folderType) => {
      const depths = dataset.folders
        .filter((folder) => folder.folderType === folderType)
        .map((folder) => folderDepth(dataset.folders, folder.id));
      expect(Math.max(...depths)).toBeGreaterThanOrEqual(6);
    },
  );

  it.each([
    ['names', testCases.map((testCase) => testCase.name)],
    ['objectives', objectives],
    ['steps', stepTexts],
  ])('writes CJK, right-to-left and emoji text in %s', (_, texts) => {
    expect(texts.some((text) => CJK.test(text))).toBe(true);
    expect(texts.some((text) => RTL.test(text))).toBe(true);
    expect(texts.some((text) => EMOJI.test(text))).toBe(true);
  });

  it('uses every rich-HTML construct in objectives, preconditions and steps', () => {
    const html = [
      ...objectives,
      ...testCases.map((testCase) => testCase.precondition ?? ''),
      ...stepTexts,
    ].join('\n');
    for (const construct of [
      '<b>',
      '<i>',
      '<ul><li>',
      '<a href="',
      '<br>',
      '<img src="',
      '<table>',
      '&amp;',
    ]) {
      expect(html, construct).toContain(construct);
    }
  });

  it('has a hostile name that reports must escape', () => {
    expect(testCases.map((testCase) => testCase.name)).toContain('<script>alert(1)</script>');
  });

  it('has names at exactly the 255-character limit, counted in UTF-16 units and in code points alike', () => {
    const longest = testCases.filter((testCase) => testCase.name.length === 255);
    expect(longest.length).toBeGreaterThan(0);
    for (const testCase of longest) expect([...testCase.name]).toHaveLength(255);
    expect(dataset.folders.some((folder) => folder.name.length === 255)).toBe(true);
  });

  it('has cases with no steps, exactly one page of 100 steps and more than one page', () => {
    const stepCounts = testCases.map((testCase) => stepsOf(testCase).length);
    expect(stepCounts).toContain(0);
    expect(stepCounts).toContain(100);
    expect(Math.max(...stepCounts)).toBeGreaterThanOrEqual(101);
    expect(Math.max(...stepCounts)).toBeLessThanOrEqual(150);
  });

  it('has call-to-test steps with parameters of both types', () => {
    const parameters = testCases
      .flatMap(stepsOf)
      .flatMap((step) => (step.kind === 'call' ? step.parameters : []));
    expect(parameters.map((parameter) => parameter.type)).toEqual(
      expect.arrayContaining(['MANUAL_INPUT', 'DEFAULT_VALUE']),
    );
  });

  it('has plain and BDD scripts and cases with no content', () => {
    const kinds = testCases.map((testCase) => testCase.content.kind);
    expect(kinds).toEqual(expect.arrayContaining(['steps', 'plain', 'bdd', 'none']));
    const bdd = testCases.find((testCase) => testCase.content.kind === 'bdd');
    expect(bdd?.content.kind === 'bdd' && bdd.content.text).toMatch(/^Given .*\nWhen .*\nThen /ms);
  });

  it.each([
    ['testCase', testCases.map((testCase) => testCase.customFields)],
    [
      'testStep',
      testCases
        .flatMap(stepsOf)
        .flatMap((step) => (step.kind === 'inline' && step.customFields ? [step.customFields] : [])),
    ],
    ['testCycle', dataset.testCycles.map((cycle) => cycle.customFields)],
    ['testPlan', dataset.testPlans.map((plan) => plan.customFields)],
    ['testExecution', executions.map((execution) => execution.customFields)],
  ] as const)('gives every %s custom field a value somewhere, in the spec encodings', (entity, valueSets) => {
    const names = CUSTOM_FIELDS[entity].map((field) => field.name);
    for (const values of valueSets) expect(Object.keys(values).sort()).toEqual([...names].sort());
    for (const field of CUSTOM_FIELDS[entity]) {
      const values = valueSets.map((values) => values[field.name]).filter((value) => value !== null);
      expect(values.length, field.name).toBeGreaterThan(0);
      for (const value of values) {
        expect(isEncodedAs(field, value, dataset.users), `${field.name}: ${String(value)}`).toBe(true);
      }
    }
  });

  it('has labels, components, owners, issue links and web links on test cases', () => {
    expect(testCases.some((testCase) => testCase.labels.length > 0)).toBe(true);
    expect(testCases.some((testCase) => testCase.componentId !== undefined)).toBe(true);
    expect(testCases.some((testCase) => testCase.ownerAccountId !== undefined)).toBe(true);
    expect(testCases.some((testCase) => testCase.issueLinks.length > 0)).toBe(true);
    expect(testCases.some((testCase) => testCase.webLinks.length > 0)).toBe(true);
  });

  it('keeps several versions of a case, each older one with content of its own', () => {
    const versioned = testCases.filter((testCase) => testCase.version >= 3);
    expect(versioned.length).toBeGreaterThan(0);
    for (const latest of versioned) {
      const versions = Array.from({ length: latest.version }, (_, older) =>
        dataset.testCaseVersion(latest.key, older + 1),
      );
      expect(versions.map((version) => version?.version)).toEqual(
        Array.from({ length: latest.version }, (_, v) => v + 1),
      );
      expect(versions.at(-1)).toEqual(latest);
      const contents = versions.map((version) => JSON.stringify([version?.objective, version?.content]));
      expect(new Set(contents).size).toBe(latest.version);
    }
  });

  it('puts cycles in nested folders, one cycle in several plans and one in none', () => {
    const deepCycle = dataset.testCycles.find(
      (cycle) => cycle.folderId !== undefined && folderDepth(dataset.folders, cycle.folderId) >= 6,
    );
    expect(deepCycle).toBeDefined();
    expect(dataset.testCycles.some((cycle) => cycle.testPlanIds.length >= 2)).toBe(true);
    expect(dataset.testCycles.some((cycle) => cycle.testPlanIds.length === 0)).toBe(true);
  });

  it('has executions with environments, step results, comments and executors', () => {
    expect(executions.some((execution) => execution.environmentId !== undefined)).toBe(true);
    expect(executions.some((execution) => execution.stepResults.length > 0)).toBe(true);
    expect(executions.some((execution) => execution.stepResults.length > 100)).toBe(true);
    expect(executions.some((execution) => execution.comment !== undefined)).toBe(true);
    expect(executions.some((execution) => execution.executedById !== undefined)).toBe(true);
    expect(executions.some((execution) => execution.issueLinks.length > 0)).toBe(true);
  });

  it('runs one case several times in one cycle, on different versions', () => {
    const reruns = [...executionsByCycleItem(executions).values()].filter((runs) => runs.length >= 2);
    expect(reruns.length).toBeGreaterThan(0);
    expect(reruns.some((runs) => new Set(runs.map((run) => run.testCaseVersion)).size > 1)).toBe(true);
  });

  it('has ad-hoc executions outside any cycle', () => {
    expect(executions.some((execution) => execution.testCycleId === undefined)).toBe(true);
  });

  it('has executions not run yet: Not Executed, no end date, no executor', () => {
    const waiting = executions.filter((execution) => statusName(execution.statusId) === 'Not Executed');
    expect(waiting.length).toBeGreaterThan(0);
    for (const execution of waiting) {
      expect(execution.actualEndDate).toBeUndefined();
      expect(execution.executedById).toBeUndefined();
    }
  });

  it('uses every execution status, the custom one included', () => {
    const used = new Set(executions.map((execution) => statusName(execution.statusId)));
    expect([...used].sort()).toEqual(['Blocked', 'Fail', 'In Progress', 'Not Executed', 'Pass', 'Retest']);
  });

  it('has a test case with only the required fields', () => {
    const sparse = testCasesAndOlderVersions(dataset).filter(
      (testCase: DatasetTestCase) =>
        testCase.objective === undefined &&
        testCase.ownerAccountId === undefined &&
        testCase.labels.length === 0 &&
        Object.values(testCase.customFields).every((value) => value === null),
    );
    expect(sparse.length).toBeGreaterThan(0);
  });
});

function isEncodedAs(
  field: CustomFieldDefinition,
  value: unknown,
  users: readonly { accountId: string }[],
): boolean {
  switch (field.kind) {
    case 'singleLineText':
      return typeof value === 'string' && value.length > 0 && !value.includes('<br>');
    case 'multiLineText':
      return typeof value === 'string' && value.includes('<br>');
    case 'number':
      return Number.isInteger(value);
    case 'decimal':
      return typeof value === 'number' && !Number.isInteger(value);
    case 'checkbox':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && DATE.test(value);
    case 'singleSelect':
      return typeof value === 'string' && (field.options ?? []).includes(value);
    case 'multiSelect':
      return (
        Array.isArray(value) && value.length > 0 && value.every((option) => field.options?.includes(option))
      );
    case 'user':
      return users.some((user) => user.accountId === value);
  }
}
